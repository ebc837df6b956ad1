import { DEFAULT_ONBOARD_PREFIX, nextSteps, onboardForce } from '../../delivery/onboard';
import { REGIONS } from '../../config/schema';
import { choiceOption, UsageError, type Command } from '../command';

export const onboardCommand: Command = {
  name: 'onboard',
  summary: 'Write forces/<id>.yaml for a new force, with the next free address space and placeholder ids.',
  usage: `bluelamp onboard <id> --name "Force name" [--prefix N (16-22, default ${DEFAULT_ONBOARD_PREFIX})] [--region ${REGIONS.join('|')}] [--dir PATH]`,
  options: {
    name: { type: 'string' },
    prefix: { type: 'string' },
    region: { type: 'string' },
  },
  allowPositionals: true,
  run(ctx, values, positionals) {
    if (positionals.length !== 1)
      throw new UsageError('give exactly one force id, for example: bluelamp onboard essex --name "Essex Police"');
    const name = values.name as string | undefined;
    if (!name) throw new UsageError('--name "Force name" is required');
    const prefixText = values.prefix as string | undefined;
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    if (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 16 && prefix <= 22)) {
      throw new UsageError(`--prefix ${prefixText}: a force address space is /16 to /22`);
    }
    const region = choiceOption(values, 'region', REGIONS);
    const id = positionals[0];
    const result = onboardForce(ctx.dir, { id, name, prefix, region });
    ctx.out(
      `wrote ${result.file} (address space ${result.addressSpace})${result.codeownersUpdated ? ' and updated CODEOWNERS' : ''}`,
    );
    ctx.out(nextSteps(id, result));
    return Promise.resolve(0);
  },
};
