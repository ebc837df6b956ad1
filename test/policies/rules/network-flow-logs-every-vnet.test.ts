import { networkFlowLogsEveryVnet } from '../../../policies/rules/network-flow-logs-every-vnet';
import { outcomes, ref } from '../harness';

describe('BL-NET-008 flow logs on every VNet', () => {
  it('passes a VNet targeted by a flow log with traffic analytics', () => {
    const result = outcomes(networkFlowLogsEveryVnet, {
      azurerm_virtual_network: { spoke: {} },
      azurerm_network_watcher_flow_log: {
        fl: { target_resource_id: ref('azurerm_virtual_network.spoke.id'), traffic_analytics: { enabled: true } },
      },
    });
    expect(result).toEqual({ 'azurerm_virtual_network.spoke': 'pass' });
  });
  it('fails a VNet without a flow log, and one whose flow log has no traffic analytics', () => {
    const result = outcomes(networkFlowLogsEveryVnet, {
      azurerm_virtual_network: { a: {}, b: {} },
      azurerm_network_watcher_flow_log: { fl: { target_resource_id: ref('azurerm_virtual_network.b.id') } },
    });
    expect(result).toEqual({ 'azurerm_virtual_network.a': 'fail', 'azurerm_virtual_network.b': 'fail' });
  });
});
