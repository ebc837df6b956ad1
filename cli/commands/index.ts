import type { Command } from '../command';
import { adoptCommand } from './adopt';
import { affectedCommand } from './affected';
import { checkCommand } from './check';
import { deployCommand } from './deploy';
import { diffCommand } from './diff';
import { driftCommand } from './drift';
import { indexCommand } from './force-index';
import { onboardCommand } from './onboard';
import { permissionsCommand } from './permissions';
import { planCommand } from './plan';
import { reachCommand } from './reach';
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
  permissionsCommand,
  reachCommand,
  reportCommand,
  onboardCommand,
  adoptCommand,
  indexCommand,
  affectedCommand,
  diffCommand,
  prCommand,
  planCommand,
  deployCommand,
  driftCommand,
];
