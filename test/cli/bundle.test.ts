/**
 * The bundles `npm run build` makes (scripts/bundle.ts): bin/bluelamp and cdktf.json run them, so
 * they must write exactly what tsc's modules write, and a stale one must never run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';
import { cliScript } from '../../util/package-root';

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** Every file of a synthesised output folder, by relative path. */
function outputOf(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

describe('the bundled entry points', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it("the bundled CLI and cdktf.json's bundled app write what tsc's modules write", () => {
    // Each run into the same folder name (the manifest records it), emptied in between.
    const synth = (...command: string[]) => {
      removeDir(join(dir, 'cdktf.out'));
      execFileSync(process.execPath, command, { cwd: dir });
      return outputOf(join(dir, 'cdktf.out'));
    };
    const compiled = synth(join(DIST, 'cli', 'main.js'), 'synth', '--dir', dir, '--quiet');
    expect(Object.keys(compiled)).toEqual(expect.arrayContaining(['manifest.json', 'bluelamp.json']));
    expect(synth(join(DIST, 'bundle', 'bluelamp.js'), 'synth', '--dir', dir, '--quiet')).toEqual(compiled);

    const { app } = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
    expect(app).toBe('node dist/bundle/app.js');
    // The app writes cdktf's own layout (no bluelamp.json or sources.json): every stack's Terraform the same.
    const stacks = (files: Record<string, string>) =>
      Object.fromEntries(Object.entries(files).filter(([file]) => file.endsWith('/cdk.tf.json')));
    const fromApp = synth(join(DIST, 'bundle', 'app.js'));
    expect(Object.keys(stacks(compiled)).length).toBeGreaterThan(1);
    expect(stacks(fromApp)).toEqual(stacks(compiled));
  });
});

it('bundles are ASCII, so that the launchers read them without decoding UTF-8 (util/code-cache.ts)', () => {
  const bundles = readdirSync(join(DIST, 'bundle')).filter((f) => f.endsWith('.js'));
  expect(bundles).toEqual(expect.arrayContaining(['bluelamp.bundle.js', 'synth-chunk.js']));
  // A character esbuild cannot escape (in a tagged template or a regular expression) is written as \u in the source.
  expect(bundles.filter((f) => !isAscii(readFileSync(join(DIST, 'bundle', f))))).toEqual([]);
});

describe('choosing the CLI script', () => {
  let root: string;
  const at = (file: string, seconds: number) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'exports.runAsProcess = () => process.stdout.write(__filename);\n');
    utimesSync(join(root, file), seconds, seconds);
  };
  /** Which script bin/bluelamp, copied into `root` with the compiled rule it calls, starts. */
  const binRuns = () => {
    mkdirSync(join(root, 'bin'), { recursive: true });
    writeFileSync(join(root, 'bin', 'bluelamp'), readFileSync(join(ROOT, 'bin', 'bluelamp')));
    mkdirSync(join(root, 'dist', 'util'), { recursive: true });
    writeFileSync(join(root, 'dist', 'util', 'package-root.js'), readFileSync(join(DIST, 'util', 'package-root.js')));
    return execFileSync(process.execPath, [join(root, 'bin', 'bluelamp')], { encoding: 'utf8' });
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bluelamp-bundle-'));
    at('dist/cli/main.js', 1_000);
  });
  afterEach(() => removeDir(root));

  it('takes the bundle when it was made after tsc last wrote dist/', () => {
    at('dist/build.tsbuildinfo', 2_000);
    at('dist/bundle/bluelamp.js', 3_000);
    expect(cliScript(root)).toBe(join(root, 'dist', 'bundle', 'bluelamp.js'));
    expect(binRuns()).toBe(join(root, 'dist', 'bundle', 'bluelamp.js'));
  });

  it('never takes a bundle older than the build: tsc alone was run since', () => {
    at('dist/bundle/bluelamp.js', 2_000);
    at('dist/build.tsbuildinfo', 3_000);
    expect(cliScript(root)).toBe(join(root, 'dist', 'cli', 'main.js'));
    expect(binRuns()).toBe(join(root, 'dist', 'cli', 'main.js'));
  });

  it("takes tsc's output when there is no bundle, and nothing when nothing is built", () => {
    at('dist/build.tsbuildinfo', 2_000);
    expect(cliScript(root)).toBe(join(root, 'dist', 'cli', 'main.js'));
    expect(binRuns()).toBe(join(root, 'dist', 'cli', 'main.js'));
    removeDir(join(root, 'dist'));
    expect(cliScript(root)).toBeUndefined();
    // bin/bluelamp with nothing built: exit 2 and what to run.
    mkdirSync(join(root, 'bin'), { recursive: true });
    writeFileSync(join(root, 'bin', 'bluelamp'), readFileSync(join(ROOT, 'bin', 'bluelamp')));
    const bare = spawnSync(process.execPath, [join(root, 'bin', 'bluelamp')], { encoding: 'utf8' });
    expect([bare.status, bare.stderr]).toEqual([2, expect.stringContaining('run `npm run build`')]);
  });
});
