import { at, fail, pass, STACK_ADDRESS, type StackRule } from '../rule';

/** Each stack has a workspace, and Sentinel is onboarded on every workspace. */
export const loggingSentinelOnboarded: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-LOG-005',
    title: 'Every stack has a Log Analytics workspace with Microsoft Sentinel onboarded',
    severity: 'high',
    rationale:
      "Logs only protect a force when something watches them: Sentinel on the force's own workspace is what the NMC SOC runs its detections over.",
    ncsc: ['5.3', '13'],
    mirrors: {},
    waivable: true,
  },
  check({ index }) {
    const workspaces = index.ofType('azurerm_log_analytics_workspace');
    if (workspaces.length === 0) return [at(STACK_ADDRESS, fail('the stack has no azurerm_log_analytics_workspace'))];
    return workspaces.map((w) => {
      const onboarding = index.referrersOf(w, ['azurerm_sentinel_log_analytics_workspace_onboarding'], 'workspace_id');
      return at(
        w.address,
        onboarding.length ? pass() : fail('no azurerm_sentinel_log_analytics_workspace_onboarding for this workspace'),
      );
    });
  },
};
