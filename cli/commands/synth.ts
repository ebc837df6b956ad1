import { resolve } from 'node:path';
import { loadEstate } from '../../config/estate';
import { synthesizeEstate } from '../../stacks/synthesize';
import { listOption, type Command } from '../command';

export const DEFAULT_OUTDIR = 'cdktf.out';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'Synthesise Terraform JSON for the national stack and every force (or --force ID ...).',
  usage: 'bluelamp synth [--force ID ...] [--out DIR] [--dir PATH] [--quiet]',
  options: {
    force: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
  async run(ctx, values) {
    const forceIds = listOption(values, 'force');
    const estate = loadEstate(ctx.dir, { forceIds });
    const outdir = resolve(ctx.dir, (values.out as string | undefined) ?? DEFAULT_OUTDIR);
    const started = Date.now();
    const result = await synthesizeEstate(estate, { outdir, forceIds, onProgress: ctx.progress });
    const resources = result.stacks.reduce((n, s) => n + s.resources, 0);
    ctx.progress(`synthesised ${result.stacks.length} stacks (${resources} resources) to ${result.outdir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return 0;
  },
};
