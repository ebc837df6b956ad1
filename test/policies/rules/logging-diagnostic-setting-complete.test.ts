import { loggingDiagnosticSettingComplete } from '../../../policies/rules/logging-diagnostic-setting-complete';
import { outcomes, ref } from '../harness';

describe('BL-LOG-003 diagnostic settings send logs to a workspace', () => {
  it('passes a setting with an enabled log to a workspace', () => {
    const result = outcomes(loggingDiagnosticSettingComplete, {
      azurerm_monitor_diagnostic_setting: {
        d: {
          log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w.id'),
          enabled_log: { category_group: 'allLogs' },
        },
      },
    });
    expect(result).toEqual({ 'azurerm_monitor_diagnostic_setting.d': 'pass' });
  });
  it('fails a metrics-only setting and one that writes only to Event Hubs', () => {
    const result = outcomes(loggingDiagnosticSettingComplete, {
      azurerm_monitor_diagnostic_setting: {
        metrics: { log_analytics_workspace_id: 'ws', enabled_metric: [{ category: 'AllMetrics' }] },
        hub: { eventhub_name: 'eh', enabled_log: [{ category_group: 'allLogs' }] },
      },
    });
    expect(result).toEqual({
      'azurerm_monitor_diagnostic_setting.metrics': 'fail',
      'azurerm_monitor_diagnostic_setting.hub': 'fail',
    });
  });
});
