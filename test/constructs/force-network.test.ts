import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { ForceNetwork, type ForceNetworkProps } from '../../constructs/force-network';
import { hubReference } from '../../constructs/hub-reference';

Testing.setupJest();

const hub = hubReference({ subscriptionId: '00000000-0000-4000-8000-0000000c0002', region: 'uksouth' });
type Res = Record<string, any>;

function synth(extra: Partial<ForceNetworkProps> = {}): Record<string, Record<string, Res>> {
  const json = Testing.synthScope((scope) => {
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const hubProvider = new AzurermProvider(scope, 'hub', { features: [{}], alias: 'hub' });
    new ForceNetwork(scope, 'Network', {
      forceId: 'alpha',
      location: 'uksouth',
      resourceGroupName: 'rg-alpha-network-uks',
      addressSpace: '10.64.0.0/22',
      hubVirtualNetworkId: hub.virtualNetworkId,
      hubVirtualNetworkName: hub.virtualNetworkName,
      hubResourceGroupName: hub.networkResourceGroupName,
      hubFirewallPrivateIp: '10.0.0.4',
      hubProvider,
      privateDnsZoneIds: hub.privateDnsZoneIds,
      workspaceResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log',
      workspaceCustomerId: '00000000-0000-4000-8000-0000000000aa',
      workspaceRegion: 'uksouth',
      flowLogStorageAccountName: 'stalphaflow123456',
      ...extra,
    });
  });
  return JSON.parse(json).resource;
}

describe('ForceNetwork', () => {
  const r = synth();

  it('sends 0.0.0.0/0 to the hub firewall', () => {
    const [table] = Object.values(r.azurerm_route_table);
    expect(table.route).toEqual([
      expect.objectContaining({
        address_prefix: '0.0.0.0/0',
        next_hop_type: 'VirtualAppliance',
        next_hop_in_ip_address: '10.0.0.4',
      }),
    ]);
    expect(table.bgp_route_propagation_enabled).toBe(false);
  });

  it('associates an NSG and the route table with every subnet', () => {
    const subnets = Object.keys(r.azurerm_subnet);
    const nsgRefs = Object.values(r.azurerm_subnet_network_security_group_association).map((a) => a.subnet_id);
    const rtRefs = Object.values(r.azurerm_subnet_route_table_association).map((a) => a.subnet_id);
    for (const key of subnets) {
      expect(nsgRefs).toContain(`\${azurerm_subnet.${key}.id}`);
      expect(rtRefs).toContain(`\${azurerm_subnet.${key}.id}`);
    }
    expect(subnets).toHaveLength(4);
  });

  it('ends every NSG with deny-all inbound and allows nothing from the internet', () => {
    for (const nsg of Object.values(r.azurerm_network_security_group)) {
      const rules = nsg.security_rule as Res[];
      expect(rules[rules.length - 1]).toMatchObject({
        name: 'DenyAllInbound',
        access: 'Deny',
        direction: 'Inbound',
        source_address_prefix: '*',
      });
      for (const rule of rules.filter((x) => x.access === 'Allow' && x.direction === 'Inbound')) {
        expect(['*', 'Internet', '0.0.0.0/0']).not.toContain(rule.source_address_prefix);
      }
    }
  });

  it('peers both ways, the hub side through the hub provider', () => {
    const peerings = Object.values(r.azurerm_virtual_network_peering);
    const toHub = peerings.find((p) => p.remote_virtual_network_id === hub.virtualNetworkId);
    const fromHub = peerings.find((p) => p.virtual_network_name === hub.virtualNetworkName);
    expect(toHub).toMatchObject({ allow_forwarded_traffic: true, use_remote_gateways: false });
    expect(toHub!.provider).toBeUndefined();
    expect(fromHub).toMatchObject({ provider: 'azurerm.hub', resource_group_name: hub.networkResourceGroupName });
  });

  it('links the spoke to every hub private DNS zone, in the hub', () => {
    const links = Object.values(r.azurerm_private_dns_zone_virtual_network_link);
    expect(links.map((l) => l.private_dns_zone_name).sort()).toEqual(Object.keys(hub.privateDnsZoneIds).sort());
    expect(links.every((l) => l.provider === 'azurerm.hub')).toBe(true);
  });

  it('keeps VNet flow logs for the retention asked, with traffic analytics', () => {
    const [flow] = Object.values(r.azurerm_network_watcher_flow_log);
    expect(flow).toMatchObject({ enabled: true, version: 2, retention_policy: { enabled: true, days: 90 } });
    expect(flow.traffic_analytics).toMatchObject({
      enabled: true,
      workspace_id: '00000000-0000-4000-8000-0000000000aa',
    });
    expect(flow.target_resource_id).toMatch(/azurerm_virtual_network\./);
  });

  it('hardens the flow-log storage account', () => {
    const [account] = Object.values(r.azurerm_storage_account);
    expect(account).toMatchObject({
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      public_network_access_enabled: false,
      shared_access_key_enabled: false,
      allow_nested_items_to_be_public: false,
      infrastructure_encryption_enabled: true,
    });
    expect(account.blob_properties.delete_retention_policy.days).toBeGreaterThanOrEqual(7);
    expect(Object.values(r.azurerm_private_endpoint)[0].private_service_connection.subresource_names).toEqual(['blob']);
  });

  it('has no public IP without site connectivity', () => {
    expect(r.azurerm_public_ip).toBeUndefined();
    expect(r.azurerm_virtual_network_gateway).toBeUndefined();
  });

  it('builds an ExpressRoute gateway with no public IP when a circuit is given', () => {
    const er = synth({
      expressRouteCircuitId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/erc',
    });
    const [gateway] = Object.values(er.azurerm_virtual_network_gateway);
    expect(gateway.type).toBe('ExpressRoute');
    expect(gateway.ip_configuration[0].public_ip_address_id).toBeUndefined();
    expect(er.azurerm_public_ip).toBeUndefined();
    expect(Object.values(er.azurerm_virtual_network_gateway_connection)[0]).toMatchObject({ type: 'ExpressRoute' });
  });

  it('uses the hub gateway through the peering when asked', () => {
    const vpn = synth({ useHubGateway: true });
    const peerings = Object.values(vpn.azurerm_virtual_network_peering);
    expect(peerings.find((p) => p.provider === 'azurerm.hub')).toMatchObject({ allow_gateway_transit: true });
    expect(peerings.find((p) => !p.provider)).toMatchObject({ use_remote_gateways: true });
  });

  it('creates the hub side first when the spoke uses the hub gateway (Azure refuses the reverse order)', () => {
    const vpn = synth({ useHubGateway: true });
    const hubSide = Object.entries(vpn.azurerm_virtual_network_peering).find(
      ([, p]) => p.provider === 'azurerm.hub',
    )![0];
    const spokeSide = Object.values(vpn.azurerm_virtual_network_peering).find((p) => !p.provider)!;
    expect(spokeSide.depends_on).toEqual([`azurerm_virtual_network_peering.${hubSide}`]);
  });

  it('creates its Network Watcher before the VNet, so Azure does not create a second one', () => {
    const [watcher] = Object.keys(r.azurerm_network_watcher);
    expect(Object.values(r.azurerm_virtual_network)[0].depends_on).toEqual([`azurerm_network_watcher.${watcher}`]);
  });

  it('refuses a flow-log retention below 90 days, naming the prop', () => {
    expect(() => synth({ flowLogRetentionDays: 30 })).toThrow(/Network: flowLogRetentionDays 30 must be 90-365/);
  });

  it('refuses a DNS zone it has no link id for, rather than deriving a Terraform address from the name', () => {
    expect(() =>
      synth({ privateDnsZoneIds: { ...hub.privateDnsZoneIds, 'privatelink.example.net': '/subscriptions/x/zone' } }),
    ).toThrow(/Network: privateDnsZoneIds names privatelink\.example\.net, which is not one of the hub zones/);
  });

  it('refuses a firewall address that is not an IPv4 address', () => {
    expect(() => synth({ hubFirewallPrivateIp: '10.0.0.400' })).toThrow(
      /Network: hubFirewallPrivateIp "10\.0\.0\.400" must be an IPv4 address/,
    );
  });
});

