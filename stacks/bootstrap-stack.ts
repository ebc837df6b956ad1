import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { IsolatedStack } from './isolated-stack';
import type { Construct } from 'constructs';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { regionCode, resourceName } from '../constructs/naming';
import { PipelineIdentity } from '../constructs/pipeline-identity';
import { roleDefinitionIdAt } from '../constructs/role-definitions';
import { StateStorageAccount } from '../constructs/state-storage-account';
import { applyMandatoryTags } from '../constructs/tagging';
import { stackPermissions, type StackPermissions } from '../permissions/manifest';
import { estateScopes } from '../permissions/estate-scopes';
import { APP_CONTEXT } from './estate-app';
import { ForceStack } from './force-stack';
import { nationalTagging, NationalStack } from './national-stack';
import { PROVIDER_FEATURES } from './force-landing-zone';
import { stateAccountId, useStateBackend } from './state-backend';
import { requireTerraformVersion } from './terraform-version';

export { BOOTSTRAP_STACK } from './stack-inputs';
import { BOOTSTRAP_STACK } from './stack-inputs';
export const BOOTSTRAP_STATE_KEY = 'bootstrap/bootstrap.tfstate';

export interface BootstrapStackProps {
  readonly platform: PlatformConfig;
  readonly forces: readonly ForceConfig[];
  /** The permission manifest of every other stack (`bootstrapGrants`). */
  readonly grants: readonly StackPermissions[];
}

/**
 * What must exist before any other stack can be planned, applied first (docs/bootstrap.md): the
 * Terraform state account, the NMC's deploy identity with OIDC federation for GitHub Actions and
 * Azure DevOps, and the role assignments the permission manifest computes for every stack, each
 * at the scope the manifest names (least privilege, per force subscription). Nothing is assigned
 * above a subscription except the Entra diagnostic-settings grant at `/providers/Microsoft.aadiam`
 * that each force's Office 365 connector needs. Azure roles granted inside a force tenant go to
 * the deployment application's service principal there (platform.yaml `pipeline.forcePrincipalIds`):
 * a managed identity cannot sign in to another tenant. Forces without one are skipped.
 */
