/**
 * Proofs over the network model: every declared flow is allowed (and comes back the same way);
 * every pair of forces is isolated both ways; nothing on the internet reaches a spoke; every
 * spoke's internet egress goes to the hub firewall.
 *
 * Isolation is proved per source class (a spoke subnet, or a force's sites) against each other
 * force's whole address space at once, not packet by packet: the route for the block, then the
 * first firewall or NSG rule that touches the two address sets. A covering deny proves the pair
 * for every address, port and protocol; only a pair some allow touches is walked as a packet, to
 * name the hop where it gets through. Cost is forces x classes x (a few rules), not forces^2 x
 * addresses, so 1,000 forces take seconds.
 */
import { formatIp, type Cidr } from '../util/cidr';
import { asymmetry, longestPrefixMatch, reach, type DecidedBy, type Hop, type Network } from './evaluate';
import type { ResolvedFlow } from './flows';
import { addressRange, type Packet } from './match';
import type { ConfigRef, Firewall, Nsg, Route, Subnet, Vnet } from './model';

/** A public address standing for "the internet" (TEST-NET-2, RFC 5737: never a real host). */
export const INTERNET_PROBE = 0xc6336400 + 10; // 198.51.100.10

export type IntentKind = 'flow' | 'isolation' | 'internet-ingress' | 'egress';

export interface IntentResult {
  readonly kind: IntentKind;
  /** The force the result is about (for isolation, the source force). */
  readonly forceId: string;
  readonly subject: string;
  readonly ok: boolean;
  readonly message: string;
  /** On failure the hop that breaks the intent; on success the rule that decided. */
  readonly decidedBy?: DecidedBy;
  readonly hops?: readonly Hop[];
  /** Where the flow is declared. */
  readonly config?: ConfigRef;
}

type Range = readonly [number, number];
const ALL: Range = [0, 2 ** 32];
const toRange = (c: Cidr): Range => [c.network, c.network + c.size];
const first = (c: Cidr, offset: number) => c.network + Math.min(offset, c.size - 1);
const intersects = (a: readonly Range[], b: readonly Range[]) => a.some(([s, e]) => b.some(([t, f]) => s < f && t < e));
const covers = (outer: readonly Range[], inner: readonly Range[]) =>
  inner.every(([s, e]) => outer.some(([t, f]) => t <= s && e <= f));

/** Address ranges an NSG or firewall address stands for (service tags other than VirtualNetwork name no private range). */
function rangesOf(addresses: readonly string[], virtualNetwork: readonly Cidr[] = []): Range[] {
  return addresses.flatMap((a): Range[] => {
    const t = a.trim().toLowerCase();
    if (t === '*' || t === 'any') return [ALL];
    if (t === 'virtualnetwork') return virtualNetwork.map(toRange);
    const r = addressRange(t);
    return r ? [r] : [];
  });
}

/** The probe address of a subnet or site: Azure's first usable address (fourth) or the site's first host. */
const subnetProbe = (s: Subnet) => first(s.prefixes[0], 4);

// ---------------------------------------------------------------- declared flows

/** Walks each port of a declared flow; allowed only when every port is allowed and comes back the same way. */
export function flowVerdict(net: Network, flow: ResolvedFlow): IntentResult {
  const base = {
    kind: 'flow' as const,
    forceId: flow.forceId,
    subject: flow.name,
    config: { stack: flow.configStack, field: flow.configField },
  };
  const src = addressRange(flow.sources[0] ?? '');
  const dst =
    flow.destinations === 'internet'
      ? ([INTERNET_PROBE, INTERNET_PROBE + 1] as const)
      : addressRange(flow.destinations[0] ?? '');
  if (!src || !dst)
    return { ...base, ok: false, message: `${flow.name}: no address to test (${flow.from} -> ${flow.to})` };
  const offset = (r: readonly [number, number]) => r[0] + Math.min(4, r[1] - r[0] - 1);
  const ports: (number | undefined)[] = flow.protocol === 'icmp' ? [undefined] : [...flow.ports];
  let last: ReturnType<typeof reach> | undefined;
  for (const port of ports) {
    // A host of the flow's first name (`*.police.uk` -> `www.police.uk`), so its own rule is the one tested.
    const fqdn = flow.fqdns?.[0]?.replace(/^\*\./, 'www.');
    const packet: Packet = {
      fqdn,
      src: offset(src),
      dst: flow.destinations === 'internet' ? dst[0] : offset(dst),
      protocol: flow.protocol,
      port,
    };
    const result = reach(net, packet);
    last = result;
    const what = `${flow.name} (${flow.from} -> ${flow.to}, ${flow.protocol}${port === undefined ? '' : `/${port}`})`;
    if (result.verdict === 'denied') {
      const hop = result.hops[result.hops.length - 1];
      return {
        ...base,
        ok: false,
        message: `${what} is denied at ${hop?.step ?? 'entry'}: ${hop?.detail ?? ''}`,
        decidedBy: result.decidedBy,
        hops: result.hops,
      };
    }
    if (flow.viaFirewall && !result.viaFirewall)
      return {
        ...base,
        ok: false,
        message: `${what} is allowed but does not pass the hub firewall`,
        decidedBy: result.decidedBy,
        hops: result.hops,
      };
    // The firewall SNATs internet egress to its public address, so the reply comes back to it by construction.
    const broken = flow.destinations === 'internet' ? undefined : asymmetry(net, packet, result);
    if (broken)
      return { ...base, ok: false, message: `${what}: ${broken}`, decidedBy: result.decidedBy, hops: result.hops };
  }
  return { ...base, ok: true, message: `${flow.name} is allowed`, decidedBy: last?.decidedBy, hops: last?.hops };
}

