import { isUnknown } from '../terraform-json';
import { at, blocksAt, fail, pass, STACK_ADDRESS, type StackRule } from '../rule';
import type { ResourceView } from '../types';

const REQUIRED_CATEGORIES = ['Administrative', 'Security', 'Policy'];

/** The subscription's Activity Log (who changed what) goes to the force workspace. */
export const loggingActivityLog: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-LOG-001',
    title: "The subscription's Activity Log is sent to a Log Analytics workspace",
    severity: 'high',
    rationale:
      'The Activity Log records every control-plane change (role grants, deletions, policy changes); the SOC needs it in Sentinel to detect and investigate misuse, and Azure keeps it only 90 days.',
    ncsc: ['5.3', '13'],
    mirrors: {
      checkov: ['CKV_AZURE_38'],
      trivy: ['AVD-AZU-0033'],
      cis: ['5.1.1', '5.1.2'],
      azurePolicy: ['2465583e-4e78-4c15-b6be-a36cbc7c8b0f'],
    },
    waivable: true,
  },
  check({ index }) {
    const settings = index.ofType('azurerm_monitor_diagnostic_setting').filter(isSubscriptionTarget);
    if (settings.length === 0)
      return [at(STACK_ADDRESS, fail('no azurerm_monitor_diagnostic_setting targets the subscription (Activity Log)'))];
    return settings.map((s) => {
      if (s.values.log_analytics_workspace_id === undefined)
        return at(s.address, fail('the Activity Log setting has no log_analytics_workspace_id'));
      const logs = blocksAt(s.values, 'enabled_log');
      const groups = logs.map((l) => l.category_group);
      if (groups.includes('allLogs')) return at(s.address, pass());
      const categories = logs.map((l) => l.category);
      const missing = REQUIRED_CATEGORIES.filter((c) => !categories.includes(c));
      return at(
        s.address,
        missing.length ? fail(`the Activity Log setting does not send ${missing.join(', ')}`) : pass(),
      );
    });
  },
};

/** True when a diagnostic setting targets a subscription (the Activity Log) rather than a resource. */
export function isSubscriptionTarget(setting: ResourceView): boolean {
  const target = setting.values.target_resource_id;
  const text = isUnknown(target) ? (target.expression ?? '') : typeof target === 'string' ? target : '';
  return /^\/subscriptions\/[^/]+$/.test(text) || /data\.azurerm_subscription\.[A-Za-z0-9_-]+\.id\}$/.test(text);
}
