/**
 * runCheckInParallel: the stack rules in a child process (dist/policies/check-worker.js), the rest
 * here. The run must be runCheck's own, and a child that fails or answers for other stacks must
 * never change it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, type CheckOptions } from '../../policies/engine';
import { runCheckInParallel } from '../../policies/parallel-check';
import { TEST_SETTINGS } from './harness';

const ESTATE = join(__dirname, '..', 'fixtures', 'policies', 'estate');
const WORKER = join(__dirname, '..', '..', 'dist', 'policies', 'check-worker.js');
const OPTIONS: CheckOptions = { dir: ESTATE, now: new Date('2026-03-01T12:00:00Z'), settings: TEST_SETTINGS };

describe('runCheckInParallel', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bluelamp-parallel-check-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A stand-in worker that answers with `reply` (a JavaScript expression over the request `r`). */
  const fakeWorker = (name: string, reply: string): string => {
    const file = join(scratch, `${name}.js`);
    writeFileSync(file, `process.once('message', (r) => process.send(${reply}, () => process.exit(0)));\n`);
    return file;
  };

  it('gives runCheck’s run, findings and all, with the stack rules run by the child', async () => {
    const notices: string[] = [];
    const parallel = await runCheckInParallel(OPTIONS, {
      workerScript: WORKER,
      fromStacks: 1,
      onNotice: (l) => notices.push(l),
    });
    const alone = runCheck(OPTIONS);
    // The fixture fails stack rules (residency) and waives some: the comparison covers real findings.
    expect(alone.findings.filter((f) => f.stack === 'essex').length).toBeGreaterThan(1);
    expect(alone.findings.some((f) => f.waiver)).toBe(true);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(alone));
    expect(notices).toEqual([]);
  });

  it('uses what the child found for the stack rules', async () => {
    // The child's answer is taken as it is: a finding only it reports shows in the run.
    const marker = `{ ruleId: 'BL-RES-001', severity: 'critical', outcome: 'fail', stack: 'kent', address: 'from.the.child', message: 'x' }`;
    const worker = fakeWorker('marker', `{ kind: 'done', names: ['essex', 'kent'], findings: [${marker}] }`);
    const run = await runCheckInParallel(OPTIONS, { workerScript: worker, fromStacks: 1 });
    expect(run.findings.map((f) => f.address)).toContain('from.the.child');
    expect(run.findings.filter((f) => f.stack === 'essex' && f.ruleId === 'BL-RES-001')).toEqual([]);
  });

  it.each([
    ['answers for other stacks', `{ kind: 'done', names: ['essex'], findings: [] }`, /different set of stacks/],
    ['reports an error', `{ kind: 'error', message: 'no rules today' }`, /no rules today/],
    ['exits without answering', `process.exit(3)`, /stopped \(exit 3\)/],
  ])('runs the stack rules here when the child %s, and says so', async (name, reply, why) => {
    const notices: string[] = [];
    const run = await runCheckInParallel(OPTIONS, {
      workerScript: fakeWorker(name.replace(/\W+/g, '-'), reply),
      fromStacks: 1,
      onNotice: (l) => notices.push(l),
    });
    expect(JSON.stringify(run)).toBe(JSON.stringify(runCheck(OPTIONS)));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(why);
  });

  it('checks in this process below the threshold, and for a plan or the caller’s own rules', async () => {
    // A worker that would fail loudly: never started, so nothing is noticed.
    const worker = fakeWorker('unused', `{ kind: 'error', message: 'should not run' }`);
    const notices: string[] = [];
    const onNotice = (l: string) => notices.push(l);
    await runCheckInParallel(OPTIONS, { workerScript: worker, fromStacks: 3, onNotice });
    await runCheckInParallel({ ...OPTIONS, rules: [] }, { workerScript: worker, fromStacks: 1, onNotice });
    await runCheckInParallel(
      { ...OPTIONS, plan: join(ESTATE, 'plan.json'), forces: ['essex'] },
      { workerScript: worker, fromStacks: 1, onNotice },
    );
    expect(notices).toEqual([]);
  });
});
