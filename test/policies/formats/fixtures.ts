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
