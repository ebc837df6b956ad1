/**
 * `bluelamp reach` and the network intent rules end to end: the small estate (alpha with a VPN
 * site, bravo with none) gets a declared flow, is synthesised, and is asked about.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { removeDir, tempEstate } from '../helpers/estate';

const FLOWS = `  flows:
    - name: sites-to-workloads-https
      from: sites
      to: workloads
      ports: [443]
`;

describe('bluelamp reach and the network intents in check', () => {
  let dir: string;
  let flowLine: number;
  beforeAll(async () => {
    dir = tempEstate();
    const file = join(dir, 'forces', 'alpha.yaml');
    const text = readFileSync(file, 'utf8').replace(/(gatewayAddress: 203\.0\.113\.10\n)/, `$1${FLOWS}`);
    writeFileSync(file, text);
    flowLine = text.split('\n').findIndex((l) => l.includes('- name: sites-to-workloads-https')) + 1;
    expect((await runCli(['synth', '--quiet'], dir)).code).toBe(0);
  }, 180_000);
  afterAll(() => removeDir(dir));

  it('allows the declared flow and names the NSG rule and the YAML line it came from', async () => {
    const r = await runCli(['reach', '--from', 'alpha:headquarters', '--to', 'alpha', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.verdict).toBe('allowed');
    expect(answer.hops.map((h: { step: string }) => h.step)).toEqual([
      'entry',
      'route',
      'firewall',
      'route',
      'nsg-inbound',
      'deliver',
    ]);
    expect(answer.decidedBy).toMatchObject({
      stack: 'alpha',
      rule: 'AllowFlow-sites-to-workloads-https',
      source: { file: 'forces/alpha.yaml', line: flowLine },
    });
  });

  it('denies force to force at the firewall isolation rule, with exit 0', async () => {
    const r = await runCli(['reach', '--from', 'alpha', '--to', 'bravo:management', '--port', '22'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^alpha \(10\.64\.0\.4\) -> bravo:management \(\S+\) tcp\/22: denied$/m);
    expect(r.stdout).toContain('decided by: deny-spoke-to-spoke/no-force-to-force in national/');
  });

  it('refuses bad input with exit 1, and wrong usage with exit 2', async () => {
    const unknownForce = await runCli(['reach', '--from', 'zulu', '--to', 'alpha'], dir);
    expect(unknownForce.code).toBe(1);
    expect(unknownForce.stderr).toMatch(/--from zulu: not an IPv4 address, internet, hub, or a force/);
    const unknownSubnet = await runCli(['reach', '--from', 'alpha:kitchen', '--to', 'bravo'], dir);
    expect(unknownSubnet.stderr).toMatch(
      /alpha has no subnet or site "kitchen" \(integration, management, private-endpoints, workloads, headquarters\)/,
    );
    expect((await runCli(['reach', '--from', 'alpha', '--to', 'bravo', '--protocol', 'sctp'], dir)).code).toBe(2);
    expect((await runCli(['reach', '--from', 'alpha'], dir)).code).toBe(2);
  });

  it('check proves every intent, and names the breaking hop when a generated NSG rule is removed', async () => {
    const intents = (stdout: string) =>
      (
        JSON.parse(stdout) as { findings: { ruleId: string; address: string; message: string; source?: object }[] }
      ).findings.filter((f) => /^BL-NET-10[1-4]$/.test(f.ruleId));
    expect(intents((await runCli(['check', '--quiet', '--format', 'json'], dir)).stdout)).toEqual([]);

    const json = join(dir, 'cdktf.out', 'stacks', 'alpha', 'cdk.tf.json');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    const nsgs = doc.resource.azurerm_network_security_group as Record<string, { security_rule: { name: string }[] }>;
    for (const nsg of Object.values(nsgs))
      nsg.security_rule = nsg.security_rule.filter((rule) => !rule.name.startsWith('AllowFlow-'));
    writeFileSync(json, JSON.stringify(doc));
    const [finding] = intents((await runCli(['check', '--quiet', '--format', 'json'], dir)).stdout);
    expect(finding).toMatchObject({
      ruleId: 'BL-NET-101',
      address: expect.stringMatching(/^azurerm_network_security_group\.Network_WorkloadsNsg_/),
      source: { file: 'forces/alpha.yaml', line: flowLine },
    });
    expect(finding.message).toMatch(
      /sites-to-workloads-https \(sites -> workloads, tcp\/443\) is denied at nsg-inbound: NSG nsg-alpha-workloads rule DenyAllInbound \(4096\)/,
    );
  });
});
