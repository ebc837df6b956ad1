import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { driftAnalyticsRules } from './drift-analytics-rules';
import { DRIFT_COLUMNS, DRIFT_STREAM, DRIFT_TABLE } from './drift-table';
import { SentinelAnalyticsRules } from './sentinel-analytics-rules';

export interface DriftIngestionProps {
  /**
   * The SOC workspace (Sentinel onboarded). Pass an id Terraform derives from the onboarding
   * resource, so the analytics rules are created after onboarding.
   */
  readonly workspaceId: string;
  /** Resource group for the endpoint and rule (the workspace's). */
  readonly resourceGroupName: string;
  /** Region of the workspace; a data collection rule must be in its workspace's region. */
  readonly location: string;
  /** Appended to the endpoint and rule names (for example `nmc-uks`). */
  readonly nameSuffix: string;
  /**
   * Tags for the resources that take them.
   * @default - none (the stack's tagging Aspect adds the mandatory tags)
   */
  readonly tags?: Record<string, string>;
}

/**
 * Drift results into the NMC's Sentinel: the `BlueLampDrift_CL` table, a data collection endpoint
 * and rule the nightly drift pipeline posts to with the Logs Ingestion API, and analytics rules
 * that raise an incident when drift touches a security-relevant resource, when a stack could not
 * be checked, and when no drift result arrived at all.
 */
export class DriftIngestion extends Construct {
  /** The custom table. */
  readonly tableName: string;
  /** Logs ingestion URL of the endpoint (the pipeline's SOC_DATA_COLLECTION_ENDPOINT). */
  readonly logsIngestionEndpoint: string;
  /** Immutable id of the rule (the pipeline's SOC_DRIFT_DCR_IMMUTABLE_ID). */
  readonly dataCollectionRuleImmutableId: string;
  /** Resource id of the rule: the pipeline identity needs Monitoring Metrics Publisher on it. */
  readonly dataCollectionRuleId: string;

  constructor(scope: Construct, id: string, props: DriftIngestionProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.nameSuffix) && !/^[a-z0-9][a-z0-9-]{0,40}[a-z0-9]$/.test(props.nameSuffix))
      throw new Error(
        `${this.node.path}: nameSuffix "${props.nameSuffix}" must be lower-case letters, digits and hyphens`,
      );

    const table = new LogAnalyticsWorkspaceTableCustomLog(this, 'Table', {
      name: DRIFT_TABLE,
      workspaceId: props.workspaceId,
      displayName: 'Blue Lamp drift',
      description: 'One row per stack per nightly bluelamp drift run: what changed outside Terraform.',
      column: DRIFT_COLUMNS.map(([name, type]) => ({ name, type: type === 'datetime' ? 'dateTime' : type })),
    });
    this.tableName = table.name;

    // The pipeline posts over Azure's public ingestion endpoint, authenticated with Entra (its
    // workload identity); no key exists to leak and no public IP resource is involved.
    const endpoint = new MonitorDataCollectionEndpoint(this, 'Endpoint', {
      name: `dce-drift-${props.nameSuffix}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      publicNetworkAccessEnabled: true,
      description: 'Logs Ingestion API endpoint for bluelamp drift results.',
      tags: props.tags,
    });

    const destination = 'soc-workspace';
    const rule = new MonitorDataCollectionRule(this, 'Rule', {
      name: `dcr-drift-${props.nameSuffix}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dataCollectionEndpointId: endpoint.id,
      description: `bluelamp drift records into the ${DRIFT_TABLE} table.`,
      streamDeclaration: [{ streamName: DRIFT_STREAM, column: DRIFT_COLUMNS.map(([name, type]) => ({ name, type })) }],
      destinations: { logAnalytics: [{ name: destination, workspaceResourceId: props.workspaceId }] },
      dataFlow: [
        { streams: [DRIFT_STREAM], destinations: [destination], transformKql: 'source', outputStream: DRIFT_STREAM },
      ],
      tags: props.tags,
      dependsOn: [table],
    });
    this.logsIngestionEndpoint = endpoint.logsIngestionEndpoint;
    this.dataCollectionRuleImmutableId = rule.immutableId;
    this.dataCollectionRuleId = rule.id;

    // Sentinel refuses a rule over a table that does not exist yet: the rules wait for it (BL-APL-011).
    new SentinelAnalyticsRules(this, 'AnalyticsRules', {
      workspaceId: props.workspaceId,
      rules: driftAnalyticsRules(),
      dependsOn: [table],
    });
  }
}
