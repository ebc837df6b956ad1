/**
 * Synthesises the estate into cdktf's layout (`<outdir>/stacks/<stack>/cdk.tf.json` and
 * `<outdir>/manifest.json`) atomically: everything is written to a temporary sibling folder and
 * moved into place only when every stack has synthesised, so a failed run never leaves a
 * half-written or stale estate that could be deployed.
 *
 * Stacks are synthesised in batches, each in a fresh App; large estates are split into chunks
 * synthesised by child processes, one per core, so time and memory stay linear in the number of
 * forces and each process's memory stays bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeDirAtomicAsync } from '../util/atomic';
import { InterruptScope } from '../util/interrupt';
import { SYNTH_OWNER, synthOutdirProblem } from './synth-output';
import { TOOL_NAME, toolVersion } from '../util/package-root';
import type { Estate } from '../config/estate';
import { estateConfig, type EstateConfig } from './estate-config';
import { loadReusable, manifestBaseOf, outputSha256, STACK_JSON, type ReusedStack } from './synth-cache';
// The toolchain is loaded only when a stack is synthesised here: a run that reuses every stack never loads it.
import type { ChunkResult } from './synth-chunk';
import type { ChunkRequest, WorkerMessage } from './synth-worker';
import {
  BOOTSTRAP_STACK,
  codeSha256,
  ESTATE_MANIFEST,
  NATIONAL_STACK,
  stackInputsSha256,
  stackNames,
  type EstateManifest,
} from './stack-inputs';

/** Written beside manifest.json: what the output was made from, so later steps can detect staleness. */
export { ESTATE_MANIFEST, codeSha256, stackInputsSha256, type EstateManifest } from './stack-inputs';
/** Written in each stack folder: where each config value is written in the source YAML. */
export const SOURCES_FILE = 'sources.json';

export { SYNTH_OWNER, synthOutdirProblem } from './synth-output';

export interface SynthOptions {
  /** Output folder. */
  readonly outdir: string;
  /** Only these stacks: force ids, and `national` for the national stack. Default: every stack. */
  readonly forceIds?: readonly string[];
  /** Stacks per App: bounds the work of one cdktf synth call. */
  readonly batchSize?: number;
  /**
   * Child processes synthesising at once. Default: one per core for estates of PARALLEL_FROM_STACKS
   * stacks or more (cdktf synthesis is CPU-bound and single-threaded), else 1 (in this process).
   */
  readonly workers?: number;
  /**
   * Most stacks per child process: bounds a process's memory (cdktf keeps every token alive).
   * @default MAX_STACKS_PER_CHILD
   */
  readonly chunkSize?: number;
  /** The compiled worker; defaults to the one beside this file when running from dist/. */
  readonly workerScript?: string;
  /** Called with a short line after each stack. */
  readonly onProgress?: (line: string) => void;
  /**
   * Interrupts to honour: on SIGINT/SIGTERM the workers are stopped, the temporary folder is
   * removed and InterruptedError is thrown. @default a scope listening to this process
   */
  readonly interrupts?: InterruptScope;
  /**
   * Previous output folders whose unchanged stacks are copied rather than synthesised again
   * (stacks/synth-cache.ts checks each one). `false`: synthesise everything.
   * @default the output folder itself
   */
  readonly reuseFrom?: readonly string[] | false;
}

export interface StackSummary {
  readonly name: string;
  readonly resources: number;
  /** Config file the stack is made from, relative to the estate folder. */
  readonly source: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: readonly StackSummary[];
  /** Stacks copied from a previous output because their inputs were unchanged. */
  readonly reused: readonly string[];
}

const DEFAULT_WORKER = join(__dirname, 'synth-worker.js');

/**
 * Stacks from which child processes (one per core) beat this process alone. Each child loads the
 * toolchain again (~0.5 s of CPU) and on a 2-core machine two busy processes each run slower, so a
 * small estate is faster here: measured on the 2-core machine (30 November 2026, whole synthesis,
 * wall), 44 stacks took 2.65 s in this process against 3.05 s in two children, 101 stacks 5.5 s
 * against 4.7 s, and 201 stacks 9.4 s against 8.2 s.
 */
export const PARALLEL_FROM_STACKS = 64;

/**
 * Most stacks one child process synthesises before it exits and frees what cdktf held. Each child
 * pays the toolchain's loading again, so fewer, larger chunks are faster while memory stays bounded:
 * measured on the 2-core machine (30 November 2026, 1,001 stacks, two at a time, wall), chunks of 100
 * took 29.4 s (peak 190 MB a process), 250 took 24.7 s (231 MB) and 500 took 23.5 s (330 MB); one
 * chunk of 1,001 in each of two children gained nothing more (23.4 s).
 */
export const MAX_STACKS_PER_CHILD = 500;

