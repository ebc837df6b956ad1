import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const deployCommand: Command = {
  name: 'deploy',
  summary: '(not yet implemented)',
  usage: 'bluelamp deploy',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp deploy: not implemented yet');
    return 1;
  },
};
