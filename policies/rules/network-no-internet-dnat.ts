import { DNAT_TYPES, checkInternetDnat } from '../firewall-dnat';
import type { ResourceRule } from '../rule';

/** A DNAT rule open to the internet publishes an internal host: BL-NET-003, for the hub firewall. */
export const networkNoInternetDnat: ResourceRule = {
  scope: 'resource',
  types: DNAT_TYPES,
  meta: {
    id: 'BL-NET-011',
    title: 'No Azure Firewall DNAT rule publishes a port to the internet',
    severity: 'high',
    rationale:
      'A DNAT rule from the internet makes an internal host reachable from anywhere, as an NSG rule open to the internet would (BL-NET-003). A service the NMC deliberately publishes (behind IDPS and threat intelligence) needs a signed-off waiver with an expiry.',
    ncsc: ['11'],
    mirrors: {},
    waivable: true,
  },
  check: (r, ctx) => checkInternetDnat(r, ctx, 'a port'),
};
