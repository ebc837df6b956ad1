import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, formatIssue } from '../../config/errors';
import { runCheck } from '../../policies/engine';
import { loadWaivers, MAX_WAIVER_SHARE, maxWaiverMatches, WAIVER_MATCH_FLOOR } from '../../policies/waivers';
import { removeDir } from '../helpers/estate';
import { TEST_SETTINGS } from './harness';

const NOW = new Date('2026-03-01T12:00:00Z');

const waiver = (resource: string, ticket: string) => `
  - rule: BL-STG-003
    resource: "${resource}"
    reason: The accounts are reached by the legacy SIEM over a public endpoint until the migration completes.
    approvedBy: Jane Example, Essex Police SIRO
    approvedOn: 2026-01-15
    expires: 2026-07-15
    ticket: ${ticket}`;

describe('a waiver is judged by what it matches', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-waiver-breadth-'));
    // 128 storage accounts: 71 with an E in the name, 12 Sel_, 13 Wide_, 32 Data_.
    const names = [
      ...Array.from({ length: 71 }, (_, i) => `Logging_E_${i}`),
      ...Array.from({ length: 12 }, (_, i) => `Sel_${i}`),
      ...Array.from({ length: 13 }, (_, i) => `Wide_${i}`),
      ...Array.from({ length: 32 }, (_, i) => `Data_${i}`),
    ];
    const json = {
      resource: {
        azurerm_storage_account: Object.fromEntries(
          names.map((n) => [n, { name: n.toLowerCase(), location: 'uksouth' }]),
        ),
      },
    };
    mkdirSync(join(dir, 'cdktf.out', 'stacks', 'essex'), { recursive: true });
    writeFileSync(join(dir, 'cdktf.out', 'stacks', 'essex', 'cdk.tf.json'), JSON.stringify(json));
    mkdirSync(join(dir, 'policies', 'waivers'), { recursive: true });
    writeFileSync(
      join(dir, 'policies', 'waivers', 'essex.yaml'),
      `waivers:${waiver('*E*', 'RISK-1')}${waiver('azurerm_storage_account.Sel_*', 'RISK-2')}${waiver('azurerm_storage_account.Wide_*', 'RISK-3')}\n`,
    );
  });
  afterAll(() => removeDir(dir));

  it('allows at most 10% of a stack, and at least 5 resources', () => {
    expect([MAX_WAIVER_SHARE, WAIVER_MATCH_FLOOR]).toEqual([0.1, 5]);
    expect([maxWaiverMatches(4), maxWaiverMatches(49), maxWaiverMatches(128), maxWaiverMatches(1000)]).toEqual([
      5, 5, 12, 100,
    ]);
  });

  it('refuses a short glob that matches 71 of 128 resources, and one just over the limit; they waive nothing', () => {
    const run = runCheck({ dir, now: NOW, settings: TEST_SETTINGS });
    const broad = run.findings.filter((f) => f.ruleId === 'BL-WVR-003');
    expect(broad.map((f) => [f.address, f.severity, f.source?.line])).toEqual([
      ['*E*', 'high', 2],
      ['azurerm_storage_account.Wide_*', 'high', 16],
    ]);
    expect(broad[0].message).toContain('matches 71 of the 128 resources of essex');
    const publicAccess = run.findings.filter((f) => f.ruleId === 'BL-STG-003');
    expect(publicAccess).toHaveLength(128);
    const waivedBy = (prefix: string) =>
      publicAccess
        .filter((f) => f.address.startsWith(`azurerm_storage_account.${prefix}`))
        .map((f) => f.waiver?.ticket);
    expect(new Set(waivedBy('Logging_E_'))).toEqual(new Set([undefined]));
    expect(new Set(waivedBy('Wide_'))).toEqual(new Set([undefined]));
    // A waiver of exactly the limit (12 of 128) still applies.
    expect(new Set(waivedBy('Sel_'))).toEqual(new Set(['RISK-2']));
  });
});

describe('the waivers folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-waiver-names-'));
  });
  afterEach(() => removeDir(dir));

  const issues = (): string[] => {
    try {
      loadWaivers(dir, dir, NOW);
    } catch (err) {
      if (err instanceof ConfigError) return err.issues.map(formatIssue);
      throw err;
    }
    return [];
  };

  it('reports a waiver file it would not read (wrong case, extension or kind) instead of ignoring it', () => {
    for (const name of ['Essex.YAML', 'kent.yml', 'durham.yaml.bak', 'Sussex.yaml', 'notes.txt'])
      writeFileSync(join(dir, name), `waivers:${waiver('azurerm_storage_account.X', 'RISK-9')}\n`);
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'README.md'), '# waivers\n');
    expect(issues()).toEqual([
      expect.stringMatching(/^Essex\.YAML .*rename it to essex\.yaml$/),
      expect.stringMatching(/^Sussex\.yaml .*rename it to sussex\.yaml$/),
      expect.stringMatching(/^durham\.yaml\.bak .*is not a waiver file/),
      expect.stringMatching(/^kent\.yml .*rename it to kent\.yaml$/),
      expect.stringMatching(/^notes\.txt .*is not a waiver file/),
      expect.stringMatching(/^old .*is not a waiver file/),
    ]);
  });
});
