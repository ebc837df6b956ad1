import { loggingDiagnosticsCoverage } from '../../../policies/rules/logging-diagnostics-coverage';
import { outcomes, ref } from '../harness';

describe('BL-LOG-002 diagnostic settings on every capable resource', () => {
  it('passes a vault and a storage account (blob service target) with settings to the workspace', () => {
    const result = outcomes(loggingDiagnosticsCoverage, {
      azurerm_key_vault: { kv: {} },
      azurerm_storage_account: { st: {} },
      azurerm_monitor_diagnostic_setting: {
        kv: {
          target_resource_id: ref('azurerm_key_vault.kv.id'),
          log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w.id'),
        },
        st: {
          target_resource_id: `${ref('azurerm_storage_account.st.id')}/blobServices/default`,
          log_analytics_workspace_id: '/subscriptions/x/workspaces/w',
        },
      },
    });
    expect(result).toEqual({ 'azurerm_key_vault.kv': 'pass', 'azurerm_storage_account.st': 'pass' });
  });
  it('fails a resource with no setting, and one whose setting only archives to storage', () => {
    const result = outcomes(loggingDiagnosticsCoverage, {
      azurerm_network_security_group: { a: {}, b: {} },
      azurerm_monitor_diagnostic_setting: {
        b: {
          target_resource_id: ref('azurerm_network_security_group.b.id'),
          storage_account_id: ref('azurerm_storage_account.s.id'),
        },
      },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.a': 'fail', 'azurerm_network_security_group.b': 'fail' });
  });
  it('does not apply to resources without diagnostic logs', () => {
    expect(outcomes(loggingDiagnosticsCoverage, { azurerm_subnet: { s: {} } })).toEqual({});
  });
});
