import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckRun, Finding } from '../../../policies/types';

const DIR = join(__dirname, '..', '..', 'fixtures', 'check-runs');

/** A hand-written CheckRun from test/fixtures/check-runs (the contract with the engine). */
export function loadRun(name: 'estate' | 'clean'): CheckRun {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as CheckRun;
}

/** A run with `count` unwaived findings on one stack, for size limits. */
export function bigRun(count: number): CheckRun {
  const base = loadRun('estate');
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
    ruleId: 'BL-STG-001',
    severity: 'high',
    outcome: 'fail',
    stack: 'essex',
    address: `azurerm_storage_account.Account_${String(i).padStart(5, '0')}`,
    message: `public_network_access_enabled is true on account number ${i} of many, which is a long message to fill space`,
  }));
  return { ...base, findings };
}

/** A minimal RFC 4180 reader, to prove the output round-trips. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** Well-formedness the cheap way: balanced tags, attributes quoted, no bare & or <. */
export function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    expect(text).not.toMatch(/<|&(?!(amp|lt|gt|quot|#39);)/);
    last = tag.lastIndex;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]);
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}
