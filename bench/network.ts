/**
 * Times the network intent proofs on a synthesised estate: what they add to `check` (loading the
 * estate's config for the declared flows, the model, the proofs: all-pairs isolation, ingress,
 * egress, every declared flow) and one `reach` query. Reading the stacks is check's cost already,
 * so it is timed apart. Every figure is the median of `runs` runs in this process; CPU time is
 * reported beside wall time because on a shared machine the wall clock also counts other work.
 *
 *   node dist/bench/network.js DIR [--runs N]            -> one JSON line (NetworkTiming) on stdout
 *   node dist/bench/network.js --forces 43,1000 [--runs N] -> generates, synthesises and times each
 *                                                           estate (43: the bundled one), then prints
 *                                                           a table and the verdicts against the targets
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reach } from '../network/evaluate';
import { INTERNET_PROBE } from '../network/intents';
import { loadNetwork, readStacks } from '../network/load';
import { proveIntents, tryLoadEstate } from '../policies/network-intents';
import { syntheticProfiles, writeEstate } from '../scripts/generate-estate';
import { packageRoot } from '../util/package-root';

/** Medians over the runs, in milliseconds. */
export interface NetworkTiming {
  /** Reading and indexing every stack's JSON (check does this anyway). */
  readonly readMs: number;
  /** Loading platform.yaml and the force files for the declared flows (the intents' own cost). */
  readonly estateMs: number;
  readonly modelMs: number;
  readonly proofsMs: number;
  /** What the intents add to check: estate + model + proofs, wall time. */
  readonly addedMs: number;
  /** The same, CPU time (user + system) of this process. */
  readonly addedCpuMs: number;
  /** One `reach` query over the loaded model. */
  readonly reachMs: number;
  /** The whole `reach` command in process: read, estate, model and the query. */
  readonly reachCommandMs: number;
  readonly pairs: number;
  readonly proved: number;
  readonly flows: number;
  readonly failures: number;
  readonly reachVerdict: string;
  readonly runs: number;
}

/** Targets (issue 12): the isolation proof adds at most 1 s to check for the bundled estate, 30 s at 1,000. */
export const NETWORK_TARGET_MS = { bundled: 1_000, large: 30_000, reach: 1_000 } as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** Times the intents on the synthesised estate in `dir` (its cdktf.out), `runs` times; medians. */
export function measureNetworkIntents(dir: string, runs = 5): NetworkTiming {
  const samples: Omit<NetworkTiming, 'runs'>[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    let t = process.hrtime.bigint();
    const { stacks } = readStacks(join(dir, 'cdktf.out'));
    const readMs = since(t);
    const cpu = process.cpuUsage();
    t = process.hrtime.bigint();
    const estate = tryLoadEstate(dir);
    const estateMs = since(t);
    t = process.hrtime.bigint();
    const net = loadNetwork(stacks, estate);
    const modelMs = since(t);
    t = process.hrtime.bigint();
    const run = proveIntents(net, estate, 'national');
    const proofsMs = since(t);
    const used = process.cpuUsage(cpu);
    const spoke = net.model.vnets.find((v) => v.stack !== 'national')!;
    t = process.hrtime.bigint();
    const answer = reach(net, {
      src: spoke.subnets[0].prefixes[0].network + 4,
      dst: INTERNET_PROBE,
      protocol: 'tcp',
      port: 443,
    });
    const reachMs = since(t);
    samples.push({
      readMs,
      estateMs,
      modelMs,
      proofsMs,
      addedMs: estateMs + modelMs + proofsMs,
      addedCpuMs: (used.user + used.system) / 1000,
      reachMs,
      reachCommandMs: readMs + estateMs + modelMs + reachMs,
      pairs: run.isolation.pairs,
      proved: run.isolation.proved,
      flows: run.flows.length,
      failures: run.results.length,
      reachVerdict: answer.verdict,
    });
  }
  const m = (key: keyof Omit<NetworkTiming, 'runs' | 'reachVerdict'>) => median(samples.map((s) => s[key]));
  const last = samples[samples.length - 1];
  return {
    readMs: m('readMs'),
    estateMs: m('estateMs'),
    modelMs: m('modelMs'),
    proofsMs: m('proofsMs'),
    addedMs: m('addedMs'),
    addedCpuMs: m('addedCpuMs'),
    reachMs: m('reachMs'),
    reachCommandMs: m('reachCommandMs'),
    pairs: last.pairs,
    proved: last.proved,
    flows: last.flows,
    failures: last.failures,
    reachVerdict: last.reachVerdict,
    runs: samples.length,
  };
}

