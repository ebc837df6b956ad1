import { fail, notApplicable, pass, stringsAt, type ResourceRule } from '../rule';

/** An analytics rule over a custom table created in the same stack waits for that table. */
export const applyOrderRulesAfterTables: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_sentinel_alert_rule_scheduled'],
  meta: {
    id: 'BL-APL-011',
    title: 'Analytics rules wait for the custom tables they query',
    severity: 'high',
    rationale:
      'Sentinel rejects a scheduled rule whose query names a table the workspace does not have yet; a table created in the same apply must come first.',
    ncsc: ['13'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    const query = typeof r.values.query === 'string' ? r.values.query : '';
    const tables = ctx.index
      .ofType('azurerm_log_analytics_workspace_table_custom_log')
      .filter((t) => typeof t.values.name === 'string' && new RegExp(`\\b${t.values.name}\\b`).test(query));
    if (tables.length === 0) return notApplicable('queries no custom table of this stack');
    const dependsOn = stringsAt(r.values, 'depends_on').map(String);
    const missing = tables.filter((t) => !dependsOn.includes(t.address));
    return missing.length === 0
      ? pass()
      : fail(
          `queries ${missing.map((t) => String(t.values.name)).join(', ')} but does not depend on ${missing.map((t) => t.address).join(', ')}`,
        );
  },
};
