import { relative, resolve, isAbsolute } from 'node:path';
import { loadEstate } from '../../config/estate';
import { synthOutdirProblem } from '../../stacks/synth-output';
import { realPathOf } from '../../util/real-path';
import { defineCommand, listOption, UsageError } from '../command';

export const DEFAULT_OUTDIR = 'cdktf.out';

/**
 * Synth replaces its output folder whole, so the folder must belong to synth: never the estate
 * (or a folder holding it, also through a symbolic link), never a file, never a non-empty folder
 * without synth's marker. `--out .` once replaced the estate's platform.yaml and forces/ with
 * Terraform JSON; a folder holding a manifest.json was once taken for synth's and replaced.
 */
export function outdirProblem(estateDir: string, outdir: string, shown: string): string | undefined {
  const fromOut = relative(realPathOf(outdir), realPathOf(estateDir));
  if (fromOut === '' || (!fromOut.startsWith('..') && !isAbsolute(fromOut))) {
    return `--out ${shown} would replace the estate folder itself; choose a folder of its own, such as ${DEFAULT_OUTDIR}`;
  }
  return synthOutdirProblem(outdir, shown);
}

export const synthCommand = defineCommand({
  name: 'synth',
  summary: 'Synthesise Terraform JSON for the national stack and every force (or --force ID ...).',
  usage: 'bluelamp synth [--force ID ...] [--out DIR (default cdktf.out, replaced whole)] [--dir PATH] [--quiet]',
  options: {
    force: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
  async run(ctx, values) {
    const forceIds = listOption(values, 'force');
    const shown = values.out ?? DEFAULT_OUTDIR;
    const outdir = resolve(ctx.dir, shown);
    const problem = outdirProblem(ctx.dir, outdir, shown);
    if (problem) throw new UsageError(problem);
    const estate = loadEstate(ctx.dir, { forceIds });
    const started = Date.now();
    const result = await (
      await loadSynthesis()
    ).synthesizeEstate(estate, { outdir, forceIds, onProgress: (line) => ctx.progress(line) });
    const resources = result.stacks.reduce((n, s) => n + s.resources, 0);
    ctx.progress(
      `synthesised ${result.stacks.length} stack${result.stacks.length === 1 ? '' : 's'} (${resources} resources) to ${result.outdir} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    return 0;
  },
});

/** Synthesis loads cdktf and the provider bindings: only the commands that synthesise pay for it. */
export function loadSynthesis(): Promise<typeof import('../../stacks/synthesize')> {
  return import('../../stacks/synthesize');
}
