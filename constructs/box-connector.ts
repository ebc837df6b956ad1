import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Fn, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { boxAnalyticsRules } from './box-analytics-rules';
import {
  BOX_INPUT_COLUMNS,
  BOX_INPUT_STREAM,
  boxConnectorTemplate,
  boxTableColumns,
  boxTransformKql,
} from './box-ccf-template';
import { azureIds } from './naming';
import { roleDefinitionIdAt } from './role-definitions';
import { SentinelAnalyticsRules } from './sentinel-analytics-rules';

/**
 * What the Key Vault secret entries hold until the force sets them. Not a credential: the
 * connector fails to authenticate with it, which is the intended state until someone with the
 * Box app's credentials runs `az keyvault secret set` (docs/connectors.md).
 */
export const BOX_SECRET_PLACEHOLDER = 'set-out-of-band-see-docs-connectors-md';

export interface BoxConnectorProps {
  /**
   * Log Analytics workspace id with Sentinel onboarded. Pass an id that Terraform derives from the
   * Sentinel onboarding resource, so the connector is created after onboarding.
   */
  readonly workspaceId: string;
  /** Workspace name (the ARM template addresses the connector under it). */
  readonly workspaceName: string;
  /** Resource group of the workspace; the template deployment, endpoint and rule go here too. */
  readonly workspaceResourceGroupName: string;
  /** Region of the workspace; a data collection rule must be in its workspace's region. */
  readonly location: string;
  /** Numeric Box enterprise id (Box Admin Console, Account & Billing). */
  readonly enterpriseId: string;
  /** Subscription of the workspace and the Key Vault (role definitions are addressed through it). */
  readonly subscriptionId: string;
  /** Force Key Vault that holds the Box app's client id and secret. */
  readonly keyVaultId: string;
  /** Appended to the endpoint and rule names (for example `essex-uks`). */
  readonly nameSuffix: string;
  /**
   * Key Vault secret holding the Box app's client id.
   * @default 'box-client-id'
   */
  readonly clientIdSecretName?: string;
  /**
   * Key Vault secret holding the Box app's client secret.
   * @default 'box-client-secret'
   */
  readonly clientSecretSecretName?: string;
  /**
   * Deploy the CCF poller (the ARM template deployment). Leave it off until the Box app's client id
   * and secret are in Key Vault: Sentinel may check the credentials when the poller is created, and
   * a placeholder would then fail the apply. Everything else (table, endpoint, rule, the secret
   * entries, analytics rules) is built either way, so the first apply succeeds in both cases.
   * @default false
   */
  readonly pollerEnabled?: boolean;
  /**
   * Object id of the identity that writes the secret entries (the pipeline's): it gets Key Vault
   * Secrets Officer on this vault only. Owner carries no data actions, so without this the first
   * write fails with 403.
   * @default - none: the writer must already hold a data-plane role on the vault
   */
  readonly secretsWriterPrincipalId?: string;
  /**
   * What the Key Vault secret entries wait for. They are written over the vault's data plane
   * (`https://<vault>.vault.azure.net`), and azurerm does not wait for a private vault to become
   * reachable: pass the vault's private endpoint (which carries its DNS A record) and the role
   * assignment that lets the pipeline identity write secrets.
   * @default [] - only the vault id's own dependencies
   */
  readonly secretsDependOn?: readonly ITerraformDependable[];
  /**
   * Raise by one after rotating the Box credentials in Key Vault: ARM reads Key Vault references
   * only when it deploys, so the connector picks up a new secret only on a new deployment.
   * @default 1
   */
  readonly credentialRevision?: number;
  /**
   * Distinct items one user downloads in an hour that raise an incident.
   * @default 50
   */
  readonly massDownloadThreshold?: number;
  /**
   * Shared links one user creates or changes in an hour that raise an incident.
   * @default 20
   */
  readonly sharedLinkThreshold?: number;
  /**
   * Tags for the resources that take them.
   * @default - none (the stack's tagging Aspect adds the mandatory tags)
   */
  readonly tags?: Record<string, string>;
}

/**
 * Box enterprise events into the force's Sentinel workspace through the Codeless Connector
 * Framework: a custom table, a data collection endpoint and rule, the `RestApiPoller` connector
 * (an ARM template deployment, as azurerm has no resource for it), the Key Vault entries for the
 * Box app's credentials (values set out of band, never in Terraform), and Box analytics rules.
 */
export class BoxConnector extends Construct {
  /** Name of the custom table Box events land in. */
  readonly tableName: string;
  /** Id of the data collection rule the poller writes through. */
  readonly dataCollectionRuleId: string;
  /** Id of the data collection endpoint. */
  readonly dataCollectionEndpointId: string;

