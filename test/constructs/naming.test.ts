import { spokeAddressPlan, subnetOf } from '../../constructs/address-plan';
import { hubReference } from '../../constructs/hub-reference';
import { checkName, regionCode, resourceName, uniqueName } from '../../constructs/naming';

describe('resourceName', () => {
  it('joins the CAF abbreviation and the parts', () => {
    expect(resourceName('virtualNetwork', 'essex', 'uks')).toBe('vnet-essex-uks');
    expect(resourceName('resourceGroup', 'essex', 'network', 'uks')).toBe('rg-essex-network-uks');
  });

  it('refuses a name longer than the type allows', () => {
    expect(() => resourceName('firewall', 'x'.repeat(60))).toThrow(/limit is 56/);
  });

  it('refuses characters the type does not accept', () => {
    expect(() => checkName('storageAccount', 'st-essex')).toThrow(/lower-case letters and digits/);
  });

  it('has short codes only for UK regions', () => {
    expect(regionCode('ukwest')).toBe('ukw');
    expect(() => regionCode('westeurope')).toThrow(/no short code/);
  });
});

describe('uniqueName', () => {
  const sub = '00000000-0000-4000-8000-1586d7252eae';

  it('is deterministic for the same seed and parts', () => {
    expect(uniqueName('storageAccount', sub, 'essex', 'flow')).toBe(uniqueName('storageAccount', sub, 'essex', 'flow'));
  });

  it('differs between subscriptions', () => {
    expect(uniqueName('keyVault', sub, 'essex')).not.toBe(
      uniqueName('keyVault', '00000000-0000-4000-8000-000000000001', 'essex'),
    );
  });

  it('shortens long parts to fit a storage account (24, lower-case alphanumeric)', () => {
    const name = uniqueName('storageAccount', sub, 'devon-and-cornwall', 'flowlogs');
    expect(name).toMatch(/^st[a-z0-9]{4,22}$/);
    expect(name.length).toBeLessThanOrEqual(24);
  });

  it('shortens long parts to fit a Key Vault (24, starts with a letter)', () => {
    const name = uniqueName('keyVault', sub, 'avon-and-somerset-constabulary');
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(/^kv-[a-z0-9-]+-[0-9a-f]{6}$/);
  });
});

describe('address plan', () => {
  it('carves a /22 into the documented subnets without overlap', () => {
    expect(spokeAddressPlan('10.64.0.0/22')).toEqual({
      workloads: '10.64.0.0/23',
      privateEndpoints: '10.64.2.0/24',
      management: '10.64.3.0/25',
      integration: '10.64.3.128/26',
      gateway: '10.64.3.192/26',
    });
  });

  it('refuses an index outside the block', () => {
    expect(() => subnetOf('10.0.0.0/24', 26, 4)).toThrow(/out of range/);
  });

  it('carves from the block a CIDR with host bits lies in, and refuses a fractional index', () => {
    expect(subnetOf('10.0.0.77/24', 26, 1)).toBe('10.0.0.64/26');
    expect(() => subnetOf('10.0.0.0/24', 26, 0.5)).toThrow(/out of range/);
  });
});

describe('hubReference', () => {
  it('computes the hub ids force stacks peer and link to', () => {
    const hub = hubReference({ subscriptionId: '00000000-0000-4000-8000-0000000c0002', region: 'uksouth' });
    expect(hub.virtualNetworkId).toBe(
      '/subscriptions/00000000-0000-4000-8000-0000000c0002/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks',
    );
    expect(hub.firewallPublicIpName).toBe('pip-afw-hub-uks');
    expect(hub.privateDnsZoneIds['privatelink.vaultcore.azure.net']).toMatch(
      /privateDnsZones\/privatelink\.vaultcore\.azure\.net$/,
    );
  });
});