// ---------------------------------------------------------------- isolation

interface SourceClass {
  readonly forceId: string;
  readonly label: string;
  readonly ranges: readonly Range[];
  readonly probe: number;
  /** Where its packets are routed from. */
  readonly vnet: Vnet;
  readonly subnet?: Subnet;
}

/** The force spokes in the model: every VNet of a stack other than the national one. */
export function forceVnets(net: Network, nationalStack = 'national'): Vnet[] {
  return net.model.vnets.filter((v) => v.stack !== nationalStack);
}

function sourceClasses(net: Network, spokes: readonly Vnet[]): SourceClass[] {
  const classes: SourceClass[] = [];
  for (const vnet of spokes) {
    for (const subnet of vnet.subnets) {
      if (subnet.name === 'GatewaySubnet' || subnet.prefixes.length === 0) continue;
      classes.push({
        forceId: vnet.stack,
        label: `${vnet.stack}:${subnet.name}`,
        ranges: subnet.prefixes.map(toRange),
        probe: subnetProbe(subnet),
        vnet,
        subnet,
      });
    }
  }
  // Sites: where they enter Azure (the hub VPN gateway, or the force's own ExpressRoute gateway).
  for (const vnet of net.model.vnets) {
    for (const gateway of vnet.gateways) {
      const byOwner = new Map<string, Cidr[]>();
      for (const site of gateway.onPremises) {
        const owner = site.owner ?? (gateway.stack !== 'national' ? gateway.stack : undefined);
        if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), ...site.prefixes]);
      }
      for (const [owner, prefixes] of byOwner) {
        if (prefixes.length === 0) continue;
        classes.push({
          forceId: owner,
          label: `${owner}:sites`,
          ranges: prefixes.map(toRange),
          probe: first(prefixes[0], 1),
          vnet,
          subnet: vnet.subnets.find((s) => s.name === 'GatewaySubnet'),
        });
      }
    }
  }
  return classes;
}

/** Routes indexed by prefix length, for the longest route containing a whole block. */
class RouteIndex {
  private readonly byLength: Map<number, Route[]>[] = Array.from({ length: 33 }, () => new Map<number, Route[]>());
  private readonly blocks = new Map<number, { route?: Route; split: boolean }>();
  /** forBlock and splits, remembered: the subnets of one spoke share a route table and ask the same questions. */
  decide(block: Cidr): Route | undefined {
    const key = block.network * 64 + block.prefix;
    let hit = this.blocks.get(key);
    if (!hit) {
      const split = this.splits(block);
      this.blocks.set(key, (hit = { split, route: split ? undefined : this.forBlock(block) }));
    }
    return hit.route;
  }
  constructor(readonly routes: readonly Route[]) {
    for (const r of routes) {
      const m = this.byLength[r.prefix.prefix];
      m.set(r.prefix.network, [...(m.get(r.prefix.network) ?? []), r]);
    }
  }
  /** The route Azure picks for every address of `block`, or undefined when routes split the block. */
  forBlock(block: Cidr): Route | undefined {
    for (let len = block.prefix; len >= 0; len--) {
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      const hits = this.byLength[len].get((block.network & mask) >>> 0);
      if (hits?.length) return longestPrefixMatch(hits, block.network);
    }
    return undefined;
  }
  splits(block: Cidr): boolean {
    return this.routes.some(
      (r) =>
        r.prefix.prefix > block.prefix &&
        r.prefix.network >= block.network &&
        r.prefix.network < block.network + block.size,
    );
  }
}

