import type { Command } from '../command';

// Placeholder until its issue lands: the command is listed so the CLI surface is complete.
export const onboardCommand: Command = {
  name: 'onboard',
  summary: '(not yet implemented)',
  usage: 'bluelamp onboard',
  options: {},
  async run(ctx) {
    ctx.error('bluelamp onboard: not implemented yet');
    return 1;
  },
};
