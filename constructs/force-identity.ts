import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GUID_PATTERN } from '../util/platform-facts';
import { azureIds, checkName, regionCode, resourceName } from './naming';
import { PrivateLinkEndpoint } from './private-link-endpoint';
import { roleDefinitionIdAt } from './role-definitions';

export interface ForceIdentityProps {
  /** Force id, used in resource names (`id-<forceId>-automation-<region code>`). */
  readonly forceId: string;
  /** Region of the Key Vault, the automation identity and the private endpoint. */
  readonly location: string;
  /** The force's Entra tenant (the Key Vault's tenant). */
  readonly tenantId: string;
  /** The force subscription: the scope of the Reader assignments and of PIM-eligible Owner. */
  readonly subscriptionId: string;
  /** Resource group for the automation identity. */
  readonly identityResourceGroupName: string;
  /** Resource group for the Key Vault. */
  readonly securityResourceGroupName: string;
  /** Resource group ids where operators get Contributor (the workload groups). */
  readonly operatorResourceGroupIds: readonly string[];
  /**
   * Entra group object ids given Reader on the subscription.
   * @default []
   */
  readonly readerGroupIds?: readonly string[];
  /**
   * Entra group object ids given Contributor on `operatorResourceGroupIds` only.
   * @default []
   */
  readonly operatorGroupIds?: readonly string[];
  /**
   * Entra group object ids made PIM-eligible for Owner on the subscription; never standing.
   * @default []
   */
  readonly adminGroupIds?: readonly string[];
  /**
   * Longest Owner activation, ISO 8601 duration.
   * @default 'PT4H'
   */
  readonly ownerActivationMaximum?: string;
  /** Globally unique Key Vault name (use `uniqueName('keyVault', ...)`). */
  readonly keyVaultName: string;
  /**
   * Days a deleted vault can be recovered (purge protection holds it for this long).
   * @default 90
   */
  readonly keyVaultSoftDeleteDays?: number;
  /**
   * Let ARM template deployments read secrets through Key Vault references (the Box connector's
   * credentials reach its deployment this way, never as values in Terraform). Off unless a
   * service needs it.
   * @default false
   */
  readonly keyVaultTemplateDeploymentEnabled?: boolean;
  /** Subnet for the Key Vault private endpoint. */
  readonly privateEndpointSubnetId: string;
  /** Id of the hub `privatelink.vaultcore.azure.net` zone. */
  readonly vaultPrivateDnsZoneId: string;
}

/**
 * Least-privilege access to a force's subscription: Reader for readers, Contributor on the
 * workload groups only for operators, and Owner for admins only through PIM (eligible, activated
 * with MFA and a justification, time-limited); no standing Owner. Plus a user-assigned identity
 * for platform automation and a Key Vault (RBAC only, purge protection, no public access, private
 * endpoint).
 */
export class ForceIdentity extends Construct {
  readonly keyVaultId: string;
  readonly keyVaultName: string;
  /** What a data-plane write into the vault must wait for: its private endpoint, with the DNS A record. */
  readonly keyVaultDataPlaneReady: readonly ITerraformDependable[];
  /** The automation identity: resource id, principal (object) id, client id. */
  readonly automationIdentityId: string;
  readonly automationIdentityPrincipalId: string;
  readonly automationIdentityClientId: string;

