/**
 * One packet through the model, hop by hop, the way Azure forwards it: the source subnet's NSG
 * (outbound), its effective routes (user routes over gateway routes over system routes, longest
 * prefix first), peerings, the hub firewall (DNS proxy, DNAT, network then application rules),
 * and the destination subnet's NSG (inbound). The answer names every hop and the rule that
 * decided. Return traffic is stateful at NSGs and the firewall, so only the forward path is
 * walked; `asymmetry` (intents.ts) walks the reply to find paths the firewall would drop.
 */
import { containsIp, formatCidr, formatIp, type Cidr } from '../util/cidr';
import { addressMatches, fqdnMatches, isInternetAddress, portMatches, protocolMatches, type Packet } from './match';
import type {
  ConfigRef,
  Firewall,
  Gateway,
  Located,
  NetworkModel,
  Nsg,
  OnPremises,
  Route,
  Subnet,
  Vnet,
} from './model';

export interface DecidedBy {
  readonly stack?: string;
  readonly address?: string;
  readonly rule: string;
  readonly config?: ConfigRef;
}

export interface Hop {
  /** nsg-outbound, route, peering, firewall, nsg-inbound, deliver, entry, drop. */
  readonly step: string;
  readonly at?: Located;
  readonly detail: string;
  readonly decidedBy?: DecidedBy;
}

export interface ReachResult {
  readonly verdict: 'allowed' | 'denied';
  readonly hops: readonly Hop[];
  /** The rule that denied it, or the last rule that allowed it. */
  readonly decidedBy: DecidedBy;
  /** True when the walk passed the hub firewall. */
  readonly viaFirewall: boolean;
}

export type Place =
  | { readonly kind: 'subnet'; readonly vnet: Vnet; readonly subnet: Subnet }
  | { readonly kind: 'vnet'; readonly vnet: Vnet }
  | { readonly kind: 'onprem'; readonly gateway: Gateway; readonly site: OnPremises }
  | { readonly kind: 'internet' }
  | { readonly kind: 'nowhere' };

const MAX_HOPS = 8;
const ORIGIN_RANK: Record<Route['origin'], number> = { user: 0, gateway: 1, system: 2 };

/** Lookups over one model, built once and shared by every query (the proofs ask thousands). */
export class Network {
  private readonly subnets: { start: number; end: number; vnet: Vnet; subnet: Subnet }[] = [];
  private readonly spaces: { start: number; end: number; vnet: Vnet }[] = [];
  private readonly sites: { prefix: Cidr; gateway: Gateway; site: OnPremises }[] = [];
  private readonly routes = new Map<string, Route[]>();
  private readonly vnetTag = new Map<string, Cidr[]>();
  readonly firewallByIp = new Map<number, Firewall>();

  constructor(readonly model: NetworkModel) {
    for (const vnet of model.vnets) {
      for (const s of vnet.spaces) this.spaces.push({ start: s.network, end: s.network + s.size, vnet });
      for (const subnet of vnet.subnets)
        for (const p of subnet.prefixes) this.subnets.push({ start: p.network, end: p.network + p.size, vnet, subnet });
      for (const gateway of vnet.gateways)
        for (const site of gateway.onPremises)
          for (const prefix of site.prefixes) this.sites.push({ prefix, gateway, site });
    }
    this.subnets.sort((a, b) => a.start - b.start);
    this.spaces.sort((a, b) => a.start - b.start);
    for (const fw of model.firewalls) if (fw.privateIp !== undefined) this.firewallByIp.set(fw.privateIp, fw);
  }

  /** Where an address is: a subnet, a VNet range without a subnet, an on-premises site, the internet. */
  locate(ip: number): Place {
    const subnet = findInterval(this.subnets, ip);
    if (subnet) return { kind: 'subnet', vnet: subnet.vnet, subnet: subnet.subnet };
    const space = findInterval(this.spaces, ip);
    if (space) return { kind: 'vnet', vnet: space.vnet };
    const site = this.sites
      .filter((s) => containsIp(s.prefix, ip))
      .sort((a, b) => b.prefix.prefix - a.prefix.prefix)[0];
    if (site) return { kind: 'onprem', gateway: site.gateway, site: site.site };
    return isInternetAddress(ip) ? { kind: 'internet' } : { kind: 'nowhere' };
  }

