/**
 * `npm run verify:cdktn`: proves that moving from cdktf to CDK Terrain (cdktn) is still a rename.
 * In a temporary copy of this working tree it swaps the dependencies (util/toolchain.ts names
 * both toolchains), rewrites the imports mechanically, builds, typechecks, runs the whole suite,
 * synthesises the bundled estate and compares it with what cdktf synthesises from the same tree.
 * The only differences allowed are the azurerm version constraint and the toolchain metadata
 * (see ALLOWED); anything else fails. The copy is removed afterwards, also on failure or Ctrl-C,
 * unless `--keep` is given (to reproduce a failure by hand in it).
 *
 * Needs the npm registry (the install). Takes minutes: docs/toolchain.md records a measured run.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import execa from 'execa';
import { packageRoot } from '../util/package-root';
import { CDKTF, CDKTN, type Toolchain } from '../util/toolchain';

const ROOT = packageRoot();
const TOOLCHAIN_MODULE = 'util/toolchain.ts';
const SOURCE_FILE = /\.(ts|js|mjs|cjs)$/;

/** A difference between two JSON trees: where, and the two values. */
export interface JsonDifference {
  readonly file: string;
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * Differences a toolchain switch is expected to make: the provider constraint cdktf writes from
 * the bindings' azurerm version, the library version cdktf stamps on its output, and the code
 * fingerprints in bluelamp.json (inputs hash the toolchain's versions by design; outputs hash the JSON
 * whose version fields differ).
 */
const ALLOWED: ReadonlyArray<{ readonly file: RegExp; readonly path: RegExp; readonly why: string }> = [
  {
    file: /^stacks\/[^/]+\/cdk\.tf\.json$/,
    path: /^terraform\.required_providers\.azurerm\.version$/,
    why: 'provider version',
  },
  { file: /^stacks\/[^/]+\/cdk\.tf\.json$/, path: /^\/\/\.metadata\.version$/, why: 'toolchain metadata' },
  { file: /^stacks\/[^/]+\/metadata\.json$/, path: /^version$/, why: 'toolchain metadata' },
  { file: /^manifest\.json$/, path: /^version$/, why: 'toolchain metadata' },
  {
    file: /^bluelamp\.json$/,
    path: /^(codeSha256|stacks\.[^.]+\.(inputsSha256|outputSha256))$/,
    why: 'toolchain metadata (code fingerprint)',
  },
];

/** Every leaf where `a` and `b` differ, as dotted paths. Pure. */
export function jsonDifferences(file: string, a: unknown, b: unknown, path = ''): JsonDifference[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => jsonDifferences(file, a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ file, path, from: a, to: b }];
}

/** Why a difference is expected, or undefined when it is not. Pure. */
export function allowedBecause(d: JsonDifference): string | undefined {
  return ALLOWED.find((a) => a.file.test(d.file) && a.path.test(d.path))?.why;
}

/** Compares two synth output folders file by file. Pure apart from reading them. */
export function compareOutputs(fromDir: string, toDir: string): JsonDifference[] {
  const list = (dir: string) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.split('\\').join('/'))
      .sort();
  const files = [...new Set([...list(fromDir), ...list(toDir)])].sort();
  const read = (dir: string, f: string): unknown =>
    existsSync(join(dir, f)) ? (JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown) : undefined;
  return files.flatMap((f) => jsonDifferences(f, read(fromDir, f), read(toDir, f)));
}

/**
 * The mechanical import rewrite: module specifiers naming `from`'s library or provider become
 * `to`'s. Only quoted specifiers change (the library, its subpaths, the provider's deep paths),
 * never `cdktf.out` or prose. Pure.
 */
export function rewriteImports(text: string, from: Toolchain, to: Toolchain): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return text
    .replace(new RegExp(`(['"])${escape(from.provider)}(['"/])`, 'g'), `$1${to.provider}$2`)
    .replace(new RegExp(`(['"])${escape(from.library)}(['"/])`, 'g'), `$1${to.library}$2`);
}

/** package.json with `from`'s toolchain swapped for `to`'s, plus the pins and overrides cdktn needs. Pure. */
export function swapDependencies(
  pkg: Record<string, unknown>,
  from: Toolchain,
  to: Toolchain,
): Record<string, unknown> {
  const deps = { ...(pkg.dependencies as Record<string, string>) };
  const dev = { ...(pkg.devDependencies as Record<string, string>) };
  delete deps[from.library];
  delete deps[from.provider];
  // The CLI is only the bench's comparison and cdktn-cli needs Node 22.19: the library is what synth uses.
  delete dev[from.cli];
  deps[to.library] = to.versions.library;
  deps[to.provider] = to.versions.provider;
  deps.constructs = to.constructs;
  return {
    ...pkg,
    dependencies: deps,
    devDependencies: dev,
    // The provider bindings peer on a library release that was never published: resolve it to ours.
    overrides: {
      ...(pkg.overrides ?? {}),
      [to.provider]: { [to.library]: `$${to.library}` },
    },
  };
}