/** Denied for every packet (nothing to report), or the first rule that may let some through. */
type Decision = { readonly denied: true } | { readonly denied: false; readonly port?: number; readonly by: DecidedBy };
const DENIED: Decision = { denied: true };

/** The first firewall rule touching (sources x destination block): a covering deny proves isolation. */
function firewallDecision(rules: ClassRules, dst: readonly Range[]): Decision {
  // Only an allow rule can let a packet through: a block no allow rule touches is denied, whatever the
  // deny rules say. Most blocks are such (a force allows few others), so this saves walking the rules.
  if (!touchesSorted(rules.allowed, dst)) return DENIED;
  for (const e of rules.entries) {
    if (!intersects(e.destinations, dst)) continue;
    if (e.deny) {
      if (e.coversSources && covers(e.destinations, dst) && e.everyPacket) return DENIED;
      continue;
    }
    return e.allow;
  }
  return DENIED; // Azure Firewall denies what no rule matched
}

interface FirewallEntry {
  readonly deny: boolean;
  readonly destinations: readonly Range[];
  readonly coversSources: boolean;
  readonly everyPacket: boolean;
  /** The decision when this rule is the first to touch a block and allows (built once per class). */
  readonly allow: Decision;
}

/** A source class's firewall rules in order, and where any of its allow rules lead (sorted, merged). */
interface ClassRules {
  readonly entries: readonly FirewallEntry[];
  readonly allowed: readonly Range[];
}

/** `ranges` sorted by start and merged where they overlap or touch. */
function mergedRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Whether any of `ranges` overlaps one of `sorted` (sorted and merged, by mergedRanges). */
function touchesSorted(sorted: readonly Range[], ranges: readonly Range[]): boolean {
  for (const [t, f] of ranges) {
    // The first sorted range ending after t; it overlaps [t, f) when it starts before f.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid][1] <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length && sorted[lo][0] < f) return true;
  }
  return false;
}

/** firewallEntries with where its allow rules lead. */
function classRules(fw: Firewall, sources: readonly Range[]): ClassRules {
  const entries = firewallEntries(fw, sources);
  return { entries, allowed: mergedRanges(entries.filter((e) => !e.deny).flatMap((e) => e.destinations)) };
}

const firewallRanges = new WeakMap<object, { src: Range[]; dst: Range[] }>();

/** The firewall's network rules that touch a source class, in the order the firewall applies them. */
function firewallEntries(fw: Firewall, sources: readonly Range[]): FirewallEntry[] {
  const out: FirewallEntry[] = [];
  for (const c of fw.collections) {
    if (c.kind !== 'network') continue; // application rules match host names, which never resolve into a spoke here
    for (const rule of c.rules) {
      let ranges = firewallRanges.get(rule);
      if (!ranges)
        firewallRanges.set(rule, (ranges = { src: rangesOf(rule.sources), dst: rangesOf(rule.destinations) }));
      const ruleSources = ranges.src;
      if (!intersects(ruleSources, sources)) continue;
      const port = rule.ports.map((p) => Number(/^\d+/.exec(p)?.[0])).find((n) => Number.isFinite(n));
      const by = {
        stack: c.group.stack,
        address: c.group.address,
        rule: `${c.name}/${rule.name}`,
        config: rule.config,
      };
      out.push({
        deny: c.action === 'Deny',
        destinations: ranges.dst,
        coversSources: covers(ruleSources, sources),
        everyPacket: rule.protocols.includes('any') && rule.ports.includes('*'),
        allow: { denied: false, port, by },
      });
    }
  }
  return out;
}

const nsgRanges = new WeakMap<object, { src: Range[]; to: Range[] }>();

