import { intentCheck } from '../network-intents';
import type { EstateRule } from '../rule';

/** Nothing on the internet can open a connection to any spoke subnet. */
export const networkIntentNoInternetIngress: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-NET-103',
    title: 'No spoke is reachable from the internet',
    severity: 'critical',
    rationale:
      'Police workloads are reached from force sites and the NMC, never from the internet; a DNAT rule or public path into a spoke exposes them to scanning and attack.',
    ncsc: ['5.3', '11'],
    mirrors: {},
    waivable: false,
  },
  check: intentCheck('internet-ingress'),
};
