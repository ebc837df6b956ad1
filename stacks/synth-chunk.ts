/**
 * Synthesises one chunk of stacks into a folder, a batch of stacks per fresh App. Runs in the
 * main process for small estates and in child processes (stacks/synth-worker.ts) for large ones:
 * cdktf keeps every token of a process alive, so a process per chunk is what bounds memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformResource, TerraformStack } from 'cdktf';
import { withoutCreationStacks } from './creation-stacks';
import { buildEstateApp, type EstateConfig } from './estate-app';

export interface ChunkResult {
  /** The `stacks` entries of cdktf's manifest.json for this chunk. */
  readonly manifestStacks: Record<string, unknown>;
  /** cdktf's manifest fields other than `stacks` (version, hclOutput). */
  readonly manifestBase: Record<string, unknown>;
  /** Resources per stack, in the order synthesised. */
  readonly resources: ReadonlyArray<readonly [string, number]>;
}

export function synthChunk(
  config: EstateConfig,
  names: readonly string[],
  outdir: string,
  batchSize: number,
  onStack?: (name: string, resources: number) => void,
): ChunkResult {
  let manifestStacks: Record<string, unknown> = {};
  let manifestBase: Record<string, unknown> = {};
  const resources: Array<[string, number]> = [];
  for (let start = 0; start < names.length; start += batchSize) {
    const batch = names.slice(start, start + batchSize);
    const app = withoutCreationStacks(() => {
      const built = buildEstateApp(config, outdir, batch);
      built.synth();
      return built;
    });
    // Count from the construct tree (aspects have run by now) rather than reading back the JSON just written.
    const counts = new Map<string, number>();
    for (const c of app.node.findAll()) {
      if (TerraformResource.isTerraformResource(c)) {
        const stack = TerraformStack.of(c).node.id;
        counts.set(stack, (counts.get(stack) ?? 0) + 1);
      }
    }
    const { stacks, ...rest } = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, unknown>;
    };
    manifestStacks = { ...manifestStacks, ...stacks };
    manifestBase = rest;
    for (const name of batch) {
      const count = counts.get(name) ?? 0;
      resources.push([name, count]);
      onStack?.(name, count);
    }
  }
  return { manifestStacks, manifestBase, resources };
}