export async function synthesizeEstate(estate: Estate, options: SynthOptions): Promise<SynthResult> {
  const outdir = resolve(options.outdir);
  const names = stackNames(estate, options.forceIds);
  if (names.length === 0) throw new Error('no stacks to synthesise');
  const config = estateConfig(estate);
  const batchSize = options.batchSize ?? 25;
  const workerScript = options.workerScript ?? DEFAULT_WORKER;
  let done = 0;
  const onStack = (name: string, resources: number) => {
    done += 1;
    options.onProgress?.(`synth ${name} (${done}/${names.length}): ${resources} resources`);
  };
  const problem = synthOutdirProblem(outdir);
  if (problem) throw new Error(problem);
  const interrupts = options.interrupts ?? new InterruptScope({ onNotice: options.onProgress });
  let forgetCleanup: () => void = () => undefined;
  let reused: string[] = [];
  try {
    const summaries = await writeDirAtomicAsync(
      outdir,
      async (tmp) => {
        const reuse = reuseStacks(estate, names, options.reuseFrom ?? [outdir], tmp);
        for (const line of reuse.refused) options.onProgress?.(`synth: ${line}`);
        reused = names.filter((name) => reuse.stacks.has(name));
        if (reused.length > 0)
          options.onProgress?.(`synth: ${reused.length} unchanged stack${reused.length === 1 ? '' : 's'} reused`);
        const toSynth = names.filter((name) => !reuse.stacks.has(name));
        const workers =
          options.workers ??
          (toSynth.length >= PARALLEL_FROM_STACKS && existsSync(workerScript) ? availableParallelism() : 1);
        const chunks =
          toSynth.length === 0
            ? []
            : workers <= 1
              ? await synthInProcess(config, toSynth, tmp, batchSize, onStack, interrupts)
              : await synthInChildren(config, toSynth, tmp, {
                  batchSize,
                  workers,
                  chunkSize: options.chunkSize ?? MAX_STACKS_PER_CHILD,
                  workerScript,
                  onStack,
                  interrupts,
                });
        interrupts.check();
        return finish(estate, outdir, tmp, names, chunks, reuse.stacks);
      },
      {
        marker: SYNTH_OWNER,
        mayReplace: (target) => synthOutdirProblem(target),
        onTemp: (tmp) => {
          forgetCleanup = interrupts.cleanup(() => rmSync(tmp, { recursive: true, force: true }));
        },
      },
    );
    return { outdir, stacks: summaries, reused };
  } finally {
    forgetCleanup();
    if (!options.interrupts) interrupts.stop();
  }
}

/** Stacks synthesised in this process, a batch at a time, yielding between batches so an interrupt is heard. */
async function synthInProcess(
  config: EstateConfig,
  names: readonly string[],
  tmp: string,
  batchSize: number,
  onStack: (name: string, resources: number) => void,
  interrupts: InterruptScope,
): Promise<ChunkResult[]> {
  const { synthChunk } = await import('./synth-chunk');
  const chunks: ChunkResult[] = [];
  for (let start = 0; start < names.length; start += batchSize) {
    await new Promise((next) => setImmediate(next));
    interrupts.check();
    chunks.push(synthChunk(config, names.slice(start, start + batchSize), tmp, batchSize, onStack));
  }
  return chunks;
}

/** The manifests and each stack's sources.json, once every stack is written (synthesised or reused). */
function finish(
  estate: Estate,
  outdir: string,
  tmp: string,
  names: readonly string[],
  chunks: readonly ChunkResult[],
  reused: ReadonlyMap<string, ReusedStack>,
): StackSummary[] {
  const counts = new Map([
    ...chunks.flatMap((c) => c.resources),
    ...[...reused].map(([name, r]) => [name, r.resources] as const),
  ]);
  const entries = new Map<string, unknown>([
    ...chunks.flatMap((c) => Object.entries(c.manifestStacks)),
    ...[...reused].map(([name, r]) => [name, r.manifestEntry] as const),
  ]);
  const base = chunks[0]?.manifestBase ?? [...reused.values()][0].manifestBase;
  const result = names.map((name) => summarise(estate, tmp, name, counts.get(name)!));
  const manifest = {
    ...base,
    outdir: basename(outdir),
    stacks: Object.fromEntries(names.map((name) => [name, entries.get(name)])),
  };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const outputs = new Map(
    names.map((name) => [
      name,
      outputSha256(
        readFileSync(join(tmp, 'stacks', name, STACK_JSON)),
        entries.get(name),
        manifestBaseOf(manifest),
        counts.get(name)!,
      ),
    ]),
  );
  writeFileSync(join(tmp, ESTATE_MANIFEST), JSON.stringify(estateManifest(estate, result, outputs), null, 2));
  return result;
}

