/**
 * The force index (`forces/index.json`): for each force file, the sha256 of its text and the facts
 * that the other forces are checked against (identity, subscription and tenant, region, Defender
 * plans, spoke address space, sites). A pull request's review (delivery/pull-request.ts) takes an
 * unchanged force from the index of its base branch instead of parsing its file, so that it
 * validates what the change can affect rather than the whole estate: at 1,000 forces parsing every
 * file cost more than the rest of the review together.
 *
 * The index is derived, never a source: `bluelamp index` writes it from the validated estate. An
 * entry is used only for a file whose text hashes to the entry's sha256, and only while
 * platform.yaml is the one the index was written for (the per-force rules read the platform); a
 * stale or missing entry costs a parse, never a wrong answer. A review reads the index as committed
 * on its base branch, never the change's own copy, and every entry is checked against the schema's
 * own field rules before use.
 */
import { z } from 'zod';
import type { Estate } from './estate';
import { ForceSchema, SiteSchema, type ForceConfig } from './schema';

/** Where the index lives, relative to the estate folder (affected.ts: a change to it affects no stack). */
export const FORCE_INDEX_FILE = 'forces/index.json';
/** Bumped whenever the facts, or what a file's text validates them to, change meaning. */
export const FORCE_INDEX_FORMAT = 'bluelamp.force-index.v1';

const network = ForceSchema.shape.network.shape;

/** What the cross-force rules read of a force (config/estate-rules.ts, site-rules.ts), with the schema's own checks. */
export const ForceFactsSchema = z.strictObject({
  id: ForceSchema.shape.id,
  name: ForceSchema.shape.name,
  tenantId: ForceSchema.shape.tenantId,
  subscriptionId: ForceSchema.shape.subscriptionId,
  region: ForceSchema.shape.region.unwrap(),
  defender: z.strictObject({ additionalPlans: ForceSchema.shape.defender.unwrap().shape.additionalPlans.unwrap() }),
  network: z.strictObject({
    addressSpace: network.addressSpace,
    connectivity: z.strictObject({ sites: z.array(SiteSchema) }),
  }),
});

export type ForceFacts = z.infer<typeof ForceFactsSchema>;

const sha256Hex = () => z.string().regex(/^[0-9a-f]{64}$/);

const IndexSchema = z.strictObject({
  format: z.literal(FORCE_INDEX_FORMAT),
  /** sha256 of platform.yaml's text when the index was written. */
  platformSha256: sha256Hex(),
  forces: z.record(
    z.string().regex(/^forces\/[^/]+\.yaml$/),
    z.strictObject({ sha256: sha256Hex(), facts: ForceFactsSchema }),
  ),
});

/** An index read and checked: entries by file (`forces/essex.yaml`). */
export interface ForceIndex {
  readonly platformSha256: string;
  readonly forces: ReadonlyMap<string, { readonly sha256: string; readonly facts: ForceFacts }>;
}

/** A force's facts, copied field by field from its validated config. */
export function factsOf(config: ForceConfig): ForceFacts {
  return {
    id: config.id,
    name: config.name,
    tenantId: config.tenantId,
    subscriptionId: config.subscriptionId,
    region: config.region,
    defender: { additionalPlans: [...config.defender.additionalPlans] },
    network: {
      addressSpace: config.network.addressSpace,
      connectivity: { sites: config.network.connectivity.sites.map((site) => ({ ...site })) },
    },
  };
}

/**
 * The index's text for a validated estate: one line per force, in file order, so that two changes
 * to different forces touch different lines.
 */
export function forceIndexText(estate: Pick<Estate, 'platform' | 'forces'>): string {
  const entries = estate.forces.map(
    (f) => `    ${JSON.stringify(f.file)}: ${JSON.stringify({ sha256: f.sha256, facts: factsOf(f.config) })}`,
  );
  return [
    '{',
    `  "format": ${JSON.stringify(FORCE_INDEX_FORMAT)},`,
    `  "platformSha256": ${JSON.stringify(estate.platform.sha256)},`,
    entries.length > 0 ? `  "forces": {\n${entries.join(',\n')}\n  }` : '  "forces": {}',
    '}',
    '',
  ].join('\n');
}

/** Reads an index's text; a reason instead when it is not one this version can use (never trusted in part). */
export function parseForceIndex(text: string): ForceIndex | { readonly unusable: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unusable: 'not JSON' };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== FORCE_INDEX_FORMAT)
    return { unusable: `format ${JSON.stringify(format)}, not ${FORCE_INDEX_FORMAT} (run bluelamp index)` };
  const parsed = IndexSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { unusable: `${first.path.join('.')}: ${first.message}` };
  }
  const forces = new Map(Object.entries(parsed.data.forces));
  // An entry must describe the file it is filed under: the id is the file name.
  for (const [file, entry] of forces)
    if (file !== `forces/${entry.facts.id}.yaml`) return { unusable: `${file}: holds the facts of ${entry.facts.id}` };
  return { platformSha256: parsed.data.platformSha256, forces };
}
