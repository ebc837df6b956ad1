import type { Command } from '../command';
import { affectedCommand } from './affected';
import { checkCommand } from './check';
import { deployCommand } from './deploy';
import { diffCommand } from './diff';
import { driftCommand } from './drift';
import { onboardCommand } from './onboard';
import { planCommand } from './plan';
import { prCommand } from './pr';
import { reportCommand } from './report';
import { rulesCommand } from './rules';
import { startCommand } from './start';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/** Every command, in the order of the flow: config -> synth -> assurance -> delivery. */
export const COMMANDS: readonly Command[] = [
  startCommand,
  validateCommand,
  synthCommand,
  checkCommand,
  rulesCommand,
  reportCommand,
  onboardCommand,
  affectedCommand,
  diffCommand,
  prCommand,
  planCommand,
  deployCommand,
  driftCommand,
];
