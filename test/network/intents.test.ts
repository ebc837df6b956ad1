/**
 * The intent proofs over the hand-worked estate (see evaluate.test.ts for its layout). Worked by
 * hand: a's sites enter at the hub gateway, whose routes send b's range straight over the peering
 * (no user route for 10.2.0.0/16), and nsg-web allows HQ on 443, so a reaches b; b has no route
 * table, so nothing of b reaches a (10.1.0.0/16 is not peered with b: internet next hop, dropped)
 * and b's egress leaves without the firewall.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Network } from '../../network/evaluate';
import type { ResolvedFlow } from '../../network/flows';
import { flowVerdict, proveEgressViaFirewall, proveIsolation, proveNoInternetIngress } from '../../network/intents';
import { buildNetworkModel } from '../../network/parse';
import { stackFromConfig } from '../../policies/terraform-json';
import { FIXTURES } from '../helpers/estate';

const DIR = join(FIXTURES, 'network', 'hand-worked');
const net = new Network(
  buildNetworkModel(
    ['hub', 'a', 'b'].map((name) =>
      stackFromConfig(name, JSON.parse(readFileSync(join(DIR, `${name}.tf.json`), 'utf8'))),
    ),
  ),
);

const flow = (over: Partial<ResolvedFlow>): ResolvedFlow => ({
  forceId: 'a',
  name: 'hq-to-app',
  configStack: 'a',
  configField: 'network.flows[0]',
  from: 'sites',
  to: 'workloads',
  protocol: 'tcp',
  ports: [443],
  sources: ['192.168.10.0/24'],
  destinations: ['10.1.0.0/24'],
  destinationSubnets: ['workloads'],
  viaFirewall: true,
  ...over,
});

describe('isolation proof', () => {
  const result = proveIsolation(net, 'hub');

  it('checks both ordered pairs and finds exactly the one path: a sites -> b', () => {
    expect(result.pairs).toBe(2);
    expect(result.proved).toBe(1);
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure.subject).toBe('a->b');
    // The breaking hop is b's NSG rule, reached straight over the hub peering.
    expect(failure.decidedBy).toMatchObject({ stack: 'b', rule: 'AllowHqHttps' });
    expect(failure.message).toMatch(/^a:sites reaches b \(192\.168\.10\.1 -> 10\.2\.0\.4 tcp\/443\)/);
  });
});

describe('isolation proof through the firewall', () => {
  it("names the firewall rule that lets a's workloads into b once b admits them", () => {
    // The hand-worked estate opened twice on b's side: its peering accepts forwarded traffic and its
    // NSG admits a's app subnet on 8443, the port the hub firewall's flows/a-to-b rule allows. The proof
    // must find that path through the firewall, not only the one over the peering.
    const stacks = ['hub', 'a', 'b'].map((name) => {
      const json = JSON.parse(readFileSync(join(DIR, `${name}.tf.json`), 'utf8')) as {
        resource: {
          azurerm_network_security_group?: { web: { security_rule: Record<string, unknown>[] } };
          azurerm_virtual_network_peering?: { to_hub: { allow_forwarded_traffic: boolean } };
        };
      };
      if (name === 'b') {
        json.resource.azurerm_virtual_network_peering!.to_hub.allow_forwarded_traffic = true;
        json.resource.azurerm_network_security_group!.web.security_rule.push({
          name: 'AllowAppFromA',
          priority: 120,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          source_address_prefix: '10.1.0.0/24',
          source_port_range: '*',
          destination_address_prefix: '*',
          destination_port_ranges: ['8443'],
        });
      }
      return stackFromConfig(name, json);
    });
    const opened = proveIsolation(new Network(buildNetworkModel(stacks)), 'hub');
    expect(opened.failures.map((f) => [f.subject, f.decidedBy?.rule])).toEqual([['a->b', 'allow-sites/a-to-b']]);
    expect(opened.failures[0].message).toMatch(
      /^a:snet-app reaches b \(10\.1\.0\.4 -> 10\.2\.0\.4 tcp\/8443\): allowed by allow-sites\/a-to-b/,
    );
  });
});

describe('declared flows', () => {
  it('passes a flow that is allowed both ways through the firewall', () => {
    expect(flowVerdict(net, flow({}))).toMatchObject({ ok: true, decidedBy: { rule: 'AllowHqSshHttps' } });
  });

  it('names the hop that breaks a flow: telnet is denied by the platform group', () => {
    const verdict = flowVerdict(net, flow({ ports: [443, 23] }));
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(
      /hq-to-app \(sites -> workloads, tcp\/23\) is denied at firewall: .*block\/no-telnet/,
    );
    expect(verdict.config).toEqual({ stack: 'a', field: 'network.flows[0]' });
  });

  it('fails a flow whose reply cannot come back', () => {
    const verdict = flowVerdict(net, flow({ destinations: ['10.2.0.0/24'], viaFirewall: false }));
    expect(verdict.message).toMatch(/the reply is dropped/);
  });
});

describe('internet ingress and egress', () => {
  it('finds no internet path into any spoke subnet', () => {
    expect(proveNoInternetIngress(net, 'hub')).toEqual([]);
  });

  it("flags b's subnet, whose default route is the internet, and neither of a's", () => {
    const failures = proveEgressViaFirewall(net, 'hub');
    expect(failures.map((f) => [f.forceId, f.subject])).toEqual([['b', 'snet-web']]);
    expect(failures[0].message).toMatch(
      /sends internet traffic to Internet \(route default\), not to the hub firewall/,
    );
  });
});
