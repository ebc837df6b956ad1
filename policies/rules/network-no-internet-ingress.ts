import { NSG_TYPES, checkInternetIngress } from '../nsg';
import type { ResourceRule } from '../rule';

/** Nothing in a landing zone accepts traffic straight from the internet: it comes through the hub. */
export const networkNoInternetIngress: ResourceRule = {
  scope: 'resource',
  types: NSG_TYPES,
  meta: {
    id: 'BL-NET-003',
    title: 'No NSG rule allows inbound traffic from the internet on any port',
    severity: 'high',
    rationale:
      'Spokes are private: published services sit behind the hub firewall, so an NSG rule open to the internet bypasses the national inspection point.',
    ncsc: ['11'],
    mirrors: {
      checkov: ['CKV_AZURE_160', 'CKV_AZURE_77'],
      trivy: ['AVD-AZU-0047'],
      azurePolicy: ['9daedab3-fb2d-461e-b861-71790eead4f6'],
    },
    waivable: true,
  },
  check: (r) => checkInternetIngress(r, 'traffic'),
};
