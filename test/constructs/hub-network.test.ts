import { Testing } from 'cdktf';
import { CentralSoc } from '../../constructs/central-soc';
import { HubNetwork, type HubNetworkProps } from '../../constructs/hub-network';
import { hubReference } from '../../constructs/hub-reference';
import { PRIVATE_DNS_ZONE_NAMES } from '../../constructs/private-dns-zones';

const hub = hubReference({ subscriptionId: '00000000-0000-4000-8000-0000000c0002', region: 'uksouth' });
const PROPS: HubNetworkProps = {
  hub,
  addressSpace: '10.0.0.0/20',
  firewallPrivateIp: '10.0.0.4',
  publicIpAllowList: ['pip-afw-hub-uks'],
  spokeAddressPool: '10.64.0.0/10',
  workspaceResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log',
  workspaceCustomerId: '00000000-0000-4000-8000-0000000000aa',
};
const synth = (props: Partial<HubNetworkProps> = {}) =>
  JSON.parse(Testing.synthScope((scope) => new HubNetwork(scope, 'HubNetwork', { ...PROPS, ...props }))).resource;

describe('HubNetwork', () => {
  const r = synth();

  it('uses the names force stacks compute', () => {
    expect(Object.values(r.azurerm_virtual_network)[0]).toMatchObject({
      name: hub.virtualNetworkName,
      address_space: ['10.0.0.0/20'],
    });
    expect(Object.values(r.azurerm_resource_group)[0]).toMatchObject({ name: hub.networkResourceGroupName });
  });

  it('places the firewall so that it gets the configured private IP', () => {
    const subnets = Object.values<Record<string, any>>(r.azurerm_subnet);
    expect(subnets.find((s) => s.name === 'AzureFirewallSubnet')!.address_prefixes).toEqual(['10.0.0.0/26']);
  });

  it('runs Azure Firewall Premium with threat intelligence and IDPS in deny mode', () => {
    expect(Object.values(r.azurerm_firewall)[0]).toMatchObject({ sku_tier: 'Premium', sku_name: 'AZFW_VNet' });
    expect(Object.values(r.azurerm_firewall_policy)[0]).toMatchObject({
      sku: 'Premium',
      threat_intelligence_mode: 'Deny',
      intrusion_detection: { mode: 'Deny' },
    });
  });

  it('creates its Network Watcher before the VNet, so Azure does not create a second one', () => {
    const [watcher] = Object.keys(r.azurerm_network_watcher);
    expect((Object.values(r.azurerm_virtual_network)[0] as Record<string, any>).depends_on).toEqual([
      `azurerm_network_watcher.${watcher}`,
    ]);
  });

  it('has exactly one public IP, the allow-listed firewall address', () => {
    expect(Object.values<Record<string, any>>(r.azurerm_public_ip).map((p) => p.name)).toEqual(['pip-afw-hub-uks']);
  });

  it('hosts every Private Link zone, linked to the hub', () => {
    expect(
      Object.values<Record<string, any>>(r.azurerm_private_dns_zone)
        .map((z) => z.name)
        .sort(),
    ).toEqual([...PRIVATE_DNS_ZONE_NAMES].sort());
    expect(Object.keys(r.azurerm_private_dns_zone_virtual_network_link)).toHaveLength(PRIVATE_DNS_ZONE_NAMES.length);
  });

  it('keeps hub VNet flow logs in a private storage account', () => {
    expect(Object.values(r.azurerm_network_watcher_flow_log)[0]).toMatchObject({
      enabled: true,
      retention_policy: { enabled: true, days: 90 },
    });
    expect(Object.values(r.azurerm_storage_account)[0]).toMatchObject({
      public_network_access_enabled: false,
      shared_access_key_enabled: false,
    });
  });

  it('refuses a firewall public IP that is not allow-listed', () => {
    expect(() => synth({ publicIpAllowList: [] })).toThrow(
      /HubNetwork: publicIpAllowList must include the firewall's public IP "pip-afw-hub-uks"/,
    );
  });

  it('refuses a firewall IP that Azure would not give the firewall', () => {
    expect(() => synth({ firewallPrivateIp: '10.0.0.10' })).toThrow(/must be the fourth address of its \/26/);
  });

  it('refuses a firewall IP that is not an IPv4 address instead of carving NaN subnets', () => {
    expect(() => synth({ firewallPrivateIp: '10.0.0' })).toThrow(
      /HubNetwork: firewallPrivateIp "10.0.0" is not an IPv4 address/,
    );
  });

  it('holds hub flow logs to the same retention range as the spokes', () => {
    expect(() => synth({ flowLogRetentionDays: 30 })).toThrow(/HubNetwork: flowLogRetentionDays 30 must be 90-365/);
  });
});

describe('CentralSoc', () => {
  const r = JSON.parse(
    Testing.synthScope((scope) => new CentralSoc(scope, 'CentralSoc', { hub, retentionDays: 730 })),
  ).resource;

  it('keeps two years in the central workspace, at the id force stacks compute, with Sentinel', () => {
    expect(Object.values(r.azurerm_log_analytics_workspace)[0]).toMatchObject({
      name: hub.centralWorkspaceName,
      retention_in_days: 730,
    });
    expect(r.azurerm_sentinel_log_analytics_workspace_onboarding).toBeDefined();
  });

  it('refuses less than two years', () => {
    expect(() =>
      Testing.synthScope((scope) => new CentralSoc(scope, 'CentralSoc', { hub, retentionDays: 365 })),
    ).toThrow(/CentralSoc: retentionDays 365 must be 730-4383/);
  });
});
