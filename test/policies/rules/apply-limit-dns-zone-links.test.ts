import { checkEstate } from '../../../policies/engine';
import { applyLimitDnsZoneLinks } from '../../../policies/rules/apply-limit-dns-zone-links';
import { configStack, TEST_SETTINGS } from '../harness';

const link = (id: string) =>
  configStack(
    {
      azurerm_private_dns_zone_virtual_network_link: {
        vault: { resource_group_name: 'rg-hub-network-uks', private_dns_zone_name: 'privatelink.vaultcore.azure.net' },
      },
    },
    { stack: id },
  );

describe('BL-APL-003 virtual network links per private DNS zone, over the estate', () => {
  it('fails a zone linked from more networks than Azure allows', () => {
    const stacks = Array.from({ length: 1001 }, (_, i) => ({ view: link(`f${i}`) }));
    const [finding] = checkEstate(stacks, [applyLimitDnsZoneLinks], TEST_SETTINGS);
    expect(finding.outcome).toBe('fail');
    expect(finding.message).toContain('privatelink.vaultcore.azure.net: 1001 virtual network links; Azure allows 1000');
  });
  it('passes the bundled size of estate', () => {
    const stacks = Array.from({ length: 44 }, (_, i) => ({ view: link(`f${i}`) }));
    expect(checkEstate(stacks, [applyLimitDnsZoneLinks], TEST_SETTINGS)).toEqual([]);
  });
});
