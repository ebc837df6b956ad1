import { resolve } from 'node:path';
import { loadEstate } from '../../config/estate';
import { manifestMarkdown, stackPermissions } from '../../permissions/manifest';
import { estateScopes, readSynthesisedStacks } from '../../permissions/estate-scopes';
import { BOOTSTRAP_STACK } from '../../stacks/stack-inputs';
import { choiceOption, defineCommand, listOption, UsageError } from '../command';

const PERMISSION_FORMATS = ['markdown', 'json'] as const;

export const permissionsCommand = defineCommand({
  name: 'permissions',
  summary:
    'The roles the pipeline identity needs per stack (Azure role and scope, Entra role), from the resource types synthesised.',
  usage: 'bluelamp permissions [--force ID ...] [--format markdown|json] [--outdir DIR] [--dir PATH]',
  options: {
    force: { type: 'string', multiple: true },
    format: { type: 'string', short: 'f' },
    outdir: { type: 'string' },
  },
  readOnly: true,
  run(ctx, values) {
    const format = choiceOption(values, 'format', PERMISSION_FORMATS) ?? 'markdown';
    const only = listOption(values, 'force');
    const estate = loadEstate(ctx.dir);
    const outdir = resolve(ctx.dir, values.outdir ?? 'cdktf.out');
    const synthesised = readSynthesisedStacks(outdir, only);
    const missing = only.filter((id) => !synthesised.some((s) => s.name === id));
    if (missing.length > 0 || synthesised.length === 0)
      throw new UsageError(
        `no synthesised stack for ${missing.length ? missing.join(', ') : 'this estate'} in ${outdir}; run bluelamp synth first`,
      );
    // Bootstrap grants the pipeline its roles: it is applied by a person, so it has no pipeline grants.
    const stacks = synthesised.filter((s) => s.name !== BOOTSTRAP_STACK);
    if (stacks.length < synthesised.length && only.includes(BOOTSTRAP_STACK)) ctx.error(BOOTSTRAP_APPLIER);
    const scopes = estateScopes(
      estate.platform.config,
      estate.forces.map((f) => f.config),
    );
    const manifest = stacks.map((s) => stackPermissions(s, scopes));
    ctx.out(
      format === 'json'
        ? `${JSON.stringify({ schemaVersion: 1, stacks: manifest }, null, 2)}\n`
        : manifestMarkdown(manifest),
    );
    const unknown = manifest.filter((m) => m.unknownTypes.length > 0);
    for (const m of unknown)
      ctx.error(
        `bluelamp permissions: ${m.stack}: no permission known for ${m.unknownTypes.join(', ')} (add it to permissions/role-table.ts)`,
      );
    return Promise.resolve(unknown.length > 0 ? 1 : 0);
  },
});

/** Who applies bootstrap instead of the pipeline (docs/bootstrap.md, the one manual step). */
export const BOOTSTRAP_APPLIER =
  'bluelamp permissions: bootstrap is not applied by the pipeline identity (it grants it its roles): an NMC engineer applies it through PIM, with Owner on the state and hub subscriptions and User Access Administrator on each consented force subscription (docs/bootstrap.md)';
