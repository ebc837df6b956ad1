/**
 * The shape of Microsoft Sentinel's Box connector on the Codeless Connector Framework (CCF), as
 * Microsoft publishes it in the Azure-Sentinel repository (Solutions/Box/Data Connectors/BoxEvents_ccp):
 * a `RestApiPoller` data connector that polls Box's enterprise event stream (`admin_logs`) with
 * the OAuth 2.0 client-credentials grant, and writes through a data collection rule into the
 * `BoxEventsV2_CL` table. The names match Microsoft's, so the Box solution's workbook and parser
 * (installed from the Content Hub) read the same table.
 */

/** Custom table the connector writes to. */
export const BOX_TABLE = 'BoxEventsV2_CL';
/** Input stream the poller posts to (the DCR's declared stream). */
export const BOX_INPUT_STREAM = 'Custom-Box_CL';
export const BOX_CONNECTOR_DEFINITION = 'BoxEventsCCPDefinition';
export const BOX_CONNECTOR_NAME = 'BoxEventsCCPPolling';

type ColumnType = 'string' | 'datetime' | 'dynamic';

/** Fields of a Box event as the poller receives them (the DCR input stream). */
export const BOX_INPUT_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['type', 'string'],
  ['event_id', 'string'],
  ['created_by', 'dynamic'],
  ['created_at', 'datetime'],
  ['recorded_at', 'datetime'],
  ['event_type', 'string'],
  ['session_id', 'string'],
  ['source', 'dynamic'],
  ['ip_address', 'string'],
  ['accessible_by', 'dynamic'],
  ['action_by', 'dynamic'],
  ['additional_details', 'dynamic'],
];

/**
 * Columns kept from the input, with their type in the table. `session_id` arrives as a string but
 * is `dynamic` in Microsoft's BoxEventsV2_CL (BoxEvents_table.json in the same folder), so parsers
 * and workbooks written for Microsoft's table work on this one.
 */
const KEPT_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['event_id', 'string'],
  ['event_type', 'string'],
  ['created_at', 'datetime'],
  ['ip_address', 'string'],
  ['session_id', 'dynamic'],
  ['additional_details', 'dynamic'],
];

/** Flattened columns: table column -> path in the Box event. Flat columns keep analytics rules simple. */
const FLATTENED: ReadonlyArray<readonly [string, string]> = [
  ['created_by_type', 'created_by.type'],
  ['created_by_id', 'created_by.id'],
  ['created_by_name', 'created_by.name'],
  ['created_by_login', 'created_by.login'],
  ['source_type', 'source.type'],
  ['source_id', 'source.id'],
  ['source_name', 'source.name'],
  ['source_login', 'source.login'],
  ['source_item_type', 'source.item_type'],
  ['source_item_id', 'source.item_id'],
  ['source_item_name', 'source.item_name'],
  ['source_file_id', 'source.file_id'],
  ['source_file_name', 'source.file_name'],
  ['source_folder_id', 'source.folder_id'],
  ['source_folder_name', 'source.folder_name'],
  ['source_user_id', 'source.user_id'],
  ['source_user_name', 'source.user_name'],
  ['source_user_email', 'source.user_email'],
  ['source_parent_type', 'source.parent.type'],
  ['source_parent_id', 'source.parent.id'],
  ['source_parent_name', 'source.parent.name'],
  ['source_owned_by_type', 'source.owned_by.type'],
  ['source_owned_by_id', 'source.owned_by.id'],
  ['source_owned_by_name', 'source.owned_by.name'],
  ['source_owned_by_login', 'source.owned_by.login'],
  ['source_classification_name', 'source.classification.name'],
  ['accessible_by_type', 'accessible_by.type'],
  ['accessible_by_id', 'accessible_by.id'],
  ['accessible_by_name', 'accessible_by.name'],
  ['accessible_by_login', 'accessible_by.login'],
];

/** Columns of the custom table, with Log Analytics' type names. */
export function boxTableColumns(): Array<{ name: string; type: string }> {
  const laType = (t: ColumnType) => (t === 'datetime' ? 'dateTime' : t);
  return [
    { name: 'TimeGenerated', type: 'dateTime' },
    { name: 'event_category', type: 'string' },
    ...KEPT_COLUMNS.map(([name, type]) => ({ name, type: laType(type) })),
    ...FLATTENED.map(([name]) => ({ name, type: 'string' })),
  ];
}

/** The DCR transformation from the input stream to the table: time, category, then one flat column per field. */
export function boxTransformKql(): string {
  return [
    'source',
    '| extend TimeGenerated = created_at, event_category = type',
    `| extend ${FLATTENED.map(([name, path]) => `${name} = tostring(${path})`).join(', ')}`,
    '| project-away type, created_by, recorded_at, source, accessible_by, action_by',
  ].join('\n');
}

