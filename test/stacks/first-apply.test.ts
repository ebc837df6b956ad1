import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
/**
 * What the first real apply of the bundled estate needs, asserted on the synthesised JSON: each
 * case is a defect a static review of the JSON against azurerm v4.55 and Microsoft's documentation
 * found (issue 11), which no earlier test caught.
 */
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { loadEstate } from '../../config/estate';
import { hubRunnerSubnetPrefix } from '../../constructs/hub-runner-subnet';
import { removeDir } from '../helpers/estate';
import { APP_CONTEXT } from '../../stacks/estate-app';
import { ForceStack } from '../../stacks/force-stack';
import { NationalStack } from '../../stacks/national-stack';
import { cidrBlock } from '../../util/cidr';

type Res = Record<string, any>;
type Json = { resource: Record<string, Record<string, Res>>; variable?: Record<string, Res>; data?: Res };

const estate = loadEstate(join(__dirname, '..', '..'));
const platform = estate.platform.config;
const forces = estate.forces.map((f) => f.config);
// Apps write under their outdir (default ./cdktf.out in the repository): a temporary one, removed afterwards.
const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-first-apply-'));
afterAll(() => removeDir(outdir));
const newApp = () => new App({ stackTraces: false, context: APP_CONTEXT, outdir });
const synthJson = (stack: NationalStack | ForceStack) => JSON.parse(Testing.synth(stack)) as Json;
const national = synthJson(new NationalStack(newApp(), { platform, forces }));
const forceJson = (id: string) =>
  synthJson(new ForceStack(newApp(), { force: forces.find((f) => f.id === id)!, platform }));
const of = (json: Json, type: string) => Object.entries(json.resource[type] ?? {});

const boxForce = forces.find((f) => f.services.box.enabled)!;
const box = forceJson(boxForce.id);
const otherSubscriptionCircuit = forces.find(
  (f) =>
    f.network.connectivity.type === 'expressroute' &&
    !f.network.connectivity.expressRouteCircuitId!.toLowerCase().includes(f.subscriptionId.toLowerCase()),
)!;
const expressRoute = forceJson(otherSubscriptionCircuit.id);