/** Writes the reusable stacks of the first folder that has them into `tmp`; the rest are left to synthesise. */
function reuseStacks(
  estate: Estate,
  names: readonly string[],
  from: readonly string[] | false,
  tmp: string,
): { stacks: Map<string, ReusedStack>; refused: string[] } {
  const stacks = new Map<string, ReusedStack>();
  const refused: string[] = [];
  for (const folder of from || []) {
    const found = loadReusable(
      resolve(folder),
      estate,
      names.filter((n) => !stacks.has(n)),
    );
    refused.push(...found.refused);
    for (const [name, stack] of found.stacks) stacks.set(name, stack);
  }
  for (const [name, stack] of stacks) {
    mkdirSync(join(tmp, 'stacks', name), { recursive: true });
    writeFileSync(join(tmp, 'stacks', name, STACK_JSON), stack.cdkTfJson);
  }
  return { stacks, refused };
}

interface ChildOptions {
  readonly batchSize: number;
  readonly workers: number;
  readonly chunkSize: number;
  readonly workerScript: string;
  readonly onStack: (name: string, resources: number) => void;
  readonly interrupts: InterruptScope;
}

/**
 * Synthesises chunks of stacks in child processes, `workers` at a time. Each child writes into
 * its own folder (cdktf writes a manifest.json per App); its stack folders are then moved into
 * `tmp/stacks`. The first failure stops the other children and fails the whole synthesis.
 */
async function synthInChildren(
  config: EstateConfig,
  names: readonly string[],
  tmp: string,
  o: ChildOptions,
): Promise<ChunkResult[]> {
  const size = Math.max(1, Math.min(o.chunkSize, Math.ceil(names.length / o.workers)));
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += size) chunks.push(names.slice(i, i + size));
  const results = new Array<ChunkResult>(chunks.length);
  const running = new Set<ChildProcess>();
  let next = 0;
  let failure: Error | undefined;

  const runOne = (index: number): Promise<void> =>
    new Promise<void>((resolveChunk, rejectChunk) => {
      const dir = join(tmp, `.chunk-${index}`);
      mkdirSync(dir);
      const child = fork(o.workerScript, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      running.add(child);
      const forget = o.interrupts.track(child);
      let stderr = '';
      let outcome: WorkerMessage | undefined;
      child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.on('message', (m: WorkerMessage) => {
        if (m.kind === 'stack') o.onStack(m.name, m.resources);
        else outcome = m;
      });
      // The chunk ends when its worker has gone, not at its last message, so synthesis never returns
      // with a worker still running. 'close' follows the exit and the reading of every message and of stderr.
      child.on('close', (code, signal) => {
        running.delete(child);
        forget();
        if (outcome?.kind === 'done') {
          results[index] = outcome.result;
          resolveChunk();
        } else
          rejectChunk(
            new Error(
              outcome?.kind === 'error'
                ? outcome.message
                : `synthesis worker for ${chunks[index][0]}..${chunks[index].at(-1)} stopped (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`,
            ),
          );
      });
      child.send({ config, names: chunks[index], outdir: dir, batchSize: o.batchSize } satisfies ChunkRequest);
    }).then(() => {
      mkdirSync(join(tmp, 'stacks'), { recursive: true });
      for (const name of chunks[index])
        renameSync(join(tmp, `.chunk-${index}`, 'stacks', name), join(tmp, 'stacks', name));
      rmSync(join(tmp, `.chunk-${index}`), { recursive: true, force: true });
    });

  const lane = async (): Promise<void> => {
    while (next < chunks.length && !failure && !o.interrupts.interrupted) {
      const index = next++;
      try {
        await runOne(index);
      } catch (err) {
        failure ??= err as Error;
        for (const child of running) child.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.workers, chunks.length) }, lane));
  o.interrupts.check(); // workers stopped by an interrupt report that, not their own exit
  if (failure) throw failure;
  return results;
}

/** Writes the stack's sources.json (where each config value is written) and summarises it. */
function summarise(estate: Estate, tmp: string, name: string, resources: number): StackSummary {
  const stackDir = join(tmp, 'stacks', name);
  const loaded =
    name === NATIONAL_STACK || name === BOOTSTRAP_STACK
      ? estate.platform
      : estate.forces.find((f) => f.config.id === name)!;
  writeFileSync(
    join(stackDir, SOURCES_FILE),
    JSON.stringify({ file: loaded.file, fields: loaded.locator.allScalarPositions() }),
  );
  return { name, resources, source: loaded.file };
}

function estateManifest(
  estate: Estate,
  stacks: readonly StackSummary[],
  outputs: ReadonlyMap<string, string>,
): EstateManifest {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: toolVersion() },
    platformSha256: estate.platform.sha256,
    codeSha256: codeSha256(),
    stacks: Object.fromEntries(
      stacks.map((s) => [
        s.name,
        {
          source: s.source,
          resources: s.resources,
          inputsSha256: stackInputsSha256(estate, s.name),
          outputSha256: outputs.get(s.name)!,
        },
      ]),
    ),
  };
}
