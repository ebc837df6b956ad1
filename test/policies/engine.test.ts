import { join } from 'node:path';
import { loadEstate, type Estate } from '../../config/estate';
import { runCheck } from '../../policies/engine';
import { SMALL_ESTATE } from '../helpers/estate';
import type { ResourceRule } from '../../policies/rule';
import type { CheckRun, Finding } from '../../policies/types';
import { TEST_SETTINGS } from './harness';

const ESTATE = join(__dirname, '..', 'fixtures', 'policies', 'estate');
const NOW = new Date('2026-03-01T12:00:00Z');

const find = (run: CheckRun, ruleId: string, stack = 'essex'): Finding[] =>
  run.findings.filter((f) => f.ruleId === ruleId && f.stack === stack);

describe('runCheck over synthesised stacks', () => {
  let run: CheckRun;
  beforeAll(() => {
    run = runCheck({ dir: ESTATE, now: NOW, settings: TEST_SETTINGS });
  });

  it('reads every stack under cdktf.out/stacks with its inventory and address spaces', () => {
    expect(run.input.kind).toBe('synth');
    expect(run.stacks.map((s) => [s.name, s.source, s.resources.length])).toEqual([
      ['essex', 'forces/essex.yaml', 4],
      ['kent', 'forces/kent.yaml', 1],
    ]);
    expect(run.stacks[0].addressSpaces).toEqual(['10.66.0.0/20']);
  });

  it('names stack, address, construct path and the force YAML line of a residency finding', () => {
    const [finding] = find(run, 'BL-RES-001');
    expect(finding).toMatchObject({
      stack: 'essex',
      address: 'azurerm_storage_account.Backup_Copy_9C0D1E2F',
      constructPath: 'essex/Backup/Copy',
      severity: 'critical',
      outcome: 'fail',
      source: { file: 'forces/essex.yaml', line: 7, col: 9 },
    });
    expect(finding.message).toMatch(/westeurope/);
  });

  it('follows the location reference to the resource group (no residency finding for the archive)', () => {
    expect(find(run, 'BL-RES-001').map((f) => f.address)).not.toContain(
      'azurerm_storage_account.Logging_Archive_5E6F7A8B',
    );
  });

  it('points at the YAML file when no config field is known for the rule', () => {
    const [finding] = find(run, 'BL-STG-008').filter((f) => f.address.includes('Archive'));
    expect(finding.source).toEqual({ file: 'forces/essex.yaml' });
  });

  it('marks a finding covered by an approved waiver, keeping it in the output with the waiver details', () => {
    const [waived] = find(run, 'BL-STG-003');
    expect(waived.waiver).toMatchObject({
      rule: 'BL-STG-003',
      approvedBy: 'Jane Example, Essex Police SIRO',
      ticket: 'RISK-101',
      expires: '2026-07-15',
      source: { file: 'policies/waivers/essex.yaml', line: 3 },
    });
  });

  it('does not apply an expired waiver, and reports the expiry as a finding', () => {
    const [sharedKey] = find(run, 'BL-STG-005').filter((f) => f.address.includes('Archive'));
    expect(sharedKey.waiver).toBeUndefined();
    const [expired] = find(run, 'BL-WVR-001');
    expect(expired).toMatchObject({ outcome: 'fail', source: { file: 'policies/waivers/essex.yaml', line: 10 } });
    expect(expired.message).toMatch(/expired on 2025-12-31/);
  });

  it('reports a waiver that matches nothing', () => {
    expect(find(run, 'BL-WVR-002').map((f) => f.address)).toEqual(['azurerm_storage_account.NoSuchAccount']);
  });

  it('lists every rule and every waiver in the run', () => {
    expect(run.rules.length).toBeGreaterThanOrEqual(40);
    expect(run.waivers.map((w) => w.ticket)).toEqual(['RISK-101', 'RISK-88', 'RISK-102']);
  });

  it('normalises "UK South" (kent has no residency finding)', () => {
    expect(find(run, 'BL-RES-002', 'kent')).toEqual([]);
  });
});

