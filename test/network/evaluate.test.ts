/**
 * Hand-worked cases over test/fixtures/network/hand-worked: a hub (firewall 10.0.0.4 with DNS
 * proxy, VPN gateway to site 192.168.10.0/24) and two spokes, a (10.1.0.0/16, transit, route
 * tables) and b (10.2.0.0/16, no transit, refuses forwarded traffic). Each expectation was worked
 * out by hand from Azure's rules before running the analyser; the comments show the working.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asymmetry, Network, reach, type ReachResult } from '../../network/evaluate';
import type { Packet } from '../../network/match';
import { buildNetworkModel } from '../../network/parse';
import { stackFromConfig } from '../../policies/terraform-json';
import { parseIp } from '../../util/cidr';
import { FIXTURES } from '../helpers/estate';

const DIR = join(FIXTURES, 'network', 'hand-worked');
const stacks = ['hub', 'a', 'b'].map((name) =>
  stackFromConfig(name, JSON.parse(readFileSync(join(DIR, `${name}.tf.json`), 'utf8'))),
);
const net = new Network(buildNetworkModel(stacks));

function packet(src: string, dst: string, port?: number, protocol: Packet['protocol'] = 'tcp'): Packet {
  return { src: parseIp(src)!, dst: parseIp(dst)!, port, protocol };
}
const walk = (src: string, dst: string, port?: number, protocol: Packet['protocol'] = 'tcp'): ReachResult =>
  reach(net, packet(src, dst, port, protocol));
const steps = (r: ReachResult) => r.hops.map((h) => h.step);

describe('the model read from Terraform JSON', () => {
  it('finds the VNets, the connected peerings, the firewall address and the VPN site', () => {
    expect(net.model.gaps).toEqual([]);
    expect(net.model.vnets.map((v) => v.key).sort()).toEqual(['rg-a/vnet-a', 'rg-b/vnet-b', 'rg-hub/vnet-hub']);
    const fw = net.model.firewalls[0];
    expect(fw.privateIp).toBe(parseIp('10.0.0.4')); // fourth address of 10.0.0.0/26
    expect(fw.dnsProxy).toBe(true);
    // DNAT, then network (group 200 before 300), then application, whatever the group priorities say.
    expect(fw.collections.map((c) => `${c.kind}:${c.group.priority}:${c.name}`)).toEqual([
      'network:200:block',
      'network:300:allow-sites',
      'network:300:deny-egress',
      'application:100:web',
    ]);
    expect(net.locate(parseIp('192.168.10.7')!).kind).toBe('onprem');
  });
});

describe('longest-prefix match', () => {
  it('takes the /16 to the firewall over the /8 to the old NVA and the 0/0', () => {
    const r = walk('10.1.0.5', '10.2.0.5', 443);
    expect(r.hops[1].detail).toContain('spoke-b-via-firewall 10.2.0.0/16 -> VirtualAppliance 10.0.0.4');
    // No network rule matches and the application rule's host names never match a private address.
    expect(r.verdict).toBe('denied');
    expect(r.decidedBy.rule).toBe('(no rule matched)');
  });

  it('takes the /8 user route when nothing longer matches, and drops at an appliance that is not there', () => {
    const r = walk('10.1.0.5', '10.3.0.5', 443);
    expect(r.verdict).toBe('denied');
    expect(r.decidedBy).toMatchObject({ stack: 'a', address: 'azurerm_route_table.a', rule: 'private-via-old-nva' });
  });

  it('prefers the longer system route (own VNet /16, peered hub /16) to a shorter user route', () => {
    const toDb = walk('10.1.0.5', '10.1.1.5', 1433);
    expect(toDb.hops[1].detail).toContain('system route VnetLocal 10.1.0.0/16');
    expect(toDb.verdict).toBe('allowed');
    const toHub = walk('10.1.0.5', '10.0.1.10', 443);
    expect(toHub.hops[1].detail).toContain('VNetPeering vnet-hub 10.0.0.0/16');
    expect(toHub.verdict).toBe('allowed'); // GatewaySubnet has no NSG
  });

  it('on a tie, the user route beats the system route: db reaches app through the firewall', () => {
    const r = walk('10.1.1.5', '10.1.0.5', 443);
    expect(r.hops[1].detail).toContain('user route own-vnet-via-firewall 10.1.0.0/16');
    expect(steps(r)).toEqual(['nsg-outbound', 'route', 'firewall']);
    expect(r.verdict).toBe('denied');
  });
});

describe('NSG priority and default rules', () => {
  it('the lower number wins: 140 allows one host before 150 denies its /24', () => {
    expect(walk('10.0.2.10', '10.1.0.5', 443)).toMatchObject({
      verdict: 'allowed',
      decidedBy: { address: 'azurerm_network_security_group.app', rule: 'AllowOneDbHost' },
    });
    expect(walk('10.0.2.11', '10.1.0.5', 443)).toMatchObject({
      verdict: 'denied',
      decidedBy: { rule: 'DenyDbHttps' },
    });
  });

  it('falls through to AllowVnetInBound (65000) for a peered source no written rule names', () => {
    expect(walk('10.0.2.11', '10.1.0.5', 22).decidedBy.rule).toBe('AllowVnetInBound');
  });

  it('an NSG with no rules still has the defaults: AllowVnetOutBound and AllowVnetInBound', () => {
    const r = walk('10.1.0.5', '10.1.1.5', 1433);
    expect(r.hops[0].decidedBy?.rule).toBe('AllowVnetOutBound');
    expect(r.decidedBy).toMatchObject({ address: 'azurerm_network_security_group.db', rule: 'AllowVnetInBound' });
  });

  it('DenyAllInBound (65500) refuses a site that is outside the VirtualNetwork tag of b (no gateway transit)', () => {
    const r = walk('192.168.10.5', '10.2.0.5', 22);
    expect(r.verdict).toBe('denied');
    expect(r.decidedBy).toMatchObject({ stack: 'b', rule: 'DenyAllInBound' });
  });
});

describe('the firewall', () => {
  it('a deny after an NSG allow: telnet from HQ is allowed by nsg-app but denied by the platform group first', () => {
    const r = walk('192.168.10.5', '10.1.0.5', 23);
    expect(r.verdict).toBe('denied');
    expect(r.decidedBy).toMatchObject({
      stack: 'hub',
      address: 'azurerm_firewall_policy_rule_collection_group.platform',
      rule: 'block/no-telnet',
    });
  });

  it('HTTPS from HQ passes the GatewaySubnet route, the firewall, the peering and nsg-app', () => {
    const r = walk('192.168.10.5', '10.1.0.5', 443);
    expect(steps(r)).toEqual(['entry', 'route', 'firewall', 'route', 'nsg-inbound', 'deliver']);
    expect(r.hops[2].decidedBy?.rule).toBe('allow-sites/hq-to-a');
    expect(r).toMatchObject({ verdict: 'allowed', viaFirewall: true, decidedBy: { rule: 'AllowHqSshHttps' } });
  });

  it('network rules come before application rules whatever the group priority', () => {
    // The application rule (group 100) would allow it; the network deny (group 300) is applied first.
    expect(walk('10.1.0.5', '93.184.216.34', 443).decidedBy.rule).toBe('deny-egress/a-no-web');
    const web = walk('10.1.0.5', '198.51.100.7', 443);
    expect(web).toMatchObject({ verdict: 'allowed', decidedBy: { rule: 'web/a-to-example' } });
    expect(web.hops.find((h) => h.step === 'firewall')?.detail).toContain('*.example.org');
  });

  it('an application rule admits only its host names when the packet names one', () => {
    expect(reach(net, { ...packet('10.1.0.5', '198.51.100.7', 443), fqdn: 'www.example.org' }).verdict).toBe('allowed');
    expect(reach(net, { ...packet('10.1.0.5', '198.51.100.7', 443), fqdn: 'www.example.com' }).decidedBy.rule).toBe(
      '(no rule matched)',
    );
  });

  it('answers DNS on its own address through the proxy, and nothing else', () => {
    expect(walk('10.1.0.5', '10.0.0.4', 53, 'udp').decidedBy.rule).toBe('dns.proxy_enabled');
    expect(walk('10.1.0.5', '10.0.0.4', 80).verdict).toBe('denied');
  });

  it('forwarded traffic stops at a peering that does not accept it', () => {
    const r = walk('10.1.0.5', '10.2.0.5', 8443);
    expect(r.hops.find((h) => h.step === 'firewall')?.decidedBy?.rule).toBe('allow-sites/a-to-b');
    expect(r.decidedBy).toMatchObject({ stack: 'b', rule: 'allow_forwarded_traffic' });
  });

  it('nothing on the internet reaches a private address without a DNAT rule', () => {
    const r = walk('203.0.113.9', '10.1.0.5', 443);
    expect(r.verdict).toBe('denied');
    expect(r.decidedBy.rule).toBe('(no public entry point)');
  });
});

describe('asymmetric paths', () => {
  it('HQ to a is symmetric: both ways through the firewall', () => {
    const p = packet('192.168.10.5', '10.1.0.5', 443);
    expect(asymmetry(net, p, reach(net, p))).toBeUndefined();
  });

  it('HQ to b is allowed one way but b has no route back to the site (no gateway transit)', () => {
    const p = packet('192.168.10.5', '10.2.0.5', 443);
    const forward = reach(net, p);
    expect(forward).toMatchObject({ verdict: 'allowed', viaFirewall: false, decidedBy: { rule: 'AllowHqHttps' } });
    expect(asymmetry(net, p, forward)).toMatch(/reply is dropped: 192\.168\.10\.5 is private/);
  });
});
