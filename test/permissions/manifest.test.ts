import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackPermissions, type ManifestScopes } from '../../permissions/manifest';
import { permissionNeeds, RESOURCE_PERMISSIONS } from '../../permissions/role-table';
import { builtInRoleId } from '../../constructs/role-definitions';
import { runCli } from '../helpers/cli';
import { removeDir, tempEstate } from '../helpers/estate';

const HUB = '00000000-0000-4000-8000-0000000c0002';
const FORCE = '00000000-0000-4000-8000-00000000a002';
const SCOPES: ManifestScopes = {
  subscriptionOf: (s) => (s === 'national' ? HUB : s === 'alpha' ? FORCE : undefined),
  hubVirtualNetworkId: `/subscriptions/${HUB}/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks`,
  hubPrivateDnsZoneIds: [
    `/subscriptions/${HUB}/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
  ],
  nationalStack: 'national',
};
const r = (type: string, values: Record<string, unknown> = {}) => ({ type, values });

describe('deployer permission manifest', () => {
  it('gives a force stack Contributor and User Access Administrator on its subscription, with what needs each', () => {
    const m = stackPermissions(
      {
        name: 'alpha',
        resources: [r('azurerm_virtual_network'), r('azurerm_role_assignment'), r('azurerm_management_lock')],
      },
      SCOPES,
    );
    expect(m.azure.map((g) => [g.role, g.scope])).toEqual([
      ['Contributor', `/subscriptions/${FORCE}`],
      ['User Access Administrator', `/subscriptions/${FORCE}`],
    ]);
    // The RBAC administrator role the assignment alone needs is folded into User Access Administrator.
    expect(m.azure[1].because).toEqual(['azurerm_management_lock', 'azurerm_role_assignment']);
  });

  it('asks for the aadiam Contributor grant and the Entra role for the Office 365 connectors', () => {
    const m = stackPermissions(
      {
        name: 'alpha',
        resources: [r('azurerm_monitor_aad_diagnostic_setting'), r('azurerm_sentinel_data_connector_office_365')],
      },
      SCOPES,
    );
    expect(m.azure).toContainEqual(
      expect.objectContaining({ role: 'Contributor', scope: '/providers/Microsoft.aadiam' }),
    );
    expect(m.entra.map((e) => e.role)).toEqual(['Security Administrator']);
  });

  it('scopes the hub side of a force stack to the hub VNet and each hub DNS zone, never the hub subscription', () => {
    const m = stackPermissions(
      {
        name: 'alpha',
        resources: [
          r('azurerm_virtual_network_peering', { provider: 'azurerm.hub' }),
          r('azurerm_private_dns_zone_virtual_network_link', { provider: 'azurerm.hub' }),
        ],
      },
      SCOPES,
    );
    expect(m.azure.map((g) => [g.role, g.scope])).toEqual([
      ['Private DNS Zone Contributor', SCOPES.hubPrivateDnsZoneIds[0]],
      ['Network Contributor', SCOPES.hubVirtualNetworkId],
    ]);
    expect(m.azure.some((g) => g.scope === `/subscriptions/${HUB}`)).toBe(false);
  });

  it('lists the data-plane role the stack grants itself apart from what must be assigned before', () => {
    const m = stackPermissions({ name: 'alpha', resources: [r('azurerm_key_vault_secret')] }, SCOPES);
    expect(m.azure).toEqual([]);
    expect(m.grantedByTheStack.map((g) => g.role)).toEqual(['Key Vault Secrets Officer']);
  });

  it('names a resource type the table does not know', () => {
    expect(
      stackPermissions({ name: 'alpha', resources: [r('azurerm_kubernetes_cluster')] }, SCOPES).unknownTypes,
    ).toEqual(['azurerm_kubernetes_cluster']);
  });

  it('names only Azure roles the built-in role table knows (bootstrap assigns them by GUID)', () => {
    for (const type of Object.keys(RESOURCE_PERMISSIONS))
      for (const need of permissionNeeds(type, { forceStack: true, provider: 'azurerm.hub' }) ?? [])
        if (!need.entra) expect(() => builtInRoleId(need.role)).not.toThrow();
  });

  it('carries a source for every entry', () => {
    for (const type of Object.keys(RESOURCE_PERMISSIONS))
      for (const need of permissionNeeds(type, { forceStack: true }) ?? []) expect(need.source).toMatch(/^https:\/\//);
  });
});

describe('bluelamp permissions', () => {
  const dir = tempEstate();
  afterAll(() => removeDir(dir));
  const stack = (name: string, resource: Record<string, unknown>) => {
    mkdirSync(join(dir, 'cdktf.out', 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), JSON.stringify({ resource }));
  };
  stack('alpha', { azurerm_virtual_network: { v: {} }, azurerm_subscription_policy_assignment: { p: {} } });
  stack('national', { azurerm_firewall: { f: {} } });
  stack('bootstrap', { azurerm_storage_account: { state: {} }, azurerm_role_assignment: { g: {} } });

  it('prints the manifest of the stacks asked for as JSON', async () => {
    const result = await runCli(['permissions', '--force', 'alpha', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { stacks: Array<{ stack: string; azure: Array<{ role: string }> }> };
    expect(json.stacks.map((s) => s.stack)).toEqual(['alpha']);
    expect(json.stacks[0].azure.map((g) => g.role)).toEqual(['Contributor', 'Resource Policy Contributor']);
  });

  it('prints Markdown by default, one section per stack the pipeline applies (not bootstrap)', async () => {
    const result = await runCli(['permissions'], dir);
    expect(result.stdout).toContain('## alpha');
    expect(result.stdout).toContain('## national');
    expect(result.stdout).not.toContain('## bootstrap');
  });

  it('says who applies bootstrap instead of listing pipeline grants for it', async () => {
    const result = await runCli(['permissions', '--force', 'bootstrap', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { stacks: unknown[] }).stacks).toEqual([]);
    expect(result.stderr).toContain('bootstrap is not applied by the pipeline identity');
  });

  it('exits 2 when a stack asked for was not synthesised', async () => {
    const result = await runCli(['permissions', '--force', 'bravo'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no synthesised stack for bravo');
  });
});
