/**
 * Reading NSG security rules, whether written as `azurerm_network_security_rule` resources or as
 * inline `security_rule` blocks of `azurerm_network_security_group`.
 */
import { blocksAt, fail, pass, stringsAt, unknown, type RuleResult } from './rule';
import { isUnknown } from './terraform-json';
import type { ResourceView } from './types';

export interface SecurityRule {
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export const NSG_TYPES = ['azurerm_network_security_rule', 'azurerm_network_security_group'] as const;

export function securityRulesOf(resource: ResourceView): SecurityRule[] {
  if (resource.type === 'azurerm_network_security_rule') return [{ name: String(resource.values.name ?? resource.name), values: resource.values }];
  return blocksAt(resource.values, 'security_rule').map((b, i) => ({ name: String(b.name ?? `security_rule[${i}]`), values: b }));
}

const INTERNET = new Set(['*', 'internet', 'any', '0.0.0.0', '0.0.0.0/0', '::/0', '<nw>/0', '/0']);

/** True / false / undefined (unknown) for "the source includes the whole internet". */
function fromInternet(rule: Record<string, unknown>): boolean | undefined {
  const sources = [...stringsAt(rule, 'source_address_prefix'), ...stringsAt(rule, 'source_address_prefixes')];
  if (sources.some(isUnknown)) return sources.some((s) => typeof s === 'string' && INTERNET.has(s.toLowerCase())) ? true : undefined;
  // No prefix and no application security group means "any".
  if (sources.length === 0) return stringsAt(rule, 'source_application_security_group_ids').length === 0;
  return sources.some((s) => typeof s === 'string' && INTERNET.has(s.toLowerCase()));
}

/** True / false / undefined (unknown) for "the destination ports include `port`" (any port when undefined). */
function coversPort(rule: Record<string, unknown>, port?: number): boolean | undefined {
  const ranges = [...stringsAt(rule, 'destination_port_range'), ...stringsAt(rule, 'destination_port_ranges')];
  if (ranges.length === 0) return undefined;
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
  if (rules.length === 0) return pass('no security rules; Azure denies inbound internet traffic by default');
  const unknowns: string[] = [];
  for (const rule of rules) {
    const inbound = allowsInboundTcp(rule.values);
    if (inbound === false) continue;
    const internet = inbound === undefined ? undefined : fromInternet(rule.values);
    if (internet === false) continue;
    const covers = coversPort(rule.values, port);
    if (covers === false) continue;
    if (inbound === true && internet === true && covers === true) {
      return fail(`security rule "${rule.name}" allows inbound ${what} from the internet (${describeSource(rule.values)})`);
    }
    unknowns.push(rule.name);
  }
  if (unknowns.length) return unknown(`security rule${unknowns.length > 1 ? 's' : ''} ${unknowns.map((n) => `"${n}"`).join(', ')} depend on values known only after apply; cannot show ${what} is closed to the internet`);
  return pass();
}

function describeSource(rule: Record<string, unknown>): string {
  const sources = [...stringsAt(rule, 'source_address_prefix'), ...stringsAt(rule, 'source_address_prefixes')];
  return sources.length ? `source ${sources.map(String).join(', ')}` : 'no source restriction';
}
