import { loggingSentinelOnboarded } from '../../../policies/rules/logging-sentinel-onboarded';
import { outcomes, ref } from '../harness';

describe('BL-LOG-005 Sentinel onboarded', () => {
  it('passes a workspace with Sentinel onboarding', () => {
    const result = outcomes(loggingSentinelOnboarded, {
      azurerm_log_analytics_workspace: { w: {} },
      azurerm_sentinel_log_analytics_workspace_onboarding: {
        s: { workspace_id: ref('azurerm_log_analytics_workspace.w.id') },
      },
    });
    expect(result).toEqual({ 'azurerm_log_analytics_workspace.w': 'pass' });
  });
  it('fails a workspace without Sentinel, and a stack without a workspace', () => {
    expect(outcomes(loggingSentinelOnboarded, { azurerm_log_analytics_workspace: { w: {} } })).toEqual({
      'azurerm_log_analytics_workspace.w': 'fail',
    });
    expect(outcomes(loggingSentinelOnboarded, { azurerm_resource_group: { rg: {} } })).toEqual({ '(stack)': 'fail' });
  });
});
