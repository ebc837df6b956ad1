import { blocksAt, fail, pass, type ResourceRule } from '../rule';

/** A diagnostic setting that exists but sends nothing is worse than none: it looks covered. */
export const loggingDiagnosticSettingComplete: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_monitor_diagnostic_setting'],
  meta: {
    id: 'BL-LOG-003',
    title: 'Diagnostic settings send logs (not only metrics) to a Log Analytics workspace',
    severity: 'medium',
    rationale:
      'A setting with no enabled log category, or one that writes only to storage or Event Hubs, leaves the SOC workspace without the records it is meant to hold.',
    ncsc: ['13'],
    mirrors: { cis: ['5.1.2'] },
    waivable: true,
  },
  check(r) {
    if (r.values.log_analytics_workspace_id === undefined)
      return fail('no log_analytics_workspace_id: logs do not reach the SOC workspace');
    const logs = blocksAt(r.values, 'enabled_log');
    if (logs.length === 0) return fail('no enabled_log block: only metrics (if any) are sent');
    return pass();
  },
};
