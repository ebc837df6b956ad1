import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const checkCommand: Command = {
  name: 'check',
  summary: '(not yet implemented)',
  usage: 'bluelamp check',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp check: not implemented yet');
    return 1;
  },
};
