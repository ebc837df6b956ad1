import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const rulesCommand: Command = {
  name: 'rules',
  summary: '(not yet implemented)',
  usage: 'bluelamp rules',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp rules: not implemented yet');
    return 1;
  },
};
