import { loggingWorkspaceRetention } from '../../../policies/rules/logging-workspace-retention';
import { outcomes } from '../harness';

describe('BL-LOG-004 workspace retention', () => {
  it('passes a force workspace kept 365 days and the national one kept 730', () => {
    expect(
      outcomes(loggingWorkspaceRetention, { azurerm_log_analytics_workspace: { w: { retention_in_days: 365 } } }),
    ).toEqual({ 'azurerm_log_analytics_workspace.w': 'pass' });
    expect(
      outcomes(
        loggingWorkspaceRetention,
        { azurerm_log_analytics_workspace: { w: { retention_in_days: 730 } } },
        { stack: 'national' },
      ),
    ).toEqual({ 'azurerm_log_analytics_workspace.w': 'pass' });
  });
  it('fails 90 days in a force, 365 in the national stack, and an unset retention', () => {
    expect(
      outcomes(loggingWorkspaceRetention, { azurerm_log_analytics_workspace: { a: { retention_in_days: 90 }, b: {} } }),
    ).toEqual({ 'azurerm_log_analytics_workspace.a': 'fail', 'azurerm_log_analytics_workspace.b': 'fail' });
    expect(
      outcomes(
        loggingWorkspaceRetention,
        { azurerm_log_analytics_workspace: { w: { retention_in_days: 365 } } },
        { stack: 'national' },
      ),
    ).toEqual({ 'azurerm_log_analytics_workspace.w': 'fail' });
  });
});
