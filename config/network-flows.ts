/**
 * Network intents: the flows a force (forces/<id>.yaml `network.flows`) or the NMC (platform.yaml
 * `network`) declares. Endpoints are names, never addresses, so a force file can only ever name
 * its own sites and subnets: a path to another force cannot be written, and the internet is never
 * a source. The generator (constructs/network-intents.ts, via stacks/) turns these into firewall
 * rule collection groups and NSG rules; `bluelamp check` proves each one against the result.
 */
import { z } from 'zod';
import { cidrProblem, contains, parseCidr } from '../util/cidr';

/** Spoke subnets a flow may name (the purposes in constructs/address-plan.ts). */
export const FLOW_SUBNETS = ['workloads', 'private-endpoints', 'management', 'integration'] as const;
export const FLOW_PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;
/** Ports an FQDN (application) rule can inspect: Azure Firewall application rules speak HTTP and HTTPS. */
export const FQDN_PORTS = [80, 443] as const;

const FLOW_NAME_RE = /^[a-z][a-z0-9-]{0,39}$/;
/** A DNS name or a leading-wildcard pattern (`*.police.uk`); no scheme, path or port. */
const FQDN_RE = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SITE_RE = /^site:[a-z][a-z0-9-]{0,30}$/;

const port = () => z.number().int().min(1).max(65535);

const flowName = () =>
  z
    .string()
    .regex(FLOW_NAME_RE, { message: 'must be 1-40 lower-case letters, digits or hyphens, starting with a letter' })
    .describe('Short name of the flow; rule names in Azure are made from it.');

const fqdns = () =>
  z
    .array(z.string().regex(FQDN_RE, { message: 'must be a host name or *.domain (no scheme, path or port)' }))
    .min(1)
    .describe('Host names the firewall lets through (application rule); required when `to` is internet.');

const ENDPOINTS = `"sites", "site:<name>", "spoke" or a subnet (${FLOW_SUBNETS.join(', ')})`;

const endpointText = (where: string) =>
  `${where}: "sites" (every site), "site:<name>", "spoke" (the whole VNet), a subnet (${FLOW_SUBNETS.join(', ')})`;

/** A force's own flow. `from`/`to` name the force's own sites and subnets only. */
export const ForceFlowSchema = z
  .strictObject({
    name: flowName(),
    from: z
      .string()
      .refine((v) => v !== 'internet', {
        message: 'cannot be internet: nothing on the internet may open a connection into a spoke',
      })
      .refine((v) => v === 'internet' || isForceEndpoint(v), { message: `must be ${ENDPOINTS}` })
      .describe(endpointText('Where the flow starts')),
    to: z
      .string()
      .refine((v) => v === 'internet' || isForceEndpoint(v), {
        message: `must be internet, ${ENDPOINTS}`,
      })
      .describe(`${endpointText('Where the flow ends')}, or "internet" (through the hub firewall, by FQDN).`),
    protocol: z.enum(FLOW_PROTOCOLS).default('tcp').describe('IP protocol.'),
    ports: z.array(port()).default([]).describe('Destination ports (none for icmp).'),
    fqdns: fqdns().optional(),
    description: z.string().max(140).optional().describe('Why the flow exists, for reviewers.'),
  })
  .superRefine((flow, ctx) => flowShapeIssues(flow, ctx));

/** A national default flow: from every spoke (or one subnet of every spoke) to the internet by FQDN. */
export const NationalFlowSchema = z
  .strictObject({
    name: flowName(),
    from: z
      .string()
      .refine((v) => v === 'spoke' || (FLOW_SUBNETS as readonly string[]).includes(v), {
        message: `must be spoke or a subnet (${FLOW_SUBNETS.join(', ')})`,
      })
      .describe('Which part of every spoke the flow starts from.'),
    to: z.literal('internet', { message: 'must be internet (national flows leave through the hub firewall)' }),
    protocol: z.enum(FLOW_PROTOCOLS).default('tcp').describe('IP protocol.'),
    ports: z.array(port()).default([443]).describe('Destination ports.'),
    fqdns: fqdns(),
    description: z.string().max(140).optional().describe('Why the flow exists, for reviewers.'),
  })
  .superRefine((flow, ctx) => flowShapeIssues(flow, ctx));

