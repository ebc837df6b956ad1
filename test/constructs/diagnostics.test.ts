import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing } from 'cdktf';
import { classifyResourceType, sendAllDiagnosticsTo } from '../../constructs/diagnostics';

const WORKSPACE = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log';

describe('Diagnostics aspect', () => {
  // The resources are created after the aspect is added, as a later service would be.
  const json = Testing.synthScope((scope) => {
    sendAllDiagnosticsTo(scope, { workspaceId: WORKSPACE });
    new ResourceGroup(scope, 'Group', { name: 'rg', location: 'uksouth' });
    new KeyVault(scope, 'Vault', {
      name: 'kv-x',
      location: 'uksouth',
      resourceGroupName: 'rg',
      tenantId: 't',
      skuName: 'standard',
    });
    new StorageAccount(scope, 'Account', {
      name: 'stx',
      location: 'uksouth',
      resourceGroupName: 'rg',
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
    });
  });
  const settings = Object.values<Record<string, any>>(JSON.parse(json).resource.azurerm_monitor_diagnostic_setting);

  it('adds a setting with all logs to the workspace for a resource added after it', () => {
    const vault = settings.find((s) => s.target_resource_id === '${azurerm_key_vault.Vault.id}');
    expect(vault).toMatchObject({
      log_analytics_workspace_id: WORKSPACE,
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });

  it('covers each storage service, where storage logs live', () => {
    const targets = settings
      .map((s) => s.target_resource_id)
      .filter((t) => t.startsWith('${azurerm_storage_account.Account.id}'));
    expect(targets.sort()).toEqual(
      ['blob', 'file', 'queue', 'table'].map((s) => `\${azurerm_storage_account.Account.id}/${s}Services/default`),
    );
  });

  it('adds nothing for a type with no resource logs', () => {
    expect(settings.some((s) => String(s.target_resource_id).includes('azurerm_resource_group.'))).toBe(false);
    expect(settings).toHaveLength(5);
  });

  it('classifies types so an unknown one stands out', () => {
    expect(classifyResourceType('azurerm_key_vault')).toBe('diagnosed');
    expect(classifyResourceType('azurerm_subnet')).toBe('no-resource-logs');
    expect(classifyResourceType('azurerm_sentinel_alert_rule_scheduled')).toBe('no-resource-logs');
    expect(classifyResourceType('azurerm_made_up_thing')).toBe('unclassified');
  });
});
