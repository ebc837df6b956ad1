import { formatRun } from '../../../policies/formats';
import { loadRun } from './fixtures';

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string; location: { physicalLocation: { artifactLocation: { uri: string } } } }[];
}

describe('sarif format', () => {
  const run = loadRun('estate');
  const sarif = JSON.parse(formatRun(run, 'sarif', 'high'));
  const driver = sarif.runs[0].tool.driver;
  const results: Result[] = sarif.runs[0].results;
  const byAddress = (address: string, rule?: string) => results.find((r) => r.message.text.includes(`resource ${address})`) && (!rule || r.ruleId === rule))!;

  it('is SARIF 2.1.0 with the fields GitHub code scanning requires', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(driver.name).toBe('bluelamp');
    for (const rule of driver.rules) {
      expect(rule.id).toMatch(/^BL-/);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    }
    for (const r of results) {
      expect(r.message.text).toBeTruthy();
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).not.toMatch(/^\/|\\/);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  it('describes each rule from its metadata: NCSC principles, mirrors, severity', () => {
    const net = driver.rules.find((r: { id: string }) => r.id === 'BL-NET-001');
    expect(net.properties).toMatchObject({ 'security-severity': '9.5', severity: 'critical', ncsc: ['11', '5.3'], waivable: false });
    expect(net.properties.tags).toEqual(expect.arrayContaining(['security', 'ncsc-11', 'ncsc-5.3']));
    expect(net.helpUri).toBe('https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles/principle-11-external-interface-protection');
    expect(net.help.text).toContain('Checkov: CKV_AZURE_9, CKV_AZURE_10');
    expect(net.defaultConfiguration.level).toBe('error');
  });

  it('maps severity to level: critical and high are errors, medium warnings, low notes', () => {
    expect(byAddress('azurerm_network_security_group.Lz_Nsg_3').level).toBe('error');
    expect(byAddress('azurerm_log_analytics_workspace.Lz_Workspace_4').level).toBe('warning');
    expect(byAddress('azurerm_storage_account.Logs_Account_3', 'BL-TAG-001').level).toBe('note');
  });

  it('points at the force YAML line when the value comes from config', () => {
    const loc = byAddress('azurerm_network_security_group.Lz_Nsg_3').locations[0]!;
    expect(loc.physicalLocation).toEqual({ artifactLocation: { uri: 'forces/essex.yaml' }, region: { startLine: 24, startColumn: 7 } });
    expect(loc.logicalLocations[0]!.fullyQualifiedName).toBe('essex/azurerm_network_security_group.Lz_Nsg_3');
  });

  it('points at the synthesised stack file, or the plan, when the source is unknown', () => {
    expect(byAddress('azurerm_key_vault.Lz_Vault_5').locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'cdktf.out/stacks/essex/cdk.tf.json' },
      region: { startLine: 1 },
    });
    const plan = { ...run, input: { kind: 'plan' as const, path: './plans/essex.json' } };
    const fromPlan = JSON.parse(formatRun(plan, 'sarif', 'high')).runs[0].results as Result[];
    const vault = fromPlan.find((r) => r.message.text.includes('Lz_Vault_5'))!;
    expect(vault.locations[0]!.physicalLocation.artifactLocation.uri).toBe('plans/essex.json');
    const absolute = { ...run, input: { kind: 'synth' as const, path: '/srv/estate/cdktf.out' } };
    const fromAbsolute = JSON.parse(formatRun(absolute, 'sarif', 'high')).runs[0].results as Result[];
    expect(fromAbsolute.find((r) => r.message.text.includes('Lz_Vault_5'))!.locations[0]!.physicalLocation.artifactLocation.uri)
      .toBe('file:///srv/estate/cdktf.out/stacks/essex/cdk.tf.json');
  });

  it('carries waived findings as accepted external suppressions with the justification', () => {
    const waived = byAddress('azurerm_storage_account.Evidence_Account_4');
    expect(waived.suppressions).toEqual([
      expect.objectContaining({
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining('Approved by J. Smith, Essex SIRO on 2025-08-01; expires 2026-02-01; ticket ASSURE-101'),
      }),
    ]);
    expect(waived.suppressions![0]!.location.physicalLocation.artifactLocation.uri).toBe('policies/waivers/essex.yaml');
    expect(byAddress('azurerm_network_security_group.Lz_Nsg_3').suppressions).toBeUndefined();
  });

  it('gives every result a stable fingerprint and a descriptor even for rules outside the pack', () => {
    const again = JSON.parse(formatRun({ ...run, findings: [...run.findings].reverse() }, 'sarif', 'high')).runs[0].results as Result[];
    expect(again.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    expect(new Set(results.map((r) => r.partialFingerprints['bluelampFinding/v1'])).size).toBe(results.length);
    expect(driver.rules.map((r: { id: string }) => r.id)).toContain('BL-WVR-001');
  });

  it('says when a value could not be verified before apply', () => {
    expect(byAddress('azurerm_key_vault.Lz_Vault_5').message.text).toMatch(/^Could not be verified before apply: /);
  });
});
