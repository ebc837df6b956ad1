import {
  FirewallPolicyRuleCollectionGroup,
  type FirewallPolicyRuleCollectionGroupApplicationRuleCollection,
  type FirewallPolicyRuleCollectionGroupNetworkRuleCollection,
} from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { Construct } from 'constructs';
import { cidrBlock } from '../util/cidr';

/** One allowed flow through the hub firewall, already resolved to addresses. */
export interface FirewallFlowRule {
  /** Rule name, unique in its collection. */
  readonly name: string;
  /** `network`: by address and port. `application`: by host name (HTTP/HTTPS only). */
  readonly kind: 'network' | 'application';
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  /** Destination ports (none for icmp; 80 and/or 443 for application rules). */
  readonly ports: readonly number[];
  /** Source CIDRs. */
  readonly sources: readonly string[];
  /** Destination CIDRs (network rules). */
  readonly destinations?: readonly string[];
  /** Destination host names (application rules). */
  readonly fqdns?: readonly string[];
  /** Says where the flow is declared, ending `(<stack> <config field>)` so findings can point at the line. */
  readonly description: string;
}

/** A force's firewall rules; the force id names its collections. */
export interface ForceFirewallRules {
  readonly forceId: string;
  readonly rules: readonly FirewallFlowRule[];
}

export interface HubFirewallRulesProps {
  /** The hub firewall policy the groups belong to. */
  readonly firewallPolicyId: string;
  /** Every force spoke is carved from this block: spoke-to-spoke through the firewall is denied first. */
  readonly spokeAddressPool: string;
  /**
   * Flows every spoke has (platform.yaml `network.flows`).
   * @default []
   */
  readonly nationalRules?: readonly FirewallFlowRule[];
  /**
   * Each force's own flows (forces/<id>.yaml `network.flows`).
   * @default []
   */
  readonly forces?: readonly ForceFirewallRules[];
  /**
   * Forces per rule collection group. Azure caps a group at 2 MB of rules, so forces are spread
   * over groups rather than all written into one.
   * @default 50
   */
  readonly forcesPerGroup?: number;
}

/**
 * Rule collection group priorities (100 = first, 65000 = last). Gaps of 100 leave room for the
 * NMC to add groups between them without renumbering. Azure applies every network collection
 * before any application collection, so the isolation deny at 100 precedes all allows.
 * Source: learn.microsoft.com/azure/firewall/rule-processing.
 */
export const FIREWALL_PRIORITIES = {
  isolation: 100,
  national: 200,
  /** The first force group; group n is at forces + 100 n (room for 640 groups). */
  forces: 1000,
  groupStep: 100,
  /** Collections inside a force group: force i has network at 100 + 20 i and application at 110 + 20 i. */
  collectionBase: 100,
  collectionStep: 20,
} as const;

const RULE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

/**
 * The hub firewall's rules, generated from the network intents: a first group that denies every
 * spoke-to-spoke packet (force isolation, before any allow), a group of national flows (every
 * spoke to Microsoft services by host name), then the forces' own flows, a network and an
 * application collection per force, spread over groups of `forcesPerGroup`. Anything not allowed
 * is denied by the firewall's default.
 */
