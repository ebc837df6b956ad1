import { networkFlowLogRetention } from '../../../policies/rules/network-flow-log-retention';
import { outcomes, ref } from '../harness';

describe('BL-NET-007 flow log retention', () => {
  it('passes an enabled flow log kept 90 days, or for ever (0)', () => {
    const result = outcomes(networkFlowLogRetention, {
      azurerm_network_watcher_flow_log: {
        a: { enabled: true, retention_policy: { enabled: true, days: 90 } },
        b: { enabled: true, retention_policy: { enabled: true, days: 0 } },
      },
    });
    expect(result).toEqual({
      'azurerm_network_watcher_flow_log.a': 'pass',
      'azurerm_network_watcher_flow_log.b': 'pass',
    });
  });
  it('fails 30 days, a disabled retention policy and a disabled flow log', () => {
    const result = outcomes(networkFlowLogRetention, {
      azurerm_network_watcher_flow_log: {
        short: { enabled: true, retention_policy: { enabled: true, days: 30 } },
        off: { enabled: true, retention_policy: { enabled: false, days: 90 } },
        disabled: { enabled: false, retention_policy: { enabled: true, days: 90 } },
      },
    });
    expect(Object.values(result)).toEqual(['fail', 'fail', 'fail']);
  });
  it('is unknown when days is a reference', () => {
    expect(
      outcomes(networkFlowLogRetention, {
        azurerm_network_watcher_flow_log: {
          a: { enabled: true, retention_policy: { enabled: true, days: ref('var.days') } },
        },
      }),
    ).toEqual({ 'azurerm_network_watcher_flow_log.a': 'unknown' });
  });
});
