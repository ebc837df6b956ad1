import { intentCheck } from '../network-intents';
import type { EstateRule } from '../rule';

/** Every declared flow is allowed end to end, and its reply comes back the same way. */
export const networkIntentFlowsAllowed: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-NET-101',
    title: 'Every declared network flow is allowed end to end',
    severity: 'high',
    rationale:
      'A flow a force declared (its sites to its workloads, its workloads to the internet by host name) that a route, peering, firewall rule or NSG stops would fail on the first deploy; the finding names the hop that stops it.',
    ncsc: ['11'],
    mirrors: {},
    waivable: true,
  },
  check: intentCheck('flow'),
};
