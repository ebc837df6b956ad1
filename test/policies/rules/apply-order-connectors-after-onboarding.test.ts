import { applyOrderConnectorsAfterOnboarding } from '../../../policies/rules/apply-order-connectors-after-onboarding';
import { outcomes, ref } from '../harness';

const onboarding = { o: { workspace_id: ref('azurerm_log_analytics_workspace.w.id') } };

describe('BL-APL-012 connectors and rules after Sentinel onboarding', () => {
  it('passes a connector whose workspace id comes from the onboarding, or that depends on it', () => {
    expect(
      outcomes(applyOrderConnectorsAfterOnboarding, {
        azurerm_sentinel_log_analytics_workspace_onboarding: onboarding,
        azurerm_sentinel_data_connector_office_365: {
          derived: {
            log_analytics_workspace_id: ref(
              'element(split("/providers/", azurerm_sentinel_log_analytics_workspace_onboarding.o.id), 0)',
            ),
          },
          explicit: {
            log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w.id'),
            depends_on: ['azurerm_sentinel_log_analytics_workspace_onboarding.o'],
          },
        },
      }),
    ).toEqual({
      'azurerm_sentinel_data_connector_office_365.derived': 'pass',
      'azurerm_sentinel_data_connector_office_365.explicit': 'pass',
    });
  });
  it('fails a rule on the bare workspace id, which Terraform may create before onboarding', () => {
    expect(
      outcomes(applyOrderConnectorsAfterOnboarding, {
        azurerm_sentinel_log_analytics_workspace_onboarding: onboarding,
        azurerm_sentinel_alert_rule_scheduled: {
          r: { log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w.id') },
        },
      }),
    ).toEqual({ 'azurerm_sentinel_alert_rule_scheduled.r': 'fail' });
  });
});