  /** VNets joined both ways (a one-sided peering carries nothing). */
  connectedPeers(
    vnet: Vnet,
  ): { out: Vnet; back: (typeof vnet.peerings)[number]; there: (typeof vnet.peerings)[number] }[] {
    return vnet.peerings.flatMap((p) => {
      const remote = this.model.vnetsByKey.get(p.remote);
      const back = remote?.peerings.find((q) => q.remote === vnet.key);
      return remote && back ? [{ out: remote, back, there: p }] : [];
    });
  }

  /**
   * The effective routes of a subnet (or of a VNet range with no subnet): Azure's system routes
   * (own address space, connected peerings, 0.0.0.0/0 to the internet), routes learnt from
   * gateways (own or, through gateway transit, the peer's) unless the route table stops
   * propagation, then the route table's own routes.
   * Source: learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
   */
  effectiveRoutes(vnet: Vnet, subnet?: Subnet): Route[] {
    const key = subnet ? `${subnet.stack}|${subnet.address}` : `vnet|${vnet.key}`;
    const cached = this.routes.get(key);
    if (cached) return cached;
    const at = { stack: vnet.stack, address: vnet.address };
    const routes: Route[] = vnet.spaces.map((prefix) => ({
      name: 'VnetLocal',
      prefix,
      nextHop: 'VnetLocal',
      origin: 'system',
      at,
    }));
    const gatewayRoutes = subnet?.routeTable?.gatewayRoutes ?? true;
    const gateways: Gateway[] = gatewayRoutes ? [...vnet.gateways] : [];
    for (const { out, back, there } of this.connectedPeers(vnet)) {
      for (const prefix of out.spaces)
        routes.push({
          name: `VNetPeering ${out.name}`,
          prefix,
          nextHop: 'VNetPeering',
          origin: 'system',
          at: there,
          target: out.key,
        });
      if (gatewayRoutes && there.useRemoteGateways && back.allowGatewayTransit) gateways.push(...out.gateways);
    }
    for (const g of gateways)
      for (const site of g.onPremises)
        for (const prefix of site.prefixes)
          routes.push({
            name: `${g.kind} ${site.label}`,
            prefix,
            nextHop: 'VirtualNetworkGateway',
            origin: 'gateway',
            at: g,
            target: g.vnet,
          });
    routes.push({
      name: 'default',
      prefix: { network: 0, prefix: 0, size: 2 ** 32 },
      nextHop: 'Internet',
      origin: 'system',
      at,
    });
    routes.push(...(subnet?.routeTable?.routes ?? []));
    this.routes.set(key, routes);
    return routes;
  }

  /**
   * What the VirtualNetwork service tag means in a VNet: its space, connected peers, on-premises
   * ranges it routes to, and the prefixes of its user-defined routes (so a 0.0.0.0/0 route makes
   * it mean everything).
   * Source: learn.microsoft.com/azure/virtual-network/service-tags-overview (VirtualNetwork).
   */
  virtualNetworkTag(vnet: Vnet): Cidr[] {
    const cached = this.vnetTag.get(vnet.key);
    if (cached) return cached;
    const tag = [
      ...vnet.spaces,
      ...this.connectedPeers(vnet).flatMap((p) => p.out.spaces),
      ...this.effectiveRoutes(vnet)
        .filter((r) => r.nextHop === 'VirtualNetworkGateway')
        .map((r) => r.prefix),
      ...vnet.subnets.flatMap((s) => s.routeTable?.routes.map((r) => r.prefix) ?? []),
    ];
    this.vnetTag.set(vnet.key, tag);
    return tag;
  }
}

