import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const affectedCommand: Command = {
  name: 'affected',
  summary: '(not yet implemented)',
  usage: 'bluelamp affected',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp affected: not implemented yet');
    return 1;
  },
};
