/**
 * The network intents end to end on the bundled estate (platform.yaml and the 43 forces in
 * forces/), synthesised once the way `npm start` does (synthesizeEstate, sources.json included):
 * every declared flow gets through, every ordered pair of forces is isolated (by the symbolic
 * proof, and again packet by packet), the internet reaches no spoke, and every spoke leaves for the
 * internet through the hub firewall. The `reach` answers at the end were worked out by hand from
 * the YAML (see each case), not copied from the command's output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate, type Estate } from '../../config/estate';
import { reach, type Network } from '../../network/evaluate';
import {
  flowVerdict,
  INTERNET_PROBE,
  proveEgressViaFirewall,
  proveIsolation,
  proveNoInternetIngress,
} from '../../network/intents';
import { loadNetwork, readStacks } from '../../network/load';
import type { Subnet, Vnet } from '../../network/model';
import { checkEstate, evaluateRule, ruleContext } from '../../policies/engine';
import { declaredFlows, networkFlowVerdicts } from '../../policies/network-intents';
import { RULES } from '../../policies/pack';
import { DEFAULT_SETTINGS } from '../../policies/rule';
import { terraformReferencesDeclared } from '../../policies/rules/terraform-references-declared';
import { synthesizeEstate } from '../../stacks/synthesize';
import { formatIp, parseIp } from '../../util/cidr';
import { runCli } from '../helpers/cli';
import { removeDir } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

const ROOT = join(__dirname, '..', '..');
// Synthesis of 44 stacks runs in worker processes: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

let scratch: string;
let outdir: string;
let estate: Estate;
let net: Network;
let stacks: ReturnType<typeof readStacks>;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'bluelamp-network-estate-'));
  outdir = join(scratch, 'cdktf.out');
  estate = loadEstate(ROOT);
  await synthesizeEstate(estate, { outdir, reuseFrom: false });
  stacks = readStacks(outdir);
  net = loadNetwork(stacks.stacks, estate);
}, 4 * PROCESS_TEST_TIMEOUT_MS);
afterAll(() => removeDir(scratch));

const spokes = () => net.model.vnets.filter((v) => v.stack !== 'national');
const subnetNamed = (vnet: Vnet, name: string) => vnet.subnets.find((s) => s.name === `snet-${vnet.stack}-${name}`)!;
/** Azure's first usable address in a subnet (the first four are Azure's): where a host would be. */
const host = (subnet: Subnet) => subnet.prefixes[0].network + 4;
const forcesWithSites = () => estate.forces.filter((f) => f.config.network.connectivity.sites.length > 0);

