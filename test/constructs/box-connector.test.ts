import { LogAnalyticsWorkspaceTableCustomLog } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table-custom-log';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { Testing } from 'cdktf';
// Brings cdktf's jest matcher types (toHaveResourceWithProperties) into scope; Testing.setupJest() registers them.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { BOX_SECRET_PLACEHOLDER, BoxConnector, type BoxConnectorProps } from '../../constructs/box-connector';

Testing.setupJest();

const WORKSPACE_ID =
  '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-logging-uks/providers/Microsoft.OperationalInsights/workspaces/log-alpha-uks';
const KEY_VAULT_ID =
  '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-security-uks/providers/Microsoft.KeyVault/vaults/kv-alpha-1a2b3c';

const PROPS: BoxConnectorProps = {
  workspaceId: WORKSPACE_ID,
  workspaceName: 'log-alpha-uks',
  workspaceResourceGroupName: 'rg-alpha-logging-uks',
  location: 'uksouth',
  enterpriseId: '123456',
  subscriptionId: '00000000-0000-4000-8000-00000000a002',
  keyVaultId: KEY_VAULT_ID,
  nameSuffix: 'alpha-uks',
  pollerEnabled: true,
};

function synth(props: Partial<BoxConnectorProps> = {}): string {
  return Testing.synthScope((scope) => new BoxConnector(scope, 'Box', { ...PROPS, ...props }));
}