/** Longest prefix wins; on a tie a user route beats a gateway route beats a system route. */
export function longestPrefixMatch(routes: readonly Route[], ip: number): Route | undefined {
  let best: Route | undefined;
  for (const r of routes) {
    if (!containsIp(r.prefix, ip)) continue;
    if (
      !best ||
      r.prefix.prefix > best.prefix.prefix ||
      (r.prefix.prefix === best.prefix.prefix && ORIGIN_RANK[r.origin] < ORIGIN_RANK[best.origin])
    )
      best = r;
  }
  return best;
}

function findInterval<T extends { start: number; end: number }>(list: readonly T[], ip: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= ip) lo = mid + 1;
    else hi = mid - 1;
  }
  const hit = list[hi];
  return hit && ip < hit.end ? hit : undefined;
}

/** First matching rule of an NSG in one direction (Azure's defaults included). */
export function evaluateNsg(nsg: Nsg, direction: 'Inbound' | 'Outbound', packet: Packet, vnetTag: readonly Cidr[]) {
  for (const rule of nsg.rules) {
    if (rule.direction !== direction) continue;
    if (!protocolMatches(rule.protocol, packet)) continue;
    if (!rule.sources.some((s) => addressMatches(s, packet.src, vnetTag))) continue;
    if (!rule.destinations.some((d) => addressMatches(d, packet.dst, vnetTag))) continue;
    if (!portMatches(rule.ports, packet.port)) continue;
    return rule;
  }
  return undefined;
}

/** The firewall's decision on a packet passing through it (or addressed to it). */
export function evaluateFirewall(
  fw: Firewall,
  packet: Packet,
): { allowed: boolean; decidedBy: DecidedBy; detail: string } {
  const policyRef = { stack: fw.policy?.stack ?? fw.stack, address: fw.policy?.address ?? fw.address };
  if (packet.dst === fw.privateIp) {
    const dns = fw.dnsProxy && packet.port === 53 && packet.protocol !== 'icmp';
    return {
      allowed: dns,
      decidedBy: { ...policyRef, rule: dns ? 'dns.proxy_enabled' : 'firewall private address' },
      detail: dns
        ? 'answered by the firewall DNS proxy'
        : 'the firewall accepts only DNS (proxy) on its private address',
    };
  }
  for (const c of fw.collections) {
    if (c.kind === 'dnat') continue;
    for (const rule of c.rules) {
      const protocolOk =
        c.kind === 'application' ? packet.protocol === 'tcp' : rule.protocols.some((p) => protocolMatches(p, packet));
      if (!protocolOk || !portMatches(rule.ports, packet.port)) continue;
      if (!rule.sources.some((s) => addressMatches(s, packet.src))) continue;
      const byAddress = rule.destinations.some((d) => addressMatches(d, packet.dst));
      // A host-name rule lets through names that resolve on the internet; a private address is not one.
      const byName =
        rule.fqdns.length > 0 &&
        isInternetAddress(packet.dst) &&
        (packet.fqdn === undefined || rule.fqdns.some((f) => fqdnMatches(f, packet.fqdn!)));
      if (!byAddress && !byName) continue;
      const allowed = c.action === 'Allow';
      return {
        allowed,
        decidedBy: {
          stack: c.group.stack,
          address: c.group.address,
          rule: `${c.name}/${rule.name}`,
          config: rule.config,
        },
        detail: `${c.kind} rule ${c.name}/${rule.name} (group ${c.group.name} ${c.group.priority}, collection ${c.priority}) ${allowed ? 'allows' : 'denies'}${byName && !byAddress ? ` for ${rule.fqdns.join(', ')}` : ''}`,
      };
    }
  }
  return {
    allowed: false,
    decidedBy: { ...policyRef, rule: '(no rule matched)' },
    detail: 'no rule matched: Azure Firewall denies by default',
  };
}

/**
 * Walks one packet from its source to its destination. `reply`: the packet answers an established
 * session, so NSGs and the firewall let it through (they are stateful); only routing decides.
 */
