/**
 * Reading Azure Firewall DNAT rules, whether written in a firewall policy
 * (`azurerm_firewall_policy_rule_collection_group`, `nat_rule_collection[].rule[]`) or as a legacy
 * classic-firewall `azurerm_firewall_nat_rule_collection`. A DNAT rule open to the internet
 * publishes an internal host on the firewall's public IP: the same exposure an NSG rule open to
 * the internet gives, so it is judged with the same idea of "the internet" (nsg.ts).
 */
import { isInternetSource, portRangesCover } from './nsg';
import { blocksAt, fail, pass, show, stringsAt, unknown, type RuleContext, type RuleResult } from './rule';
import { isUnknown, textOf } from './terraform-json';
import type { ResourceView } from './types';

export const DNAT_TYPES = [
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_firewall_nat_rule_collection',
] as const;

/** Ports that are management access, never published to the internet (as BL-NET-001/002 for NSGs). */
export const MANAGEMENT_PORTS: ReadonlyArray<{ readonly port: number; readonly name: string }> = [
  { port: 22, name: 'SSH' },
  { port: 3389, name: 'RDP' },
];

interface DnatRule {
  /** `collection/rule`, for messages. */
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/** A value that is, or holds, an expression known only after apply (a `dynamic` block, a variable). */
const opaque = (raw: unknown) => isUnknown(raw) || (Array.isArray(raw) && raw.some(isUnknown));

/** True unless the action is known and is not DNAT (a legacy collection can also be SNAT). */
const mayBeDnat = (action: unknown) =>
  isUnknown(action) || action === undefined || textOf(action).toLowerCase() === 'dnat';

/** The DNAT rules of a resource, and whether some are hidden behind expressions. */
function dnatRulesOf(resource: ResourceView): { rules: DnatRule[]; hidden: boolean } {
  const rules: DnatRule[] = [];
  let hidden = false;
  let collections: Record<string, unknown>[];
  if (resource.type === 'azurerm_firewall_nat_rule_collection') collections = [resource.values];
  else {
    hidden = opaque(resource.values.nat_rule_collection);
    collections = blocksAt(resource.values, 'nat_rule_collection');
  }
  collections.forEach((collection, i) => {
    if (!mayBeDnat(collection.action)) return;
    const collectionName = textOf(collection.name ?? `nat_rule_collection[${i}]`);
    if (opaque(collection.rule)) hidden = true;
    blocksAt(collection, 'rule').forEach((rule, j) =>
      rules.push({ name: `${collectionName}/${textOf(rule.name ?? `rule[${j}]`)}`, values: rule }),
    );
  });
  return { rules, hidden };
}

/**
 * True / false / undefined (unknown) for "the rule accepts traffic from the internet". Sources are
 * `source_addresses` and the CIDRs of `source_ip_groups`, which are read from the stack's
 * `azurerm_ip_group` resources when they are there and unknown otherwise.
 */
function fromInternet(rule: Record<string, unknown>, ctx: RuleContext): boolean | undefined {
  const addresses = stringsAt(rule, 'source_addresses').filter((s) => s !== '');
  const groups = stringsAt(rule, 'source_ip_groups').filter((s) => s !== '');
  // A reference is unknown here, except a reference to an IP group in this stack, which is read.
  let sawUnknown = false;
  const judge = (sources: readonly unknown[]): boolean => {
    if (sources.some((s) => typeof s === 'string' && isInternetSource(s))) return true;
    if (sources.some(isUnknown)) sawUnknown = true;
    return false;
  };
  if (judge(addresses)) return true;
  for (const group of groups) {
    const target = ctx.index.resolve(group);
    if (target?.type !== 'azurerm_ip_group') sawUnknown = true;
    else if (opaque(target.values.cidrs)) sawUnknown = true;
    else if (judge(stringsAt(target.values, 'cidrs'))) return true;
  }
  // Azure refuses a DNAT rule with neither; if that is what we see, values are missing.
  if (addresses.length === 0 && groups.length === 0) return undefined;
  return sawUnknown ? undefined : false;
}

/**
 * True / false / undefined (unknown) for "the rule publishes `port`": the public destination
 * port covers it, or the internal host is reached on it (22 published as 50022 is still SSH).
 */
function publishesPort(rule: Record<string, unknown>, port: number): boolean | undefined {
  const translated = rule.translated_port;
  const translatedKnown =
    !isUnknown(translated) && translated !== undefined && translated !== null && translated !== '';
  if (translatedKnown && Number(translated) === port) return true;
  const destinations = stringsAt(rule, 'destination_ports').filter((p) => p !== '');
  const destination =
    destinations.length === 0 || opaque(rule.destination_ports) ? undefined : portRangesCover(destinations, port);
  if (destination === true) return true;
  if (!translatedKnown || !Number.isInteger(Number(translated)) || destination === undefined) return undefined;
  return false;
}

function describe(rule: Record<string, unknown>): string {
  const sources = [...stringsAt(rule, 'source_addresses'), ...stringsAt(rule, 'source_ip_groups')].map((s) =>
    typeof s === 'string' ? s : show(s),
  );
  return `source ${sources.join(', ') || 'missing'}; destination port ${stringsAt(rule, 'destination_ports').map(String).join(', ') || 'missing'} -> translated port ${show(rule.translated_port)}`;
}

/**
 * Checks that no DNAT rule publishes one of `ports` (every port when undefined) to the internet.
 * `what` names the exposure for messages, for example "SSH (22) or RDP (3389)".
 */
export function checkInternetDnat(
  resource: ResourceView,
  ctx: RuleContext,
  what: string,
  ports?: readonly number[],
): RuleResult {
  const { rules, hidden } = dnatRulesOf(resource);
  if (rules.length === 0 && !hidden) return pass('no DNAT rules');
  const unknowns: string[] = hidden ? ['rules known only after apply'] : [];
  for (const rule of rules) {
    const internet = fromInternet(rule.values, ctx);
    if (internet === false) continue;
    const published = ports === undefined ? true : anyOf(ports.map((p) => publishesPort(rule.values, p)));
    if (published === false) continue;
    if (internet === true && published === true)
      return fail(`DNAT rule "${rule.name}" publishes ${what} to the internet (${describe(rule.values)})`);
    unknowns.push(`"${rule.name}"`);
  }
  if (unknowns.length)
    return unknown(
      `DNAT ${unknowns.join(', ')} depend on values known only after apply; cannot show ${what} is closed to the internet`,
    );
  return pass();
}

/** Three-valued OR: true if any is true, else unknown if any is unknown. */
function anyOf(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}