export class HubFirewallRules extends Construct {
  constructor(scope: Construct, id: string, props: HubFirewallRulesProps) {
    super(scope, id);
    const perGroup = props.forcesPerGroup ?? 50;
    const forces = props.forces ?? [];
    const problems: string[] = [];
    if (!cidrBlock(props.spokeAddressPool)) problems.push(`spokeAddressPool "${props.spokeAddressPool}" is not a CIDR`);
    if (!Number.isInteger(perGroup) || perGroup < 1 || perGroup > 150)
      problems.push(`forcesPerGroup ${perGroup} must be 1-150 (collection priorities stay under 3,100)`);
    const groups = Math.ceil(forces.length / perGroup);
    if (FIREWALL_PRIORITIES.forces + FIREWALL_PRIORITIES.groupStep * groups > 65000)
      problems.push(`${forces.length} forces need ${groups} rule collection groups; priorities run out at 65000`);
    for (const rule of [...(props.nationalRules ?? []), ...forces.flatMap((f) => f.rules)]) {
      if (!RULE_NAME_RE.test(rule.name)) problems.push(`rule name "${rule.name}" must be 1-80 letters, digits, _ . -`);
      if (rule.kind === 'application' && !rule.fqdns?.length)
        problems.push(`application rule ${rule.name} needs fqdns`);
      if (rule.kind === 'network' && !rule.destinations?.length)
        problems.push(`network rule ${rule.name} needs destinations`);
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    new FirewallPolicyRuleCollectionGroup(this, 'Isolation', {
      name: 'rcg-force-isolation',
      firewallPolicyId: props.firewallPolicyId,
      priority: FIREWALL_PRIORITIES.isolation,
      networkRuleCollection: [
        {
          name: 'deny-spoke-to-spoke',
          priority: 100,
          action: 'Deny',
          rule: [
            {
              name: 'no-force-to-force',
              description: 'One force never reaches another force through the hub',
              protocols: ['Any'],
              sourceAddresses: [props.spokeAddressPool],
              destinationAddresses: [props.spokeAddressPool],
              destinationPorts: ['*'],
            },
          ],
        },
      ],
    });

    const national = props.nationalRules ?? [];
    if (national.length > 0) {
      new FirewallPolicyRuleCollectionGroup(this, 'National', {
        name: 'rcg-national-flows',
        firewallPolicyId: props.firewallPolicyId,
        priority: FIREWALL_PRIORITIES.national,
        ...collections('national', national, FIREWALL_PRIORITIES.collectionBase),
      });
    }

    for (let g = 0; g < groups; g++) {
      const members = forces.slice(g * perGroup, (g + 1) * perGroup);
      const network: FirewallPolicyRuleCollectionGroupNetworkRuleCollection[] = [];
      const application: FirewallPolicyRuleCollectionGroupApplicationRuleCollection[] = [];
      members.forEach((force, i) => {
        const c = collections(
          force.forceId,
          force.rules,
          FIREWALL_PRIORITIES.collectionBase + FIREWALL_PRIORITIES.collectionStep * i,
        );
        network.push(...(c.networkRuleCollection ?? []));
        application.push(...(c.applicationRuleCollection ?? []));
      });
      if (network.length === 0 && application.length === 0) continue;
      new FirewallPolicyRuleCollectionGroup(this, `Forces${g}`, {
        name: `rcg-force-flows-${g}`,
        firewallPolicyId: props.firewallPolicyId,
        priority: FIREWALL_PRIORITIES.forces + FIREWALL_PRIORITIES.groupStep * g,
        networkRuleCollection: network.length ? network : undefined,
        applicationRuleCollection: application.length ? application : undefined,
      });
    }
  }
}

/** A network and an application Allow collection for one owner, at `priority` and `priority + 10`. */
function collections(
  owner: string,
  rules: readonly FirewallFlowRule[],
  priority: number,
): {
  networkRuleCollection?: FirewallPolicyRuleCollectionGroupNetworkRuleCollection[];
  applicationRuleCollection?: FirewallPolicyRuleCollectionGroupApplicationRuleCollection[];
} {
  const network = rules.filter((r) => r.kind === 'network');
  const application = rules.filter((r) => r.kind === 'application');
  return {
    networkRuleCollection: network.length
      ? [
          {
            name: `${owner}-network`,
            priority,
            action: 'Allow',
            rule: network.map((r) => ({
              name: r.name,
              description: r.description,
              // azurerm: network rule protocols are Any, TCP, UDP or ICMP.
              protocols: [r.protocol.toUpperCase()],
              sourceAddresses: [...r.sources],
              destinationAddresses: [...(r.destinations ?? [])],
              destinationPorts: r.protocol === 'icmp' ? ['*'] : r.ports.map(String),
            })),
          },
        ]
      : undefined,
    applicationRuleCollection: application.length
      ? [
          {
            name: `${owner}-application`,
            priority: priority + 10,
            action: 'Allow',
            rule: application.map((r) => ({
              name: r.name,
              description: r.description,
              sourceAddresses: [...r.sources],
              destinationFqdns: [...(r.fqdns ?? [])],
              protocols: r.ports.map((port) => ({ type: port === 80 ? 'Http' : 'Https', port })),
            })),
          },
        ]
      : undefined,
  };
}