describe('the bundled estate, synthesised as npm start does', () => {
  it('has a spoke for each of the 43 forces beside the hub', () => {
    expect(estate.forces).toHaveLength(43);
    expect(spokes().map((v) => v.stack)).toEqual(expect.arrayContaining(estate.forces.map((f) => f.config.id)));
    expect(spokes()).toHaveLength(43);
  });

  it('allows every declared flow: each force its own, the two national ones and NMC management', () => {
    const flows = declaredFlows(estate);
    // Per force: workloads to the internet, microsoft-365, azure-platform, NMC management; plus sites to workloads.
    expect(flows).toHaveLength(43 * 4 + forcesWithSites().length);
    const failed = flows.map((f) => flowVerdict(net, f)).filter((v) => !v.ok);
    expect(failed.map((v) => v.message)).toEqual([]);
  });

  it('isolates every ordered pair of forces, by the symbolic proof', () => {
    const result = proveIsolation(net);
    expect(result).toMatchObject({ pairs: 43 * 42, proved: 43 * 42 });
    expect(result.failures.map((f) => f.message)).toEqual([]);
  });

  it('denies force to force both ways for every pair, walked packet by packet from each subnet and a site', () => {
    // A cross-check of the proof that shares none of its shortcuts: one packet per (source, subnet) on the
    // port a rule opens there (22 on management for the NMC, 443 elsewhere for flows).
    const leaks: string[] = [];
    const sources = spokes().flatMap((vnet) => {
      const site = estate.forces.find((f) => f.config.id === vnet.stack)!.config.network.connectivity.sites[0];
      return [
        ...vnet.subnets.filter((s) => s.name !== 'GatewaySubnet').map((s) => ({ force: vnet.stack, ip: host(s) })),
        ...(site ? [{ force: vnet.stack, ip: parseIp(site.addressSpaces[0].split('/')[0])! + 1 }] : []),
      ];
    });
    expect(sources).toHaveLength(43 * 4 + forcesWithSites().length);
    for (const target of spokes())
      for (const dst of target.subnets.filter((s) => s.name !== 'GatewaySubnet')) {
        const port = dst.name.endsWith('-management') ? 22 : 443;
        for (const src of sources)
          if (
            src.force !== target.stack &&
            reach(net, { src: src.ip, dst: host(dst), protocol: 'tcp', port }).verdict === 'allowed'
          )
            leaks.push(`${src.force} ${formatIp(src.ip)} -> ${dst.name}:${port}`);
      }
    expect(leaks).toEqual([]);
  });

  it('lets nothing on the internet reach any spoke subnet', () => {
    expect(proveNoInternetIngress(net)).toEqual([]);
    const open = spokes()
      .flatMap((v) => v.subnets)
      .filter(
        (s) => reach(net, { src: INTERNET_PROBE, dst: host(s), protocol: 'tcp', port: 443 }).verdict === 'allowed',
      );
    expect(open.map((s) => s.name)).toEqual([]);
  });

  it('sends every spoke subnet to the internet through the hub firewall, and only for named hosts', () => {
    expect(proveEgressViaFirewall(net)).toEqual([]);
    for (const vnet of spokes()) {
      const src = host(subnetNamed(vnet, 'workloads'));
      const named = reach(net, { src, dst: INTERNET_PROBE, protocol: 'tcp', port: 443, fqdn: 'www.police.uk' });
      expect([vnet.stack, named.verdict, named.viaFirewall]).toEqual([vnet.stack, 'allowed', true]);
      expect(named.hops.map((h) => h.step)).toEqual(['nsg-outbound', 'route', 'firewall', 'route', 'deliver']);
      const other = reach(net, { src, dst: INTERNET_PROBE, protocol: 'tcp', port: 443, fqdn: 'www.example.com' });
      expect([vnet.stack, other.verdict]).toEqual([vnet.stack, 'denied']);
    }
  });

  it('has every stack refer only to what it declares (BL-TF-001): no token of one stack reaches another', () => {
    expect(stacks.stacks).toHaveLength(44);
    const dangling = stacks.stacks.flatMap((view) =>
      evaluateRule(terraformReferencesDeclared, ruleContext(view, DEFAULT_SETTINGS))
        .filter((e) => e.result.outcome !== 'pass')
        .map((e) => `${view.name} ${e.address}: ${e.result.message}`),
    );
    expect(dangling).toEqual([]);
  });

  it('raises no network intent finding in check (BL-NET-101..104), and every flow reaches the report as allowed', () => {
    const loaded = stacks.stacks.map((view) => ({ view, sources: stacks.sources.get(view.name) }));
    const intents = RULES.filter((r) => r.meta.id.startsWith('BL-NET-10'));
    expect(intents.map((r) => r.meta.id)).toEqual(['BL-NET-101', 'BL-NET-102', 'BL-NET-103', 'BL-NET-104']);
    const shared = new Map<unknown, unknown>();
    expect(checkEstate(loaded, intents, DEFAULT_SETTINGS, { dir: ROOT, shared })).toEqual([]);
    const flows = networkFlowVerdicts(shared)!;
    expect(flows).toHaveLength(declaredFlows(estate).length);
    expect(flows.filter((f) => !f.allowed)).toEqual([]);
    expect(
      flows.find((f) => f.force === 'bedfordshire' && f.name === 'sites-to-workloads-https')?.source,
    ).toMatchObject({ file: 'forces/bedfordshire.yaml', line: 24 });
  });
});

describe('why the hub gateway keeps one route per spoke (no summary route for the address pool)', () => {
  it('would let VPN sites bypass the firewall: every spoke peering route is more specific than a pool route', () => {
    // Azure picks the longest prefix first and the route's origin only on a tie (virtual-networks-udr-overview,
    // "How Azure selects a route"), so 10.64.0.0/10 -> firewall loses to each spoke's /19../22 peering route.
    const summarised = stacks.stacks.map((view) =>
      view.name !== 'national'
        ? view
        : {
            ...view,
            resources: view.resources.map((r) =>
              r.address.startsWith('azurerm_route_table.HubVpnGateway_GatewayRouteTable')
                ? {
                    ...r,
                    values: {
                      ...r.values,
                      route: [
                        {
                          name: 'spoke-pool-via-firewall',
                          address_prefix: estate.platform.config.addressPool,
                          next_hop_type: 'VirtualAppliance',
                          next_hop_in_ip_address: estate.platform.config.hub.firewallPrivateIp,
                        },
                      ],
                    },
                  }
                : r,
            ),
          },
    );
    const bypass = loadNetwork(summarised, estate);
    const vpnSiteFlows = declaredFlows(estate).filter((f) => f.from === 'sites' && f.viaFirewall);
    expect(vpnSiteFlows.length).toBeGreaterThan(0);
    for (const flow of vpnSiteFlows) {
      expect(flowVerdict(net, flow).ok).toBe(true);
      expect(flowVerdict(bypass, flow).message).toMatch(/is allowed but does not pass the hub firewall$/);
    }
  });
});