  constructor(scope: Construct, id: string, props: ForceIdentityProps) {
    super(scope, id);
    const softDeleteDays = props.keyVaultSoftDeleteDays ?? 90;
    const problems: string[] = [];
    if (softDeleteDays < 7 || softDeleteDays > 90)
      problems.push(`keyVaultSoftDeleteDays ${softDeleteDays} must be 7-90`);
    if (!Token.isUnresolved(props.keyVaultName)) {
      try {
        checkName('keyVault', props.keyVaultName);
      } catch (err) {
        problems.push(`keyVaultName: ${(err as Error).message}`);
      }
    }
    for (const [prop, ids] of Object.entries({
      readerGroupIds: props.readerGroupIds,
      operatorGroupIds: props.operatorGroupIds,
      adminGroupIds: props.adminGroupIds,
    })) {
      (ids ?? []).forEach((g, i) => {
        if (!Token.isUnresolved(g) && !GUID_PATTERN.test(g))
          problems.push(`${prop}[${i}] "${g}" is not an object id (GUID)`);
      });
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const rc = regionCode(props.location);
    const subscriptionScope = azureIds.subscription(props.subscriptionId);
    // Built-in role definitions are addressed through the subscription for every scope inside it.
    const roleId = (role: string) => roleDefinitionIdAt(subscriptionScope, role);

    (props.readerGroupIds ?? []).forEach((group, i) => {
      new RoleAssignment(this, `Reader${i}`, {
        scope: subscriptionScope,
        roleDefinitionId: roleId('Reader'),
        principalId: group,
        principalType: 'Group',
      });
    });
    (props.operatorGroupIds ?? []).forEach((group, i) => {
      props.operatorResourceGroupIds.forEach((rg, j) => {
        new RoleAssignment(this, `Operator${i}Group${j}`, {
          scope: rg,
          roleDefinitionId: roleId('Contributor'),
          principalId: group,
          principalType: 'Group',
        });
      });
    });

    const admins = props.adminGroupIds ?? [];
    if (admins.length > 0) {
      // Owner on this subscription is activated just in time, with MFA and a reason, and can
      // never be assigned as active (standing) without an expiry.
      const ownerPolicy = new RoleManagementPolicy(this, 'OwnerActivationPolicy', {
        scope: subscriptionScope,
        roleDefinitionId: roleId('Owner'),
        activationRules: {
          maximumDuration: props.ownerActivationMaximum ?? 'PT4H',
          requireMultifactorAuthentication: true,
          requireJustification: true,
        },
        activeAssignmentRules: {
          expirationRequired: true,
          expireAfter: 'P15D',
          requireJustification: true,
          requireMultifactorAuthentication: true,
        },
        // The eligible assignments below have no end date (this code adds and removes them), so
        // the policy must allow that explicitly: a tenant whose Owner settings require eligible
        // assignments to expire would refuse them at apply.
        eligibleAssignmentRules: { expirationRequired: false },
      });
      admins.forEach((group, i) => {
        new PimEligibleRoleAssignment(this, `EligibleOwner${i}`, {
          scope: subscriptionScope,
          roleDefinitionId: roleId('Owner'),
          principalId: group,
          justification: 'Blue Lamp: force platform administrators activate Owner just in time through PIM.',
          dependsOn: [ownerPolicy],
        });
      });
    }

    const automation = new UserAssignedIdentity(this, 'AutomationIdentity', {
      name: resourceName('userAssignedIdentity', props.forceId, 'automation', rc),
      location: props.location,
      resourceGroupName: props.identityResourceGroupName,
    });
    this.automationIdentityId = automation.id;
    this.automationIdentityPrincipalId = automation.principalId;
    this.automationIdentityClientId = automation.clientId;
    new RoleAssignment(this, 'AutomationReader', {
      scope: subscriptionScope,
      roleDefinitionId: roleId('Reader'),
      principalId: automation.principalId,
      principalType: 'ServicePrincipal',
    });

    const vault = new KeyVault(this, 'KeyVault', {
      name: props.keyVaultName,
      location: props.location,
      resourceGroupName: props.securityResourceGroupName,
      tenantId: props.tenantId,
      skuName: 'premium',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: softDeleteDays,
      publicNetworkAccessEnabled: false,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: props.keyVaultTemplateDeploymentEnabled ?? false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    });
    this.keyVaultId = vault.id;
    this.keyVaultName = vault.name;
    new RoleAssignment(this, 'AutomationSecretsUser', {
      scope: vault.id,
      roleDefinitionId: roleId('Key Vault Secrets User'),
      principalId: automation.principalId,
      principalType: 'ServicePrincipal',
    });
    const endpoint = new PrivateLinkEndpoint(this, 'KeyVaultPrivateEndpoint', {
      name: props.keyVaultName,
      targetResourceId: vault.id,
      subresource: 'vault',
      subnetId: props.privateEndpointSubnetId,
      privateDnsZoneIds: [props.vaultPrivateDnsZoneId],
      resourceGroupName: props.securityResourceGroupName,
      location: props.location,
    });
    this.keyVaultDataPlaneReady = [endpoint.endpoint];
  }
}
