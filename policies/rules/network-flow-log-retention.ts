import { FLOW_LOG_RETENTION_DAYS } from '../../util/platform-facts';
import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, valueAt, type ResourceRule } from '../rule';

const MIN_DAYS = FLOW_LOG_RETENTION_DAYS.min;

/** Flow logs are kept long enough to investigate an incident found late. */
export const networkFlowLogRetention: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_network_watcher_flow_log'],
  meta: {
    id: 'BL-NET-007',
    title: `Flow logs are enabled and kept for at least ${MIN_DAYS} days`,
    severity: 'medium',
    rationale:
      'Intrusions are often found weeks after they start; network flow records are the evidence of lateral movement and exfiltration.',
    ncsc: ['5.3', '13'],
    mirrors: { checkov: ['CKV_AZURE_12'], trivy: ['AVD-AZU-0049'], cis: ['6.5'] },
    waivable: true,
  },
  configFields: ['logging.flowLogRetentionDays'],
  check(r) {
    const enabled = r.values.enabled;
    if (isUnknown(enabled)) return unknown(`enabled is ${show(enabled)}`);
    if (enabled === false) return fail('the flow log is disabled');
    const on = valueAt(r.values, 'retention_policy.enabled');
    const days = valueAt(r.values, 'retention_policy.days');
    if (isUnknown(on) || isUnknown(days)) return unknown(`retention_policy is ${show(isUnknown(on) ? on : days)}`);
    if (on !== true) return fail('retention_policy is not enabled');
    // 0 means "keep for ever" in the Network Watcher API.
    if (Number(days) === 0) return pass('retained indefinitely');
    return Number(days) >= MIN_DAYS ? pass() : fail(`retention_policy.days is ${show(days)}; must be >= ${MIN_DAYS}`);
  },
};
