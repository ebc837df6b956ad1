/**
 * Defender for Cloud plan extensions: which exist per plan, and which Blue Lamp switches on unless
 * platform.yaml says otherwise. In util/ because config/ (validation, defaults) and constructs/
 * (the pricing resources) both need the list, and constructs must not import config/.
 *
 * Why it must be explicit: azurerm's `azurerm_security_center_subscription_pricing` sends every
 * extension the API reports with `isEnabled = false` unless the configuration names it in an
 * `extension` block (`expandSecurityCenterSubscriptionPricingExtensions`, azurerm v4.55.0
 * internal/services/securitycenter/security_center_subscription_pricing_resource.go; the resource
 * docs: "If an extension is not defined, it will not be enabled"). A plan without blocks is paid
 * for with its scanners off.
 *
 * Extension names per plan: Microsoft.Security/pricings `extensions[].name`
 * (https://learn.microsoft.com/en-us/azure/templates/microsoft.security/pricings and the
 * PlanExtension.Name reference, https://learn.microsoft.com/en-us/dotnet/api/azure.resourcemanager.securitycenter.models.planextension.name).
 */

/** Extensions each plan offers. Plans not listed offer none. */
export const DEFENDER_PLAN_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  CloudPosture: [
    'AgentlessDiscoveryForKubernetes',
    'AgentlessVmScanning',
    'ApiPosture',
    'ContainerRegistriesVulnerabilityAssessments',
    'EntraPermissionsManagement',
    'SensitiveDataDiscovery',
  ],
  StorageAccounts: ['OnUploadMalwareScanning', 'SensitiveDataDiscovery'],
  VirtualMachines: ['AgentlessVmScanning', 'FileIntegrityMonitoring', 'MdeDesignatedSubscription'],
  Containers: ['AgentlessDiscoveryForKubernetes', 'ContainerRegistriesVulnerabilityAssessments', 'ContainerSensor'],
};

/**
 * What is switched on when platform.yaml does not choose (docs/landing-zone.md, "Defender for
 * Cloud extensions"): every scanner that looks at what the estate holds, without agents.
 * Left off by default, and why:
 * - `MdeDesignatedSubscription`: marks the subscription as licensed for Defender for Endpoint
 *   elsewhere, so Defender for Servers stops onboarding MDE; the opposite of what a force wants.
 * - `FileIntegrityMonitoring`: needs a data collection rule and workspace chosen per force.
 * - `EntraPermissionsManagement`: Microsoft retired Entra Permissions Management in 2025.
 * - `ApiPosture`: the estate publishes no APIs through API Management.
 */
export const DEFENDER_DEFAULT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  CloudPosture: [
    'AgentlessDiscoveryForKubernetes',
    'AgentlessVmScanning',
    'ContainerRegistriesVulnerabilityAssessments',
    'SensitiveDataDiscovery',
  ],
  StorageAccounts: ['OnUploadMalwareScanning', 'SensitiveDataDiscovery'],
  VirtualMachines: ['AgentlessVmScanning'],
  Containers: ['AgentlessDiscoveryForKubernetes', 'ContainerRegistriesVulnerabilityAssessments', 'ContainerSensor'],
};

/** A problem with a choice of extensions: where (plan, position in its list) and what. */
export interface DefenderExtensionProblem {
  readonly plan: string;
  readonly index: number;
  readonly message: string;
}

/** Problems with a choice of extensions: extensions a plan does not offer. */
export function defenderExtensionProblems(
  choice: Readonly<Record<string, readonly string[] | undefined>>,
): DefenderExtensionProblem[] {
  const problems: DefenderExtensionProblem[] = [];
  for (const [plan, names] of Object.entries(choice)) {
    const offered = DEFENDER_PLAN_EXTENSIONS[plan] ?? [];
    (names ?? []).forEach((name, index) => {
      if (!offered.includes(name))
        problems.push({
          plan,
          index,
          message: `"${name}" is not an extension of ${plan} (${offered.length ? offered.join(', ') : 'it has none'})`,
        });
    });
  }
  return problems;
}
