/**
 * Synthesises one chunk of stacks into a folder, a batch of stacks per fresh App. Runs in the
 * main process for small estates and in child processes (stacks/synth-worker.ts) for large ones:
 * cdktf keeps every token of a process alive, so a process per chunk is what bounds memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEstateApp, type EstateConfig } from './estate-app';

export interface ChunkResult {
  /** The `stacks` entries of cdktf's manifest.json for this chunk. */
  readonly manifestStacks: Record<string, unknown>;
  /** cdktf's manifest fields other than `stacks` (version, hclOutput). */
  readonly manifestBase: Record<string, unknown>;
  /** Resources per stack, in the order synthesised. */
  readonly resources: ReadonlyArray<readonly [string, number]>;
}

export function synthChunk(config: EstateConfig, names: readonly string[], outdir: string, batchSize: number, onStack?: (name: string, resources: number) => void): ChunkResult {
  let manifestStacks: Record<string, unknown> = {};
  let manifestBase: Record<string, unknown> = {};
  const resources: Array<[string, number]> = [];
  for (let start = 0; start < names.length; start += batchSize) {
    const batch = names.slice(start, start + batchSize);
    buildEstateApp(config, outdir, batch).synth();
    const { stacks, ...rest } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    manifestStacks = { ...manifestStacks, ...stacks };
    manifestBase = rest;
    for (const name of batch) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      const count = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      resources.push([name, count]);
      onStack?.(name, count);
    }
  }
  return { manifestStacks, manifestBase, resources };
}
