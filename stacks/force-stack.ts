import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { IsolatedStack } from './isolated-stack';
import type { Construct } from 'constructs';
import type { AdoptionConfig } from '../config/adoption-schema';
import { ADOPTED_OVERRIDE_PATH, adoptedOverride, type AdoptedRecord } from '../adopt/stack-metadata';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { buildForceLandingZone, PROVIDER_FEATURES } from './force-landing-zone';
import { buildForceServices } from './force-services';
import { forceStateKey, useStateBackend } from './state-backend';
import { terraformLiterals } from './terraform-literal';
import { requireTerraformVersion } from './terraform-version';

export interface ForceStackProps {
  readonly force: ForceConfig;
  readonly platform: PlatformConfig;
  /**
   * Existing Azure resources to import rather than create (forces/<id>.adopt.yaml).
   * @default - none: every resource is created
   */
  readonly adoption?: AdoptionConfig;
  /**
   * Where each import's `address` is written in the adoption file (`file:line:col`, by index), so
   * that an address the stack does not have is reported at its line.
   * @default - the adoption file's name only
   */
  readonly adoptionSources?: readonly string[];
}

/**
 * One force's landing zone: its own state, and a default provider bound to the force's own
 * tenant and subscription (Office 365 and Entra connectors only work in the force tenant).
 * The stack stays thin: it maps config to construct props; constructs/ holds the resources.
 */
export class ForceStack extends IsolatedStack {
  readonly force: ForceConfig;

  constructor(scope: Construct, rawProps: ForceStackProps) {
    super(scope, rawProps.force.id);
    this.force = rawProps.force;
    // Config text reaches Terraform as literal text, never as an expression (see terraform-literal.ts).
    const props = { force: terraformLiterals(rawProps.force), platform: terraformLiterals(rawProps.platform) };
    useStateBackend(this, props.platform, forceStateKey(props.force.id));
    requireTerraformVersion(this);
    new AzurermProvider(this, 'azurerm', {
      features: PROVIDER_FEATURES,
      tenantId: props.force.tenantId,
      subscriptionId: props.force.subscriptionId,
      // The hub side of peering, and private endpoints registering in hub DNS zones, cross into
      // the NMC tenant: one multi-tenant pipeline identity, authenticated to both tenants.
      auxiliaryTenantIds: [props.platform.nmc.tenantId],
      storageUseAzuread: true,
      // Providers are registered once per subscription by the vending process, not by every plan.
      resourceProviderRegistrations: 'none',
    });
    const landingZone = buildForceLandingZone(this, props);
    buildForceServices(this, { ...props, landingZone });
    if (rawProps.adoption) importExisting(this, rawProps.adoption, rawProps.adoptionSources ?? []);
  }
}

/**
 * Turns each adopted resource into a Terraform import block (cdktf's importFrom), so the plan
 * imports what exists instead of trying to create it. The ids were validated as plain Azure ids
 * (config/adoption-schema.ts), so they reach Terraform as literal text. The existing settings
 * recorded beside them (a `//` comment) are plain names, words and CIDRs, validated there too.
 */
function importExisting(stack: TerraformStack, adoption: AdoptionConfig, sources: readonly string[]): void {
  const byAddress = new Map<string, TerraformResource>();
  for (const c of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(c)) byAddress.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
  }
  const missing: string[] = [];
  const records = new Map<string, AdoptedRecord>();
  adoption.imports.forEach((imp, i) => {
    const resource = byAddress.get(imp.address);
    if (resource) resource.importFrom(imp.id);
    else missing.push(`${sources[i] ?? `forces/${adoption.force}.adopt.yaml`}: imports[${i}].address ${imp.address}`);
    records.set(imp.address, { id: imp.id, existing: imp.existing ?? {} });
  });
  if (missing.length > 0)
    throw new Error(
      `${missing.join('; ')}: no such resource in the ${adoption.force} stack (renamed since bluelamp adopt ran?); run bluelamp adopt ${adoption.force} again`,
    );
  // What exists, for the adoption rules and diff: in a `//` comment, which Terraform never reads.
  if (records.size > 0) stack.addOverride(ADOPTED_OVERRIDE_PATH, adoptedOverride(records));
}
