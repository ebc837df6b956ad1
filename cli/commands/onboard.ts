import { resolve } from 'node:path';
import { InventoryError } from '../../adopt/inventory';
import { DEFAULT_ONBOARD_PREFIX, nextSteps, onboardForce } from '../../delivery/onboard';
import { REGIONS } from '../../config/schema';
import { choiceOption, defineCommand, UsageError, type CommandContext, type ValuesOf } from '../command';
import { terminalSafe } from '../../policies/formats/printable';

const ONBOARD_OPTIONS = {
  name: { type: 'string' },
  prefix: { type: 'string' },
  region: { type: 'string' },
  'from-inventory': { type: 'string' },
} as const;

export const onboardCommand = defineCommand({
  name: 'onboard',
  summary:
    'Write forces/<id>.yaml for a new force, with the next free address space and placeholder ids (or proposed from an inventory).',
  usage: `bluelamp onboard <id> --name "Force name" [--prefix N (16-22, default ${DEFAULT_ONBOARD_PREFIX})] [--region ${REGIONS.join('|')}] [--from-inventory FILE] [--dir PATH]`,
  options: ONBOARD_OPTIONS,
  allowPositionals: true,
  // Synchronous work; a throw still becomes a rejected promise.
  run: (ctx, values, positionals) => new Promise<number>((done) => done(runOnboard(ctx, values, positionals))),
});

function runOnboard(ctx: CommandContext, values: ValuesOf<typeof ONBOARD_OPTIONS>, positionals: string[]): number {
  if (positionals.length !== 1)
    throw new UsageError('give exactly one force id, for example: bluelamp onboard essex --name "Essex Police"');
  const name = values.name;
  if (!name) throw new UsageError('--name "Force name" is required');
  const prefixText = values.prefix;
  const prefix = prefixText === undefined ? undefined : Number(prefixText);
  if (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 16 && prefix <= 22)) {
    throw new UsageError(`--prefix ${prefixText}: a force address space is /16 to /22`);
  }
  const region = choiceOption(values, 'region', REGIONS);
  const inventoryFile = values['from-inventory'];
  if (inventoryFile === '') throw new UsageError('--from-inventory needs a file (az graph query ... -o json > FILE)');
  const id = positionals[0];
  let result;
  try {
    result = onboardForce(ctx.dir, {
      id,
      name,
      prefix,
      region,
      ...(inventoryFile ? { inventory: { path: resolve(process.cwd(), inventoryFile), display: inventoryFile } } : {}),
    });
  } catch (err) {
    if (!(err instanceof InventoryError)) throw err;
    for (const line of err.message.split('\n')) ctx.error(terminalSafe(line));
    ctx.error('nothing was written');
    return 1;
  }
  ctx.out(
    `wrote ${result.file} (address space ${result.addressSpace})${result.codeownersUpdated ? ' and updated CODEOWNERS' : ''}`,
  );
  if (result.guessed)
    ctx.out(
      `proposed from ${inventoryFile}: ${result.guessed.length > 0 ? result.guessed.join(', ') : 'nothing it could recognise'} (each marked "GUESS" in the file: confirm it)`,
    );
  // Notes name resources from the inventory: text from outside Blue Lamp.
  for (const note of result.notes ?? []) ctx.out(`  note: ${terminalSafe(note)}`);
  ctx.out(nextSteps(id, result));
  return 0;
}