export class BootstrapStack extends IsolatedStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK);
    const p = props.platform;
    useStateBackend(this, p, BOOTSTRAP_STATE_KEY);
    requireTerraformVersion(this);
    applyMandatoryTags(this, nationalTagging(p));
    const common = { features: PROVIDER_FEATURES, storageUseAzuread: true, resourceProviderRegistrations: 'none' };
    new AzurermProvider(this, 'azurerm', {
      ...common,
      tenantId: p.nmc.tenantId,
      subscriptionId: p.stateBackend.subscriptionId,
    });
    const hubProvider = new AzurermProvider(this, 'azurerm-hub', {
      ...common,
      alias: 'hub',
      tenantId: p.nmc.tenantId,
      subscriptionId: p.hub.subscriptionId,
    });

    // Public access only for the first apply, from the bootstrapping workstation (docs/bootstrap.md).
    const firstApply = new TerraformVariable(this, 'state_account_public_access', {
      type: 'bool',
      default: false,
      description: 'true only for the first bootstrap and national applies, before the hub runners exist.',
    });
    const location = p.hub.region;
    new StateStorageAccount(this, 'State', {
      resourceGroupName: p.stateBackend.resourceGroupName,
      storageAccountName: p.stateBackend.storageAccountName,
      containerName: p.stateBackend.containerName,
      location,
      publicNetworkAccessEnabled: firstApply.stringValue,
    });

    const identities = new ResourceGroup(this, 'PipelineResourceGroup', {
      name: resourceName('resourceGroup', 'bluelamp', 'pipeline', regionCode(location)),
      location,
    });
    const deploy = new PipelineIdentity(this, 'DeployIdentity', {
      name: resourceName('userAssignedIdentity', 'bluelamp', 'deploy', regionCode(location)),
      resourceGroupName: identities.name,
      location,
      githubRepository: p.pipeline.github?.repository,
      githubEnvironments: p.pipeline.github?.environments,
      azureDevOps: p.pipeline.azureDevOps,
    });

    // The multi-tenant deployment application needs the same federated credentials. azurerm cannot
    // write them (Entra objects) and the azuread bindings are not a dependency (docs/bootstrap.md):
    // the engineer passes each of these to `az ad app federated-credential create`.
    new TerraformOutput(this, 'deployment_app_federated_credentials', {
      description: 'Federated credentials the deployment application needs (docs/bootstrap.md, the one manual step).',
      value: deploy.credentials,
    });

    const stateScope = stateAccountId(p.stateBackend);
    new RoleAssignment(this, 'DeployStateAccess', {
      scope: stateScope,
      roleDefinitionId: roleDefinitionIdAt(
        `/subscriptions/${p.stateBackend.subscriptionId}`,
        'Storage Blob Data Contributor',
      ),
      principalId: deploy.principalId,
      principalType: 'ServicePrincipal',
    });

    for (const stack of props.grants) {
      const force = props.forces.find((f) => f.id === stack.stack);
      if (!force) {
        // The national stack: the NMC deploy identity, in the hub subscription.
        for (const g of stack.azure) this.assign('National', g.role, g.scope, deploy.principalId, hubProvider);
        continue;
      }
      const principal = p.pipeline.forcePrincipalIds[force.id];
      if (!principal) continue;
      const forceProvider = new AzurermProvider(this, `azurerm-${force.id}`, {
        ...common,
        alias: force.id,
        tenantId: force.tenantId,
        subscriptionId: force.subscriptionId,
      });
      for (const g of stack.azure) {
        if (g.scope.startsWith(`/subscriptions/${p.hub.subscriptionId}/`)) {
          // Hub-side grants go to the application's principal in the NMC tenant.
          if (p.pipeline.nmcPrincipalId) this.assign('Hub', g.role, g.scope, p.pipeline.nmcPrincipalId, hubProvider);
        } else this.assign(force.id, g.role, g.scope, principal, forceProvider);
      }
    }
  }

  private readonly assigned = new Set<string>();

  private assign(key: string, role: string, scope: string, principalId: string, provider: AzurermProvider): void {
    if (!scope.startsWith('/')) return; // a scope the manifest could not name (unknown subscription)
    // Every force needs the same hub-side grants for the one NMC principal: assign each once.
    const grant = `${principalId}|${role}|${scope}`;
    if (this.assigned.has(grant)) return;
    this.assigned.add(grant);
    // Built-in role definitions are addressed through the subscription, or at tenant level above one.
    const subscription = /^\/subscriptions\/[^/]+/.exec(scope)?.[0] ?? '';
    // Stable construct id: stack, role and the scope's last segment (a subscription id, zone or VNet name).
    const tail = scope.split('/').filter(Boolean).pop() ?? 'scope';
    new RoleAssignment(this, `Grant-${key}-${role}-${tail}`.replace(/[^A-Za-z0-9.-]/g, ''), {
      provider,
      scope,
      roleDefinitionId: roleDefinitionIdAt(subscription, role),
      principalId,
      principalType: 'ServicePrincipal',
      description: `Blue Lamp deployer (bluelamp permissions): ${role}`,
    });
  }
}

/**
 * The permission manifest of the national stack and every force stack, from their Terraform JSON:
 * each stack is built in a scratch app and read through `toTerraform()`, so bootstrap grants
 * exactly what the synthesised stacks contain.
 */
export function bootstrapGrants(platform: PlatformConfig, forces: readonly ForceConfig[]): StackPermissions[] {
  const scopes = estateScopes(platform, forces);
  // A scratch app in a scratch folder: App creates its outdir (./cdktf.out by default, in whatever folder the
  // command runs from), and nothing of it is written.
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-bootstrap-'));
  try {
    const app = new App({ outdir: scratch, stackTraces: false, context: APP_CONTEXT, skipValidation: true });
    const stacks: TerraformStack[] = [
      new NationalStack(app, { platform, forces }),
      ...forces.map((force) => new ForceStack(app, { force, platform })),
    ];
    return stacks.map((stack) => {
      const doc = stack.toTerraform() as { resource?: Record<string, Record<string, Record<string, unknown>>> };
      const resources = Object.entries(doc.resource ?? {}).flatMap(([type, byName]) =>
        Object.values(byName).map((values) => ({ type, values })),
      );
      return stackPermissions({ name: stack.node.id, resources }, scopes);
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