/** The verdicts against the targets, one line each. Pure. */
export function networkTimingVerdicts(forces: number, n: NetworkTiming): string[] {
  const target = forces <= 100 ? NETWORK_TARGET_MS.bundled : NETWORK_TARGET_MS.large;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    `${pass(n.addedMs <= target && n.proved === n.pairs)} ${forces} forces: the network intents (${n.pairs} force pairs, ${n.proved} proved isolated, ${n.flows} flows) add ${(n.addedMs / 1000).toFixed(2)} s to check, ${(n.addedCpuMs / 1000).toFixed(2)} s of CPU (median of ${n.runs}; target <= ${target / 1000} s)`,
    `${pass(n.reachMs < NETWORK_TARGET_MS.reach)} ${forces} forces: one reach query takes ${n.reachMs.toFixed(2)} ms after loading (target well under 1 s); the whole command in process ${(n.reachCommandMs / 1000).toFixed(2)} s, of which reading the stacks ${(n.readMs / 1000).toFixed(2)} s`,
  ];
}

/** A scratch estate of `forces` forces (43: the bundled one), synthesised; returns its folder. */
function prepareEstate(forces: number, scratch: string): string {
  const root = packageRoot();
  const dir = join(scratch, String(forces));
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'platform.yaml'), join(dir, 'platform.yaml'));
  if (forces === 43) cpSync(join(root, 'forces'), join(dir, 'forces'), { recursive: true });
  else writeEstate(dir, syntheticProfiles(forces), { compact: true });
  const synth = spawnSync('node', [join(root, 'dist', 'cli', 'main.js'), 'synth', '--dir', dir, '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (synth.status !== 0) throw new Error(`synth of ${forces} forces failed:\n${synth.stderr}`);
  return dir;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string' }, forces: { type: 'string' } },
  });
  const runs = Math.max(1, Number(values.runs ?? 5));
  if (!values.forces) {
    const dir = positionals[0];
    if (!dir) throw new Error('usage: node dist/bench/network.js ESTATE_DIR [--runs N] | --forces 43,1000 [--runs N]');
    process.stdout.write(`${JSON.stringify(measureNetworkIntents(dir, runs))}\n`);
    return;
  }
  const sizes = values.forces.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 2))
    throw new Error(`--forces ${values.forces}: force counts, e.g. 43,1000`);
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-bench-network-'));
  try {
    const rows = sizes.map((forces) => {
      process.stderr.write(`bench/network: synthesising ${forces} forces\n`);
      const timing = measureNetworkIntents(prepareEstate(forces, scratch), runs);
      return { forces, timing };
    });
    const f = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
    process.stdout.write(
      [
        '| forces | pairs | flows | read stacks | load config | model | proofs | added (wall) | added (CPU) | one reach query | reach command |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...rows.map(
          ({ forces, timing: n }) =>
            `| ${forces} | ${n.pairs} | ${n.flows} | ${f(n.readMs)} | ${f(n.estateMs)} | ${f(n.modelMs)} | ${f(n.proofsMs)} | ${f(n.addedMs)} | ${f(n.addedCpuMs)} | ${n.reachMs.toFixed(2)} ms | ${f(n.reachCommandMs)} |`,
        ),
        '',
        ...rows.flatMap(({ forces, timing }) => networkTimingVerdicts(forces, timing)),
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) main();