describe('runCheck options and failures', () => {
  it('takes the platform facts from an estate the caller already loaded, rather than reading platform.yaml again', () => {
    // This fixture has no platform.yaml: read from the folder, the built-in required tags apply.
    const tagMessages = (r: CheckRun) => find(r, 'BL-TAG-001').map((f) => f.message);
    expect(tagMessages(runCheck({ dir: ESTATE, now: NOW })).join('\n')).not.toMatch(/retention-review/);
    const loaded = loadEstate(SMALL_ESTATE);
    const platform = loaded.platform.config;
    const estate: Estate = {
      ...loaded,
      platform: {
        ...loaded.platform,
        config: { ...platform, tags: { ...platform.tags, required: [...platform.tags.required, 'retention-review'] } },
      },
    };
    expect(tagMessages(runCheck({ dir: ESTATE, now: NOW, estate })).join('\n')).toMatch(/retention-review/);
  });

  it('reports a waiver file named for no stack (a misspelt force id) when checking the whole estate', () => {
    const run = runCheck({
      dir: ESTATE,
      now: NOW,
      settings: TEST_SETTINGS,
      waiversDir: join(__dirname, '..', 'fixtures', 'policies', 'waivers-unknown-stack'),
    });
    expect(run.findings.filter((f) => f.ruleId === 'BL-WVR-002')).toEqual([
      expect.objectContaining({ stack: 'esex', message: expect.stringContaining('there is no stack "esex"') }),
    ]);
    // The finding it meant to waive is still open.
    expect(find(run, 'BL-STG-003').every((f) => !f.waiver)).toBe(true);
  });

  it('does not judge a bootstrap waiver in a whole-estate check, which never holds bootstrap (synthesised only when named)', () => {
    const run = runCheck({
      dir: ESTATE,
      now: NOW,
      settings: TEST_SETTINGS,
      waiversDir: join(__dirname, '..', 'fixtures', 'policies', 'waivers-bootstrap'),
    });
    expect(run.stacks.map((s) => s.name)).not.toContain('bootstrap');
    expect(run.findings.filter((f) => f.stack === 'bootstrap')).toEqual([]);
  });

  it("checks only the forces asked for, and ignores other forces' waivers", () => {
    const run = runCheck({ dir: ESTATE, now: NOW, settings: TEST_SETTINGS, forces: ['kent'] });
    expect(run.stacks.map((s) => s.name)).toEqual(['kent']);
    expect(run.findings.every((f) => f.stack === 'kent')).toBe(true);
  });

  it('refuses a force that has not been synthesised, and a missing cdktf.out, with a clear message', () => {
    expect(() => runCheck({ dir: ESTATE, now: NOW, forces: ['durham'] })).toThrow(/no synthesised stack for durham/);
    expect(() => runCheck({ dir: join(ESTATE, 'policies'), now: NOW })).toThrow(/run `bluelamp synth` first/);
  });

  it('reports a rule that throws as that rule failing on that resource, and carries on', () => {
    const exploding: ResourceRule = {
      scope: 'resource',
      types: ['azurerm_resource_group'],
      meta: {
        id: 'BL-TST-001',
        title: 'explodes',
        severity: 'high',
        rationale: 'test',
        ncsc: ['4'],
        mirrors: {},
        waivable: true,
      },
      check: () => {
        throw new Error('boom');
      },
    };
    const run = runCheck({ dir: ESTATE, now: NOW, settings: TEST_SETTINGS, rules: [exploding], waiversDir: 'none' });
    expect(run.findings.map((f) => [f.stack, f.address, f.outcome, f.message])).toEqual([
      [
        'essex',
        'azurerm_resource_group.Logging_ResourceGroup_1A2B3C4D',
        'fail',
        'the rule failed on this resource: boom',
      ],
      [
        'kent',
        'azurerm_resource_group.Network_ResourceGroup_0F1E2D3C',
        'fail',
        'the rule failed on this resource: boom',
      ],
    ]);
  });
});

describe('runCheck over a terraform show -json plan', () => {
  let run: CheckRun;
  beforeAll(() => {
    run = runCheck({
      dir: ESTATE,
      now: NOW,
      settings: TEST_SETTINGS,
      plan: 'plan.json',
      forces: ['essex'],
      waiversDir: 'none',
    });
  });

  it('names the stack after --force and takes construct paths from the synthesised stack', () => {
    expect(run.input.kind).toBe('plan');
    const [encryption] = run.findings.filter((f) => f.ruleId === 'BL-STG-008');
    expect(encryption).toMatchObject({ stack: 'essex', outcome: 'unknown', constructPath: 'essex/Logging/Archive' });
  });

  it('treats known-after-apply values as unknown, never as a pass', () => {
    const unknownRules = run.findings
      .filter((f) => f.address === 'azurerm_storage_account.Logging_Archive_5E6F7A8B' && f.outcome === 'unknown')
      .map((f) => f.ruleId);
    expect(unknownRules).toEqual(expect.arrayContaining(['BL-STG-007', 'BL-STG-008']));
  });

  it('keeps the configured reference of an unknown value in the message', () => {
    const [owner] = run.findings.filter((f) => f.ruleId === 'BL-IAM-002');
    expect(owner.message).toContain('azurerm_role_definition.Custom.name');
  });

  it('flags the deletion of a Key Vault and checks nothing else on a deleted resource', () => {
    const onVault = run.findings
      .filter((f) => f.address === 'azurerm_key_vault.Security_Vault_77AA88BB')
      .map((f) => f.ruleId);
    expect(onVault).toEqual(['BL-PLN-001']);
  });

  it('ignores data sources', () => {
    expect(run.stacks[0].resources.map((r) => r.address)).not.toContain('data.azurerm_client_config.current');
  });
});
