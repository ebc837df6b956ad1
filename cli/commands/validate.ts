import { loadEstate } from '../../config/estate';
import type { Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Validate platform.yaml and every forces/*.yaml (schema and cross-force rules).',
  usage: 'bluelamp validate [--dir PATH] [--quiet]',
  options: {},
  readOnly: true,
  run(ctx) {
    const estate = loadEstate(ctx.dir);
    ctx.progress(`valid: platform.yaml and ${estate.forces.length} forces`);
    return Promise.resolve(0);
  },
};
