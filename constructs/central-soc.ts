import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { Construct } from 'constructs';
import { CENTRAL_LOG_RETENTION_DAYS } from '../util/platform-facts';
import type { HubReference } from './hub-reference';
import { azureIds, resourceName } from './naming';
import { ACTIVITY_LOG_CATEGORIES } from './soc-logging';

export interface CentralSocProps {
  /** Names of the hub (hub-reference.ts). */
  readonly hub: HubReference;
  /**
   * Retention of the central workspace, at least two years.
   * @default 730
   */
  readonly retentionDays?: number;
}

/**
 * The NMC's own workspace, with Microsoft Sentinel: hub resources (firewall, gateway, DNS) and the
 * hub subscription's Activity Log report here. Force data stays in each force's workspace, which
 * the NMC reads through Lighthouse; this workspace holds what the nation runs itself.
 */
export class CentralSoc extends Construct {
  readonly workspaceId: string;
  /** The workspace id as Sentinel's onboarding reports it: what depends on Sentinel (analytics rules) takes this one. */
  readonly sentinelWorkspaceId: string;
  readonly workspaceName: string;
  /** The workspace (customer) GUID, for traffic analytics. */
  readonly workspaceCustomerId: string;
  /** Resource group of the workspace, for other SOC resources (Defender continuous export). */
  readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, props: CentralSocProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 730;
    const { min, max } = CENTRAL_LOG_RETENTION_DAYS;
    if (retentionDays < min || retentionDays > max) {
      throw new Error(
        `${this.node.path}: retentionDays ${retentionDays} must be ${min}-${max} (the central SOC keeps at least two years)`,
      );
    }
    const hub = props.hub;
    const group = new ResourceGroup(this, 'ResourceGroup', { name: hub.socResourceGroupName, location: hub.region });
    const workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
      name: hub.centralWorkspaceName,
      location: hub.region,
      resourceGroupName: group.name,
      sku: 'PerGB2018',
      retentionInDays: retentionDays,
      localAuthenticationEnabled: false,
    });
    const sentinel = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Sentinel', { workspaceId: workspace.id });
    new MonitorDiagnosticSetting(this, 'ActivityLog', {
      name: resourceName('diagnosticSetting', 'activity-log', 'to', 'soc'),
      targetResourceId: azureIds.subscription(hub.subscriptionId),
      logAnalyticsWorkspaceId: workspace.id,
      enabledLog: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category })),
    });
    this.workspaceId = workspace.id;
    this.sentinelWorkspaceId = sentinel.workspaceId;
    this.workspaceName = workspace.name;
    this.workspaceCustomerId = workspace.workspaceId;
    this.resourceGroupName = group.name;
  }
}
