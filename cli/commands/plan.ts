import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const planCommand: Command = {
  name: 'plan',
  summary: '(not yet implemented)',
  usage: 'bluelamp plan',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp plan: not implemented yet');
    return 1;
  },
};
