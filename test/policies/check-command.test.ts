import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../../cli/main';
import { listFiles } from '../helpers/estate';

const ESTATE = join(__dirname, '..', 'fixtures', 'policies', 'estate');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ESTATE };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('bluelamp check', () => {
  it('exits 1 when an unwaived finding is at or above the threshold, with a summary on stderr', async () => {
    const { code, stdout, stderr } = await cli(['check', '--severity', 'critical']);
    expect(code).toBe(1);
    expect(stdout).toContain('BL-RES-001');
    expect(stderr).toMatch(/check: 2 stacks, 5 resources, \d+ rules in \d+ ms/);
  });

  it('exits 0 when nothing reaches the threshold', async () => {
    const { code } = await cli(['check', '--force', 'kent', '--severity', 'critical', '--quiet']);
    expect(code).toBe(0);
  });

  it('writes the JSON run to --out and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-check-'));
    try {
      const { stdout } = await cli([
        'check',
        '--force',
        'kent',
        '--format',
        'json',
        '--out',
        join(dir, 'run.json'),
        '--quiet',
      ]);
      expect(stdout).toBe('');
      const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
      expect(run.schemaVersion).toBe(1);
      expect(run.stacks.map((s: { name: string }) => s.name)).toEqual(['kent']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an --out that would overwrite the estate's own files, leaving them untouched", async () => {
    const waiver = join(ESTATE, 'policies', 'waivers', 'essex.yaml');
    const before = readFileSync(waiver, 'utf8');
    for (const out of [
      'policies/waivers/essex.yaml',
      'forces/kent.yaml',
      'platform.yaml',
      'cdktf.out/stacks/kent/cdk.tf.json',
    ]) {
      const { code, stderr } = await cli(['check', '--format', 'json', '--out', out, '--quiet']);
      expect({ out, code }).toEqual({ out, code: 2 });
      expect(stderr).toContain("would overwrite the estate's own files");
    }
    expect(readFileSync(waiver, 'utf8')).toBe(before);
    expect(existsSync(join(ESTATE, 'platform.yaml'))).toBe(false);
  });

  it('refuses an --out that reaches those files through a symbolic link, or names an input of the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-check-link-'));
    try {
      cpSync(ESTATE, dir, { recursive: true });
      writeFileSync(join(dir, 'platform.yaml'), 'held: true\n');
      mkdirSync(join(dir, 'forces'));
      writeFileSync(join(dir, 'forces', 'kent.yaml'), 'id: kent\n');
      const plan = join(dir, 'kent.plan.json');
      writeFileSync(plan, JSON.stringify({ format_version: '1.2', resource_changes: [] }));
      symlinkSync(join(dir, 'forces'), join(dir, 'out')); // out/kent.yaml is forces/kent.yaml
      symlinkSync(join(dir, 'platform.yaml'), join(dir, 'report.json'));
      symlinkSync(join(dir, 'policies', 'waivers'), join(dir, 'signed'));
      symlinkSync(join(dir, 'forces', 'new.yaml'), join(dir, 'dangling.json')); // would create a force file
      const snapshot = () =>
        ['forces', 'policies']
          .flatMap((sub) => listFiles(join(dir, sub)).map((f) => [f, readFileSync(join(dir, sub, f), 'utf8')]))
          .concat([[readFileSync(join(dir, 'platform.yaml'), 'utf8'), readFileSync(plan, 'utf8')]]);
      const before = snapshot();
      for (const [args, out] of [
        [[], 'out/kent.yaml'],
        [[], 'report.json'],
        [[], 'signed/essex.yaml'],
        [[], 'dangling.json'],
        [['--plan', plan, '--force', 'kent'], plan],
      ] as const) {
        let stderr = '';
        const code = await main(['check', ...args, '--format', 'json', '--out', out, '--quiet'], {
          stdout: () => undefined,
          stderr: (t) => (stderr += t),
          cwd: dir,
        });
        expect({ out, code }).toEqual({ out, code: 2 });
        expect(stderr).toContain("would overwrite the estate's own files");
      }
      expect(snapshot()).toEqual(before);
      expect(existsSync(join(dir, 'forces', 'new.yaml'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for an unknown format or severity', async () => {
    expect((await cli(['check', '--format', 'pdf'])).code).toBe(2);
    expect((await cli(['check', '--severity', 'urgent'])).code).toBe(2);
  });

  it('exits 1 with line-numbered errors for an invalid waiver file, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-waiver-'));
    try {
      cpSync(ESTATE, dir, { recursive: true });
      writeFileSync(
        join(dir, 'policies', 'waivers', 'kent.yaml'),
        'waivers:\n  - rule: BL-NET-001\n    resource: "*"\n',
      );
      let stderr = '';
      const code = await main(['check', '--out', 'out.txt'], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        cwd: dir,
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/policies\/waivers\/kent\.yaml:2:\d+ waivers\[0\]\.rule: BL-NET-001 .* cannot be waived/);
      expect(stderr).toMatch(/waivers\[0\]\.reason: is required/);
      expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bluelamp rules', () => {
  it('lists every rule with rationale, NCSC principles and mirrors', async () => {
    const { code, stdout } = await cli(['rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /BL-RES-001 {2}CRITICAL {2}\(cannot be waived\) {2}Every resource is located in a UK region/,
    );
    expect(stdout).toContain('NCSC:    2.1 Physical location and legal jurisdiction');
    expect(stdout).toContain('Checkov CKV_AZURE_3; Trivy AVD-AZU-0008');
  });

  it('prints JSON for tools', async () => {
    const { stdout } = await cli(['rules', '--format', 'json']);
    const parsed = JSON.parse(stdout);
    expect(parsed.rules.length).toBeGreaterThanOrEqual(40);
    expect(parsed.rules[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), ncsc: expect.any(Array), mirrors: expect.any(Object) }),
    );
  });
});
