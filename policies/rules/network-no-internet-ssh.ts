import { NSG_TYPES, checkInternetIngress } from '../nsg';
import type { ResourceRule } from '../rule';

/** SSH is never reachable from the internet (use the hub's managed access paths). */
export const networkNoInternetSsh: ResourceRule = {
  scope: 'resource',
  types: NSG_TYPES,
  meta: {
    id: 'BL-NET-001',
    title: 'No NSG rule allows SSH (22) from the internet',
    severity: 'critical',
    rationale:
      'Internet-facing SSH is continuously brute-forced and exploited; management access goes through private, audited paths. This cannot be waived.',
    ncsc: ['11', '12'],
    mirrors: {
      checkov: ['CKV_AZURE_10'],
      trivy: ['AVD-AZU-0050'],
      cis: ['6.2'],
      azurePolicy: ['22730e10-96f6-4aac-ad84-9383d35b5917'],
    },
    waivable: false,
  },
  check: (r) => checkInternetIngress(r, 'SSH (22)', 22),
};
