/**
 * Onboarding a force: a commented force file with the next free address space and placeholder
 * identifiers, validated with the rest of the estate before it is moved into place, so what is
 * written always validates and synthesises as it stands.
 */
import { existsSync, linkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCidr, nextFree, parseCidr } from '../util/cidr';
import { ConfigError } from '../config/errors';
import { crossFileIssues } from '../config/estate-rules';
import { FORCES_DIR, loadEstate, type LoadedFile } from '../config/estate';
import { renderForceYaml } from '../config/force-template';
import { literalTextProblem } from '../config/literal-text';
import { ForceSchema, type ForceConfig, type Region } from '../config/schema';
import { readAndValidate } from '../config/yaml-file';
import { hasGeneratedCodeowners, writeCodeowners } from './codeowners';
import { readInventory } from '../adopt/inventory';
import { proposeFromInventory, withProposal } from './onboard-inventory';

/** Address space a new force gets unless `--prefix` says otherwise: 2,048 addresses. */
export const DEFAULT_ONBOARD_PREFIX = 21;

export interface OnboardOptions {
  /** Force id; becomes the file name. */
  readonly id: string;
  /** Full force name. */
  readonly name: string;
  /** Prefix length of the spoke address space (16..22). @default 21 */
  readonly prefix?: number;
  /** @default the platform's default region (or, from an inventory, where most of it is) */
  readonly region?: Region;
  /**
   * A Resource Graph export of the force's subscription: the file is proposed from it, each
   * value taken from it marked with a comment for a person to confirm (onboard-inventory.ts).
   * @default - none: placeholders and the next free range
   */
  readonly inventory?: { readonly path: string; readonly display: string };
}

export interface OnboardResult {
  /** `forces/<id>.yaml`. */
  readonly file: string;
  readonly addressSpace: string;
  /** True when CODEOWNERS was regenerated to include the force's team. */
  readonly codeownersUpdated: boolean;
  /** From an inventory: the fields proposed from it (each marked in the file), and what could not be used. */
  readonly guessed?: readonly string[];
  readonly notes?: readonly string[];
}

export function onboardForce(dir: string, options: OnboardOptions): OnboardResult {
  const rel = `${FORCES_DIR}/${options.id}.yaml`;
  // The id becomes a path: check it before touching the disk.
  const idCheck = ForceSchema.shape.id.safeParse(options.id);
  if (!idCheck.success)
    throw new ConfigError([{ file: rel, path: 'id', message: `"${options.id}" ${idCheck.error.issues[0].message}` }]);
  // The name is written into the file (and a comment): refuse what is not one line of literal text.
  const nameCheck = ForceSchema.shape.name.safeParse(options.name);
  const nameProblem =
    literalTextProblem(options.name)?.message ?? (nameCheck.success ? undefined : nameCheck.error.issues[0].message);
  if (nameProblem) throw new ConfigError([{ file: rel, path: 'name', message: `--name ${nameProblem}` }]);
  const target = join(dir, rel);
  if (existsSync(target)) {
    throw new ConfigError([
      {
        file: rel,
        path: '',
        message: `already exists; force "${options.id}" is onboarded (edit the file, or choose another id)`,
      },
    ]);
  }
  const estate = loadEstate(dir);
  const platform = estate.platform.config;
  const prefix = options.prefix ?? DEFAULT_ONBOARD_PREFIX;
  const ranges = [
    { owner: 'the national hub', cidr: platform.hub.addressSpace },
    ...estate.forces.map((f) => ({ owner: `force ${f.config.id}`, cidr: f.config.network.addressSpace })),
  ];
  const proposal = options.inventory
    ? proposeFromInventory(
        readInventory(options.inventory.path, options.inventory.display),
        options.inventory.display,
        platform,
        ranges,
      )
    : undefined;
  const taken = ranges.map((r) => parseCidr(r.cidr));
  const block = proposal?.addressSpace
    ? parseCidr(proposal.addressSpace)
    : nextFree(parseCidr(platform.addressPool), prefix, taken);
  if (!block) {
    throw new ConfigError([
      {
        file: 'platform.yaml',
        path: 'addressPool',
        message: `${platform.addressPool} has no free /${prefix} left for ${options.id}; try a longer --prefix or widen the pool`,
      },
    ]);
  }
  const addressSpace = formatCidr(block);
  let text = renderForceYaml({
    id: options.id,
    name: options.name,
    addressSpace,
    region: options.region ?? proposal?.region ?? platform.regions.default,
    ...(proposal
      ? { connectivity: proposal.connectivity, office365: proposal.office365, evidence: proposal.evidence }
      : {}),
    // Like the bundled forces: workloads to the internet over HTTPS, and sites to workloads when it has sites.
    standardFlows: true,
    headerNote: proposal
      ? `Proposed by \`bluelamp onboard --from-inventory\` from ${options.inventory!.display}: confirm every "GUESS" and replace every "placeholder" before the first deploy.`
      : 'Onboarded with `bluelamp onboard`: every "placeholder" below must be replaced with the real value before the first deploy.',
  });
  if (proposal) text = withProposal(text, proposal, options.region !== undefined);

  // Validate the new file with the estate around it, under a temporary name, then link it into
  // place: link() fails if the target appeared meanwhile, so nothing is ever overwritten.
  const tmp = join(dir, FORCES_DIR, `.${options.id}.yaml.tmp-${process.pid}`);
  writeFileSync(tmp, text);
  try {
    const parsed = readAndValidate(tmp, rel, ForceSchema);
    if (!parsed.ok) throw new ConfigError(parsed.issues);
    const loaded: LoadedFile<ForceConfig> = { file: rel, config: parsed.value, locator: parsed.locator, sha256: '' };
    const issues = crossFileIssues(estate.platform, [...estate.forces, loaded]);
    if (issues.length > 0) throw new ConfigError(issues);
    linkSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
  const codeownersUpdated = hasGeneratedCodeowners(dir) && writeCodeowners(dir);
  return {
    file: rel,
    addressSpace,
    codeownersUpdated,
    ...(proposal
      ? {
          guessed: [...proposal.guesses.keys()].filter((k) => !(k === 'region' && options.region)),
          notes: proposal.notes,
        }
      : {}),
  };
}

/** What the force team does next, printed after onboarding. */
export function nextSteps(id: string, result: OnboardResult): string {
  return [
    `Next steps for ${id}:`,
    `  1. In ${result.file}, replace every "placeholder": tenantId (the force's Entra tenant), subscriptionId`,
    '     (its landing-zone subscription), the Entra group object ids under identity, and the contacts.',
    '     Choose services (office365, box, evidenceStore) and connectivity; keep the address space, the NMC allocated it.',
    `  2. Check it: bluelamp validate && bluelamp synth --force ${id} && bluelamp check --force ${id}`,
    `  3. Open a pull request with ${result.file}${result.codeownersUpdated ? ' and CODEOWNERS' : ''}; the pipeline posts the diff and the plan,`,
    '     your team and the NMC platform team review it, and merging deploys after the environment approval.',
    '  See docs/onboarding.md for the whole journey.',
  ].join('\n');
}
