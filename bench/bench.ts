/**
 * `npm run bench`: what a pull request and a whole-estate run cost, for the bundled estate and a
 * generated estate of 1,000 forces, side by side with the toolchain's own `synth` of the same app.
 * A benchmark, not a test: every figure is the median of `--runs` runs (default 5), each step in
 * its own process (start-up included), peak memory the largest over the runs (GNU time, when
 * present). Results are printed as each estate finishes and written to bench/results/latest.json.
 *
 * Blue Lamp keeps validated config files and the stacks `pr` synthesised in a cache folder
 * (util/user-cache.ts); the bench gives it one of its own and says which runs start without it
 * ("cold": emptied before each run) and which with what the previous run left ("warm").
 *
 * Targets (issue 15): `bluelamp pr` for a one-force change against the previous commit at most
 * 1.0 s (bundled) and 1.5 s (1,000 forces); cold validate + synth + check at most 0.4 x the
 * toolchain's synth. `--quick`: the bundled estate only. `--runs N`: runs per figure.
 * `--estates bundled,1000`: which estates (a number is a generated estate of that many forces).
 * `--whole-runs N`: runs of the two whole-estate syntheses (ours cold, the toolchain's), which
 * take minutes each at 1,000 forces on a loaded machine (default: --runs).
 * Also reported: the network intent proofs (bench/network.ts) and, when built, the adoption
 * matcher (bench/adopt.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticProfiles, writeEstate } from '../scripts/generate-estate';
import { cliScript, packageRoot } from '../util/package-root';
import { TOOLCHAIN, toolchainCliPath } from '../util/toolchain';
import {
  median,
  networkVerdicts,
  report,
  summariseRuns,
  type Figure,
  type NetworkTiming,
  type Row,
  type Run,
} from './report';

const ROOT = packageRoot();
// The CLI as bin/bluelamp runs it (the bundle when built).
const CLI = cliScript(ROOT) ?? join(ROOT, 'dist', 'cli', 'main.js');
const TOOLCHAIN_CLI = toolchainCliPath(ROOT);
const GNU_TIME = '/usr/bin/time';

/** The cache folder every measured run is given (set by main). */
let benchCache = '';
const emptyCache = () => rmSync(benchCache, { recursive: true, force: true });

/** Every measured run's environment: the bench's cache folder, no toolchain telemetry. */
const benchEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  BLUELAMP_CACHE_DIR: benchCache,
  // No telemetry or version checks from the toolchain CLI (there is no network here anyway).
  CHECKPOINT_DISABLE: '1',
  NODE_OPTIONS: '--max-old-space-size=8192',
});

function runOnce(command: string, args: readonly string[], cwd: string, okCodes: readonly number[]): Run {
  const env = benchEnv();
  const useTime = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = useTime
    ? spawnSync(GNU_TIME, ['-f', 'BENCH_MAXRSS_KB=%M', command, ...args], {
        cwd,
        encoding: 'utf8',
        env,
        maxBuffer: 1 << 28,
      })
    : spawnSync(command, [...args], { cwd, encoding: 'utf8', env, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(result.stderr ?? '');
  // Exit 1 from check or pr can mean findings (a finished run); a config problem is never a finished run.
  const ok = okCodes.includes(result.status ?? -1) && !/\bproblems? found\b/.test(result.stderr ?? '');
  const note = ok
    ? undefined
    : (result.stderr ?? '')
        .split('\n')
        .filter((l) => l && !l.startsWith('BENCH_'))
        .slice(-3)
        .join(' | ');
  return { seconds, peakMb: rss ? Number(rss[1]) / 1024 : undefined, ok, note };
}

/** `runs` runs of a step, each after `before` (which resets the state the step starts from). */
function measure(
  runs: number,
  before: () => void,
  command: string,
  args: readonly string[],
  cwd: string,
  okCodes: readonly number[] = [0],
): Figure {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    results.push(runOnce(command, args, cwd, okCodes));
  }
  return summariseRuns(results);
}

/**
 * Two steps run in turn, A then B, `runs` times: pairing keeps their ratio meaningful while the
 * machine's speed drifts. The ratio is the median of each pair's A / B.
 */
function measurePair(
  runs: number,
  a: { before: () => void; command: string; args: readonly string[] },
  b: { before: () => void; command: string; args: readonly string[] },
  cwd: string,
): { a: Figure; b: Figure; ratio: number } {
  const as: Run[] = [];
  const bs: Run[] = [];
  // One pair first, not counted: each side's first run compiles its code and leaves V8's code cache
  // (util/code-cache.ts), as any installation's first run does; the pairs measure the runs after it.
  a.before();
  runOnce(a.command, a.args, cwd, [0, 1]);
  b.before();
  runOnce(b.command, b.args, cwd, [0]);
  for (let i = 0; i < runs; i++) {
    a.before();
    as.push(runOnce(a.command, a.args, cwd, [0, 1]));
    b.before();
    bs.push(runOnce(b.command, b.args, cwd, [0]));
  }
  return { a: summariseRuns(as), b: summariseRuns(bs), ratio: median(as.map((r, i) => r.seconds / bs[i].seconds)) };
}

/**
 * The project's own cdktf.json, its app's script made absolute (the estate folder is elsewhere). Its
 * projectId matters: without one the toolchain writes one into the file, and a changed cdktf.json
 * makes every stack affected for the pr measurements that follow.
 */
function toolchainConfig(): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string; projectId?: string };
  if (!config.projectId) throw new Error('cdktf.json has no projectId: the toolchain would rewrite it in each estate');
  return JSON.stringify({ ...config, app: config.app.replace(/\S+\.js\b/, (script) => join(ROOT, script)) }, null, 2);
}

