/**
 * Where synthesis records, for each adopted resource, the settings the existing resource has:
 * the stack's own `//` block of cdk.tf.json, `"//": { "bluelamp": { "adopted": { <address>: { id,
 * existing } } } }`. Terraform's JSON syntax treats `//` as a comment, so nothing recorded here
 * ever reaches Terraform; the adoption rules and `bluelamp diff` read it back.
 */
import type { ExistingSettings, ExistingValue } from './existing';

export interface AdoptedRecord {
  /** Azure id imported. */
  readonly id: string;
  readonly existing: ExistingSettings;
}

/** The stack override path (cdktf's TerraformStack.addOverride) and the value to put there. */
export const ADOPTED_OVERRIDE_PATH = '//.bluelamp';

export function adoptedOverride(records: ReadonlyMap<string, AdoptedRecord>): {
  adopted: Record<string, AdoptedRecord>;
} {
  return { adopted: Object.fromEntries(records) };
}

const isValue = (v: unknown): v is ExistingValue =>
  typeof v === 'string' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/**
 * The adopted resources recorded in a stack's top-level blocks (a cdk.tf.json document, or the
 * rules' StackView.otherBlocks), by address. Anything malformed is left out, never guessed.
 */
export function readAdopted(blocks: unknown): Map<string, AdoptedRecord> {
  const out = new Map<string, AdoptedRecord>();
  const comment = blocks && typeof blocks === 'object' ? (blocks as Record<string, unknown>)['//'] : undefined;
  const bluelamp = comment && typeof comment === 'object' ? (comment as Record<string, unknown>).bluelamp : undefined;
  const adopted = bluelamp && typeof bluelamp === 'object' ? (bluelamp as Record<string, unknown>).adopted : undefined;
  if (!adopted || typeof adopted !== 'object') return out;
  for (const [address, record] of Object.entries(adopted)) {
    if (!record || typeof record !== 'object') continue;
    const { id, existing } = record as { id?: unknown; existing?: unknown };
    if (typeof id !== 'string') continue;
    const settings: Record<string, ExistingValue> = {};
    if (existing && typeof existing === 'object')
      for (const [k, v] of Object.entries(existing)) if (isValue(v)) settings[k] = v;
    out.set(address, { id, existing: settings });
  }
  return out;
}

/**
 * The names an Azure id gives the resource Terraform imports with it, by argument: its own name
 * (the last segment), its resource group (none for a group itself) and, for a subnet, its network.
 */
export function namesInAzureId(id: string): {
  name?: string;
  resource_group_name?: string;
  virtual_network_name?: string;
} {
  return {
    name: id.split('/').pop(),
    resource_group_name: /\/resourceGroups\/([^/]+)\//i.exec(id)?.[1],
    virtual_network_name: /\/virtualNetworks\/([^/]+)\/subnets\//i.exec(id)?.[1],
  };
}

/**
 * The existing settings to compare with the plan: the record's, and the names in its id where the
 * record leaves them out (Terraform imports exactly the resource the id names).
 */
export function existingWithIdNames(record: AdoptedRecord): ExistingSettings {
  const fromId = Object.entries(namesInAzureId(record.id)).filter((e): e is [string, string] => e[1] !== undefined);
  return { ...Object.fromEntries(fromId), ...record.existing };
}