export function reach(net: Network, packet: Packet, options: { reply?: boolean } = {}): ReachResult {
  const reply = options.reply ?? false;
  const hops: Hop[] = [];
  let lastAllow: DecidedBy | undefined;
  let viaFirewall = false;
  const done = (verdict: 'allowed' | 'denied', decidedBy: DecidedBy): ReachResult => ({
    verdict,
    hops,
    decidedBy,
    viaFirewall,
  });
  const deny = (step: string, detail: string, decidedBy: DecidedBy, at?: Located) => {
    hops.push({ step, at, detail, decidedBy });
    return done('denied', decidedBy);
  };
  const src = net.locate(packet.src);
  let current: { vnet: Vnet; subnet?: Subnet };
  let forwarded = false;
  const walkPacket = packet;

  if (src.kind === 'nowhere')
    return deny('entry', `${formatIp(packet.src)} is in no VNet, site or public range the estate knows`, {
      rule: '(unknown source)',
    });
  if (src.kind === 'internet') {
    const entry = dnatEntry(net, packet);
    if (!entry)
      return deny(
        'entry',
        `from the internet, ${formatIp(packet.dst)} cannot be addressed: it is private and no DNAT rule on a firewall translates to it`,
        { rule: '(no public entry point)' },
      );
    hops.push({ step: 'firewall', at: entry.fw, detail: entry.detail, decidedBy: entry.decidedBy });
    lastAllow = entry.decidedBy;
    viaFirewall = true;
    current = { vnet: net.model.vnetsByKey.get(entry.fw.vnet)!, subnet: entry.fw.subnet };
    forwarded = true;
  } else if (src.kind === 'onprem') {
    const vnet = net.model.vnetsByKey.get(src.gateway.vnet)!;
    const gatewaySubnet = vnet.subnets.find((s) => s.name === 'GatewaySubnet');
    hops.push({
      step: 'entry',
      at: src.gateway,
      detail: `from site ${src.site.label} through ${src.gateway.kind} gateway ${src.gateway.name}`,
    });
    current = { vnet, subnet: gatewaySubnet };
  } else {
    current = { vnet: src.vnet, subnet: src.kind === 'subnet' ? src.subnet : undefined };
    const nsg = current.subnet?.nsg;
    if (nsg && !reply) {
      const rule = evaluateNsg(nsg, 'Outbound', packet, net.virtualNetworkTag(src.vnet));
      const ref: DecidedBy = {
        stack: nsg.stack,
        address: nsg.address,
        rule: rule?.name ?? '(none)',
        config: rule?.config,
      };
      if (!rule || rule.access === 'Deny') return deny('nsg-outbound', `NSG ${nsg.name} denies outbound`, ref, nsg);
      hops.push({
        step: 'nsg-outbound',
        at: nsg,
        detail: `NSG ${nsg.name} rule ${rule.name} (${rule.priority}) allows outbound`,
        decidedBy: ref,
      });
      lastAllow = ref;
    }
  }

  for (let i = 0; i < MAX_HOPS; i++) {
    const where = current.subnet ? `subnet ${current.subnet.name}` : `VNet ${current.vnet.name}`;
    const route = longestPrefixMatch(net.effectiveRoutes(current.vnet, current.subnet), walkPacket.dst);
    if (!route) return deny('route', `${where} has no route to ${formatIp(walkPacket.dst)}`, { rule: '(no route)' });
    const routeText = `${where}: ${route.origin} route ${route.name} ${formatCidr(route.prefix)} -> ${route.nextHop}${route.nextHopIp !== undefined ? ` ${formatIp(route.nextHopIp)}` : ''}`;
    const routeRef: DecidedBy = { stack: route.at?.stack, address: route.at?.address, rule: route.name };
    switch (route.nextHop) {
      case 'VnetLocal':
        hops.push({ step: 'route', at: route.at, detail: routeText });
        return arrive(current.vnet);
      case 'VNetPeering': {
        const remote = net.model.vnetsByKey.get(route.target!)!;
        const back = remote.peerings.find((p) => p.remote === current.vnet.key);
        const there = current.vnet.peerings.find((p) => p.remote === remote.key);
        hops.push({ step: 'route', at: route.at, detail: routeText });
        if (!there?.allowAccess || !back?.allowAccess)
          return deny('peering', `peering ${current.vnet.name} <-> ${remote.name} does not allow VNet access`, {
            stack: there?.stack,
            address: there?.address,
            rule: 'allow_virtual_network_access',
          });
        if (forwarded && !back.allowForwarded)
          return deny(
            'peering',
            `peering ${back.name} does not accept forwarded traffic`,
            { stack: back.stack, address: back.address, rule: 'allow_forwarded_traffic' },
            back,
          );
        return arrive(remote);
      }
      case 'VirtualAppliance': {
        hops.push({ step: 'route', at: route.at, detail: routeText });
        const fw = route.nextHopIp === undefined ? undefined : net.firewallByIp.get(route.nextHopIp);
        if (!fw)
          return deny(
            'route',
            `next hop ${formatIp(route.nextHopIp ?? 0)} is no firewall in the estate: the packet is dropped`,
            routeRef,
            route.at,
          );
        const verdict = reply ? replyVerdict(fw) : evaluateFirewall(fw, walkPacket);
        const denied = passFirewall(fw, verdict);
        if (denied) return denied;
        lastAllow = verdict.decidedBy;
        if (walkPacket.dst === fw.privateIp) return done('allowed', verdict.decidedBy);
        current = { vnet: net.model.vnetsByKey.get(fw.vnet)!, subnet: fw.subnet };
        forwarded = true;
        continue;
      }
      case 'VirtualNetworkGateway': {
        hops.push({ step: 'route', at: route.at, detail: routeText });
        const dst = net.locate(walkPacket.dst);
        const label = dst.kind === 'onprem' ? dst.site.label : formatIp(walkPacket.dst);
        hops.push({ step: 'deliver', at: route.at, detail: `to on-premises ${label} through ${route.name}` });
        return done('allowed', lastAllow ?? routeRef);
      }
      case 'Internet':
        hops.push({ step: 'route', at: route.at, detail: routeText });
        if (!isInternetAddress(walkPacket.dst))
          return deny(
            'drop',
            `${formatIp(walkPacket.dst)} is private: the internet next hop drops it`,
            routeRef,
            route.at,
          );
        hops.push({
          step: 'deliver',
          detail: `to the internet (${formatIp(walkPacket.dst)})${viaFirewall ? '' : `, directly from ${where}: no firewall on the path`}`,
        });
        return done('allowed', lastAllow ?? routeRef);
      default:
        hops.push({ step: 'route', at: route.at, detail: routeText });
        return deny('drop', `next hop None drops the packet`, routeRef, route.at);
    }
  }
  return deny('drop', `more than ${MAX_HOPS} hops: a routing loop`, { rule: '(routing loop)' });

  /** The firewall's verdict as a hop: the denial that ends the walk, or undefined when the packet passes. */
  function passFirewall(fw: Firewall, verdict: ReturnType<typeof evaluateFirewall>): ReachResult | undefined {
    viaFirewall = true;
    const detail = `firewall ${fw.name}: ${verdict.detail}`;
    if (!verdict.allowed) return deny('firewall', detail, verdict.decidedBy, fw);
    hops.push({ step: 'firewall', at: fw, detail, decidedBy: verdict.decidedBy });
    return undefined;
  }

  function arrive(vnet: Vnet): ReachResult {
    const fw = net.firewallByIp.get(walkPacket.dst);
    if (fw && fw.vnet === vnet.key) {
      const verdict = evaluateFirewall(fw, walkPacket);
      return passFirewall(fw, verdict) ?? done('allowed', verdict.decidedBy);
    }
    const dst = net.locate(walkPacket.dst);
    if (reply && dst.kind === 'vnet' && dst.vnet.key === vnet.key) {
      // A reply to a host the model has no subnet for (a range another stack or team manages).
      hops.push({ step: 'deliver', at: vnet, detail: `to ${formatIp(walkPacket.dst)} in ${vnet.name}` });
      return done('allowed', lastAllow ?? { stack: vnet.stack, address: vnet.address, rule: '(session)' });
    }
    if (dst.kind !== 'subnet' || dst.vnet.key !== vnet.key)
      return deny('deliver', `${formatIp(walkPacket.dst)} is in no subnet of ${vnet.name}`, { rule: '(no subnet)' });
    const nsg = reply ? undefined : dst.subnet.nsg;
    if (!nsg) {
      hops.push({ step: 'deliver', at: dst.subnet, detail: `to subnet ${dst.subnet.name} (no NSG)` });
      return done('allowed', lastAllow ?? { stack: dst.subnet.stack, address: dst.subnet.address, rule: '(no NSG)' });
    }
    const rule = evaluateNsg(nsg, 'Inbound', walkPacket, net.virtualNetworkTag(vnet));
    const ref: DecidedBy = {
      stack: nsg.stack,
      address: nsg.address,
      rule: rule?.name ?? '(none)',
      config: rule?.config,
    };
    if (!rule || rule.access === 'Deny')
      return deny(
        'nsg-inbound',
        `NSG ${nsg.name} rule ${rule?.name ?? '(none)'}${rule ? ` (${rule.priority})` : ''} denies inbound to subnet ${dst.subnet.name}`,
        ref,
        nsg,
      );
    hops.push({
      step: 'nsg-inbound',
      at: nsg,
      detail: `NSG ${nsg.name} rule ${rule.name} (${rule.priority}) allows inbound`,
      decidedBy: ref,
    });
    hops.push({ step: 'deliver', at: dst.subnet, detail: `to subnet ${dst.subnet.name}` });
    return done('allowed', ref);
  }
}

