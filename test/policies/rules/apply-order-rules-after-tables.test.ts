import { applyOrderRulesAfterTables } from '../../../policies/rules/apply-order-rules-after-tables';
import { outcomes } from '../harness';

const table = { t: { name: 'BoxEventsV2_CL' } };

describe('BL-APL-011 analytics rules after their tables', () => {
  it('fails a rule over a custom table of the stack that does not wait for it (the Box rules before the fix)', () => {
    expect(
      outcomes(applyOrderRulesAfterTables, {
        azurerm_log_analytics_workspace_table_custom_log: table,
        azurerm_sentinel_alert_rule_scheduled: { r: { query: 'BoxEventsV2_CL\n| take 1' } },
      }),
    ).toEqual({ 'azurerm_sentinel_alert_rule_scheduled.r': 'fail' });
  });
  it('passes one that depends on the table, and does not apply to rules over built-in tables', () => {
    expect(
      outcomes(applyOrderRulesAfterTables, {
        azurerm_log_analytics_workspace_table_custom_log: table,
        azurerm_sentinel_alert_rule_scheduled: {
          r: { query: 'BoxEventsV2_CL', depends_on: ['azurerm_log_analytics_workspace_table_custom_log.t'] },
          s: { query: 'SigninLogs | take 1' },
        },
      }),
    ).toEqual({
      'azurerm_sentinel_alert_rule_scheduled.r': 'pass',
      'azurerm_sentinel_alert_rule_scheduled.s': 'not-applicable',
    });
  });
});
