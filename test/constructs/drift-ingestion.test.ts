import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { DriftIngestion, type DriftIngestionProps } from '../../constructs/drift-ingestion';
import { DRIFT_COLUMNS, DRIFT_STREAM, DRIFT_TABLE, SECURITY_RELEVANT_DRIFT } from '../../constructs/drift-table';

const WORKSPACE_ID =
  '/subscriptions/00000000-0000-4000-8000-0000000000a1/resourceGroups/rg-hub-soc-uks/providers/Microsoft.OperationalInsights/workspaces/log-nmc-soc-uks';

const PROPS: DriftIngestionProps = {
  workspaceId: WORKSPACE_ID,
  resourceGroupName: 'rg-hub-soc-uks',
  location: 'uksouth',
  nameSuffix: 'nmc-uks',
};

/** Synthesises into a folder it removes (Testing.synthScope would leave one in the temp folder). */
function synth(props: Partial<DriftIngestionProps> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-drift-construct-'));
  try {
    const stack = new TerraformStack(Testing.app({ outdir }), 'test');
    new DriftIngestion(stack, 'Drift', { ...PROPS, ...props });
    return JSON.parse(Testing.synth(stack)).resource as Record<string, Record<string, Record<string, any>>>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('DriftIngestion', () => {
  const resources = synth();
  const only = (type: string) => {
    const all = Object.values(resources[type]);
    expect(all).toHaveLength(1);
    return all[0];
  };

  it('creates the BlueLampDrift_CL table with the record columns, in the SOC workspace', () => {
    const table = only('azurerm_log_analytics_workspace_table_custom_log');
    expect(table.name).toBe('BlueLampDrift_CL');
    expect(table.workspace_id).toBe(WORKSPACE_ID);
    expect(table.column).toEqual([
      { name: 'TimeGenerated', type: 'dateTime' },
      { name: 'RunId', type: 'string' },
      { name: 'Stack', type: 'string' },
      { name: 'Status', type: 'string' },
      { name: 'DriftedCount', type: 'int' },
      { name: 'SecurityDriftCount', type: 'int' },
      { name: 'Drifted', type: 'dynamic' },
      { name: 'Message', type: 'string' },
      { name: 'RunUrl', type: 'string' },
    ]);
  });

  it('routes the Custom-BlueLampDrift_CL stream through an endpoint and rule into the table, untransformed', () => {
    const endpoint = only('azurerm_monitor_data_collection_endpoint');
    const rule = only('azurerm_monitor_data_collection_rule');
    expect(endpoint).toMatchObject({
      name: 'dce-drift-nmc-uks',
      location: 'uksouth',
      resource_group_name: 'rg-hub-soc-uks',
    });
    expect(rule).toMatchObject({ name: 'dcr-drift-nmc-uks', location: 'uksouth' });
    expect(rule.data_collection_endpoint_id).toMatch(/^\$\{azurerm_monitor_data_collection_endpoint\..+\.id\}$/);
    expect(rule.stream_declaration).toEqual([
      { stream_name: DRIFT_STREAM, column: DRIFT_COLUMNS.map(([name, type]) => ({ name, type })) },
    ]);
    expect(rule.destinations.log_analytics).toEqual([{ name: 'soc-workspace', workspace_resource_id: WORKSPACE_ID }]);
    expect(rule.data_flow).toEqual([
      {
        streams: [DRIFT_STREAM],
        destinations: ['soc-workspace'],
        transform_kql: 'source',
        output_stream: `Custom-${DRIFT_TABLE}`,
      },
    ]);
  });

  it('raises a high-severity incident for drift on every security-relevant resource type', () => {
    const rules = Object.values(resources.azurerm_sentinel_alert_rule_scheduled);
    const security = rules.find((r) => r.name === 'bluelamp-blue-lamp-security-drift')!;
    expect(security.severity).toBe('High');
    expect(security.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(security.query).toMatch(/^BlueLampDrift_CL\n\| where Status == "drift"\n\| mv-expand Resource = Drifted/);
    for (const type of [
      'azurerm_network_security_group',
      'azurerm_firewall_policy_rule_collection_group',
      'azurerm_role_assignment',
      'azurerm_key_vault',
      'azurerm_storage_account_network_rules',
      'azurerm_monitor_diagnostic_setting',
    ]) {
      expect(SECURITY_RELEVANT_DRIFT[type]).toBeDefined();
      expect(security.query).toContain(`"${type}"`);
    }
    expect(security.query).not.toContain('"azurerm_resource_group"');
  });

  it('also raises incidents when a stack could not be checked and when no result arrived for a day', () => {
    const names = Object.values(resources.azurerm_sentinel_alert_rule_scheduled).map((r) => r.name as string);
    expect(names.sort()).toEqual([
      'bluelamp-blue-lamp-drift-missing',
      'bluelamp-blue-lamp-drift-not-checked',
      'bluelamp-blue-lamp-security-drift',
    ]);
    const missing = Object.values(resources.azurerm_sentinel_alert_rule_scheduled).find((r) =>
      String(r.name).endsWith('drift-missing'),
    )!;
    expect(missing.query).toContain('where TimeGenerated > ago(26h)');
    expect(missing.query_period).toBe('P2D');
  });

  it('creates every rule only after the table it queries (Sentinel refuses a rule over a missing table)', () => {
    const [table] = Object.keys(resources.azurerm_log_analytics_workspace_table_custom_log);
    const rules = Object.values(resources.azurerm_sentinel_alert_rule_scheduled);
    expect(rules).toHaveLength(3);
    for (const rule of rules)
      expect(rule.depends_on).toEqual([`azurerm_log_analytics_workspace_table_custom_log.${table}`]);
  });

  it('refuses a name suffix Azure would not accept, naming the prop', () => {
    expect(() => synth({ nameSuffix: 'NMC_UKS' })).toThrow(/nameSuffix "NMC_UKS" must be lower-case letters/);
  });
});