describe('bluelamp reach on the bundled estate, answers worked out from the YAML', () => {
  const ask = async (...args: string[]) => {
    const r = await runCli(['reach', ...args, '--outdir', outdir, '--format', 'json'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as {
      verdict: string;
      hops: { step: string }[];
      decidedBy: { stack?: string; rule: string; source?: { file: string; line?: number } };
      from: { ip: string };
      to: { ip: string };
    };
  };

  it("lets Bedfordshire's headquarters reach its workloads over HTTPS, through the hub firewall", async () => {
    // forces/bedfordshire.yaml: VPN site headquarters 172.16.16.0/24; spoke 10.67.64.0/21, whose workloads
    // subnet is the first half (10.67.64.0/22). The hub gateway's route sends the spoke to the firewall,
    // whose force group allows the flow; the workloads NSG rule AllowFlow-... admits it. The flow is the
    // first of network.flows, `- name: sites-to-workloads-https` on line 24.
    const answer = await ask('--from', 'bedfordshire:headquarters', '--to', 'bedfordshire');
    expect(answer.from.ip).toBe('172.16.16.1');
    expect(answer.to.ip).toBe('10.67.64.4');
    expect(answer.verdict).toBe('allowed');
    expect(answer.hops.map((h) => h.step)).toEqual(['entry', 'route', 'firewall', 'route', 'nsg-inbound', 'deliver']);
    expect(answer.decidedBy).toMatchObject({
      stack: 'bedfordshire',
      rule: 'AllowFlow-sites-to-workloads-https',
      source: { file: 'forces/bedfordshire.yaml', line: 24 },
    });
  });

  it("stops Bedfordshire's headquarters at the firewall on the way to its management subnet (sites reach workloads only)", async () => {
    // management is the /24 at index 6 of the /21: 10.67.70.0/24. No firewall rule has the site as source
    // and that subnet as destination, so Azure Firewall's default deny decides.
    const answer = await ask('--from', 'bedfordshire:headquarters', '--to', 'bedfordshire:management', '--port', '22');
    expect(answer.to.ip).toBe('10.67.70.4');
    expect(answer.verdict).toBe('denied');
    expect(answer.hops[answer.hops.length - 1].step).toBe('firewall');
    expect(answer.decidedBy.rule).toBe('(no rule matched)');
  });

  it("stops Bedfordshire's workloads at the firewall's force isolation rule on the way to Essex", async () => {
    // bedfordshire's only peering is the hub, so 10.65.64.0/19 (essex) follows the spoke's 0.0.0.0/0 route
    // to the firewall, whose first network rule denies the spoke pool to the spoke pool.
    const answer = await ask('--from', 'bedfordshire', '--to', 'essex');
    expect(answer.to.ip).toBe('10.65.64.4');
    expect(answer.verdict).toBe('denied');
    expect(answer.decidedBy).toMatchObject({ stack: 'national', rule: 'deny-spoke-to-spoke/no-force-to-force' });
  });

  it("lets Essex's headquarters reach its workloads over its own ExpressRoute gateway, not through the hub", async () => {
    // essex is ExpressRoute: the site lands in essex's own GatewaySubnet and only its NSG decides.
    const answer = await ask('--from', 'essex:headquarters', '--to', 'essex');
    expect(answer.from.ip).toBe('172.16.176.1');
    expect(answer.verdict).toBe('allowed');
    expect(answer.hops.map((h) => h.step)).not.toContain('firewall');
    expect(answer.decidedBy).toMatchObject({ stack: 'essex', rule: 'AllowFlow-sites-to-workloads-https' });
  });

  it('admits the NMC to a management subnet on its ports only, decided by the NSG rules in priority order', async () => {
    // hub as a source is 10.0.8.4 (platform.yaml network.management.sources). cumbria 10.67.88.0/21 has its
    // management subnet at 10.67.94.0/24. The hub reaches the spoke over the peering: the NSG decides.
    const ssh = await ask('--from', 'hub', '--to', 'cumbria:management', '--port', '22');
    expect([ssh.from.ip, ssh.to.ip, ssh.verdict]).toEqual(['10.0.8.4', '10.67.94.4', 'allowed']);
    expect(ssh.decidedBy).toMatchObject({ stack: 'cumbria', rule: 'AllowNmcManagementInbound' });
    // Port 80 is not one of network.management.ports: the NSG's last written rule (4096) denies it.
    const http = await ask('--from', 'hub', '--to', 'cumbria:management', '--port', '80');
    expect(http.verdict).toBe('denied');
    expect(http.decidedBy).toMatchObject({ stack: 'cumbria', rule: 'DenyAllInbound' });
  });

  it('finds no way in from the internet to a spoke', async () => {
    const answer = await ask('--from', 'internet', '--to', 'cumbria');
    expect(answer.verdict).toBe('denied');
    expect(answer.decidedBy.rule).toBe('(no public entry point)');
  });
});
