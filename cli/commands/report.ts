import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const reportCommand: Command = {
  name: 'report',
  summary: '(not yet implemented)',
  usage: 'bluelamp report',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp report: not implemented yet');
    return 1;
  },
};