describe('ForceNetwork with declared flows', () => {
  const flowRule = {
    name: 'AllowFlow-sites-to-workloads-https',
    priority: 2000,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddressPrefixes: ['172.16.0.0/24'],
    sourcePortRange: '*',
    destinationAddressPrefix: '10.64.0.0/23',
    destinationPortRanges: ['443'],
  };

  it('puts flow rules between the built-in allows and the deny-all, and points DNS at the firewall', () => {
    const r = synth({ additionalInboundRules: { workloads: [flowRule] }, dnsServers: ['10.0.0.4'] });
    const nsg = Object.values(r.azurerm_network_security_group).find((n) => n.name === 'nsg-alpha-workloads')!;
    expect(nsg.security_rule.map((s: Res) => [s.name, s.priority])).toEqual([
      ['AllowSpokeInbound', 1000],
      ['AllowAzureLoadBalancerInbound', 4000],
      ['AllowFlow-sites-to-workloads-https', 2000],
      ['DenyAllInbound', 4096],
    ]);
    expect(Object.values(r.azurerm_virtual_network)[0].dns_servers).toEqual(['10.0.0.4']);
  });

  it('refuses a flow rule priority that would outrank the built-in rules', () => {
    expect(() => synth({ additionalInboundRules: { workloads: [{ ...flowRule, priority: 900 }] } })).toThrow(
      /additionalInboundRules\.workloads: AllowFlow-sites-to-workloads-https priority 900 must be 1001-3999/,
    );
  });
});