function replyVerdict(fw: Firewall): { allowed: boolean; decidedBy: DecidedBy; detail: string } {
  return {
    allowed: true,
    decidedBy: { stack: fw.stack, address: fw.address, rule: '(session)' },
    detail: 'reply of the session',
  };
}

/**
 * Whether the reply to an allowed packet comes back the same way: through the same firewall
 * (which drops a reply it never saw the request of) or through none, and not dropped by routing.
 * Undefined when the path is symmetric; otherwise what breaks it.
 */
export function asymmetry(net: Network, packet: Packet, forward: ReachResult): string | undefined {
  if (forward.verdict !== 'allowed') return undefined;
  const back = reach(net, { ...packet, src: packet.dst, dst: packet.src }, { reply: true });
  const last = back.hops[back.hops.length - 1];
  if (back.verdict !== 'allowed') return `the reply is dropped: ${last?.detail ?? 'no route back'}`;
  if (forward.viaFirewall !== back.viaFirewall)
    return forward.viaFirewall
      ? 'the request passes the firewall but the reply bypasses it, so the firewall never sees the session complete'
      : 'the reply passes the firewall but the request did not, so the firewall drops the reply as unsolicited';
  return undefined;
}

/** A DNAT rule on a firewall that translates an internet packet to `packet.dst` (and port). */
function dnatEntry(net: Network, packet: Packet): { fw: Firewall; detail: string; decidedBy: DecidedBy } | undefined {
  for (const fw of net.model.firewalls) {
    for (const c of fw.collections) {
      if (c.kind !== 'dnat') continue;
      for (const rule of c.rules) {
        const target = rule.translatedAddress;
        if (!target || !addressMatches(target, packet.dst)) continue;
        if (!rule.protocols.some((p) => protocolMatches(p, packet))) continue;
        if (
          rule.translatedPort !== undefined &&
          packet.port !== undefined &&
          Number(rule.translatedPort) !== packet.port
        )
          continue;
        if (!rule.sources.some((s) => addressMatches(s, packet.src))) continue;
        return {
          fw,
          detail: `DNAT rule ${c.name}/${rule.name} translates a public address to ${target}`,
          decidedBy: {
            stack: c.group.stack,
            address: c.group.address,
            rule: `${c.name}/${rule.name}`,
            config: rule.config,
          },
        };
      }
    }
  }
  return undefined;
}