/** The estate's work tree as committed: a one-force change must stay one force's change. */
function assertClean(dir: string): void {
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
  if (status)
    throw new Error(
      `${dir}: a measured command changed the work tree, so pr would review more than one force:\n${status}`,
    );
}

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * An estate in a git repository of its own, two commits: the estate with its force index, then a
 * one-force change (the first force's cost centre). The toolchain's config points at our compiled app entry.
 */
function prepareEstate(forces: number | 'bundled', scratch: string): { dir: string; forces: number } {
  const dir = join(scratch, forces === 'bundled' ? 'bundled' : `synthetic-${forces}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'platform.yaml'), join(dir, 'platform.yaml'));
  if (forces === 'bundled') cpSync(join(ROOT, 'forces'), join(dir, 'forces'), { recursive: true });
  else writeEstate(dir, syntheticProfiles(forces), { compact: true });
  if (existsSync(join(ROOT, 'policies', 'waivers')))
    cpSync(join(ROOT, 'policies', 'waivers'), join(dir, 'policies', 'waivers'), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), toolchainConfig());
  // What the measured commands write (start writes its report): untracked files would count as a change for pr.
  writeFileSync(join(dir, '.gitignore'), 'cdktf.out/\ntoolchain.out/\nnpx.out/\nreports/\n*.check.json\n');
  // The base commit carries a current force index, as the NMC keeps it (bluelamp index): pr then parses
  // only the changed force file. Without it pr parses every file (measured in docs/pr.md).
  const indexed = spawnSync('node', [CLI, 'index', '--dir', dir, '--quiet'], { encoding: 'utf8' });
  if (indexed.status !== 0) throw new Error(`bluelamp index failed in ${dir}: ${indexed.stderr}`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'estate');
  const files = readdirSync(join(dir, 'forces')).filter((f) => f.endsWith('.yaml'));
  const first = join(dir, 'forces', files.sort()[0]);
  const text = readFileSync(first, 'utf8');
  const changed = text.replace(/^costCentre: "?([^"\n]*?)"?$/m, 'costCentre: "$1-BENCH"');
  if (changed === text) throw new Error(`${first}: no costCentre line to change`);
  writeFileSync(first, changed);
  git(dir, 'commit', '-q', '-am', 'one force changes its cost centre');
  return { dir, forces: files.length };
}

/** The network intent proofs on a synthesised estate, timed in their own process (bench/network.ts). */
function measureNetwork(dir: string, runs: number): NetworkTiming {
  const script = join(ROOT, 'dist', 'bench', 'network.js');
  const result = spawnSync('node', [script, dir, '--runs', String(runs)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`bench/network.ts failed on ${dir}: ${(result.stderr ?? '').trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as NetworkTiming;
}

function benchEstate(size: number | 'bundled', scratch: string, runs: number, wholeRuns: number): Row {
  const { dir, forces } = prepareEstate(size, scratch);
  const out = join(dir, 'cdktf.out');
  const baseSnapshot = join(scratch, `${forces}-base.out`);
  const baseCache = join(scratch, `${forces}-base.cache`);
  const clear = () => rmSync(out, { recursive: true, force: true });
  const fromBase = () => {
    clear();
    cpSync(baseSnapshot, out, { recursive: true });
  };
  process.stderr.write(
    `bench: ${size === 'bundled' ? 'bundled estate' : `${size} synthetic forces`}, ${runs} runs each (whole-estate syntheses: ${wholeRuns})\n`,
  );
  // What a developer has from before the change: the previous commit synthesised, and the cache that run left.
  git(dir, 'checkout', '-q', 'HEAD~1');
  emptyCache();
  runOnce('node', [CLI, 'synth', '--dir', dir, '--quiet'], dir, [0]);
  cpSync(out, baseSnapshot, { recursive: true });
  cpSync(benchCache, baseCache, { recursive: true });
  git(dir, 'checkout', '-q', '-');

  const cli = (...args: string[]) => ['node', [CLI, ...args, '--dir', dir, '--quiet']] as const;
  const validate = measure(runs, emptyCache, ...cli('validate'), dir);
  const validateWarm = measure(runs, () => undefined, ...cli('validate'), dir);
  const synthCold = measure(
    wholeRuns,
    () => {
      clear();
      emptyCache();
    },
    ...cli('synth'),
    dir,
  );
  const check = measure(
    runs,
    emptyCache,
    ...cli('check', '--format', 'json', '--out', 'bench.check.json'),
    dir,
    [0, 1],
  );
  const toolchainOut = join(dir, 'toolchain.out');
  const toolchainSynth = measure(
    wholeRuns,
    () => rmSync(toolchainOut, { recursive: true, force: true }),
    TOOLCHAIN_CLI,
    ['synth', '--output', toolchainOut],
    dir,
  );
  const npxOut = join(dir, 'npx.out');
  const pair = measurePair(
    wholeRuns,
    {
      before: () => {
        clear();
        emptyCache();
      },
      command: 'node',
      args: [CLI, 'start', '--dir', dir, '--quiet'],
    },
    {
      before: () => rmSync(npxOut, { recursive: true, force: true }),
      // npx as a user types it, finding the toolchain in this checkout (the estate folder has no node_modules).
      command: 'npx',
      args: ['--prefix', ROOT, '--offline', TOOLCHAIN.bin, 'synth', '--output', npxOut],
    },
    dir,
  );
  rmSync(npxOut, { recursive: true, force: true });
  const whole = { start: pair.a, npxSynth: pair.b, ratio: pair.ratio };
  const synthIncremental = measure(runs, fromBase, ...cli('synth'), dir);
  assertClean(dir);
  const pr = cli('pr', '--base', 'HEAD~1', '--format', 'json');
  const reviewed = spawnSync(pr[0], pr[1], { cwd: dir, encoding: 'utf8', env: benchEnv() });
  const stacks = (JSON.parse(reviewed.stdout) as { affected: { stacks: string[] } }).affected.stacks;
  if (stacks.length !== 1) throw new Error(`pr reviewed ${stacks.join(', ')}, not the one changed force`);
  const prCold = measure(
    runs,
    () => {
      clear();
      emptyCache();
    },
    ...pr,
    dir,
    [0, 1],
  );
  const prCached = measure(runs, clear, ...pr, dir, [0, 1]);
  const prWarm = measure(
    runs,
    () => {
      fromBase();
      emptyCache();
      cpSync(baseCache, benchCache, { recursive: true });
    },
    ...pr,
    dir,
    [0, 1],
  );
  clear();
  runOnce('node', [CLI, 'synth', '--dir', dir, '--quiet'], dir, [0]);
  const network = measureNetwork(dir, runs);
  rmSync(dir, { recursive: true, force: true });
  return {
    estate: size === 'bundled' ? 'bundled' : 'synthetic',
    forces,
    validate,
    validateWarm,
    synthCold,
    check,
    toolchainSynth,
    whole,
    synthIncremental,
    prCold,
    prCached,
    prWarm,
    network,
  };
}

/**
 * The adoption matcher's benchmark (issue 13): bench/adopt.ts, run in its own process; its own
 * lines are printed as they are.
 */
function measureAdoption(runs: number): string {
  const script = join(ROOT, 'dist', 'bench', 'adopt.js');
  const result = spawnSync('node', [script, '--runs', String(runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return result.status === 0 ? result.stdout.trim() : `bench/adopt.ts failed: ${(result.stderr ?? '').trim()}`;
}

function main(): void {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      'whole-runs': { type: 'string' },
      estates: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs ?? 5));
  const wholeRuns = Math.max(1, Number(values['whole-runs'] ?? runs));
  const sizes: Array<number | 'bundled'> = (values.quick ? 'bundled' : (values.estates ?? 'bundled,1000'))
    .split(',')
    .map((e) => (e.trim() === 'bundled' ? 'bundled' : Number(e)));
  const bad = sizes.find((e) => e !== 'bundled' && !(Number.isInteger(e) && e > 0));
  if (bad !== undefined) throw new Error(`--estates: "bundled" or a number of forces, not ${String(bad)}`);
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-bench-'));
  benchCache = join(scratch, 'cache');
  const rows: Row[] = [];
  const results = join(ROOT, 'bench', 'results', 'latest.json');
  mkdirSync(dirname(results), { recursive: true });
  const date = new Date().toISOString();
  try {
    for (const size of sizes) {
      rows.push(benchEstate(size, scratch, runs, wholeRuns));
      // Each estate's figures as soon as they exist: the 1,000-force estate takes many minutes.
      const { table, verdicts } = report(rows);
      process.stderr.write(`${table}\n\n`);
      writeFileSync(results, JSON.stringify({ date, runs, wholeRuns, rows, verdicts }, null, 2));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const { table, verdicts } = report(rows);
  const adoption = measureAdoption(runs);
  process.stdout.write(
    `${table}\n\n${[...verdicts, ...networkVerdicts(rows)].join('\n')}\n` +
      `\nadoption matcher (bench/adopt.ts):\n${adoption}\n`,
  );
  writeFileSync(results, JSON.stringify({ date, runs, wholeRuns, rows, verdicts, adoption }, null, 2));
}

if (require.main === module) main();
