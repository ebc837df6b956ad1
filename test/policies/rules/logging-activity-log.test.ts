import { loggingActivityLog } from '../../../policies/rules/logging-activity-log';
import { outcomes, ref } from '../harness';

const workspace = ref('azurerm_log_analytics_workspace.w.id');

describe('BL-LOG-001 Activity Log to the workspace', () => {
  it('passes a subscription diagnostic setting sending all logs (literal id or data source)', () => {
    expect(
      outcomes(loggingActivityLog, {
        azurerm_monitor_diagnostic_setting: {
          a: {
            target_resource_id: '/subscriptions/00000000-0000-4000-8000-000000000001',
            log_analytics_workspace_id: workspace,
            enabled_log: [{ category_group: 'allLogs' }],
          },
          b: {
            target_resource_id: ref('data.azurerm_subscription.current.id'),
            log_analytics_workspace_id: workspace,
            enabled_log: [{ category: 'Administrative' }, { category: 'Security' }, { category: 'Policy' }],
          },
        },
      }),
    ).toEqual({ 'azurerm_monitor_diagnostic_setting.a': 'pass', 'azurerm_monitor_diagnostic_setting.b': 'pass' });
  });
  it('fails a stack with no subscription-level setting', () => {
    const result = outcomes(loggingActivityLog, {
      azurerm_monitor_diagnostic_setting: {
        kv: { target_resource_id: ref('azurerm_key_vault.kv.id'), log_analytics_workspace_id: workspace },
      },
    });
    expect(result).toEqual({ '(stack)': 'fail' });
  });
  it('fails a setting missing the Security category', () => {
    const result = outcomes(loggingActivityLog, {
      azurerm_monitor_diagnostic_setting: {
        a: {
          target_resource_id: '/subscriptions/x',
          log_analytics_workspace_id: workspace,
          enabled_log: [{ category: 'Administrative' }, { category: 'Policy' }],
        },
      },
    });
    expect(result).toEqual({ 'azurerm_monitor_diagnostic_setting.a': 'fail' });
  });
});
