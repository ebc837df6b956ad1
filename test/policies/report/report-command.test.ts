import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { removeDir, tempEstate } from '../../helpers/estate';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'check-runs', 'estate.json');
const DRIFT = join(__dirname, '..', '..', 'fixtures', 'drift', 'bluelamp-drift.json');

describe('bluelamp report and bluelamp start', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempEstate();
  });
  afterAll(() => removeDir(dir));

  it('renders a saved check run with --from into --out, printing the index path', async () => {
    const r = await runCli(['report', '--from', FIXTURE, '--out', 'review', '--severity', 'critical'], dir);
    expect(r).toMatchObject({ code: 0, stdout: `${join('review', 'index.html')}\n` });
    expect(r.stderr).toContain('FAIL at threshold critical: 1 unwaived finding at or above critical');
    expect(readFileSync(join(dir, 'review', 'stacks', 'kent.html'), 'utf8')).toContain('<h1>Force: kent</h1>');
  });

  it('shows the last drift run from --drift, or from the one drift left in cdktf.out', async () => {
    const given = await runCli(['report', '--from', FIXTURE, '--drift', DRIFT, '--out', 'with-drift', '--quiet'], dir);
    expect(given.code).toBe(0);
    const index = readFileSync(join(dir, 'with-drift', 'index.html'), 'utf8');
    expect(index).toContain('data-drift="drift">2 drifted, 1 security-relevant</span>');
    mkdirSync(join(dir, 'elsewhere', 'cdktf.out'), { recursive: true });
    copyFileSync(DRIFT, join(dir, 'elsewhere', 'cdktf.out', 'bluelamp-drift.json'));
    const found = await runCli(
      ['report', '--from', FIXTURE, '--out', 'found-drift', '--quiet', '--dir', 'elsewhere'],
      dir,
    );
    expect(found.code).toBe(0);
    expect(readFileSync(join(dir, 'elsewhere', 'found-drift', 'index.html'), 'utf8')).toContain(
      '(from <code>cdktf.out/bluelamp-drift.json</code>)',
    );
    const missing = await runCli(['report', '--from', FIXTURE, '--drift', 'nope.json', '--out', 'no-drift'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--drift nope.json: no such file');
    expect(existsSync(join(dir, 'no-drift'))).toBe(false);
  });

  it('refuses wrong usage with exit 2', async () => {
    expect((await runCli(['report', '--severity', 'severe'], dir)).code).toBe(2);
    expect((await runCli(['report', '--from', FIXTURE, '--force', 'alpha'], dir)).stderr).toContain(
      '--from renders a saved check run',
    );
  });

  it('names a missing or malformed --from file and writes no report', async () => {
    const missing = await runCli(['report', '--from', 'nope.json', '--out', 'missing'], dir);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('bluelamp report: --from nope.json: no such file');
    writeFileSync(
      join(dir, 'edited.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE, 'utf8')), findings: [{ ruleId: 'X', severity: 'severe' }] }),
    );
    const edited = await runCli(['report', '--from', 'edited.json', '--out', 'edited'], dir);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/edited\.json: not a check run bluelamp can read: findings\[0\]\.severity/);
    expect(existsSync(join(dir, 'missing')) || existsSync(join(dir, 'edited'))).toBe(false);
  });

  it('runs validate, synth, check and report, ending with one line naming the report; exit code follows the verdict', async () => {
    const r = await runCli(['start', '--quiet'], dir);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^bluelamp: 2 forces valid; 3 stacks, \d+ resources synthesised to cdktf\.out\/; check (PASS|FAIL)[^;]*; [^;]*;? ?report reports\/index\.html \(\d+\.\ds\)$/,
    );
    expect(r.code).toBe(lines[0].includes('check PASS') ? 0 : 1);
    const index = readFileSync(join(dir, 'reports', 'index.html'), 'utf8');
    expect(index).toContain(`data-verdict="${r.code === 0 ? 'pass' : 'fail'}"`);
    for (const stack of ['alpha', 'bravo', 'national'])
      expect(existsSync(join(dir, 'reports', 'stacks', `${stack}.html`))).toBe(true);
  });

  it('reports from the synthesised output when no --from is given', async () => {
    const r = await runCli(['report', '--quiet', '--out', 'again'], dir);
    expect(r).toEqual({ code: 0, stdout: `${join('again', 'index.html')}\n`, stderr: '' });
  });
});
