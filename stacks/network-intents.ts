/**
 * Network intents to construct props: the NSG rules and DNS servers of a force spoke, and the
 * hub firewall's rules for every force. Forbidden paths are impossible by construction: a force's
 * flows resolve only to its own sites and subnets (config/network-flows.ts), the internet is
 * never a source, the firewall denies spoke-to-spoke before any allow, and internet egress is an
 * application rule on the firewall (every spoke's 0.0.0.0/0 goes there).
 */
import type { NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import type { FirewallFlowRule, ForceFirewallRules } from '../constructs/hub-firewall-rules';
import { flowDescription, managementFlow, resolveFlows, type ResolvedFlow, type SubnetKey } from '../network/flows';
import { spokeAddressPlan } from '../constructs/address-plan';
import { compareText } from '../util/text-order';

/** NSG priorities for flows: NMC management at 1100, declared flows from 2000 (room for 1,999). */
const NSG_PRIORITY = { management: 1100, flows: 2000 } as const;

const NSG_PROTOCOL = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp' } as const;

export interface SpokeIntents {
  readonly additionalInboundRules: Partial<Record<SubnetKey, NetworkSecurityGroupSecurityRule[]>>;
  readonly dnsServers?: readonly string[];
}

/** The NSG rules and DNS servers a force's spoke needs for its declared flows. */
export function spokeIntents(force: ForceConfig, platform: PlatformConfig): SpokeIntents {
  const plan = spokeAddressPlan(force.network.addressSpace);
  const rules: Partial<Record<SubnetKey, NetworkSecurityGroupSecurityRule[]>> = {};
  const add = (key: SubnetKey, rule: NetworkSecurityGroupSecurityRule) => (rules[key] ??= []).push(rule);
  const management = managementFlow(force, platform);
  if (management)
    add('management', nsgRule(management, 'AllowNmcManagementInbound', NSG_PRIORITY.management, plan.management));
  resolveFlows(force, platform)
    .filter((f) => f.configStack === force.id)
    .forEach((flow, i) => {
      for (const key of flow.destinationSubnets)
        add(key, nsgRule(flow, `AllowFlow-${flow.name}`, NSG_PRIORITY.flows + i, plan[key]));
    });
  return {
    additionalInboundRules: rules,
    dnsServers: platform.network.dnsThroughFirewall ? [platform.hub.firewallPrivateIp] : undefined,
  };
}

function nsgRule(
  flow: ResolvedFlow,
  name: string,
  priority: number,
  destination: string,
): NetworkSecurityGroupSecurityRule {
  return {
    name,
    description: flowDescription(flow),
    priority,
    direction: 'Inbound',
    access: 'Allow',
    protocol: NSG_PROTOCOL[flow.protocol],
    sourceAddressPrefixes: [...flow.sources],
    sourcePortRange: '*',
    destinationAddressPrefix: destination,
    destinationPortRanges: flow.protocol === 'icmp' ? undefined : flow.ports.map(String),
    destinationPortRange: flow.protocol === 'icmp' ? '*' : undefined,
  };
}

/** The hub firewall's rules: national flows once for the whole pool, then each force's own. */
export function firewallIntents(
  platform: PlatformConfig,
  forces: readonly ForceConfig[],
): { nationalRules: FirewallFlowRule[]; forces: ForceFirewallRules[] } {
  const nationalRules = platform.network.flows.map((flow, i): FirewallFlowRule => ({
    name: flow.name,
    kind: 'application',
    protocol: 'tcp',
    ports: flow.ports,
    sources:
      flow.from === 'spoke'
        ? [platform.addressPool]
        : forces.flatMap((f) =>
            resolveFlows(f, platform)
              .filter((r) => r.configStack === 'national' && r.name === flow.name)
              .flatMap((r) => r.sources),
          ),
    fqdns: flow.fqdns,
    description: flowDescription({ name: flow.name, configStack: 'national', configField: `network.flows[${i}]` }),
  }));
  const perForce = [...forces]
    .sort((a, b) => compareText(a.id, b.id))
    .map((force) => ({
      forceId: force.id,
      rules: resolveFlows(force, platform)
        .filter((f) => f.configStack === force.id && f.viaFirewall && f.sources.length > 0)
        .map((f): FirewallFlowRule => ({
          name: f.name,
          kind: f.destinations === 'internet' ? 'application' : 'network',
          protocol: f.protocol,
          ports: f.ports,
          sources: f.sources,
          destinations: f.destinations === 'internet' ? undefined : f.destinations,
          fqdns: f.fqdns,
          description: flowDescription(f),
        })),
    }))
    .filter((f) => f.rules.length > 0);
  return { nationalRules, forces: perForce };
}