describe('BoxConnector', () => {
  const json = synth();
  const resources = JSON.parse(json).resource;
  const deployment = Object.values<Record<string, any>>(resources.azurerm_resource_group_template_deployment)[0];
  const template = JSON.parse(deployment.template_content);

  it('creates the Key Vault entries for the Box credentials with a write-only placeholder, never a value', () => {
    const secrets = Object.values<Record<string, any>>(resources.azurerm_key_vault_secret);
    expect(secrets.map((s) => s.name).sort()).toEqual(['box-client-id', 'box-client-secret']);
    for (const s of secrets) {
      expect(s.key_vault_id).toBe(KEY_VAULT_ID);
      expect(s.value_wo).toBe(BOX_SECRET_PLACEHOLDER);
      expect(s.value_wo_version).toBe(1);
      expect(s).not.toHaveProperty('value');
    }
  });

  it('passes the credentials to ARM as Key Vault references, never as literals', () => {
    expect(deployment.parameters_content).toContain('"reference"');
    expect(deployment.parameters_content).toContain(KEY_VAULT_ID);
    expect(deployment.parameters_content).toMatch(
      /"clientSecret" = \{"reference" = \{"keyVault" = \{"id" = "[^"]+"\}, "secretName" = azurerm_key_vault_secret\.Box_ClientSecretSecret_\w+\.name\}\}/,
    );
    expect(template.parameters.clientSecret.type).toBe('securestring');
    expect(template.parameters.clientId.type).toBe('securestring');
    // The template only ever names the secure parameters; their values exist only inside ARM.
    const auth = template.resources.find((r: any) => r.kind === 'RestApiPoller').properties.auth;
    expect(auth.clientSecret).toBe("[parameters('clientSecret')]");
    expect(auth.clientId).toBe("[parameters('clientId')]");
    expect(template.parameters.clientSecret).not.toHaveProperty('defaultValue');
  });

  it('deploys a RestApiPoller connector polling Box admin_logs with client credentials for the enterprise', () => {
    expect(deployment).toEqual(
      expect.objectContaining({ resource_group_name: 'rg-alpha-logging-uks', deployment_mode: 'Incremental' }),
    );
    const poller = template.resources.find((r: any) => r.kind === 'RestApiPoller');
    expect(poller.type).toBe('Microsoft.OperationalInsights/workspaces/providers/dataConnectors');
    expect(poller.properties.auth).toEqual(
      expect.objectContaining({
        type: 'OAuth2',
        grantType: 'client_credentials',
        tokenEndpoint: 'https://api.box.com/oauth2/token',
      }),
    );
    expect(poller.properties.auth.tokenEndpointQueryParameters).toEqual({
      box_subject_type: 'enterprise',
      box_subject_id: "[parameters('boxEnterpriseId')]",
    });
    expect(poller.properties.request).toEqual(
      expect.objectContaining({
        apiEndpoint: 'https://api.box.com/2.0/events',
        queryParameters: { stream_type: 'admin_logs' },
      }),
    );
    expect(poller.properties.dcrConfig.streamName).toBe('Custom-Box_CL');
    expect(deployment.parameters_content).toContain('"boxEnterpriseId" = {"value" = "123456"}');
    expect(deployment.parameters_content).toContain('immutable_id');
    expect(deployment.parameters_content).toContain('logs_ingestion_endpoint');
  });

  it('orders the deployment after the secret entries exist', () => {
    expect(deployment.depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^azurerm_key_vault_secret\./)]),
    );
    expect(deployment.depends_on).toHaveLength(2);
  });

  it('writes through a data collection rule into the custom table, in the workspace region', () => {
    expect(json).toHaveResourceWithProperties(LogAnalyticsWorkspaceTableCustomLog, {
      name: 'BoxEventsV2_CL',
      workspace_id: WORKSPACE_ID,
    });
    expect(json).toHaveResourceWithProperties(MonitorDataCollectionEndpoint, {
      name: 'dce-box-alpha-uks',
      location: 'uksouth',
    });
    const rule = Object.values<Record<string, any>>(resources.azurerm_monitor_data_collection_rule)[0];
    expect(rule.location).toBe('uksouth');
    expect(rule.destinations.log_analytics[0].workspace_resource_id).toBe(WORKSPACE_ID);
    expect(rule.data_flow[0].streams).toEqual(['Custom-Box_CL']);
    expect(rule.data_flow[0].output_stream).toMatch(/^Custom-\$\{azurerm_log_analytics_workspace_table_custom_log\./);
  });

  it('only emits table columns that the transformation produces and the table declares', () => {
    const table = Object.values<Record<string, any>>(resources.azurerm_log_analytics_workspace_table_custom_log)[0];
    const columns = new Set(table.column.map((c: { name: string }) => c.name));
    const rule = Object.values<Record<string, any>>(resources.azurerm_monitor_data_collection_rule)[0];
    const kql: string = rule.data_flow[0].transform_kql;
    const produced = [...kql.matchAll(/(\w+) = /g)].map((m) => m[1]);
    for (const name of produced) expect(columns).toContain(name);
    const analytics = Object.values<Record<string, any>>(resources.azurerm_sentinel_alert_rule_scheduled);
    for (const a of analytics) {
      for (const used of [
        'created_by_login',
        'accessible_by_login',
        'source_item_id',
        'source_item_name',
        'ip_address',
        'event_type',
      ]) {
        if (a.query.includes(used)) expect(columns).toContain(used);
      }
    }
  });

  it('creates the Box analytics rules over the custom table', () => {
    const analytics = Object.values<Record<string, any>>(resources.azurerm_sentinel_alert_rule_scheduled);
    expect(analytics.map((a) => a.name).sort()).toEqual([
      'bluelamp-box-external-collaborator',
      'bluelamp-box-mass-download',
      'bluelamp-box-shared-link-burst',
    ]);
    for (const a of analytics) expect(a.query.startsWith('BoxEventsV2_CL\n')).toBe(true);
  });

  it('redeploys the connector when the credential revision is raised', () => {
    const next = Object.values(
      JSON.parse(synth({ credentialRevision: 2 })).resource.azurerm_resource_group_template_deployment,
    )[0] as Record<string, any>;
    expect(next.parameters_content).toContain('"credentialRevision" = {"value" = 2}');
    expect(deployment.parameters_content).toContain('"credentialRevision" = {"value" = 1}');
  });

  it('refuses a bad enterprise id, secret name and revision, naming each', () => {
    expect(() => synth({ enterpriseId: 'acme', clientIdSecretName: 'box_id', credentialRevision: 0 })).toThrow(
      /Box: enterpriseId "acme".*secret name "box_id".*credentialRevision must be a positive integer/,
    );
  });

  it('leaves the poller out until it is enabled, and builds everything else, so the first apply succeeds either way', () => {
    const first = JSON.parse(synth({ pollerEnabled: undefined })).resource;
    expect(first.azurerm_resource_group_template_deployment).toBeUndefined();
    for (const type of [
      'azurerm_log_analytics_workspace_table_custom_log',
      'azurerm_monitor_data_collection_endpoint',
      'azurerm_monitor_data_collection_rule',
      'azurerm_key_vault_secret',
      'azurerm_sentinel_alert_rule_scheduled',
    ])
      expect(Object.keys(first[type] ?? {}).length).toBeGreaterThan(0);
  });

  it('creates the analytics rules only after the custom table they query', () => {
    const tableAddress = `azurerm_log_analytics_workspace_table_custom_log.${Object.keys(resources.azurerm_log_analytics_workspace_table_custom_log)[0]}`;
    for (const a of Object.values<Record<string, any>>(resources.azurerm_sentinel_alert_rule_scheduled))
      expect(a.depends_on).toEqual([tableAddress]);
  });

  it('writes the secret entries only after what it is told the data plane needs (private endpoint, role)', () => {
    const withOrder = JSON.parse(
      Testing.synthScope((scope) => {
        const ready = new LogAnalyticsWorkspaceTableCustomLog(scope, 'Stand-in', {
          name: 'Stand_CL',
          workspaceId: WORKSPACE_ID,
          column: [{ name: 'TimeGenerated', type: 'dateTime' }],
        });
        new BoxConnector(scope, 'Box', { ...PROPS, secretsDependOn: [ready] });
      }),
    ).resource;
    for (const secret of Object.values<Record<string, any>>(withOrder.azurerm_key_vault_secret))
      expect(secret.depends_on).toEqual([
        expect.stringMatching(/^azurerm_log_analytics_workspace_table_custom_log\.Stand-in/),
      ]);
  });

  it("types session_id as dynamic, as Microsoft's BoxEventsV2_CL does, while the input stream keeps it a string", () => {
    const table = Object.values<Record<string, any>>(resources.azurerm_log_analytics_workspace_table_custom_log)[0];
    expect(table.column).toContainEqual({ name: 'session_id', type: 'dynamic' });
    const rule = Object.values<Record<string, any>>(resources.azurerm_monitor_data_collection_rule)[0];
    expect(rule.stream_declaration[0].column).toContainEqual({ name: 'session_id', type: 'string' });
  });
});
