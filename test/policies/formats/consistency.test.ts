/**
 * Every output of one check run must tell the same story: a reviewer comparing the PR comment,
 * the SARIF alerts, the Azure DevOps test tab, the spreadsheet and the signed HTML report must
 * find the same number of findings, waived findings and blocking findings at the same threshold.
 */
import { FORMATS, formatRun } from '../../../policies/formats';
import { summarise } from '../../../policies/formats/summary';
import { renderReport } from '../../../policies/report/render';
import { SEVERITIES, type CheckRun, type Finding, type Severity } from '../../../policies/types';
import { assertWellFormed, loadRun, parseCsv } from './fixtures';

/** A finding whose text carries everything an attacker-controlled config value could. */
const HOSTILE: Finding = {
  ruleId: 'BL-TAG-001',
  severity: 'medium',
  outcome: 'fail',
  stack: 'kent',
  address: 'azurerm_resource_group.Rg_`|x|`',
  message:
    'tag "=cmd|\' /C calc\'!A0" has `code` | pipes, a bell \u0007, an escape \u001b[31m, <script>alert(1)</script> and\r\na second line',
};

const run: CheckRun = { ...loadRun('estate'), findings: [...loadRun('estate').findings, HOSTILE] };

interface Counts {
  findings: number;
  waived: number;
  blocking: number;
}

function fromText(text: string): Counts {
  const rows = text.split('\n').filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW) /.test(l));
  const status = (l: string) => l.split(/\s{2,}/)[1];
  return {
    findings: rows.length,
    waived: rows.filter((l) => status(l) === 'WAIVED').length,
    blocking: rows.filter((l) => ['FAIL', 'UNKNOWN'].includes(status(l))).length,
  };
}

function fromJson(text: string): Counts {
  const json = JSON.parse(text);
  expect(json.findings).toHaveLength(json.summary.findings);
  return { findings: json.findings.length, waived: json.summary.waived, blocking: json.summary.blocking };
}

function fromSarif(text: string): { findings: number; waived: number } {
  const results = JSON.parse(text).runs[0].results as { suppressions?: unknown[] }[];
  return { findings: results.length, waived: results.filter((r) => r.suppressions?.length).length };
}

