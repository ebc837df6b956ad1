import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRun } from '../../../policies/formats';
import { GITHUB_SARIF_RESULT_LIMIT, toolInformationUri, toSarif } from '../../../policies/formats/sarif';
import type { Finding } from '../../../policies/types';
import { bigRun, loadRun } from './fixtures';
import { sarifSchemaErrors } from './sarif-schema';

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } };
    logicalLocations: { fullyQualifiedName: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions: {
    kind: string;
    status: string;
    justification: string;
    location: { physicalLocation: { artifactLocation: { uri: string } } };
  }[];
}

describe('sarif format', () => {
  const run = loadRun('estate');
  // The full file: every finding, waived ones as suppressions. The upload file is tested below.
  const sarif = JSON.parse(formatRun(run, 'sarif-full', 'high'));
  const driver = sarif.runs[0].tool.driver;
  const results: Result[] = sarif.runs[0].results;
  const byAddress = (address: string, rule?: string) =>
    results.find((r) => r.message.text.includes(`resource ${address})`) && (!rule || r.ruleId === rule))!;

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
      expect(r.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\/|\\/);
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  it('names no home page while package.json has none, rather than a guessed address', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    // When the project gets a public home, package.json's homepage is where it goes (and this test changes).
    expect(pkg.homepage).toBeUndefined();
    expect(pkg.repository).toBeUndefined();
    expect(driver).not.toHaveProperty('informationUri');
  });

  it('describes each rule from its metadata: NCSC principles, mirrors, severity', () => {
    const net = driver.rules.find((r: { id: string }) => r.id === 'BL-NET-001');
    expect(net.properties).toMatchObject({
      'security-severity': '9.5',
      severity: 'critical',
      ncsc: ['11', '5.3'],
      waivable: false,
    });
    expect(net.properties.tags).toEqual(expect.arrayContaining(['security', 'ncsc-11', 'ncsc-5.3']));
    expect(net.helpUri).toBe(
      'https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles/principle-11-external-interface-protection',
    );
    expect(net.help.text).toContain('Checkov: CKV_AZURE_9, CKV_AZURE_10');
    expect(net.defaultConfiguration.level).toBe('error');
  });

  it('maps severity to level: critical and high are errors, medium warnings, low notes', () => {
    expect(byAddress('azurerm_network_security_group.Lz_Nsg_3').level).toBe('error');
    expect(byAddress('azurerm_log_analytics_workspace.Lz_Workspace_4').level).toBe('warning');
    expect(byAddress('azurerm_storage_account.Logs_Account_3', 'BL-TAG-001').level).toBe('note');
  });

  it('points at the force YAML line when the value comes from config', () => {
    const loc = byAddress('azurerm_network_security_group.Lz_Nsg_3').locations[0];
    expect(loc.physicalLocation).toEqual({
      artifactLocation: { uri: 'forces/essex.yaml' },
      region: { startLine: 24, startColumn: 7 },
    });
    expect(loc.logicalLocations[0].fullyQualifiedName).toBe('essex/azurerm_network_security_group.Lz_Nsg_3');
  });

  it('points at the synthesised stack file, or the plan, when the source is unknown', () => {
    expect(byAddress('azurerm_key_vault.Lz_Vault_5').locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'cdktf.out/stacks/essex/cdk.tf.json' },
      region: { startLine: 1 },
    });
    const plan = { ...run, input: { kind: 'plan' as const, path: './plans/essex.json' } };
    const fromPlan = JSON.parse(formatRun(plan, 'sarif', 'high')).runs[0].results as Result[];
    const vault = fromPlan.find((r) => r.message.text.includes('Lz_Vault_5'))!;
    expect(vault.locations[0].physicalLocation.artifactLocation.uri).toBe('plans/essex.json');
    const absolute = { ...run, input: { kind: 'synth' as const, path: '/srv/estate/cdktf.out' } };
    const fromAbsolute = JSON.parse(formatRun(absolute, 'sarif', 'high')).runs[0].results as Result[];
    expect(
      fromAbsolute.find((r) => r.message.text.includes('Lz_Vault_5'))!.locations[0].physicalLocation.artifactLocation
        .uri,
    ).toBe('file:///srv/estate/cdktf.out/stacks/essex/cdk.tf.json');
  });

  it('carries waived findings as accepted external suppressions with the justification', () => {
    const waived = byAddress('azurerm_storage_account.Evidence_Account_4');
    expect(waived.suppressions).toEqual([
      expect.objectContaining({
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining(
          'Approved by J. Smith, Essex SIRO on 2025-08-01; expires 2026-02-01; ticket ASSURE-101',
        ),
      }),
    ]);
    expect(waived.suppressions[0].location.physicalLocation.artifactLocation.uri).toBe('policies/waivers/essex.yaml');
    expect(byAddress('azurerm_network_security_group.Lz_Nsg_3').suppressions).toEqual([]);
  });

  it('gives every result a suppressions array, as SARIF 2.1.0 requires of a run that uses them', () => {
    expect(results.filter((r) => r.suppressions.length > 0).length).toBeGreaterThan(0);
    for (const r of results) expect(Array.isArray(r.suppressions)).toBe(true);
  });

  it('validates against the OASIS SARIF 2.1.0 schema, both the full and the upload file', () => {
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(formatRun(run, 'sarif', 'high')))).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(formatRun(loadRun('clean'), 'sarif', 'high')))).toEqual([]);
  });

  it('is checked by a validator that does refuse a broken file', () => {
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(sarifSchemaErrors(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('gives every result a stable fingerprint and a descriptor even for rules outside the pack', () => {
    const again = JSON.parse(formatRun({ ...run, findings: [...run.findings].reverse() }, 'sarif-full', 'high')).runs[0]
      .results as Result[];
    expect(again.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    expect(new Set(results.map((r) => r.partialFingerprints['bluelampFinding/v1'])).size).toBe(results.length);
    expect(driver.rules.map((r: { id: string }) => r.id)).toContain('BL-WVR-001');
  });

  it('says when a value could not be verified before apply', () => {
    expect(byAddress('azurerm_key_vault.Lz_Vault_5').message.text).toMatch(/^Could not be verified before apply: /);
  });

  it('has no truncation notice when every finding fits', () => {
    expect(sarif.runs[0].properties).toEqual({ input: run.input });
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toBeUndefined();
  });
});

describe('the sarif file for GitHub code scanning', () => {
  // GitHub ignores suppressions: a waived result uploaded would be an open alert.
  const run = loadRun('estate');
  const upload = JSON.parse(formatRun(run, 'sarif', 'high'));
  const results: Result[] = upload.runs[0].results;
  const waived = run.findings.filter((f) => f.waiver).length;

  it('leaves waived findings out and keeps every unwaived one', () => {
    expect(waived).toBeGreaterThan(0);
    expect(results).toHaveLength(run.findings.length - waived);
    expect(results.some((r) => r.message.text.includes('Evidence_Account_4'))).toBe(false);
    expect(results.every((r) => Array.isArray(r.suppressions) && r.suppressions.length === 0)).toBe(true);
  });

  it('says how many waived findings it left out', () => {
    expect(upload.runs[0].properties).toEqual({ input: run.input, waivedResultsOmitted: waived });
  });

  it('fingerprints the findings it keeps exactly as the full file does', () => {
    const full: Result[] = JSON.parse(formatRun(run, 'sarif-full', 'high')).runs[0].results;
    const prints = new Set(full.map((r) => r.partialFingerprints['bluelampFinding/v1']));
    for (const r of results) expect(prints.has(r.partialFingerprints['bluelampFinding/v1'])).toBe(true);
  });
});

describe("sarif over GitHub's 25,000-result limit", () => {
  // 25,000 unwaived high findings, plus 3 critical, 2 medium, 2 unknown high and 3 waived critical: 25,010.
  const base = bigRun(GITHUB_SARIF_RESULT_LIMIT);
  const extra = (n: number, over: Partial<Finding>): Finding[] =>
    Array.from({ length: n }, (_, i) => ({
      ...base.findings[0],
      address: `azurerm_key_vault.${over.severity}_${over.outcome ?? 'fail'}_${over.waiver ? 'waived' : 'open'}_${i}`,
      ...over,
    }));
  const waiver = loadRun('estate').findings.find((f) => f.waiver)!.waiver!;
  const findings = [
    ...extra(2, { severity: 'medium' }),
    ...extra(3, { severity: 'critical', waiver }),
    ...base.findings,
    ...extra(2, { severity: 'high', outcome: 'unknown' }),
    ...extra(3, { severity: 'critical' }),
  ];
  const sarifRun = toSarif({ ...base, findings }, 'full').runs[0];
  const addresses = sarifRun.results.map((r) => r.properties.address);

  it('keeps exactly the limit, worst first: unwaived critical, then failing high, before unknowns, waived and medium', () => {
    expect(sarifRun.results).toHaveLength(GITHUB_SARIF_RESULT_LIMIT);
    expect(addresses.slice(0, 3)).toEqual([
      'azurerm_key_vault.critical_fail_open_0',
      'azurerm_key_vault.critical_fail_open_1',
      'azurerm_key_vault.critical_fail_open_2',
    ]);
    expect(addresses.filter((a) => a.startsWith('azurerm_key_vault.'))).toHaveLength(3);
    // The failing highs that did not fit are the last in output order (by address).
    expect(addresses.at(-1)).toBe('azurerm_storage_account.Account_24996');
    expect(sarifRun.results.every((r) => r.suppressions.length === 0)).toBe(true);
  });

  it('cuts the same results whatever order the findings come in', () => {
    const again = toSarif({ ...base, findings: [...findings].reverse() }, 'full').runs[0];
    expect(again.results.map((r) => r.properties.address)).toEqual(addresses);
  });

  it('records the cut in the run properties and as a warning notification', () => {
    expect(sarifRun.properties).toMatchObject({
      truncated: true,
      resultLimit: 25_000,
      totalResults: 25_010,
      omittedResults: 10,
      omittedBySeverity: { critical: 3, high: 5, medium: 2, low: 0 },
      omittedWaived: 3,
    });
    const [notice] = sarifRun.invocations[0].toolExecutionNotifications!;
    expect(notice.level).toBe('warning');
    expect(notice.message.text).toMatch(
      /^10 of 25010 findings are not in this file: GitHub code scanning rejects a run with more than 25,000 results/,
    );
    expect(notice.message.text).toContain('Left out: 3 critical, 5 high, 2 medium (3 of them waived).');
  });
});

describe('the tool information URI, from package.json', () => {
  it('is the homepage, before the repository', () => {
    expect(
      toolInformationUri({
        homepage: 'https://example.org/bluelamp',
        repository: { type: 'git', url: 'git+https://git.example.org/nmc/bluelamp.git' },
      }),
    ).toBe('https://example.org/bluelamp');
  });

  it("is the repository's web address when there is no homepage (npm's git+https form, or a plain string)", () => {
    expect(
      toolInformationUri({ repository: { type: 'git', url: 'git+https://git.example.org/nmc/bluelamp.git' } }),
    ).toBe('https://git.example.org/nmc/bluelamp');
    expect(toolInformationUri({ repository: 'https://git.example.org/nmc/bluelamp' })).toBe(
      'https://git.example.org/nmc/bluelamp',
    );
  });

  it('is absent when nothing gives an https address: no field, a shorthand, plain http, ssh, not a string', () => {
    expect(toolInformationUri({})).toBeUndefined();
    expect(toolInformationUri({ repository: 'github:nmc/bluelamp' })).toBeUndefined();
    expect(toolInformationUri({ repository: 'nmc/bluelamp' })).toBeUndefined();
    expect(toolInformationUri({ homepage: 'http://example.org/bluelamp' })).toBeUndefined();
    expect(
      toolInformationUri({ repository: { url: 'git+ssh://git@git.example.org/nmc/bluelamp.git' } }),
    ).toBeUndefined();
    expect(toolInformationUri({ homepage: 42, repository: null })).toBeUndefined();
  });
});
