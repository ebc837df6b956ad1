import { SecurityCenterAutomation } from '@cdktf/provider-azurerm/lib/security-center-automation';
import { SecurityCenterContact } from '@cdktf/provider-azurerm/lib/security-center-contact';
import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DEFENDER_DEFAULT_EXTENSIONS, defenderExtensionProblems } from '../util/defender-extensions';
import { azureIds } from './naming';

export interface DefenderForCloudProps {
  /** Subscription the plans, contact and export apply to (the provider's subscription). */
  readonly subscriptionId: string;
  /** Region of the continuous-export automation. */
  readonly location: string;
  /** Resource group of the continuous-export automation. */
  readonly resourceGroupName: string;
  /** Defender plans (resource types) to switch on at the Standard tier; duplicates are ignored. */
  readonly plans: readonly string[];
  /** Security contact told of Defender alerts and of incidents Microsoft detects. */
  readonly securityContactEmail: string;
  /**
   * Phone number for Defender alerts, with the email.
   * @default - no phone
   */
  readonly securityContactPhone?: string;
  /** Log Analytics workspace that Defender alerts, recommendations and scores are exported to. */
  readonly exportWorkspaceId: string;
  /**
   * Extensions switched on, by plan (azurerm turns off every extension not written). A plan not
   * named takes its default list; give a plan `[]` to turn its extensions off on purpose.
   * @default DEFENDER_DEFAULT_EXTENSIONS (util/defender-extensions.ts): the agentless scanners, malware scanning on upload and sensitive-data discovery
   */
  readonly extensions?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Sub-plans that need naming; other plans take the default. Defender for APIs has no default:
 * Azure asks for one of its plans (P1-P5), P1 being the smallest.
 */
export const DEFENDER_SUBPLANS: Readonly<Record<string, string>> = {
  StorageAccounts: 'DefenderForStorageV2',
  VirtualMachines: 'P2',
  Api: 'P1',
};

/**
 * Microsoft Defender for Cloud on one subscription: the plans at the Standard tier, a security
 * contact that receives alerts, and continuous export to a Log Analytics workspace. Used by every
 * force (inside SocLogging) and by the national hub subscription, so both meet one baseline.
 */
export class DefenderForCloud extends Construct {
  /** Plans switched on, without duplicates, in the order given. */
  readonly plans: readonly string[];

  constructor(scope: Construct, id: string, props: DefenderForCloudProps) {
    super(scope, id);
    this.plans = [...new Set(props.plans)];
    const problems: string[] = [];
    if (this.plans.length === 0) problems.push('plans must name at least one Defender plan');
    const email = props.securityContactEmail;
    if (!Token.isUnresolved(email) && !/^[^@\s]+@[^@\s]+$/.test(email))
      problems.push(`securityContactEmail "${email}" must be an email address`);
    const extensions = { ...DEFENDER_DEFAULT_EXTENSIONS, ...props.extensions };
    problems.push(
      ...defenderExtensionProblems(extensions).map((p) => `extensions.${p.plan}[${p.index}]: ${p.message}`),
    );
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    let previous: ITerraformDependable | undefined;
    for (const plan of this.plans) {
      // Pricing updates on one subscription conflict when made in parallel: chain them.
      const pricing: SecurityCenterSubscriptionPricing = new SecurityCenterSubscriptionPricing(
        this,
        `Defender${plan}`,
        {
          resourceType: plan,
          tier: 'Standard',
          subplan: DEFENDER_SUBPLANS[plan],
          extension: (extensions[plan] ?? []).map((name) => ({ name })),
          dependsOn: previous ? [previous] : undefined,
        },
      );
      previous = pricing;
    }
    new SecurityCenterContact(this, 'SecurityContact', {
      name: 'default',
      email,
      phone: props.securityContactPhone,
      alertNotifications: true,
      alertsToAdmins: true,
    });
    // Continuous export; the name ExportToWorkspace makes it show in the Defender portal.
    new SecurityCenterAutomation(this, 'ContinuousExport', {
      name: 'ExportToWorkspace',
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      scopes: [azureIds.subscription(props.subscriptionId)],
      enabled: true,
      description: 'Defender for Cloud alerts, recommendations, secure score and compliance to the SOC workspace.',
      // `Workspace` is the API's action type; `loganalytics` is a 4.x alias that azurerm 5.0 removes
      // (security_center_automation_resource.go, v4.55.0: accepted only when !features.FivePointOh()).
      action: [{ type: 'Workspace', resourceId: props.exportWorkspaceId }],
      source: ['Alerts', 'Assessments', 'SecureScores', 'RegulatoryComplianceAssessment'].map((eventSource) => ({
        eventSource,
      })),
    });
  }
}
