import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { synthesizeEstate } from '../../stacks/synthesize';
import type { Command } from '../command';
import { DEFAULT_OUTDIR } from './synth';

/** The main job (`npm start`): validate and synthesise the whole estate, then one summary line. */
export const startCommand: Command = {
  name: 'start',
  summary: 'The main job: validate and synthesise the whole estate, then print a one-line summary.',
  usage: 'bluelamp start [--dir PATH] [--quiet]',
  options: {},
  async run(ctx) {
    const started = Date.now();
    const estate = loadEstate(ctx.dir);
    ctx.progress(`valid: platform.yaml and ${estate.forces.length} forces`);
    const result = synthesizeEstate(estate, { outdir: join(ctx.dir, DEFAULT_OUTDIR), onProgress: ctx.progress });
    const resources = result.stacks.reduce((n, s) => n + s.resources, 0);
    ctx.out(`bluelamp: ${estate.forces.length} forces valid; ${result.stacks.length} stacks, ${resources} resources synthesised to ${DEFAULT_OUTDIR}/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return 0;
  },
};