  constructor(scope: Construct, id: string, props: BoxConnectorProps) {
    super(scope, id);
    const clientIdSecretName = props.clientIdSecretName ?? 'box-client-id';
    const clientSecretSecretName = props.clientSecretSecretName ?? 'box-client-secret';
    const revision = props.credentialRevision ?? 1;
    this.validate(props, [clientIdSecretName, clientSecretSecretName], revision);

    const dataPlaneReady = [...(props.secretsDependOn ?? [])];
    if (props.secretsWriterPrincipalId) {
      // Principal type left to Azure: the writer is the pipeline's service principal in CI, and may
      // be a person when the NMC applies by hand.
      dataPlaneReady.push(
        new RoleAssignment(this, 'SecretsWriterRole', {
          scope: props.keyVaultId,
          roleDefinitionId: roleDefinitionIdAt(
            azureIds.subscription(props.subscriptionId),
            'Key Vault Secrets Officer',
          ),
          principalId: props.secretsWriterPrincipalId,
          description: 'Blue Lamp pipeline: writes the Box secret entries (values are set out of band).',
        }),
      );
    }

    // Write-only values are never stored in Terraform state, and the provider does not read the
    // real value back after the force sets it, so neither the plan nor the state ever holds it.
    const secret = (constructId: string, name: string, contentType: string) =>
      new KeyVaultSecret(this, constructId, {
        name,
        keyVaultId: props.keyVaultId,
        valueWo: BOX_SECRET_PLACEHOLDER,
        valueWoVersion: 1,
        contentType,
        tags: props.tags,
        dependsOn: dataPlaneReady.length ? dataPlaneReady : undefined,
      });
    const clientId = secret('ClientIdSecret', clientIdSecretName, 'Box app client id (set out of band)');
    const clientSecret = secret(
      'ClientSecretSecret',
      clientSecretSecretName,
      'Box app client secret (set out of band)',
    );

    const table = new LogAnalyticsWorkspaceTableCustomLog(this, 'Table', {
      name: 'BoxEventsV2_CL',
      workspaceId: props.workspaceId,
      displayName: 'Box enterprise events',
      description: 'Box admin_logs events, written by the Box CCF connector through its data collection rule.',
      column: boxTableColumns(),
    });
    this.tableName = table.name;

    // The poller runs in Microsoft's service, not in the spoke, so it reaches the endpoint over
    // Azure's public ingestion endpoint (Entra-authenticated; no public IP resource is involved).
    const endpoint = new MonitorDataCollectionEndpoint(this, 'Endpoint', {
      name: `dce-box-${props.nameSuffix}`,
      resourceGroupName: props.workspaceResourceGroupName,
      location: props.location,
      publicNetworkAccessEnabled: true,
      description: 'Ingestion endpoint for the Box CCF connector.',
      tags: props.tags,
    });
    this.dataCollectionEndpointId = endpoint.id;

    const destination = 'force-workspace';
    const rule = new MonitorDataCollectionRule(this, 'Rule', {
      name: `dcr-box-${props.nameSuffix}`,
      resourceGroupName: props.workspaceResourceGroupName,
      location: props.location,
      dataCollectionEndpointId: endpoint.id,
      description: 'Box events from the CCF poller into the BoxEventsV2_CL table.',
      streamDeclaration: [
        { streamName: BOX_INPUT_STREAM, column: BOX_INPUT_COLUMNS.map(([name, type]) => ({ name, type })) },
      ],
      destinations: { logAnalytics: [{ name: destination, workspaceResourceId: props.workspaceId }] },
      dataFlow: [
        {
          streams: [BOX_INPUT_STREAM],
          destinations: [destination],
          transformKql: boxTransformKql(),
          outputStream: `Custom-${table.name}`,
        },
      ],
      tags: props.tags,
    });
    this.dataCollectionRuleId = rule.id;

    const keyVaultReference = (secretName: string) => ({
      reference: { keyVault: { id: props.keyVaultId }, secretName },
    });
    if (props.pollerEnabled ?? false)
      new ResourceGroupTemplateDeployment(this, 'Connector', {
        name: 'bluelamp-box-ccf-connector',
        resourceGroupName: props.workspaceResourceGroupName,
        deploymentMode: 'Incremental',
        templateContent: JSON.stringify(boxConnectorTemplate()),
        parametersContent: Fn.jsonencode({
          workspaceName: { value: props.workspaceName },
          location: { value: props.location },
          boxEnterpriseId: { value: props.enterpriseId },
          dataCollectionEndpoint: { value: endpoint.logsIngestionEndpoint },
          dataCollectionRuleImmutableId: { value: rule.immutableId },
          clientId: keyVaultReference(clientId.name),
          clientSecret: keyVaultReference(clientSecret.name),
          // A changed parameter is a new deployment, which is when ARM reads Key Vault again.
          credentialRevision: { value: revision },
        }),
        tags: props.tags,
        dependsOn: [clientId, clientSecret],
      });

    // The rules query BoxEventsV2_CL: Sentinel rejects a rule whose table does not exist yet.
    new SentinelAnalyticsRules(this, 'AnalyticsRules', {
      workspaceId: props.workspaceId,
      dependsOn: [table],
      rules: boxAnalyticsRules({
        massDownloadThreshold: props.massDownloadThreshold ?? 50,
        sharedLinkThreshold: props.sharedLinkThreshold ?? 20,
      }),
    });
  }

  private validate(props: BoxConnectorProps, secretNames: readonly string[], revision: number): void {
    const problems: string[] = [];
    const literal = (v: string) => !Token.isUnresolved(v);
    if (literal(props.enterpriseId) && !/^\d{4,20}$/.test(props.enterpriseId))
      problems.push(`enterpriseId "${props.enterpriseId}" must be the numeric Box enterprise id`);
    for (const name of secretNames) {
      if (literal(name) && !/^[0-9a-zA-Z-]{1,127}$/.test(name))
        problems.push(`secret name "${name}" must be 1-127 letters, digits or hyphens`);
    }
    if (secretNames[0] === secretNames[1]) problems.push('clientIdSecretName and clientSecretSecretName must differ');
    if (literal(props.nameSuffix) && !/^[a-z0-9][a-z0-9-]{0,40}[a-z0-9]$/.test(props.nameSuffix))
      problems.push(`nameSuffix "${props.nameSuffix}" must be lower-case letters, digits and hyphens`);
    if (!Number.isInteger(revision) || revision < 1)
      problems.push(`credentialRevision must be a positive integer (got ${revision})`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
  }
}