/**
 * ARM template for the connector definition and the RestApiPoller connector, scoped to the
 * workspace. Credentials are `securestring` parameters: the deployment's parameters file passes
 * Key Vault references, so the values never appear in the template, in Terraform state or in logs.
 */
export function boxConnectorTemplate(): Record<string, unknown> {
  const onWorkspace = (type: string, name: string) => ({
    type: `Microsoft.OperationalInsights/workspaces/providers/${type}`,
    name: `[concat(parameters('workspaceName'), '/Microsoft.SecurityInsights/', '${name}')]`,
  });
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      workspaceName: { type: 'string' },
      location: { type: 'string' },
      boxEnterpriseId: { type: 'string' },
      dataCollectionEndpoint: { type: 'string' },
      dataCollectionRuleImmutableId: { type: 'string' },
      clientId: { type: 'securestring' },
      clientSecret: { type: 'securestring' },
      credentialRevision: {
        type: 'int',
        metadata: { description: 'Raised to redeploy after the credentials change in Key Vault.' },
      },
    },
    resources: [
      {
        ...onWorkspace('dataConnectorDefinitions', BOX_CONNECTOR_DEFINITION),
        apiVersion: '2022-09-01-preview',
        location: "[parameters('location')]",
        kind: 'Customizable',
        properties: {
          connectorUiConfig: {
            id: BOX_CONNECTOR_DEFINITION,
            title: 'Box Events (Codeless Connector Framework)',
            publisher: 'Blue Lamp',
            descriptionMarkdown:
              'Box enterprise (admin_logs) events, polled by Microsoft Sentinel. Deployed by Blue Lamp; credentials come from the force Key Vault.',
            graphQueriesTableName: BOX_TABLE,
            graphQueries: [
              { metricName: 'Events received', legend: 'Box events', baseQuery: '{{graphQueriesTableName}}' },
            ],
            sampleQueries: [
              { description: 'Latest Box events', query: `${BOX_TABLE}\n| sort by TimeGenerated desc\n| take 100` },
            ],
            dataTypes: [
              {
                name: '{{graphQueriesTableName}}',
                lastDataReceivedQuery:
                  '{{graphQueriesTableName}}\n| summarize Time = max(TimeGenerated)\n| where isnotempty(Time)',
              },
            ],
            connectivityCriteria: [{ type: 'HasDataConnectors' }],
            permissions: {
              resourceProvider: [
                {
                  provider: 'Microsoft.OperationalInsights/workspaces',
                  permissionsDisplayText: 'Read and write permissions on the workspace.',
                  providerDisplayName: 'Workspace',
                  scope: 'Workspace',
                  requiredPermissions: { read: true, write: true, delete: true },
                },
              ],
            },
            instructionSteps: [
              { description: 'Managed by Blue Lamp (Terraform). See docs/connectors.md in the Blue Lamp repository.' },
            ],
          },
        },
      },
      {
        ...onWorkspace('dataConnectors', BOX_CONNECTOR_NAME),
        apiVersion: '2022-12-01-preview',
        location: "[parameters('location')]",
        kind: 'RestApiPoller',
        dependsOn: [
          `[resourceId('Microsoft.OperationalInsights/workspaces/providers/dataConnectorDefinitions', parameters('workspaceName'), 'Microsoft.SecurityInsights', '${BOX_CONNECTOR_DEFINITION}')]`,
        ],
        properties: {
          connectorDefinitionName: BOX_CONNECTOR_DEFINITION,
          dataType: BOX_TABLE,
          dcrConfig: {
            dataCollectionEndpoint: "[parameters('dataCollectionEndpoint')]",
            dataCollectionRuleImmutableId: "[parameters('dataCollectionRuleImmutableId')]",
            streamName: BOX_INPUT_STREAM,
          },
          auth: {
            type: 'OAuth2',
            grantType: 'client_credentials',
            clientId: "[parameters('clientId')]",
            clientSecret: "[parameters('clientSecret')]",
            tokenEndpoint: 'https://api.box.com/oauth2/token',
            tokenEndpointHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' },
            tokenEndpointQueryParameters: {
              box_subject_type: 'enterprise',
              box_subject_id: "[parameters('boxEnterpriseId')]",
            },
          },
          request: {
            apiEndpoint: 'https://api.box.com/2.0/events',
            httpMethod: 'GET',
            queryParameters: { stream_type: 'admin_logs' },
            queryWindowInMin: 5,
            queryTimeFormat: 'yyyy-MM-ddTHH:mm:ssZ',
            startTimeAttributeName: 'created_after',
            rateLimitQPS: 10,
            retryCount: 3,
            timeoutInSeconds: 60,
            headers: { Accept: 'application/json' },
          },
          paging: {
            pagingType: 'PersistentToken',
            nextPageTokenJsonPath: '$.next_stream_position',
            nextPageParaName: 'stream_position',
          },
          response: { eventsJsonPaths: ['$.entries'], format: 'json' },
        },
      },
    ],
  };
}
