/**
 * The diff for stacks that adopt existing resources. An adopted resource's real "before" is what
 * exists in Azure, not the base's JSON: where synthesis recorded its existing settings (the
 * stack's `//` comment, adopt/stack-metadata.ts), a new or changed adoption is shown as a change
 * from those settings to Blue Lamp's, with the import id. Every change to an adopted resource is
 * marked adopted, and the security-relevant ones come first: the force's running systems are
 * behind them.
 */
import { settingDifferences, showValue, type ExistingValue } from '../adopt/existing';
import { existingWithIdNames, readAdopted, type AdoptedRecord } from '../adopt/stack-metadata';
import {
  diffStack,
  SECURITY_CATEGORIES,
  type AttributeChange,
  type ResourceChange,
  type SecurityCategory,
  type StackDiff,
  type TerraformJson,
} from './tf-diff';
import { compareText } from '../util/text-order';

/** `diffStack`, with adopted resources marked and their security-relevant changes first. */
export function diffStackWithAdoption(
  stack: string,
  before: TerraformJson | undefined,
  after: TerraformJson | undefined,
): StackDiff {
  const diff = diffStack(stack, before, after);
  const adopted = readAdopted(after);
  if (adopted.size === 0) return diff;
  const previously = readAdopted(before);
  const byAddress = new Map(diff.changes.map((c) => [c.address, c]));
  for (const [address, record] of adopted) {
    const was = previously.get(address);
    if (was && JSON.stringify(was) === JSON.stringify(record)) continue;
    const change = adoptionChange(address, record, after);
    if (!change) continue;
    const existing = byAddress.get(address);
    byAddress.set(address, existing ? merge(change, existing) : change);
  }
  const changes = [...byAddress.values()].map((c) => (adopted.has(c.address) ? { ...c, adopted: true } : c));
  return {
    ...diff,
    changes: changes.sort(adoptedSecurityFirst),
    status: diff.status === 'unchanged' && changes.length > 0 ? 'changed' : diff.status,
  };
}

const rank = (c: ResourceChange) => (c.security ? SECURITY_CATEGORIES.indexOf(c.security) : SECURITY_CATEGORIES.length);

/** Adopted and security-relevant, then the other security-relevant (by category), then the rest; each by address. */
function adoptedSecurityFirst(x: ResourceChange, y: ResourceChange): number {
  const group = (c: ResourceChange) => (c.adopted && c.security ? 0 : c.security ? 1 : 2);
  return group(x) - group(y) || rank(x) - rank(y) || compareText(x.address, y.address);
}

/** A `${type.name.name}` reference to another resource's name. */
const NAME_REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.name\}$/;

/**
 * The adoption as a change: the import, and each recorded setting Blue Lamp's plan changes, from
 * what exists to what is planned. Its category is the one diffStack gives the same attribute
 * changes; one that replaces the resource deletes what the force runs, so it ranks with deletions.
 */
function adoptionChange(
  address: string,
  record: AdoptedRecord,
  after: TerraformJson | undefined,
): ResourceChange | undefined {
  const dot = address.indexOf('.');
  const type = address.slice(0, dot);
  const name = address.slice(dot + 1);
  const resources = after?.resource ?? {};
  const body = resources[type]?.[name];
  if (!body) return undefined;
  const planned = (argument: string): { value?: ExistingValue; reference?: boolean } => {
    const value = body[argument];
    if (value === undefined) return {};
    if (typeof value === 'string') {
      const ref = NAME_REF.exec(value);
      const target = ref ? resources[ref[1]]?.[ref[2]]?.name : value;
      return typeof target === 'string' && !target.includes('${') ? { value: target } : { reference: true };
    }
    if (typeof value === 'boolean') return { value };
    if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return { value };
    return { reference: true };
  };
  // Names the record leaves out are the id's, as the adoption rules compare them.
  const differences = settingDifferences(type, existingWithIdNames(record), planned);
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = { import: record.id };
  for (const d of differences) {
    from[d.argument] = showValue(d.existing);
    to[d.argument] = showValue(d.planned);
  }
  const shaped = diffStack('', { resource: { [type]: { [name]: from } } }, { resource: { [type]: { [name]: to } } });
  const base = shaped.changes[0];
  const replaces = differences.some((d) => d.effect === 'replace');
  // Re-addressing a network the force's machines sit in is a network change, whatever the type.
  const readdresses = differences.some((d) => d.argument === 'address_space' || d.argument === 'address_prefixes');
  const security: SecurityCategory | undefined = replaces
    ? 'protected resource deleted'
    : readdresses
      ? 'network rules and routes'
      : base?.security;
  const attributes: readonly AttributeChange[] = base?.attributes ?? [{ path: 'import', after: record.id }];
  return {
    address,
    type,
    kind: 'changed',
    constructPath: (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path,
    attributes,
    security,
    likelyReplacement: replaces,
    adopted: true,
  };
}

/** One change for an address: the adoption's attributes first, the more urgent category. */
function merge(adoption: ResourceChange, change: ResourceChange): ResourceChange {
  const paths = new Set(adoption.attributes.map((a) => a.path));
  return {
    ...change,
    attributes: [...adoption.attributes, ...change.attributes.filter((a) => !paths.has(a.path))],
    security: rank(adoption) <= rank(change) ? adoption.security : change.security,
    likelyReplacement: adoption.likelyReplacement || change.likelyReplacement,
  };
}
