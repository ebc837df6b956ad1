import { NSG_TYPES, checkInternetIngress } from '../nsg';
import type { ResourceRule } from '../rule';

/** RDP is never reachable from the internet. */
export const networkNoInternetRdp: ResourceRule = {
  scope: 'resource',
  types: NSG_TYPES,
  meta: {
    id: 'BL-NET-002',
    title: 'No NSG rule allows RDP (3389) from the internet',
    severity: 'critical',
    rationale:
      'Internet-facing RDP is the leading ransomware entry point; management access goes through private, audited paths. This cannot be waived.',
    ncsc: ['11', '12'],
    mirrors: {
      checkov: ['CKV_AZURE_9'],
      trivy: ['AVD-AZU-0048'],
      cis: ['6.1'],
      azurePolicy: ['22730e10-96f6-4aac-ad84-9383d35b5917'],
    },
    waivable: false,
  },
  check: (r) => checkInternetIngress(r, 'RDP (3389)', 3389),
};
