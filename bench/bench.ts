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

const ROOT = packageRoot();
// The CLI as bin/bluelamp runs it (the bundle when built).
const CLI = cliScript(ROOT) ?? join(ROOT, 'dist', 'cli', 'main.js');
const TOOLCHAIN_CLI = toolchainCliPath(ROOT);
const GNU_TIME = '/usr/bin/time';

interface Run {
  seconds: number;
  peakMb?: number;
  ok: boolean;
  note?: string;
}

export interface Figure {
  /** Median wall time over the runs. */
  readonly seconds: number;
  readonly runs: number;
  /** Largest peak RSS of any run. */
  readonly peakMb?: number;
  readonly ok: boolean;
  readonly note?: string;
}

/** The median of a non-empty list. Pure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Several runs of one step summarised as median time and largest peak memory. Pure. */
export function summariseRuns(runs: readonly Run[]): Figure {
  const peaks = runs.map((r) => r.peakMb).filter((p): p is number => p !== undefined);
  const failed = runs.find((r) => !r.ok);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    runs: runs.length,
    peakMb: peaks.length ? Math.max(...peaks) : undefined,
    ok: !failed,
    note: failed?.note,
  };
}

/** The cache folder every measured run is given (set by main). */
let benchCache = '';
const emptyCache = () => rmSync(benchCache, { recursive: true, force: true });

