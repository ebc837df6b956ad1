import { LighthouseAssignment } from '@cdktf/provider-azurerm/lib/lighthouse-assignment';
import { LighthouseDefinition } from '@cdktf/provider-azurerm/lib/lighthouse-definition';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { Construct } from 'constructs';
import { FORCE_LOG_RETENTION_DAYS } from '../util/platform-facts';
import { DefenderForCloud } from './defender-for-cloud';
import { azureIds, regionCode, resourceName } from './naming';
import { BUILT_IN_ROLES, DATA_ACTION_ROLE_IDS, PRIVILEGED_ROLE_IDS } from './role-definitions';

/** One NMC group and the built-in role it is delegated through Lighthouse. */
export interface SocDelegation {
  /** Object id of the group in the NMC tenant. */
  readonly principalId: string;
  /** Shown to the force on the Lighthouse offer. */
  readonly displayName: string;
  /** Built-in role name (see role-definitions.ts); Owner and User Access Administrator are refused. */
  readonly role: string;
}

export interface SocLoggingProps {
  /** Force id, used in resource names (`log-<forceId>-soc-<region code>`). */
  readonly forceId: string;
  /** Display name of the force, shown on the Lighthouse offer. */
  readonly forceName: string;
  /** The force subscription: Activity Log source, Lighthouse scope and Defender plans. */
  readonly subscriptionId: string;
  /** Region of the workspace and the Defender export. */
  readonly location: string;
  /** Resource group of the workspace and Defender export. */
  readonly resourceGroupName: string;
  /**
   * Workspace retention in days, 365-730 (FORCE_LOG_RETENTION_DAYS in util/platform-facts.ts).
   * @default 365
   */
  readonly retentionDays?: number;
  /** Tenant of the National Management Centre, which manages the force through Lighthouse. */
  readonly managingTenantId: string;
  /** NMC groups and roles delegated through Lighthouse. */
  readonly socDelegations: readonly SocDelegation[];
  /** Defender for Cloud plans (resource types) that the nation requires; always on. */
  readonly defenderMinimumPlans: readonly string[];
  /**
   * Plans the force adds on top of the national minimum.
   * @default []
   */
  readonly defenderAdditionalPlans?: readonly string[];
  /**
   * Defender plan extensions switched on, by plan (see DefenderForCloudProps.extensions).
   * @default - DefenderForCloud's secure defaults
   */
  readonly defenderExtensions?: Readonly<Record<string, readonly string[]>>;
  /** Security contact for Defender alerts. */
  readonly securityContactEmail: string;
  /**
   * Phone number for Defender alerts, with the email.
   * @default - no phone
   */
  readonly securityContactPhone?: string;
  /**
   * Allow workspace shared keys (legacy agents and the HTTP Data Collector API). Off: only Entra ID.
   * @default false
   */
  readonly allowWorkspaceSharedKeys?: boolean;
}

/** Activity Log categories sent to the workspace: all of them. */
export const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
] as const;

/**
 * The force's security logging: a Log Analytics workspace with Microsoft Sentinel, the
 * subscription Activity Log sent to it, the NMC's delegated access through Azure Lighthouse, and
 * Defender for Cloud (national minimum plans plus the force's own, a security contact and
 * continuous export to the workspace).
 *
 * Diagnostic settings of individual resources are added by the `Diagnostics` aspect
 * (diagnostics.ts), pointed at {@link workspaceId}.
 */
export class SocLogging extends Construct {
  /** Resource id of the workspace. */
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** The workspace (customer) GUID that agents and traffic analytics use. */
  readonly workspaceCustomerId: string;
  /** Sentinel onboarding resource id; connectors and analytics rules depend on it. */
  readonly sentinelOnboardingId: string;
  /** Defender plans switched on (minimum plus additional, without duplicates). */
  readonly defenderPlans: readonly string[];

  constructor(scope: Construct, id: string, props: SocLoggingProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    const problems: string[] = [];
    const { min, max } = FORCE_LOG_RETENTION_DAYS;
    if (retentionDays < min || retentionDays > max)
      problems.push(`retentionDays ${retentionDays} must be ${min}-${max} (a force keeps its logs at least a year)`);
    if (props.socDelegations.length === 0)
      problems.push(
        'socDelegations must delegate at least one NMC group: the SOC cannot watch a force it has no access to',
      );
    props.socDelegations.forEach((d, i) => {
      const roleId = (BUILT_IN_ROLES as Record<string, string>)[d.role];
      if (!roleId) problems.push(`socDelegations[${i}].role "${d.role}" is not a known built-in role`);
      else if (PRIVILEGED_ROLE_IDS.includes(roleId))
        problems.push(
          `socDelegations[${i}].role "${d.role}" is not allowed: the NMC is never Owner or User Access Administrator`,
        );
      else if (DATA_ACTION_ROLE_IDS.includes(roleId))
        problems.push(`socDelegations[${i}].role "${d.role}" has data actions, which Azure Lighthouse cannot delegate`);
    });
    if (props.defenderMinimumPlans.length === 0) problems.push('defenderMinimumPlans must not be empty');
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const rc = regionCode(props.location);
    const subscriptionScope = azureIds.subscription(props.subscriptionId);

    const workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
      name: resourceName('logAnalyticsWorkspace', props.forceId, 'soc', rc),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: 'PerGB2018',
      retentionInDays: retentionDays,
      localAuthenticationEnabled: props.allowWorkspaceSharedKeys ?? false,
    });
    const sentinel = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Sentinel', { workspaceId: workspace.id });
    this.workspaceId = workspace.id;
    this.workspaceName = workspace.name;
    this.workspaceCustomerId = workspace.workspaceId;
    this.sentinelOnboardingId = sentinel.id;

    new MonitorDiagnosticSetting(this, 'ActivityLog', {
      name: resourceName('diagnosticSetting', 'activity-log', 'to', 'soc'),
      targetResourceId: subscriptionScope,
      logAnalyticsWorkspaceId: workspace.id,
      enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
    });

    // Lighthouse: the NMC's groups get the SOC roles on the whole subscription. Never Owner/UAA.
    const definition = new LighthouseDefinition(this, 'LighthouseDefinition', {
      name: `Blue Lamp NMC SOC - ${props.forceName}`,
      description: `National Management Centre 24/7 SOC access to ${props.forceName} (Microsoft Sentinel, Defender for Cloud, logs).`,
      managingTenantId: props.managingTenantId,
      scope: subscriptionScope,
      authorization: props.socDelegations.map((d) => ({
        principalId: d.principalId,
        principalDisplayName: d.displayName,
        roleDefinitionId: (BUILT_IN_ROLES as Record<string, string>)[d.role],
      })),
    });
    new LighthouseAssignment(this, 'LighthouseAssignment', {
      scope: subscriptionScope,
      lighthouseDefinitionId: definition.id,
    });

    // Defender for Cloud. The national minimum is always included; a force can only add plans.
    // Construct id 'Default' is left out of Terraform addresses, so the resources keep the
    // addresses they had before DefenderForCloud was extracted from this construct (no replacement).
    const defender = new DefenderForCloud(this, 'Default', {
      subscriptionId: props.subscriptionId,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      plans: [...props.defenderMinimumPlans, ...(props.defenderAdditionalPlans ?? [])],
      securityContactEmail: props.securityContactEmail,
      securityContactPhone: props.securityContactPhone,
      exportWorkspaceId: workspace.id,
      extensions: props.defenderExtensions,
    });
    this.defenderPlans = defender.plans;
  }
}
