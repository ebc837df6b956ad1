import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempEstate } from '../helpers/estate';
import { runCli } from '../helpers/cli';

describe('bluelamp CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('validates a good estate with exit 0 and a progress line on stderr', async () => {
    const r = await runCli(['validate'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'valid: platform.yaml and 2 forces\n' });
  });

  it('works on another folder with --dir', async () => {
    const r = await runCli(['validate', '--dir', dir], '/');
    expect(r.code).toBe(0);
  });

  it('reports every problem with file:line:col, exits 1 and writes nothing', async () => {
    const alpha = join(dir, 'forces', 'alpha.yaml');
    writeFileSync(alpha, readFileSync(alpha, 'utf8').replace('10.64.0.0/21', '10.64.0.0/33').replace('costCentre:', 'costCenter:'));
    const r = await runCli(['synth'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('forces/alpha.yaml:12:17 network.addressSpace: 10.64.0.0/33 is not a valid CIDR\n');
    expect(r.stderr).toContain('forces/alpha.yaml:9:1 costCenter: unknown key "costCenter"; did you mean "costCentre"?\n');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no JavaScript stack trace
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('keeps the previous output when a later synth fails', async () => {
    expect((await runCli(['synth', '--quiet'], dir)).code).toBe(0);
    const before = readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'forces', 'bravo.yaml'), 'id: [unclosed\n');
    expect((await runCli(['synth', '--quiet'], dir)).code).toBe(1);
    expect(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8')).toBe(before);
  });

  it('synthesises one force with --force and is silent with --quiet', async () => {
    const r = await runCli(['synth', '--force', 'alpha', '--quiet'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks'))).toEqual(['alpha']);
  });

  it('names an unknown force', async () => {
    const r = await runCli(['synth', '--force', 'zulu'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('forces/zulu.yaml --force zulu: no such force');
  });

  it('exits 2 with usage on an unknown command or option', async () => {
    const unknownCommand = await runCli(['synthesise'], dir);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "synthesise"');
    const unknownOption = await runCli(['synth', '--forse', 'alpha'], dir);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('Usage: bluelamp synth');
  });

  it('runs the main job and ends with one summary line on stdout', async () => {
    const r = await runCli(['start', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^bluelamp: 2 forces valid; 3 stacks/);
  });
});

describe('bin/bluelamp (the installed command, built by npm ci)', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'bluelamp');

  it('exits 1 with the problems on stderr for bad input, and 0 for good input', async () => {
    const { execa } = await import('execa').then((m) => ({ execa: m.default ?? m }));
    const dir = tempEstate();
    try {
      const good = await execa('node', [bin, 'validate', '--dir', dir], { reject: false });
      expect({ code: good.exitCode, stderr: good.stderr }).toEqual({ code: 0, stderr: 'valid: platform.yaml and 2 forces' });
      writeFileSync(join(dir, 'forces', 'bravo.yaml'), 'id: bravo\nid: bravo\n');
      const bad = await execa('node', [bin, 'validate', '--dir', dir], { reject: false });
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr).toContain('forces/bravo.yaml:2:1 id: duplicate key; each key may appear once');
    } finally {
      removeDir(dir);
    }
  });
});
