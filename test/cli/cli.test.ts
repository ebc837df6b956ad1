import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';
import { runCli } from '../helpers/cli';
import { namedUpTo } from '../../cli/commands/check';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

// Some tests run bin/bluelamp as a process: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

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
    writeFileSync(
      alpha,
      readFileSync(alpha, 'utf8').replace('10.64.0.0/21', '10.64.0.0/33').replace('costCentre:', 'costCenter:'),
    );
    const r = await runCli(['synth'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('forces/alpha.yaml:12:17 network.addressSpace: 10.64.0.0/33 is not a valid CIDR\n');
    expect(r.stderr).toContain(
      'forces/alpha.yaml:9:1 costCenter: unknown key "costCenter"; did you mean "costCentre"?\n',
    );
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

  it.each([
    ['.', 'would replace the estate folder itself'],
    ['..', 'would replace the estate folder itself'],
    ['forces', 'is not empty and was not written by bluelamp synth'],
    ['platform.yaml', 'is a file'],
  ])('refuses synth --out %s, which would destroy the estate, and leaves every file in place', async (out, why) => {
    const before = listFiles(dir);
    const r = await runCli(['synth', '--force', 'bravo', '--out', out], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bluelamp synth: --out ${out} ${why}`);
    expect(listFiles(dir)).toEqual(before);
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

  it('prints the help on stderr with exit 2 when no command is given, and on stdout for --help', async () => {
    const none = await runCli([], dir);
    expect({ code: none.code, stdout: none.stdout }).toEqual({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Usage: bluelamp <command>');
    const help = await runCli(['--help'], dir);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: bluelamp <command>');
    const topic = await runCli(['help', 'synth'], dir);
    expect(topic).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: bluelamp synth'), stderr: '' });
  });

  it.each(['validate', 'synth', 'start', 'check', 'report', 'rules'])(
    'gives %s --help on stdout with exit 0 and writes nothing',
    async (name) => {
      const r = await runCli([name, '--help'], dir);
      expect(r).toEqual({ code: 0, stdout: expect.stringContaining(`Usage: bluelamp ${name}`), stderr: '' });
      expect(readdirSync(dir).sort()).toEqual(['forces', 'platform.yaml']);
    },
  );

  it.each(['validate', 'synth', 'start', 'check', 'report'])(
    'treats a --dir that is missing or a file as wrong usage (exit 2) in %s',
    async (name) => {
      const missing = await runCli([name, '--dir', join(dir, 'nowhere')], dir);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`bluelamp ${name}: --dir ${join(dir, 'nowhere')}: no such folder`);
      const file = await runCli([name, '--dir', join(dir, 'platform.yaml')], dir);
      expect(file.code).toBe(2);
      expect(file.stderr).toContain('is a file; --dir takes the estate folder');
      expect(missing.stdout + file.stdout).toBe('');
    },
  );

  it('suggests the nearest command or option for a typo', async () => {
    expect((await runCli(['valdate'], dir)).stderr).toContain('unknown command "valdate"; did you mean "validate"?');
    const option = await runCli(['synth', '--forse', 'alpha'], dir);
    expect(option.stderr).toContain('unknown option --forse; did you mean --force?');
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
      expect({ code: good.exitCode, stderr: good.stderr }).toEqual({
        code: 0,
        stderr: 'valid: platform.yaml and 2 forces',
      });
      writeFileSync(join(dir, 'forces', 'bravo.yaml'), 'id: bravo\nid: bravo\n');
      const bad = await execa('node', [bin, 'validate', '--dir', dir], { reject: false });
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr).toContain('forces/bravo.yaml:2:1 id: duplicate key; each key may appear once');
    } finally {
      removeDir(dir);
    }
  });

  it('ends quietly when the reader of its output stops early (| head), with no stack trace', async () => {
    const { execa } = await import('execa').then((m) => ({ execa: m.default ?? m }));
    const dir = tempEstate();
    try {
      // Synthesised in-process: the process under test is the check writing into a closed pipe.
      expect(await runCli(['synth', '--quiet'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
      // The JSON run is far larger than a pipe's buffer, so the writer meets a closed pipe.
      const piped = await execa(
        'bash',
        ['-c', `node "${bin}" check --dir "${dir}" --format json --quiet | head -c 20`],
        { reject: false },
      );
      expect(piped.stdout).toBe('{\n  "schemaVersion":');
      expect(piped.stderr).not.toMatch(/EPIPE|\n\s+at /);
    } finally {
      removeDir(dir);
    }
  });
});

describe('messages that keep a reader on the right track', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('does not claim validate wrote nothing: it never writes', async () => {
    writeFileSync(join(dir, 'forces', 'bravo.yaml'), 'id: [unclosed\n');
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bluelamp validate: 1 problem found\n$/);
  });

  it('names at most ten stale stacks and counts the rest: after a code change every stack is stale', () => {
    const forces = Array.from({ length: 1001 }, (_, i) => `force-${String(i + 1).padStart(4, '0')}`);
    expect(namedUpTo(forces, 10)).toBe(
      'force-0001, force-0002, force-0003, force-0004, force-0005, force-0006, force-0007, force-0008, force-0009, force-0010 and 991 more',
    );
    expect(namedUpTo(forces.slice(0, 10), 10)).toBe(forces.slice(0, 10).join(', '));
  });

  it('warns when the Terraform JSON being checked no longer matches the config', async () => {
    expect((await runCli(['synth', '--quiet'], dir)).code).toBe(0);
    writeFileSync(
      join(dir, 'forces', 'bravo.yaml'),
      `${readFileSync(join(dir, 'forces', 'bravo.yaml'), 'utf8')}# edited after synth\n`,
    );
    const r = await runCli(['check', '--quiet'], dir);
    expect(r.stderr).toContain(
      'warning: the Terraform JSON checked is stale for bravo (forces/bravo.yaml changed since it was synthesised); run bluelamp synth',
    );
    expect(r.stderr).not.toMatch(/stale for .*alpha/);
  });

  it('refuses a report --out folder it did not write as wrong usage (exit 2), before any work', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await runCli(['report', '--out', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty and was not written by bluelamp report');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
