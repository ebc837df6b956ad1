import { resolve } from 'node:path';
import { InventoryError } from '../../adopt/inventory';
import { adoptForce, formatAdoptionReport } from '../../delivery/adopt';
import { listOption, UsageError, type Command } from '../command';
import { terminalSafe } from '../../policies/formats/printable';

export const adoptCommand: Command = {
  name: 'adopt',
  summary:
    "Match a force's existing Azure resources (a Resource Graph export) to its landing zone; write forces/<id>.adopt.yaml.",
  usage: 'bluelamp adopt <force-id> --inventory FILE [--inventory FILE ...] [--dir PATH]',
  options: {
    inventory: { type: 'string', multiple: true },
  },
  allowPositionals: true,
  async run(ctx, values, positionals) {
    if (positionals.length !== 1)
      throw new UsageError(
        'give exactly one force id, for example: bluelamp adopt essex --inventory essex-resources.json',
      );
    const files = listOption(values, 'inventory');
    if (files.length === 0) throw new UsageError('--inventory FILE is required (az graph query ... -o json > FILE)');
    try {
      const outcome = await adoptForce({
        dir: ctx.dir,
        forceId: positionals[0],
        inventories: files.map((f) => ({ path: resolve(process.cwd(), f), display: f })),
        onProgress: (line) => ctx.progress(line),
      });
      // The report names resources from the inventory: text from outside Blue Lamp.
      ctx.out(terminalSafe(formatAdoptionReport(positionals[0], outcome)));
      return outcome.result.conflicts.length > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof InventoryError) {
        for (const line of err.message.split('\n')) ctx.error(terminalSafe(line));
        return 1;
      }
      throw err;
    }
  },
};
