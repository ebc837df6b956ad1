import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { ForceIdentity, type ForceIdentityProps } from '../../constructs/force-identity';
import { BUILT_IN_ROLES } from '../../constructs/role-definitions';

Testing.setupJest();

const SUB = '00000000-0000-4000-8000-00000000a002';
const PROPS: ForceIdentityProps = {
  forceId: 'alpha',
  location: 'uksouth',
  tenantId: '00000000-0000-4000-8000-00000000a001',
  subscriptionId: SUB,
  identityResourceGroupName: 'rg-alpha-identity-uks',
  securityResourceGroupName: 'rg-alpha-security-uks',
  operatorResourceGroupIds: [`/subscriptions/${SUB}/resourceGroups/rg-alpha-workloads-uks`],
  readerGroupIds: ['00000000-0000-4000-8000-000000000001'],
  operatorGroupIds: ['00000000-0000-4000-8000-000000000002'],
  adminGroupIds: ['00000000-0000-4000-8000-000000000003'],
  keyVaultName: 'kv-alpha-1a2b3c',
  privateEndpointSubnetId:
    '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
  vaultPrivateDnsZoneId:
    '/subscriptions/h/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net',
};

describe('ForceIdentity', () => {
  const json = Testing.synthScope((scope) => new ForceIdentity(scope, 'Identity', PROPS));
  const r = JSON.parse(json).resource;
  const assignments = Object.values<Record<string, any>>(r.azurerm_role_assignment);

  it('hardens the Key Vault: RBAC, purge protection, no public access', () => {
    expect(json).toHaveResourceWithProperties(KeyVault, {
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
    });
  });

  it('keeps ARM template access to the vault off unless a service asks for it', () => {
    expect(json).toHaveResourceWithProperties(KeyVault, { enabled_for_template_deployment: false });
    const withTemplates = Testing.synthScope(
      (scope) => new ForceIdentity(scope, 'Identity', { ...PROPS, keyVaultTemplateDeploymentEnabled: true }),
    );
    expect(withTemplates).toHaveResourceWithProperties(KeyVault, { enabled_for_template_deployment: true });
  });

  it('reaches the Key Vault through a private endpoint in the hub vault zone', () => {
    const [endpoint] = Object.values<Record<string, any>>(r.azurerm_private_endpoint);
    expect(endpoint.private_service_connection.subresource_names).toEqual(['vault']);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([PROPS.vaultPrivateDnsZoneId]);
  });

  it('grants no standing Owner or User Access Administrator', () => {
    for (const a of assignments) {
      expect(a.role_definition_id).not.toMatch(
        new RegExp(`${BUILT_IN_ROLES.Owner}|${BUILT_IN_ROLES['User Access Administrator']}`),
      );
    }
  });

  it('makes admins eligible for Owner through PIM, behind MFA and a time limit', () => {
    const [eligible] = Object.values<Record<string, any>>(r.azurerm_pim_eligible_role_assignment);
    expect(eligible).toMatchObject({ principal_id: PROPS.adminGroupIds![0], scope: `/subscriptions/${SUB}` });
    expect(eligible.role_definition_id).toMatch(new RegExp(`${BUILT_IN_ROLES.Owner}$`));
    const [policy] = Object.values<Record<string, any>>(r.azurerm_role_management_policy);
    expect(policy.activation_rules).toMatchObject({
      require_multifactor_authentication: true,
      maximum_duration: 'PT4H',
    });
  });

  it('lets the policy accept the eligible assignments it creates, which have no end date', () => {
    const [eligible] = Object.values<Record<string, any>>(r.azurerm_pim_eligible_role_assignment);
    const [policy] = Object.values<Record<string, any>>(r.azurerm_role_management_policy);
    expect(eligible.schedule).toBeUndefined();
    expect(policy.eligible_assignment_rules).toEqual({ expiration_required: false });
    expect(eligible.depends_on).toEqual([expect.stringMatching(/^azurerm_role_management_policy\./)]);
  });

  it('gives operators Contributor on the workload groups only, readers Reader on the subscription', () => {
    const contributor = assignments.filter((a) => a.role_definition_id.endsWith(BUILT_IN_ROLES.Contributor));
    expect(contributor.map((a) => a.scope)).toEqual(PROPS.operatorResourceGroupIds);
    expect(assignments.find((a) => a.principal_id === PROPS.readerGroupIds![0])).toMatchObject({
      scope: `/subscriptions/${SUB}`,
      principal_type: 'Group',
    });
  });

  it('creates a user-assigned identity for automation', () => {
    expect(Object.values(r.azurerm_user_assigned_identity)).toHaveLength(1);
  });

  it('refuses a group id that is not a GUID, naming the prop', () => {
    expect(() =>
      Testing.synthScope(
        (scope) => new ForceIdentity(scope, 'Identity', { ...PROPS, adminGroupIds: ['essex-admins'] }),
      ),
    ).toThrow(/Identity: adminGroupIds\[0\] "essex-admins" is not an object id/);
  });
});
