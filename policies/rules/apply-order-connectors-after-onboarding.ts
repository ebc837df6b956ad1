import { fail, pass, stringsAt, unknown, type ResourceRule } from '../rule';

/** Connectors and analytics rules are created after Sentinel is onboarded on their workspace. */
export const applyOrderConnectorsAfterOnboarding: ResourceRule = {
  scope: 'resource',
  types: [
    'azurerm_sentinel_alert_rule_scheduled',
    'azurerm_sentinel_data_connector_office_365',
    'azurerm_sentinel_data_connector_azure_active_directory',
    'azurerm_sentinel_data_connector_microsoft_threat_protection',
  ],
  meta: {
    id: 'BL-APL-012',
    title: 'Sentinel connectors and rules wait for onboarding',
    severity: 'high',
    rationale:
      'Sentinel refuses connectors and rules on a workspace that is not onboarded; they must take the workspace id from the onboarding resource, or depend on it.',
    ncsc: ['13'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    const onboardings = ctx.index.ofType('azurerm_sentinel_log_analytics_workspace_onboarding');
    if (onboardings.length === 0) return unknown('no Sentinel onboarding in this stack');
    const dependsOn = stringsAt(r.values, 'depends_on').map(String);
    const waits = onboardings.some(
      (o) => ctx.index.refersTo(r.values.log_analytics_workspace_id, o.address) || dependsOn.includes(o.address),
    );
    return waits ? pass() : fail('neither takes its workspace id from the Sentinel onboarding nor depends on it');
  },
};