/** The first inbound NSG rule touching (sources x subnet): a covering deny proves isolation. */
function nsgDecision(net: Network, nsg: Nsg, vnet: Vnet, sources: readonly Range[], dst: readonly Range[]): Decision {
  const tag = net.virtualNetworkTag(vnet);
  for (const rule of nsg.rules) {
    if (rule.direction !== 'Inbound') continue;
    // Built-in rules are shared by every NSG but mean a different VirtualNetwork in each VNet.
    let cached = rule.builtIn ? undefined : nsgRanges.get(rule);
    if (!cached) {
      cached = { src: rangesOf(rule.sources, tag), to: rangesOf(rule.destinations, tag) };
      if (!rule.builtIn) nsgRanges.set(rule, cached);
    }
    const { src, to } = cached;
    if (!intersects(src, sources) || !intersects(to, dst)) continue;
    if (rule.access === 'Deny') {
      if (covers(src, sources) && covers(to, dst) && rule.protocol === '*' && rule.ports.includes('*')) return DENIED;
      continue;
    }
    const by: DecidedBy = { stack: nsg.stack, address: nsg.address, rule: rule.name, config: rule.config };
    return { denied: false, port: Number(/^\d+/.exec(rule.ports[0] ?? '')?.[0]) || undefined, by };
  }
  return DENIED;
}

export interface IsolationSummary {
  readonly pairs: number;
  readonly proved: number;
  readonly failures: IntentResult[];
}

/**
 * Every ordered pair of forces (A's subnets and sites to B's spoke) is isolated. Returns how many
 * pairs were proved and the failures, each with the hop that lets A through.
 */
export function proveIsolation(net: Network, nationalStack = 'national'): IsolationSummary {
  const spokes = forceVnets(net, nationalStack);
  // Each target's blocks as ranges once: the loop below runs forces x classes times.
  const targets = spokes.map((vnet) => ({
    vnet,
    blocks: vnet.spaces.map((block) => ({ block, dst: [toRange(block)] })),
  }));
  const failures: IntentResult[] = [];
  /** Targets each source force already reaches (reported once per pair). */
  const failedTargets = new Map<string, Set<Vnet>>();
  let failedPairs = 0;
  const routeIndexes = new Map<string, RouteIndex>();
  for (const cls of sourceClasses(net, spokes)) {
    // Subnets of one VNet with the same route table have the same effective routes.
    const table = cls.subnet?.routeTable;
    const indexKey = `${cls.vnet.key}|${table ? `${table.stack}|${table.address}` : cls.subnet ? `${cls.subnet.stack}|${cls.subnet.address}` : ''}`;
    let index = routeIndexes.get(indexKey);
    if (!index) routeIndexes.set(indexKey, (index = new RouteIndex(net.effectiveRoutes(cls.vnet, cls.subnet))));
    const rulesByFirewall = new Map<Firewall, ClassRules>();
    const firewallRules = (fw: Firewall) => {
      let rules = rulesByFirewall.get(fw);
      if (!rules) rulesByFirewall.set(fw, (rules = classRules(fw, cls.ranges)));
      return rules;
    };
    for (const { vnet: target, blocks } of targets) {
      if (target.stack === cls.forceId || failedTargets.get(cls.forceId)?.has(target)) continue;
      for (const { block, dst } of blocks) {
        const decision = blockDecision(net, index, firewallRules, cls, target, block, dst);
        if (decision?.denied) continue;
        // Not proved symbolically: walk one packet to name where it gets through (or where it stops).
        const probeSubnet = target.subnets.find((s) => s.name !== 'GatewaySubnet') ?? target.subnets[0];
        const probeDst = probeSubnet ? subnetProbe(probeSubnet) : first(block, 4);
        const packet: Packet = { src: cls.probe, dst: probeDst, protocol: 'tcp', port: decision?.port ?? 443 };
        const result = reach(net, packet);
        if (result.verdict !== 'allowed') continue;
        let reached = failedTargets.get(cls.forceId);
        if (!reached) failedTargets.set(cls.forceId, (reached = new Set()));
        reached.add(target);
        failedPairs++;
        failures.push({
          kind: 'isolation',
          forceId: cls.forceId,
          subject: `${cls.forceId}->${target.stack}`,
          ok: false,
          message: `${cls.label} reaches ${target.stack} (${formatIp(packet.src)} -> ${formatIp(packet.dst)} tcp/${packet.port}): ${decision ? `allowed by ${decision.by.rule}` : 'routes split the block'}; last hop ${result.hops[result.hops.length - 1]?.detail ?? ''}`,
          decidedBy: decision?.by ?? result.decidedBy,
          hops: result.hops,
        });
        break;
      }
    }
  }
  const pairs = spokes.length * (spokes.length - 1);
  return { pairs, proved: pairs - failedPairs, failures };
}

