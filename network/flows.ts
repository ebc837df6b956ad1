/**
 * Declared flows (config/network-flows.ts) resolved to addresses: which CIDRs a flow starts from
 * and ends at, which spoke subnets must admit it, and whether it crosses the hub firewall. The
 * generator (stacks/network-intents.ts) writes rules from these; the intent rules in check prove
 * the synthesised estate allows each one.
 */
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { spokeAddressPlan, type SpokeAddressPlan } from '../constructs/address-plan';

export type SubnetKey = keyof Omit<SpokeAddressPlan, 'gateway'>;

const SUBNET_KEYS: Record<string, SubnetKey> = {
  workloads: 'workloads',
  'private-endpoints': 'privateEndpoints',
  management: 'management',
  integration: 'integration',
};

export interface ResolvedFlow {
  /** The force whose spoke the flow belongs to. */
  readonly forceId: string;
  readonly name: string;
  /** Where it is declared: `national` (platform.yaml) or the force id, and the field. */
  readonly configStack: string;
  readonly configField: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  readonly ports: readonly number[];
  readonly fqdns?: readonly string[];
  readonly sources: readonly string[];
  /** CIDRs, or `internet`. */
  readonly destinations: readonly string[] | 'internet';
  /** Spoke subnets whose NSG must admit the flow. */
  readonly destinationSubnets: readonly SubnetKey[];
  /** True when the packet crosses the hub firewall (internet egress, or sites behind the hub VPN gateway). */
  readonly viaFirewall: boolean;
}

/** The CIDRs an endpoint name stands for in a force's spoke. */
function endpoint(force: ForceConfig, plan: SpokeAddressPlan, name: string): { cidrs: string[]; subnets: SubnetKey[] } {
  const sites = force.network.connectivity.sites;
  if (name === 'sites') return { cidrs: sites.flatMap((s) => s.addressSpaces), subnets: [] };
  if (name.startsWith('site:'))
    return { cidrs: sites.find((s) => s.name === name.slice(5))?.addressSpaces ?? [], subnets: [] };
  if (name === 'spoke')
    return {
      cidrs: [force.network.addressSpace],
      subnets: ['workloads', 'privateEndpoints', 'management', 'integration'],
    };
  const key = SUBNET_KEYS[name];
  return key ? { cidrs: [plan[key]], subnets: [key] } : { cidrs: [], subnets: [] };
}

const isSite = (name: string) => name === 'sites' || name.startsWith('site:');

/** Every flow of one force: its own, then the national defaults applied to its spoke. */
export function resolveFlows(force: ForceConfig, platform: PlatformConfig): ResolvedFlow[] {
  const plan = spokeAddressPlan(force.network.addressSpace);
  const vpn = force.network.connectivity.type === 'vpn';
  const own = force.network.flows.map((flow, i): ResolvedFlow => {
    const from = endpoint(force, plan, flow.from);
    const to = flow.to === 'internet' ? undefined : endpoint(force, plan, flow.to);
    return {
      forceId: force.id,
      name: flow.name,
      configStack: force.id,
      configField: `network.flows[${i}]`,
      from: flow.from,
      to: flow.to,
      protocol: flow.protocol,
      ports: flow.ports,
      fqdns: flow.fqdns,
      sources: from.cidrs,
      destinations: to ? to.cidrs : 'internet',
      destinationSubnets: to?.subnets ?? [],
      viaFirewall: !to || (vpn && (isSite(flow.from) || isSite(flow.to))),
    };
  });
  const national = platform.network.flows.map((flow, i): ResolvedFlow => ({
    forceId: force.id,
    name: flow.name,
    configStack: 'national',
    configField: `network.flows[${i}]`,
    from: flow.from,
    to: 'internet',
    protocol: flow.protocol,
    ports: flow.ports,
    fqdns: flow.fqdns,
    sources: endpoint(force, plan, flow.from).cidrs,
    destinations: 'internet',
    destinationSubnets: [],
    viaFirewall: true,
  }));
  return [...own, ...national];
}

/** Management access from the NMC to one force's management subnet, as a flow. */
export function managementFlow(force: ForceConfig, platform: PlatformConfig): ResolvedFlow | undefined {
  const m = platform.network.management;
  if (m.sources.length === 0) return undefined;
  return {
    forceId: force.id,
    name: 'nmc-management',
    configStack: 'national',
    configField: 'network.management.sources',
    from: 'nmc',
    to: 'management',
    protocol: 'tcp',
    ports: m.ports,
    sources: m.sources,
    destinations: [spokeAddressPlan(force.network.addressSpace).management],
    destinationSubnets: ['management'],
    viaFirewall: false,
  };
}

/** The text generated rules carry, ending with where the flow is declared (network/parse.ts reads it back). */
export function flowDescription(flow: Pick<ResolvedFlow, 'name' | 'configStack' | 'configField'>): string {
  return `Declared flow ${flow.name} (${flow.configStack} ${flow.configField})`;
}
