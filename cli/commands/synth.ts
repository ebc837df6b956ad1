import { existsSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { loadEstate } from '../../config/estate';
import { listOption, UsageError, type Command } from '../command';

export const DEFAULT_OUTDIR = 'cdktf.out';

/** Files only a previous synth leaves at the top of its output folder. */
const SYNTH_MARKERS = ['manifest.json', 'bluelamp.json'];

/**
 * Synth replaces its output folder whole, so the folder must belong to synth: never the estate
 * (or a folder holding it), never a file, never someone's non-empty folder. `--out .` once
 * replaced the estate's platform.yaml and forces/ with Terraform JSON.
 */
export function outdirProblem(estateDir: string, outdir: string, shown: string): string | undefined {
  const fromOut = relative(outdir, estateDir);
  if (fromOut === '' || (!fromOut.startsWith('..') && !isAbsolute(fromOut))) {
    return `--out ${shown} would replace the estate folder itself; choose a folder of its own, such as ${DEFAULT_OUTDIR}`;
  }
  if (!existsSync(outdir)) return undefined;
  if (!statSync(outdir).isDirectory()) return `--out ${shown} is a file; --out takes a folder for the Terraform JSON`;
  const entries = readdirSync(outdir);
  if (entries.length > 0 && !SYNTH_MARKERS.some((m) => entries.includes(m))) {
    return `--out ${shown} is not empty and was not written by bluelamp synth; choose another folder (synth replaces it whole)`;
  }
  return undefined;
}

export const synthCommand: Command = {
  name: 'synth',
  summary: 'Synthesise Terraform JSON for the national stack and every force (or --force ID ...).',
  usage: 'bluelamp synth [--force ID ...] [--out DIR (default cdktf.out, replaced whole)] [--dir PATH] [--quiet]',
  options: {
    force: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
  async run(ctx, values) {
    const forceIds = listOption(values, 'force');
    const shown = (values.out as string | undefined) ?? DEFAULT_OUTDIR;
    const outdir = resolve(ctx.dir, shown);
    const problem = outdirProblem(ctx.dir, outdir, shown);
    if (problem) throw new UsageError(problem);
    const estate = loadEstate(ctx.dir, { forceIds });
    const started = Date.now();
    const result = await (
      await loadSynthesis()
    ).synthesizeEstate(estate, { outdir, forceIds, onProgress: ctx.progress });
    const resources = result.stacks.reduce((n, s) => n + s.resources, 0);
    ctx.progress(
      `synthesised ${result.stacks.length} stack${result.stacks.length === 1 ? '' : 's'} (${resources} resources) to ${result.outdir} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    return 0;
  },
};

/** Synthesis loads cdktf and the provider bindings: only the commands that synthesise pay for it. */
export function loadSynthesis(): Promise<typeof import('../../stacks/synthesize')> {
  return import('../../stacks/synthesize');
}