/**
 * How the route for a whole block of B is decided for a source class: denied for every packet, or
 * the first rule that may let some through; undefined when routes split the block.
 */
function blockDecision(
  net: Network,
  index: RouteIndex,
  firewallRules: (fw: Firewall) => ClassRules,
  cls: SourceClass,
  target: Vnet,
  block: Cidr,
  dst: readonly Range[],
): Decision | undefined {
  const route = index.decide(block);
  if (!route) return undefined;
  if (route.nextHop === 'VirtualAppliance') {
    const fw = route.nextHopIp === undefined ? undefined : net.firewallByIp.get(route.nextHopIp);
    // A next hop that is no firewall drops the packet.
    return fw ? firewallDecision(firewallRules(fw), dst) : DENIED;
  }
  if (route.nextHop === 'VNetPeering' && route.target === target.key) {
    // Straight into B: every subnet's NSG must refuse A.
    for (const s of target.subnets) {
      const d: Decision = s.nsg
        ? nsgDecision(net, s.nsg, target, cls.ranges, s.prefixes.map(toRange))
        : { denied: false, by: { stack: s.stack, address: s.address, rule: '(no NSG)' } };
      if (!d.denied) return d;
    }
    return DENIED;
  }
  // Internet or None next hop for a private block, another VNet, or on-premises: never B's spoke.
  return DENIED;
}

// ---------------------------------------------------------------- internet ingress and egress

/** Nothing on the internet reaches any subnet of any spoke (DNAT rules included). */
export function proveNoInternetIngress(net: Network, nationalStack = 'national'): IntentResult[] {
  const out: IntentResult[] = [];
  const dnatTargets = net.model.firewalls.flatMap((fw) =>
    fw.collections
      .filter((c) => c.kind === 'dnat')
      .flatMap((c) =>
        c.rules.map((r) => ({
          address: addressRange(r.translatedAddress ?? ''),
          port: Number(r.translatedPort) || 443,
        })),
      ),
  );
  for (const vnet of forceVnets(net, nationalStack)) {
    for (const subnet of vnet.subnets) {
      if (subnet.prefixes.length === 0) continue;
      const range = toRange(subnet.prefixes[0]);
      const probes = [
        { dst: subnetProbe(subnet), port: 443 },
        ...dnatTargets
          .filter((t) => t.address && t.address[0] >= range[0] && t.address[0] < range[1])
          .map((t) => ({ dst: t.address![0], port: t.port })),
      ];
      for (const probe of probes) {
        const result = reach(net, { src: INTERNET_PROBE, dst: probe.dst, protocol: 'tcp', port: probe.port });
        if (result.verdict === 'allowed')
          out.push({
            kind: 'internet-ingress',
            forceId: vnet.stack,
            subject: subnet.name,
            ok: false,
            message: `the internet reaches ${subnet.name} (${formatIp(probe.dst)} tcp/${probe.port}) through ${result.hops[0]?.detail ?? 'an entry point'}`,
            decidedBy: result.hops[0]?.decidedBy ?? result.decidedBy,
            hops: result.hops,
          });
      }
    }
  }
  return out;
}

/** Every spoke subnet sends internet-bound packets to a firewall (it may then deny them). */
export function proveEgressViaFirewall(net: Network, nationalStack = 'national'): IntentResult[] {
  const out: IntentResult[] = [];
  for (const vnet of forceVnets(net, nationalStack)) {
    for (const subnet of vnet.subnets) {
      if (subnet.name === 'GatewaySubnet') continue;
      const route = longestPrefixMatch(net.effectiveRoutes(vnet, subnet), INTERNET_PROBE);
      const fw =
        route?.nextHop === 'VirtualAppliance' && route.nextHopIp !== undefined
          ? net.firewallByIp.get(route.nextHopIp)
          : undefined;
      if (fw) continue;
      out.push({
        kind: 'egress',
        forceId: vnet.stack,
        subject: subnet.name,
        ok: false,
        message: `${subnet.name} sends internet traffic to ${route ? `${route.nextHop}${route.nextHopIp !== undefined ? ` ${formatIp(route.nextHopIp)}` : ''} (route ${route.name})` : 'nowhere'}, not to the hub firewall`,
        decidedBy: {
          stack: route?.at?.stack ?? subnet.stack,
          address: route?.at?.address ?? subnet.address,
          rule: route?.name ?? '(no route)',
        },
      });
    }
  }
  return out;
}