function runOnce(command: string, args: readonly string[], cwd: string, okCodes: readonly number[]): Run {
  const env = {
    ...process.env,
    BLUELAMP_CACHE_DIR: benchCache,
    // No telemetry or version checks from the toolchain CLI (there is no network here anyway).
    CHECKPOINT_DISABLE: '1',
    NODE_OPTIONS: '--max-old-space-size=8192',
  };
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

/** The app the project's own cdktf.json runs, its script made absolute (the estate folder is elsewhere). */
function toolchainApp(): string {
  const { app } = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
  return app.replace(/\S+\.js\b/, (script) => join(ROOT, script));
}

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * An estate in a git repository of its own, two commits: the estate, then a one-force change
 * (the first force's cost centre). The toolchain's config points at our compiled app entry.
 */
function prepareEstate(forces: number | 'bundled', scratch: string): { dir: string; forces: number } {
  const dir = join(scratch, forces === 'bundled' ? 'bundled' : `synthetic-${forces}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'platform.yaml'), join(dir, 'platform.yaml'));
  if (forces === 'bundled') cpSync(join(ROOT, 'forces'), join(dir, 'forces'), { recursive: true });
  else writeEstate(dir, syntheticProfiles(forces), { compact: true });
  if (existsSync(join(ROOT, 'policies', 'waivers')))
    cpSync(join(ROOT, 'policies', 'waivers'), join(dir, 'policies', 'waivers'), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: toolchainApp(), context: {} }));
  // What the measured commands write (start writes its report): untracked files would count as a change for pr.
  writeFileSync(join(dir, '.gitignore'), 'cdktf.out/\ntoolchain.out/\nnpx.out/\nreports/\n*.check.json\n');
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

interface Row {
  readonly estate: string;
  readonly forces: number;
  /** validate with an empty cache. */
  readonly validate: Figure;
  /** validate with the cache the previous run left. */
  readonly validateWarm: Figure;
  readonly synthCold: Figure;
  readonly check: Figure;
  readonly toolchainSynth: Figure;
  /**
   * The main job cold (`bluelamp start`: validate, synth, check and report in one process; no
   * cdktf.out, empty cache) and `npx cdktf synth` of the same app, run in turn (A B A B ...), as
   * issue 15 measures them; `ratio` is the median of the pairs' ratios.
   */
  readonly whole?: { readonly start: Figure; readonly npxSynth: Figure; readonly ratio: number };
  readonly synthIncremental: Figure;
  /** pr with no cdktf.out and an empty cache: a fresh CI runner. */
  readonly prCold: Figure;
  /** pr with no cdktf.out and the cache the previous review left: a developer reviewing again. */
  readonly prCached: Figure;
  /** pr with the base's cdktf.out and an empty cache. */
  readonly prWarm: Figure;
  /** The network intent proofs on this estate (bench/network.ts); left out in unit tests of the report. */
  readonly network?: NetworkTiming;
}

interface NetworkTiming {
  modelMs: number;
  proofsMs: number;
  addedMs: number;
  addedCpuMs: number;
  reachMs: number;
  pairs: number;
  flows: number;
  failures: number;
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

/** The network intent proofs' verdicts (issue 12): what they add to check, and one reach query. */
export function networkVerdicts(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const n = r.network;
    if (!n) continue;
    const target = r.forces <= 100 ? 1000 : 30000;
    out.push(
      `${n.addedMs <= target ? 'PASS' : 'FAIL'} network intents for ${r.forces} forces (${n.pairs} force pairs, ${n.flows} flows) add ${(n.addedMs / 1000).toFixed(2)}s to check, ${(n.addedCpuMs / 1000).toFixed(2)}s of CPU (target <= ${target / 1000} s)`,
      `${n.reachMs < 1000 ? 'PASS' : 'FAIL'} one reach query over ${r.forces} forces took ${n.reachMs.toFixed(1)} ms after loading (target well under 1 s)`,
    );
  }
  return out;
}

function benchEstate(size: number | 'bundled', scratch: string, runs: number, wholeRuns: number): Row {
  const { dir, forces } = prepareEstate(size, scratch);
  const out = join(dir, 'cdktf.out');
  const baseSnapshot = join(scratch, `${forces}-base.out`);
  const clear = () => rmSync(out, { recursive: true, force: true });
  const fromBase = () => {
    clear();
    cpSync(baseSnapshot, out, { recursive: true });
  };
  process.stderr.write(
    `bench: ${size === 'bundled' ? 'bundled estate' : `${size} synthetic forces`}, ${runs} runs each (whole-estate syntheses: ${wholeRuns})\n`,
  );
  // The output a developer has from before the change: the previous commit, synthesised.
  git(dir, 'checkout', '-q', 'HEAD~1');
  runOnce('node', [CLI, 'synth', '--dir', dir, '--quiet'], dir, [0]);
  cpSync(out, baseSnapshot, { recursive: true });
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
  const pr = cli('pr', '--base', 'HEAD~1', '--format', 'json');
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

const fmt = (f: Figure) =>
  `${f.seconds.toFixed(2)}s${f.peakMb ? ` ${f.peakMb.toFixed(0)}MB` : ''}${f.ok ? '' : ' FAILED'}`;

/** The table and the verdicts against the targets. Pure. */
export function report(rows: readonly Row[]): { table: string; verdicts: string[] } {
  const bin = `${TOOLCHAIN.bin} synth`;
  const npx = `npx ${TOOLCHAIN.bin} synth`;
  const wholeTable = [
    `| estate | forces | start, cold (one process) | ${npx} | start / ${npx}, median of pairs |`,
    '|---|---:|---:|---:|---:|',
    ...rows.flatMap((r) =>
      r.whole
        ? [
            `| ${r.estate} | ${r.forces} | ${fmt(r.whole.start)} | ${fmt(r.whole.npxSynth)} | ${r.whole.ratio.toFixed(2)} |`,
          ]
        : [],
    ),
  ];
  const table = [
    `| estate | forces | validate, cold | validate, warm | synth (cold) | check | cold total | ${bin} | cold total / ${bin} | synth after a one-force change | pr, cold (no cdktf.out, no cache) | pr, warm cache (no cdktf.out) | pr, cdktf.out of the base |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const total = r.validate.seconds + r.synthCold.seconds + r.check.seconds;
      return `| ${r.estate} | ${r.forces} | ${fmt(r.validate)} | ${fmt(r.validateWarm)} | ${fmt(r.synthCold)} | ${fmt(r.check)} | ${total.toFixed(2)}s | ${fmt(r.toolchainSynth)} | ${(total / r.toolchainSynth.seconds).toFixed(2)} | ${fmt(r.synthIncremental)} (${(r.synthIncremental.seconds / r.synthCold.seconds).toFixed(2)} of cold) | ${fmt(r.prCold)} | ${fmt(r.prCached)} | ${fmt(r.prWarm)} |`;
    }),
    ...(wholeTable.length > 2 ? ['', ...wholeTable] : []),
  ].join('\n');
  const verdicts = rows.flatMap((r) => {
    const total = r.validate.seconds + r.synthCold.seconds + r.check.seconds;
    const ratio = total / r.toolchainSynth.seconds;
    const prTarget = r.forces <= 100 ? 1.0 : 1.5;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const prLine = (what: string, f: Figure) =>
      `${pass(f.ok && f.seconds <= prTarget)} ${r.forces} forces: pr for a one-force change, ${what}: median ${f.seconds.toFixed(2)}s (target <= ${prTarget.toFixed(1)}s)`;
    const wholeLine = r.whole
      ? [
          `${pass(r.whole.start.ok && r.whole.npxSynth.ok && r.whole.ratio <= 0.4)} ${r.forces} forces: cold start (validate + synth + check + report, one process) is ${r.whole.ratio.toFixed(2)} x ${npx}, median of ${r.whole.start.runs} pairs (target <= 0.4)`,
        ]
      : [];
    return [
      ...wholeLine,
      `${pass(ratio <= 0.4)} ${r.forces} forces: cold validate + synth + check as three processes is ${ratio.toFixed(2)} x ${bin} run directly, without npx (target <= 0.4)`,
      prLine('cold (no cdktf.out, no cache)', r.prCold),
      prLine('warm cache (no cdktf.out)', r.prCached),
      prLine('cdktf.out of the base', r.prWarm),
    ];
  });
  return { table, verdicts };
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