function fromJunit(text: string, stacksWithoutFindings: number): Counts {
  assertWellFormed(text);
  const attr = (name: string) => Number(new RegExp(`<testsuites [^>]*\\b${name}="(\\d+)"`).exec(text)![1]);
  return {
    findings: attr('tests') - stacksWithoutFindings,
    waived: (text.match(/<skipped message="waived \(/g) ?? []).length,
    blocking: attr('failures'),
  };
}

function fromCsv(text: string): Counts {
  const [header, ...rows] = parseCsv(text);
  const status = header.indexOf('status');
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  return {
    findings: rows.length,
    waived: rows.filter((r) => r[status] === 'waived').length,
    blocking: rows.filter((r) => r[status] === 'blocking').length,
  };
}

function fromMarkdown(text: string, threshold: Severity): Counts & { bySeverity: Record<string, [number, number]> } {
  const open = Number(/### Unwaived findings \((\d+)\)/.exec(text)?.[1] ?? 0);
  const waived = Number(/Waived findings \((\d+)\)/.exec(text)?.[1] ?? 0);
  const rows = text
    .split('\n')
    .filter((l) => /^\| (Critical|High|Medium|Low)( \(unknown\))?( \(below threshold\))? \| `/.test(l));
  const bySeverity = Object.fromEntries(
    text.split('\n').flatMap((l) => {
      const m = /^\| (Critical|High|Medium|Low) \| (\d+) \| (\d+) \|$/.exec(l);
      return m ? [[m[1].toLowerCase(), [Number(m[2]), Number(m[3])] as [number, number]]] : [];
    }),
  );
  expect(rows).toHaveLength(open);
  expect(text).toContain(`Threshold **${threshold}**`);
  return {
    findings: open + waived,
    waived,
    blocking: rows.filter((r) => !r.includes('(below threshold)')).length,
    bySeverity,
  };
}

function fromHtml(index: string): Counts & { bySeverity: Record<string, [number, number]> } {
  const count = (key: string) => Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(index)![1]);
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, [count(`${s}-open`), count(`${s}-waived`)] as [number, number]]),
  );
  const open = SEVERITIES.reduce((n, s) => n + bySeverity[s][0], 0);
  return { findings: open + count('waived'), waived: count('waived'), blocking: count('blocking'), bySeverity };
}

describe.each(SEVERITIES)('every output agrees with the others at threshold %s', (threshold) => {
  const summary = summarise(run, threshold);
  const expected: Counts = { findings: summary.findings, waived: summary.waived, blocking: summary.blocking };
  const expectedBySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, [summary.bySeverity[s].open, summary.bySeverity[s].waived]]),
  );
  const rendered = Object.fromEntries(FORMATS.map((f) => [f, formatRun(run, f, threshold)])) as Record<
    (typeof FORMATS)[number],
    string
  >;
  const stacksWithoutFindings = run.stacks.filter((s) => !run.findings.some((f) => f.stack === s.name)).length;

  it('has the counts the run summary has, in text, JSON, JUnit and CSV', () => {
    expect(expected.findings).toBe(run.findings.length);
    expect(fromText(rendered.text)).toEqual(expected);
    expect(fromJson(rendered.json)).toEqual(expected);
    expect(fromJunit(rendered.junit, stacksWithoutFindings)).toEqual(expected);
    expect(fromCsv(rendered.csv)).toEqual(expected);
  });

  it('has every finding in the full SARIF, waived ones as suppressions, and the unwaived ones in the upload SARIF', () => {
    expect(fromSarif(rendered['sarif-full'])).toEqual({ findings: expected.findings, waived: expected.waived });
    expect(fromSarif(rendered.sarif)).toEqual({ findings: expected.findings - expected.waived, waived: 0 });
  });

  it('has the same counts, by severity too, in the Markdown comment and the HTML report', () => {
    const md = fromMarkdown(rendered.markdown, threshold);
    expect({ findings: md.findings, waived: md.waived, blocking: md.blocking }).toEqual(expected);
    expect(md.bySeverity).toEqual(expectedBySeverity);
    const html = fromHtml(renderReport(run, { threshold })[0].content);
    expect({ findings: html.findings, waived: html.waived, blocking: html.blocking }).toEqual(expected);
    expect(html.bySeverity).toEqual(expectedBySeverity);
  });

  it('agrees on the verdict everywhere', () => {
    const verdict = summary.verdict === 'pass' ? 'PASS' : 'FAIL';
    expect(JSON.parse(rendered.json).summary.verdict).toBe(summary.verdict);
    expect(rendered.text.trimEnd().split('\n').pop()).toContain(`${verdict} at threshold ${threshold}`);
    expect(rendered.markdown.split('\n')[0]).toContain(verdict);
    expect(renderReport(run, { threshold })[0].content).toContain(`data-verdict="${summary.verdict}"`);
    expect(Number(/failures="(\d+)"/.exec(rendered.junit)![1]) > 0).toBe(summary.verdict === 'fail');
  });
});

describe('a hostile finding stays inert in every output', () => {
  const out = Object.fromEntries(FORMATS.map((f) => [f, formatRun(run, f, 'low')])) as Record<
    (typeof FORMATS)[number],
    string
  >;

  it('keeps control characters out of the text, JUnit, Markdown and CSV outputs', () => {
    for (const format of ['text', 'junit', 'markdown', 'csv'] as const) {
      for (const control of ['\u0007', '\u001b']) expect(out[format]).not.toContain(control);
    }
  });

  it('keeps the hostile finding on one row of the text table and the Markdown table', () => {
    expect(out.text.split('\n').filter((l) => l.includes('azurerm_resource_group.Rg_'))).toHaveLength(1);
    const row = out.markdown.split('\n').find((l) => l.includes('Rg_'))!;
    // Seven cell separators for six cells: no pipe from the message or address opened a new cell.
    expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(7);
  });

  it('neutralises the formula in CSV and the markup in JUnit and HTML', () => {
    const csvRow = parseCsv(out.csv).find((r) => r.some((c) => c.includes('Rg_')))!;
    expect(csvRow.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
    expect(out.junit).not.toContain('<script>');
    for (const file of renderReport(run, { threshold: 'low' })) expect(file.content).not.toContain('<script>');
  });
});