function filesToCopy(): string[] {
  const listed = execa.sync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  return listed.stdout
    .split('\0')
    .filter(Boolean)
    .filter((f) => existsSync(join(ROOT, f)));
}

async function step<T>(title: string, timings: string[], fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  process.stderr.write(`verify:cdktn: ${title}...\n`);
  const result = await fn();
  const seconds = (Date.now() - started) / 1000;
  timings.push(`${title} ${seconds.toFixed(0)}s`);
  return result;
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  const result = await execa(command, args, { cwd, reject: false, all: true, env: { CI: 'true' } });
  if (result.exitCode !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.exitCode}):\n${(result.all ?? '').split('\n').slice(-40).join('\n')}`,
    );
}

/** The failing tests of a jest --json report, one line each, or undefined when there is no report. */
function failedTests(reportFile: string): string | undefined {
  if (!existsSync(reportFile)) return undefined;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numFailedTests: number;
    numTotalTests: number;
    testResults: Array<{
      name: string;
      message: string;
      assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
    }>;
  };
  const lines = report.testResults.flatMap((file) => {
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    const where = relative(join(dirname(reportFile), 'repo'), file.name);
    if (failed.length === 0 && file.message) return [`  ${where}: ${file.message.split('\n').find(Boolean) ?? ''}`];
    return failed.map((a) =>
      `  ${where}: ${a.fullName}: ${(a.failureMessages[0] ?? '').split('\n').find(Boolean) ?? ''}`.slice(0, 300),
    );
  });
  return [`${report.numFailedTests} of ${report.numTotalTests} tests failed:`, ...lines].join('\n');
}

/** `N of M tests passed in K files` from a jest --json report. */
function suiteCounts(reportFile: string): string {
  if (!existsSync(reportFile)) return 'no report';
  const r = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numPassedTests: number;
    numTotalTests: number;
    numTotalTestSuites: number;
  };
  return `${r.numPassedTests} of ${r.numTotalTests} tests passed in ${r.numTotalTestSuites} files`;
}

async function main(keep: boolean): Promise<number> {
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-verify-cdktn-'));
  const cleanup = () => {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      cleanup();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  const timings: string[] = [];
  const copy = join(scratch, 'repo');
  try {
    const cli = join(ROOT, 'dist', 'cli', 'main.js');
    if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm run verify:cdktn does)');
    await step(`synthesise the bundled estate with ${CDKTF.library}`, timings, () =>
      run(process.execPath, [cli, 'synth', '--dir', ROOT, '--out', join(scratch, CDKTF.name, 'out'), '--quiet'], ROOT),
    );

    const files = filesToCopy();
    await step('copy the working tree', timings, () => {
      for (const f of files) {
        mkdirSync(dirname(join(copy, f)), { recursive: true });
        cpSync(join(ROOT, f), join(copy, f));
      }
      return Promise.resolve();
    });

    let rewritten = 0;
    for (const f of files.filter((f) => SOURCE_FILE.test(f) && f !== TOOLCHAIN_MODULE)) {
      const text = readFileSync(join(copy, f), 'utf8');
      const next = rewriteImports(text, CDKTF, CDKTN);
      if (next !== text) {
        writeFileSync(join(copy, f), next);
        rewritten += 1;
      }
      const left = [CDKTF.library, CDKTF.provider].filter((name) =>
        new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"/]`).test(next),
      );
      if (left.length > 0)
        throw new Error(`${f} still names ${left.join(', ')} after the rewrite: only ${TOOLCHAIN_MODULE} may spell it`);
    }
    const toolchainFile = join(copy, TOOLCHAIN_MODULE);
    const toolchainText = readFileSync(toolchainFile, 'utf8');
    const selector = 'export const TOOLCHAIN: Toolchain = CDKTF;';
    if (!toolchainText.includes(selector)) throw new Error(`${TOOLCHAIN_MODULE} no longer holds "${selector}"`);
    writeFileSync(toolchainFile, toolchainText.replace(selector, 'export const TOOLCHAIN: Toolchain = CDKTN;'));
    process.stderr.write(`verify:cdktn: imports rewritten in ${rewritten} files\n`);

    // A repository of its own, so the suite's git-based tests see the copy as they see a clone.
    const gitEnv = {
      GIT_AUTHOR_NAME: 'verify',
      GIT_AUTHOR_EMAIL: 'verify@localhost',
      GIT_COMMITTER_NAME: 'verify',
      GIT_COMMITTER_EMAIL: 'verify@localhost',
    };
    await execa('git', ['init', '-q'], { cwd: copy });
    await execa('git', ['add', '-A'], { cwd: copy });
    await execa('git', ['commit', '-q', '--no-verify', '-m', 'verify:cdktn copy'], { cwd: copy, env: gitEnv });

    const pkgFile = join(copy, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(pkgFile, `${JSON.stringify(swapDependencies(pkg, CDKTF, CDKTN), null, 2)}\n`);

    await step(
      `install ${CDKTN.library}@${CDKTN.versions.library} and ${CDKTN.provider}@${CDKTN.versions.provider}`,
      timings,
      () => run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], copy),
    );
    const tsc = join(copy, 'node_modules', 'typescript', 'bin', 'tsc');
    await step('build', timings, () => run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], copy));
    await step('typecheck (tests included)', timings, () =>
      run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], copy),
    );
    const jestReport = join(scratch, 'jest.json');
    // A failing suite does not stop the run: the synthesis comparison still says what it can.
    let suiteFailure: string | undefined;
    await step('whole test suite', timings, () =>
      run(
        process.execPath,
        [
          join(copy, 'node_modules', 'jest', 'bin', 'jest.js'),
          '--ci',
          '--silent',
          // Correctness, not speed: a generous per-test timeout so a busy machine does not fail the swap.
          '--testTimeout=120000',
          '--json',
          `--outputFile=${jestReport}`,
        ],
        copy,
      ).catch((err: Error) => {
        suiteFailure = `the suite fails with ${CDKTN.library}:\n${failedTests(jestReport) ?? err.message}`;
      }),
    );
    const toOut = join(scratch, CDKTN.name, 'out');
    await step(`synthesise the bundled estate with ${CDKTN.library}`, timings, () =>
      run(
        process.execPath,
        [join(copy, 'dist', 'cli', 'main.js'), 'synth', '--dir', copy, '--out', toOut, '--quiet'],
        copy,
      ),
    );

    const differences = compareOutputs(join(scratch, CDKTF.name, 'out'), toOut);
    const unexpected = differences.filter((d) => !allowedBecause(d));
    const versions = (dir: string) =>
      [CDKTN.library, CDKTN.provider, 'constructs']
        .map(
          (p) =>
            `${p}@${(JSON.parse(readFileSync(join(dir, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`,
        )
        .join(', ');
    const jumps = [
      ...new Set(
        differences
          .filter((d) => d.path === 'terraform.required_providers.azurerm.version')
          .map((d) => `${String(d.from)} -> ${String(d.to)}`),
      ),
    ];
    const total = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      [
        `installed in the copy: ${versions(copy)}`,
        `test suite: ${suiteCounts(jestReport)}`,
        `azurerm provider version: ${jumps.join(', ') || 'unchanged'} (every stack's required_providers)`,
        `${differences.length - unexpected.length} expected differences (${[...new Set(differences.map(allowedBecause).filter(Boolean))].join(', ')})`,
        `steps: ${timings.join('; ')}; total ${total}s`,
        '',
      ].join('\n'),
    );
    if (suiteFailure) process.stdout.write(`FAIL: ${suiteFailure}\n`);
    if (unexpected.length > 0) {
      process.stdout.write(`FAIL: ${unexpected.length} unexpected differences in the synthesised estate:\n`);
      for (const d of unexpected.slice(0, 30))
        process.stdout.write(`  ${d.file} ${d.path}: ${JSON.stringify(d.from)} -> ${JSON.stringify(d.to)}\n`);
      return 1;
    }
    if (suiteFailure) return 1;
    process.stdout.write(`PASS: ${CDKTN.library} builds, passes the suite and synthesises the same estate\n`);
    return 0;
  } catch (err) {
    process.stdout.write(`FAIL: ${(err as Error).message}\nsteps so far: ${timings.join('; ')}\n`);
    return 1;
  } finally {
    cleanup();
    process.stderr.write(
      keep
        ? `verify:cdktn: kept the copy in ${copy} (remove ${scratch} when done)\n`
        : `verify:cdktn: removed ${relative(tmpdir(), scratch)} from ${tmpdir()}\n`,
    );
  }
}

const USAGE = 'usage: npm run verify:cdktn [-- --keep]   (--keep leaves the temporary copy for a look by hand)';

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--keep')) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  void main(args.includes('--keep')).then((code) => process.exit(code));
}