export const PlatformNetworkSchema = z
  .strictObject({
    management: z
      .strictObject({
        sources: z
          .array(
            z.string().superRefine((value, ctx) => {
              const problem = cidrProblem(value);
              if (problem) ctx.addIssue({ code: 'custom', message: problem });
            }),
          )
          .default([])
          .describe('NMC management ranges inside the hub address space (for example the runner subnet).'),
        ports: z
          .array(port())
          .min(1)
          .default([22, 443, 3389])
          .describe("TCP ports the NMC may open on every spoke's management subnet."),
      })
      .prefault({})
      .describe("NMC management access to each spoke's management subnet."),
    flows: z
      .array(NationalFlowSchema)
      .default([])
      .describe('Flows every spoke has (for example Microsoft 365 by FQDN through the firewall).'),
    dnsThroughFirewall: z
      .boolean()
      .default(true)
      .describe('Point every spoke VNet at the hub firewall DNS proxy (DNS servers = firewall private IP).'),
  })
  .prefault({});

function isForceEndpoint(value: string): boolean {
  return (
    value === 'sites' || value === 'spoke' || SITE_RE.test(value) || (FLOW_SUBNETS as readonly string[]).includes(value)
  );
}

interface FlowShape {
  readonly from: string;
  readonly to: string;
  readonly protocol: (typeof FLOW_PROTOCOLS)[number];
  readonly ports: readonly number[];
  readonly fqdns?: readonly string[];
}

function flowShapeIssues(flow: FlowShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (flow.from === flow.to) issue(['to'], `is the same as from (${flow.from}); a flow joins two different places`);
  if (flow.protocol === 'icmp' && flow.ports.length > 0) issue(['ports'], 'must be empty for icmp');
  if (flow.protocol !== 'icmp' && flow.ports.length === 0)
    issue(['ports'], `needs at least one port for ${flow.protocol}`);
  if (flow.to === 'internet') {
    if (!flow.fqdns)
      issue(['fqdns'], 'is required when to is internet: egress is allowed by host name only, never to any address');
    if (flow.protocol !== 'tcp') issue(['protocol'], 'must be tcp when to is internet (FQDN rules inspect HTTP/HTTPS)');
    flow.ports.forEach((p, i) => {
      if (!(FQDN_PORTS as readonly number[]).includes(p))
        issue(['ports', i], `${p} cannot be filtered by host name; internet flows use ${FQDN_PORTS.join(' or ')}`);
    });
  } else if (flow.fqdns) {
    issue(['fqdns'], 'is only for flows to internet');
  }
}

export type ForceFlow = z.infer<typeof ForceFlowSchema>;
export type NationalFlow = z.infer<typeof NationalFlowSchema>;
export type PlatformNetwork = z.infer<typeof PlatformNetworkSchema>;

/** Issues a flow list has beyond each flow's shape: unknown sites, sites without connectivity, repeated names. */
export function forceFlowIssues(network: {
  readonly connectivity: { readonly type: string; readonly sites: readonly { readonly name: string }[] };
  readonly flows: readonly ForceFlow[];
}): { path: PropertyKey[]; message: string }[] {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const sites = network.connectivity.sites.map((s) => s.name);
  const seen = new Set<string>();
  network.flows.forEach((flow, i) => {
    if (seen.has(flow.name))
      issues.push({ path: ['network', 'flows', i, 'name'], message: `"${flow.name}" is used by an earlier flow` });
    seen.add(flow.name);
    for (const end of ['from', 'to'] as const) {
      const value = flow[end];
      if ((value === 'sites' || value.startsWith('site:')) && network.connectivity.type === 'none')
        issues.push({
          path: ['network', 'flows', i, end],
          message: `names ${value}, but network.connectivity.type is none (no site reaches the spoke)`,
        });
      else if (value.startsWith('site:') && !sites.includes(value.slice(5)))
        issues.push({
          path: ['network', 'flows', i, end],
          message: `no site "${value.slice(5)}" in network.connectivity.sites (${sites.join(', ') || 'none'})`,
        });
    }
  });
  return issues;
}

/** NMC management sources must lie in the hub: that is where the NMC's runners and jump hosts are. */
export function managementSourceIssues(
  hubAddressSpace: string,
  network: PlatformNetwork,
): { path: PropertyKey[]; message: string }[] {
  const hub = parseCidr(hubAddressSpace);
  return network.management.sources.flatMap((source, i) =>
    contains(hub, parseCidr(source))
      ? []
      : [
          {
            path: ['network', 'management', 'sources', i],
            message: `${source} is not inside hub.addressSpace ${hubAddressSpace}`,
          },
        ],
  );
}
