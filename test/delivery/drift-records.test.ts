import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRIFT_COLUMNS } from '../../constructs/drift-table';
import type { DeliveryReport } from '../../delivery/deliver';
import {
  driftErrorRecords,
  driftRecords,
  formatDriftRecords,
  MAX_MESSAGE,
  resourceTypeOf,
} from '../../delivery/drift-records';
import { runCli } from '../helpers/cli';
import { removeDir, tempEstate } from '../helpers/estate';

const REPORT: DeliveryReport = {
  schemaVersion: 1,
  mode: 'drift',
  generatedAt: '2026-03-01T05:40:00.000Z',
  parallel: 4,
  ok: false,
  stacks: [
    {
      stack: 'national',
      status: 'in-sync',
      ok: true,
      drifted: [],
      steps: [],
      startedAt: '',
      durationMs: 1,
      logFile: '',
    },
    {
      stack: 'essex',
      status: 'drift',
      ok: false,
      message: 'essex: 3 resources changed outside Terraform',
      drifted: [
        { address: 'azurerm_network_security_group.Lz_Nsg_3', action: 'update' },
        { address: 'module.spoke.azurerm_role_assignment.Reader[0]', action: 'delete' },
        { address: 'azurerm_resource_group.Lz_Rg_1', action: 'update' },
      ],
      steps: [],
      startedAt: '',
      durationMs: 1,
      logFile: '',
    },
    {
      stack: 'kent',
      status: 'failed',
      ok: false,
      message: 'x'.repeat(MAX_MESSAGE + 50),
      steps: [],
      startedAt: '',
      durationMs: 1,
      logFile: '',
    },
  ],
};

describe('drift records for the SOC (BlueLampDrift_CL)', () => {
  const records = driftRecords(REPORT, 'https://ci.example/run/7');

  it('has one record per stack, stamped with the run time and the run link', () => {
    expect(records.map((r) => [r.Stack, r.Status, r.DriftedCount])).toEqual([
      ['national', 'in-sync', 0],
      ['essex', 'drift', 3],
      ['kent', 'failed', 0],
    ]);
    for (const r of records)
      expect(r).toMatchObject({
        TimeGenerated: REPORT.generatedAt,
        RunId: REPORT.generatedAt,
        RunUrl: 'https://ci.example/run/7',
      });
  });

  it('marks drift on security-relevant resources, module addresses included, and counts it', () => {
    const essex = records[1];
    expect(essex.Drifted).toEqual([
      {
        address: 'azurerm_network_security_group.Lz_Nsg_3',
        type: 'azurerm_network_security_group',
        action: 'update',
        securityCategory: 'network security group',
      },
      {
        address: 'module.spoke.azurerm_role_assignment.Reader[0]',
        type: 'azurerm_role_assignment',
        action: 'delete',
        securityCategory: 'role assignment',
      },
      { address: 'azurerm_resource_group.Lz_Rg_1', type: 'azurerm_resource_group', action: 'update' },
    ]);
    expect(essex.SecurityDriftCount).toBe(2);
  });

  it('reads the resource type from any address form', () => {
    expect(resourceTypeOf('azurerm_key_vault.Vault')).toBe('azurerm_key_vault');
    expect(resourceTypeOf('module.a.module.b.azurerm_firewall.Fw["x"]')).toBe('azurerm_firewall');
    expect(resourceTypeOf('data.azurerm_client_config.Current')).toBe('azurerm_client_config');
  });

  it('keeps a long message within the limit', () => {
    expect(records[2].Message).toHaveLength(MAX_MESSAGE);
    expect(records[2].Message.endsWith('…')).toBe(true);
  });

  it('writes the table columns in the table order, nothing else', () => {
    const rows = JSON.parse(formatDriftRecords(records)) as Record<string, unknown>[];
    for (const row of rows) expect(Object.keys(row)).toEqual(DRIFT_COLUMNS.map(([name]) => name));
  });

  it('says in one error record when drift could not run at all', () => {
    expect(driftErrorRecords('no terraform on PATH', new Date('2026-03-01T05:17:00Z'))).toEqual([
      {
        TimeGenerated: '2026-03-01T05:17:00.000Z',
        RunId: '2026-03-01T05:17:00.000Z',
        Stack: '(all)',
        Status: 'error',
        DriftedCount: 0,
        SecurityDriftCount: 0,
        Drifted: [],
        Message: 'no terraform on PATH',
        RunUrl: '',
      },
    ]);
  });

  it('refuses a run that is not drift', () => {
    expect(() => driftRecords({ ...REPORT, mode: 'plan' })).toThrow('driftRecords needs a drift run, not plan');
  });
});

describe('bluelamp drift --to-sentinel', () => {
  let dir: string;
  beforeEach(() => (dir = tempEstate()));
  afterEach(() => removeDir(dir));

  it('writes one error record, and still fails, when drift cannot start (no synthesised output)', async () => {
    const result = await runCli(
      ['drift', '--to-sentinel', 'records.json', '--run-url', 'https://ci.example/7', '--quiet'],
      dir,
    );
    expect(result.code).toBe(1);
    const rows = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Stack: '(all)', Status: 'error', RunUrl: 'https://ci.example/7' });
    // The record says what the person at the terminal is told.
    expect(String(rows[0].Message)).not.toBe('');
    expect(result.stderr).toContain(String(rows[0].Message).split('\n')[0]);
  });

  it('is for drift only, and never overwrites the estate config', async () => {
    const plan = await runCli(['plan', '--to-sentinel', 'records.json'], dir);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('--to-sentinel and --run-url are for drift');
    const onConfig = await runCli(['drift', '--to-sentinel', 'forces/records.json'], dir);
    expect(onConfig.code).toBe(2);
    expect(onConfig.stderr).toContain("--to-sentinel forces/records.json would overwrite the estate's own files");
    expect(existsSync(join(dir, 'records.json'))).toBe(false);
  });
});