describe('the first apply of the bundled estate', () => {
  it('sizes the hub VPN gateway for every site connection (VpnGw2AZ carries 30 tunnels)', () => {
    const connections = of(national, 'azurerm_virtual_network_gateway_connection').length;
    expect(connections).toBeGreaterThan(30);
    const [[, gateway]] = of(national, 'azurerm_virtual_network_gateway');
    expect(gateway.sku).toBe('VpnGw4AZ');
  });

  it('gives the runners a private path to the state account before bootstrap closes it: a blob endpoint in the hub endpoint subnet, in the hub blob zone, admitting 443 from the runners', () => {
    const b = platform.stateBackend;
    const accountId = `/subscriptions/${b.subscriptionId}/resourceGroups/${b.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${b.storageAccountName}`;
    const endpoints = of(national, 'azurerm_private_endpoint').filter(
      ([, e]) => e.private_service_connection.private_connection_resource_id === accountId,
    );
    expect(endpoints).toHaveLength(1);
    const [[, endpoint]] = endpoints;
    expect(endpoint.private_service_connection.subresource_names).toEqual(['blob']);
    const [[subnetKey, subnet]] = of(national, 'azurerm_subnet').filter(([, s]) =>
      s.name.includes('private-endpoints'),
    );
    expect(endpoint.subnet_id).toBe(`\${azurerm_subnet.${subnetKey}.id}`);
    const [[zoneKey]] = of(national, 'azurerm_private_dns_zone').filter(
      ([, z]) => z.name === 'privatelink.blob.core.windows.net',
    );
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([
      `\${azurerm_private_dns_zone.${zoneKey}.id}`,
    ]);
    // The endpoint subnet's NSG admits HTTPS from the hub, which holds the runner subnet.
    const runners = cidrBlock(hubRunnerSubnetPrefix(platform.hub.addressSpace, platform.hub.firewallPrivateIp)!)!;
    const [[, nsg]] = of(national, 'azurerm_network_security_group').filter(([, n]) =>
      n.name.includes('private-endpoints'),
    );
    const admits = (nsg.security_rule as Res[]).filter((r) => {
      const from = cidrBlock(r.source_address_prefix as string);
      return (
        r.access === 'Allow' &&
        r.direction === 'Inbound' &&
        r.destination_port_range === '443' &&
        from !== undefined &&
        from.network <= runners.network &&
        runners.network + runners.size <= from.network + from.size
      );
    });
    expect(admits).toHaveLength(1);
    expect(subnet.address_prefixes).toHaveLength(1);
  });

  it('puts the pipeline runners in a hub subnet of their own, clear of every other hub subnet', () => {
    const prefix = hubRunnerSubnetPrefix(platform.hub.addressSpace, platform.hub.firewallPrivateIp)!;
    const subnets = of(national, 'azurerm_subnet').map(([, s]) => s.address_prefixes[0] as string);
    expect(subnets).toContain(prefix);
    const overlaps = (a: string, b: string) => {
      const [x, y] = [cidrBlock(a)!, cidrBlock(b)!];
      return x.network < y.network + y.size && y.network < x.network + x.size;
    };
    expect(subnets.filter((s) => s !== prefix && overlaps(s, prefix))).toEqual([]);
    const runnerNsg = of(national, 'azurerm_network_security_group').find(([, n]) => n.name.includes('runners'))!;
    expect(runnerNsg[1].security_rule.every((r: Res) => r.access === 'Deny')).toBe(true);
  });

  it("admits the hub runners to each spoke's private endpoints on 443, and nothing else from outside the spoke", () => {
    const prefix = hubRunnerSubnetPrefix(platform.hub.addressSpace, platform.hub.firewallPrivateIp)!;
    const [, nsg] = of(box, 'azurerm_network_security_group').find(([, n]) => n.name.includes('private-endpoints'))!;
    const allows = nsg.security_rule.filter((r: Res) => r.access === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({ source_address_prefix: boxForce.network.addressSpace, destination_port_range: '443' }),
      expect.objectContaining({
        name: 'AllowPipelineRunnersHttpsInbound',
        source_address_prefixes: [prefix],
        destination_port_range: '443',
      }),
    ]);
  });

  it('writes the Box secret entries only after the vault private endpoint and the writer role exist', () => {
    const endpoints = of(box, 'azurerm_private_endpoint');
    const [endpointName] = endpoints.find(([, e]) => e.private_service_connection.subresource_names.includes('vault'))!;
    const [roleName, role] = of(box, 'azurerm_role_assignment').find(([name]) =>
      name.startsWith('Box_SecretsWriterRole'),
    )!;
    expect(role.role_definition_id).toBe(
      `/subscriptions/${boxForce.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c479cd7`,
    );
    expect(role.scope).toMatch(/^\$\{azurerm_key_vault\.Identity_KeyVault_\w+\.id\}$/);
    expect(role.principal_id).toBe('${data.azurerm_client_config.PipelineIdentity.object_id}');
    const secrets = of(box, 'azurerm_key_vault_secret');
    expect(secrets).toHaveLength(2);
    for (const [, secret] of secrets)
      expect(secret.depends_on).toEqual([
        `azurerm_private_endpoint.${endpointName}`,
        `azurerm_role_assignment.${roleName}`,
      ]);
  });

  it('gives no force without Box a data-plane writer on its vault', () => {
    const withoutBox = forceJson(forces.find((f) => !f.services.box.enabled)!.id);
    const vaultRoles = of(withoutBox, 'azurerm_role_assignment').filter(([, r]) =>
      String(r.role_definition_id).endsWith('b86a8fe4-44ce-4948-aee5-eccb2c479cd7'),
    );
    expect(vaultRoles).toEqual([]);
  });

  it('leaves the Box poller out until the force says its credentials are in Key Vault', () => {
    expect(boxForce.services.box.pollerEnabled).toBe(false);
    expect(of(box, 'azurerm_resource_group_template_deployment')).toEqual([]);
  });

  it('creates no Azure Monitor private DNS zones or links, as there is no Azure Monitor private link scope', () => {
    const monitorZones = /monitor\.azure\.com|opinsights\.azure\.com|azure-automation\.net/;
    expect(of(national, 'azurerm_private_dns_zone').filter(([, z]) => monitorZones.test(z.name))).toEqual([]);
    for (const json of [national, box, expressRoute])
      expect(
        of(json, 'azurerm_private_dns_zone_virtual_network_link').filter(([, l]) =>
          monitorZones.test(String(l.private_dns_zone_name)),
        ),
      ).toEqual([]);
    expect(of(national, 'azurerm_monitor_private_link_scope')).toEqual([]);
  });

  it('connects a circuit in another subscription with an authorization key from a sensitive variable, never YAML', () => {
    const [[, connection]] = of(expressRoute, 'azurerm_virtual_network_gateway_connection');
    expect(connection.authorization_key).toBe('${var.expressroute_authorization_key}');
    expect(expressRoute.variable?.expressroute_authorization_key).toMatchObject({ type: 'string', sensitive: true });
    expect(expressRoute.variable?.expressroute_authorization_key.default).toBeUndefined();
  });
});
