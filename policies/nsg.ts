/**
 * Reading NSG security rules, whether written as `azurerm_network_security_rule` resources or as
 * inline `security_rule` blocks of `azurerm_network_security_group`.
 */
import { blocksAt, fail, pass, stringsAt, unknown, type RuleResult } from './rule';
import { isUnknown, textOf } from './terraform-json';
import type { ResourceView } from './types';

export interface SecurityRule {
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export const NSG_TYPES = ['azurerm_network_security_rule', 'azurerm_network_security_group'] as const;

export function securityRulesOf(resource: ResourceView): SecurityRule[] {
  if (resource.type === 'azurerm_network_security_rule')
    return [{ name: textOf(resource.values.name ?? resource.name), values: resource.values }];
  return blocksAt(resource.values, 'security_rule').map((b, i) => ({
    name: textOf(b.name ?? `security_rule[${i}]`),
    values: b,
  }));
}

/**
 * True when an NSG's inline rules are (partly) known only after apply: `security_rule` is an
 * expression (a `dynamic` block, a variable), or one of its elements is. blocksAt drops those,
 * so without this check such an NSG would read as having no rules at all.
 */
function hasOpaqueRules(resource: ResourceView): boolean {
  if (resource.type !== 'azurerm_network_security_group') return false;
  const raw = resource.values.security_rule;
  return isUnknown(raw) || (Array.isArray(raw) && raw.some(isUnknown));
}

/** Wildcards and the service tag that mean "anywhere, including the internet". */
const INTERNET = new Set(['*', 'internet', 'any', '0.0.0.0', '0.0.0.0/0', '::/0', '::', '<nw>/0', '/0']);

/** Address ranges that are not routable from the internet (RFC 1918, CGNAT, loopback, link-local, IPv6 ULA). */
const NON_PUBLIC_V4: readonly [number, number][] = [
  [ip4('10.0.0.0'), 8],
  [ip4('172.16.0.0'), 12],
  [ip4('192.168.0.0'), 16],
  [ip4('100.64.0.0'), 10],
  [ip4('127.0.0.0'), 8],
  [ip4('169.254.0.0'), 16],
];

function ip4(text: string): number {
  return text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/**
 * True when a source prefix reaches beyond private address space: a wildcard, the Internet
 * service tag, or a public IPv4/IPv6 address or range (a supplier's /32 is still the internet).
 * Other service tags (VirtualNetwork, AzureLoadBalancer...) and private ranges are not.
 */
export function isInternetSource(source: string): boolean {
  const text = source.trim().toLowerCase();
  if (INTERNET.has(text)) return true;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(text);
  if (v4) {
    const address = ip4(v4[1]);
    const bits = v4[2] === undefined ? 32 : Number(v4[2]);
    // Inside a private range only when the whole prefix is (10.0.0.0/7 is not).
    return !NON_PUBLIC_V4.some(
      ([base, len]) => bits >= len && Math.floor(address / 2 ** (32 - len)) === Math.floor(base / 2 ** (32 - len)),
    );
  }
  if (text.includes(':')) return !/^(?:f[cd][0-9a-f]{0,2}:|fe[89ab][0-9a-f]?:|::1(?:\/128)?$)/.test(text);
  return false;
}

/** True / false / undefined (unknown) for "the source includes the internet". */
function fromInternet(rule: Record<string, unknown>): boolean | undefined {
  const sources = [...stringsAt(rule, 'source_address_prefix'), ...stringsAt(rule, 'source_address_prefixes')].filter(
    (s) => s !== '',
  );
  const internet = sources.some((s) => typeof s === 'string' && isInternetSource(s));
  if (internet) return true;
  if (sources.some(isUnknown)) return undefined;
  // No prefix and no application security group means "any".
  if (sources.length === 0) return stringsAt(rule, 'source_application_security_group_ids').length === 0;
  return false;
}

/** True / false / undefined (unknown) for "the destination ports include `port`" (any port when undefined). */
function coversPort(rule: Record<string, unknown>, port?: number): boolean | undefined {
  const ranges = [...stringsAt(rule, 'destination_port_range'), ...stringsAt(rule, 'destination_port_ranges')].filter(
    (r) => r !== '',
  );
  if (ranges.length === 0) return undefined;
  return portRangesCover(ranges, port);
}

/**
 * True / false / undefined (unknown) for "these port ranges (`22`, `20-25`, `*`) include `port`"
 * (any port when undefined). Shared with the firewall DNAT rules (firewall-dnat.ts).
 */
export function portRangesCover(ranges: readonly unknown[], port?: number): boolean | undefined {
  let sawUnknown = false;
  for (const r of ranges) {
    if (isUnknown(r)) {
      sawUnknown = true;
      continue;
    }
    const text = String(r).trim();
    if (text === '*') return true;
    if (port === undefined) return true;
    const [lo, hi] = text.split('-').map((p) => Number(p.trim()));
    // Not a port or range Azure accepts: it cannot be shown to exclude the port.
    if (!Number.isInteger(lo) || (hi !== undefined && !Number.isInteger(hi))) {
      sawUnknown = true;
      continue;
    }
    if (port >= lo && port <= (hi ?? lo)) return true;
  }
  return sawUnknown ? undefined : false;
}

function allowsInboundTcp(rule: Record<string, unknown>): boolean | undefined {
  const { direction, access, protocol } = rule;
  if ([direction, access, protocol].some(isUnknown)) return undefined;
  if (String(direction).toLowerCase() !== 'inbound' || String(access).toLowerCase() !== 'allow') return false;
  return true;
}

/**
 * Checks that no inbound Allow rule lets the internet reach `port` (every port when undefined).
 * `what` names the exposure for messages, for example "SSH (22)".
 */
export function checkInternetIngress(resource: ResourceView, what: string, port?: number): RuleResult {
  const rules = securityRulesOf(resource);
  const opaque = hasOpaqueRules(resource);
  if (rules.length === 0 && !opaque) return pass('no security rules; Azure denies inbound internet traffic by default');
  const unknowns: string[] = opaque ? ['security_rule (known only after apply)'] : [];
  for (const rule of rules) {
    const inbound = allowsInboundTcp(rule.values);
    if (inbound === false) continue;
    const internet = inbound === undefined ? undefined : fromInternet(rule.values);
    if (internet === false) continue;
    const covers = coversPort(rule.values, port);
    if (covers === false) continue;
    if (inbound === true && internet === true && covers === true) {
      return fail(
        `security rule "${rule.name}" allows inbound ${what} from the internet (${describeSource(rule.values)})`,
      );
    }
    unknowns.push(rule.name);
  }
  if (unknowns.length)
    return unknown(
      `security rule${unknowns.length > 1 ? 's' : ''} ${unknowns.map((n) => `"${n}"`).join(', ')} depend on values known only after apply; cannot show ${what} is closed to the internet`,
    );
  return pass();
}

function describeSource(rule: Record<string, unknown>): string {
  const sources = [...stringsAt(rule, 'source_address_prefix'), ...stringsAt(rule, 'source_address_prefixes')].filter(
    (s) => s !== '',
  );
  return sources.length ? `source ${sources.map(String).join(', ')}` : 'no source restriction';
}
