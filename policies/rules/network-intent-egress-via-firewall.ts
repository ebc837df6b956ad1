import { intentCheck } from '../network-intents';
import type { EstateRule } from '../rule';

/** Every spoke subnet's internet-bound traffic goes to the hub firewall. */
export const networkIntentEgressViaFirewall: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-NET-104',
    title: "Every spoke's internet egress passes the hub firewall",
    severity: 'high',
    rationale:
      'Egress that bypasses the firewall escapes its host-name allow list, threat intelligence, IDPS and central log, the controls that stop data leaving and malware calling home.',
    ncsc: ['5.3', '11'],
    mirrors: {},
    waivable: true,
  },
  check: intentCheck('egress'),
};
