/**
 * Evidence-sharing agreements in force files: every mistake a force team can make gets
 * file:line:col and the field. The day is pinned (2026-12-01), so nothing here depends on when
 * the suite runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configProblems, FIXTURES, removeDir, tempEstate } from '../helpers/estate';

const CASES_DIR = join(FIXTURES, 'sharing-errors');
const TODAY = '2026-12-01';

const problems = (dir: string, today: string | null = TODAY) => configProblems(dir, { today });

function withCase<T>(name: string, fn: (dir: string) => T): T {
  const dir = tempEstate(join(CASES_DIR, name));
  try {
    return fn(dir);
  } finally {
    removeDir(dir);
  }
}

describe('evidence-sharing agreements in force files', () => {
  it('accepts a valid agreement', () => {
    expect(withCase('valid', (dir) => problems(dir))).toEqual([]);
  });

  const cases = readdirSync(CASES_DIR)
    .filter((n) => n !== 'valid')
    .sort();
  it.each(cases)('%s', (name) => {
    const expected = readFileSync(join(CASES_DIR, name, 'expected.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(withCase(name, (dir) => problems(dir))).toEqual(expected);
  });

  it('judges expiry by the day it is given, and not at all when told to leave dates out (a diff base)', () => {
    expect(withCase('expired', (dir) => problems(dir, '2026-11-30'))).toEqual([]);
    expect(withCase('expired', (dir) => problems(dir, null))).toEqual([]);
  });
});
