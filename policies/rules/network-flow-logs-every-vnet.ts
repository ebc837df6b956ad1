import { fail, pass, valueAt, type ResourceRule } from '../rule';

/** Every VNet has a flow log with traffic analytics, so the SOC sees who talks to whom. */
export const networkFlowLogsEveryVnet: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_virtual_network'],
  meta: {
    id: 'BL-NET-008',
    title: 'Every virtual network has a flow log with traffic analytics',
    severity: 'medium',
    rationale:
      'VNet flow logs (which replace NSG flow logs) record every flow in and out of the network; traffic analytics puts them in the workspace where Sentinel can use them.',
    ncsc: ['5.3', '13'],
    mirrors: {
      trivy: ['AVD-AZU-0073'],
      cis: ['6.6'],
      azurePolicy: ['4c3c6c5f-0d47-4402-99b8-aa543dd8bcee', '2f080164-9f4d-497e-9db6-416dc9f7b48a'],
    },
    waivable: true,
  },
  check(r, ctx) {
    const logs = ctx.index.referrersOf(r, ['azurerm_network_watcher_flow_log'], 'target_resource_id');
    if (logs.length === 0) return fail('no azurerm_network_watcher_flow_log targets this virtual network');
    const analytics = logs.find((l) => valueAt(l.values, 'traffic_analytics.enabled') === true);
    return analytics
      ? pass(`flow log ${analytics.address}`)
      : fail(`flow log ${logs[0].address} has no traffic_analytics enabled`);
  },
};
