import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const diffCommand: Command = {
  name: 'diff',
  summary: '(not yet implemented)',
  usage: 'bluelamp diff',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp diff: not implemented yet');
    return 1;
  },
};
