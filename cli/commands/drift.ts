import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const driftCommand: Command = {
  name: 'drift',
  summary: '(not yet implemented)',
  usage: 'bluelamp drift',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp drift: not implemented yet');
    return 1;
  },
};
