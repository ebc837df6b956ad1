import { DNAT_TYPES, MANAGEMENT_PORTS, checkInternetDnat } from '../firewall-dnat';
import type { ResourceRule } from '../rule';

const WHAT = MANAGEMENT_PORTS.map((p) => `${p.name} (${p.port})`).join(' or ');

/** The hub firewall never publishes SSH or RDP to the internet: the NSG rule BL-NET-001/002, for DNAT. */
export const networkNoInternetDnatManagement: ResourceRule = {
  scope: 'resource',
  types: DNAT_TYPES,
  meta: {
    id: 'BL-NET-010',
    title: 'No Azure Firewall DNAT rule publishes SSH (22) or RDP (3389) to the internet',
    severity: 'critical',
    rationale:
      'A DNAT rule from the internet to a management port (on the public side, or translated to it on the host) is the exposure BL-NET-001/002 forbid in NSGs, moved to the hub firewall: continuously brute-forced and exploited. Management access goes through private, audited paths. This cannot be waived.',
    ncsc: ['11', '12'],
    mirrors: {},
    waivable: false,
  },
  check: (r, ctx) =>
    checkInternetDnat(
      r,
      ctx,
      WHAT,
      MANAGEMENT_PORTS.map((p) => p.port),
    ),
};
