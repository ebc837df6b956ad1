import { CENTRAL_LOG_RETENTION_DAYS, FORCE_LOG_RETENTION_DAYS } from '../../util/platform-facts';
import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

/** Force workspaces keep a year of logs; the NMC's central workspace two (the floors config enforces). */
export const FORCE_MIN_RETENTION = FORCE_LOG_RETENTION_DAYS.min;
export const NATIONAL_MIN_RETENTION = CENTRAL_LOG_RETENTION_DAYS.min;

export const loggingWorkspaceRetention: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_log_analytics_workspace'],
  meta: {
    id: 'BL-LOG-004',
    title: `Log Analytics workspaces keep logs for at least ${FORCE_MIN_RETENTION} days (${NATIONAL_MIN_RETENTION} for the NMC)`,
    severity: 'medium',
    rationale:
      'Investigations and disclosure requests reach back months; CIS asks for a year of activity logs and the NMC keeps two years centrally.',
    ncsc: ['13', '5.3'],
    mirrors: { checkov: ['CKV_AZURE_37'], trivy: ['AVD-AZU-0031'], cis: ['5.1.3'] },
    waivable: true,
  },
  configFields: ['logging.retentionDays'],
  check(r, ctx) {
    const min = ctx.isNational ? NATIONAL_MIN_RETENTION : FORCE_MIN_RETENTION;
    const days = r.values.retention_in_days;
    if (isUnknown(days)) return unknown(`retention_in_days is ${show(days)}`);
    if (days === undefined) return fail(`retention_in_days is not set (Azure keeps 30 days); must be >= ${min}`);
    return Number(days) >= min ? pass() : fail(`retention_in_days is ${show(days)}; must be >= ${min}`);
  },
};
