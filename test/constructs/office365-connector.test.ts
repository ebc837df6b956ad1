import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { SentinelDataConnectorAzureActiveDirectory } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-active-directory';
import { SentinelDataConnectorMicrosoftThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-threat-protection';
import { SentinelDataConnectorOffice365 } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-365';
import { Testing } from 'cdktf';
// Brings cdktf's jest matcher types (toHaveResourceWithProperties) into scope; Testing.setupJest() registers them.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { Office365Connector, type Office365ConnectorProps } from '../../constructs/office365-connector';

Testing.setupJest();

const WORKSPACE_ID =
  '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-logging-uks/providers/Microsoft.OperationalInsights/workspaces/log-alpha-uks';
const TENANT_ID = '00000000-0000-4000-8000-00000000a001';

function synth(props: Partial<Office365ConnectorProps> = {}): string {
  return Testing.synthScope(
    (scope) => new Office365Connector(scope, 'Office365', { workspaceId: WORKSPACE_ID, tenantId: TENANT_ID, ...props }),
  );
}

function rules(json: string): Array<Record<string, any>> {
  return Object.values(JSON.parse(json).resource.azurerm_sentinel_alert_rule_scheduled ?? {});
}

describe('Office365Connector', () => {
  const json = synth();

  it('connects Exchange, SharePoint and Teams audit logs of the force tenant by default', () => {
    expect(json).toHaveResourceWithProperties(SentinelDataConnectorOffice365, {
      log_analytics_workspace_id: WORKSPACE_ID,
      tenant_id: TENANT_ID,
      exchange_enabled: true,
      sharepoint_enabled: true,
      teams_enabled: true,
    });
  });

  it('connects Entra ID Protection and Defender XDR incidents to the same workspace', () => {
    expect(json).toHaveResourceWithProperties(SentinelDataConnectorAzureActiveDirectory, {
      log_analytics_workspace_id: WORKSPACE_ID,
      tenant_id: TENANT_ID,
    });
    expect(json).toHaveResourceWithProperties(SentinelDataConnectorMicrosoftThreatProtection, {
      log_analytics_workspace_id: WORKSPACE_ID,
      tenant_id: TENANT_ID,
    });
  });

  it('sends Entra sign-in and audit logs to the workspace through the tenant diagnostic setting', () => {
    const setting = Object.values(JSON.parse(json).resource.azurerm_monitor_aad_diagnostic_setting)[0] as Record<
      string,
      any
    >;
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    const categories = setting.enabled_log.map((l: { category: string }) => l.category);
    expect(categories).toEqual(
      expect.arrayContaining(['AuditLogs', 'SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs']),
    );
    expect(json).toHaveResourceWithProperties(MonitorAadDiagnosticSetting, { name: 'bluelamp-sentinel' });
  });

  it('creates the policing analytics rules, each described, with tactics, on the workspace', () => {
    const all = rules(json);
    expect(all.map((r) => r.display_name).sort()).toEqual([
      'Mailbox forwarding to an external domain',
      'Mass download from SharePoint or OneDrive',
      'New inbox rule deletes or moves mail',
      'Privileged Entra role assigned',
      'Successful sign-in from outside the United Kingdom',
      'Teams external or guest access changed',
    ]);
    for (const rule of all) {
      expect(rule.log_analytics_workspace_id).toBe(WORKSPACE_ID);
      expect(rule.description.length).toBeGreaterThan(80);
      expect(rule.tactics.length).toBeGreaterThan(0);
      expect(['High', 'Medium', 'Low']).toContain(rule.severity);
      expect(rule.query).toMatch(/^(OfficeActivity|AuditLogs|SigninLogs)\n/);
    }
  });

  it('uses the configured mass-download threshold in the SharePoint rule', () => {
    const rule = rules(synth({ massDownloadThreshold: 250 })).find(
      (r) => r.name === 'bluelamp-share-point-mass-download',
    )!;
    expect(rule.query).toContain('| where FilesDownloaded >= 250');
    expect(rule.description).toContain('250 or more');
  });

  it('collects only the chosen workloads and drops the rules over the others', () => {
    const exchangeOnly = synth({ workloads: ['exchange'] });
    expect(exchangeOnly).toHaveResourceWithProperties(SentinelDataConnectorOffice365, {
      exchange_enabled: true,
      sharepoint_enabled: false,
      teams_enabled: false,
    });
    const queries = rules(exchangeOnly).map((r) => r.query as string);
    expect(queries.some((q) => q.includes('"SharePoint"'))).toBe(false);
    expect(queries.some((q) => q.includes('MicrosoftTeams'))).toBe(false);
    expect(queries.filter((q) => q.includes('"Exchange"'))).toHaveLength(2);
  });

  it('refuses no workloads, no log categories and a silly threshold, naming each', () => {
    expect(() =>
      synth({ workloads: [], entraLogCategories: [], massDownloadThreshold: 1, tenantId: 'not-a-guid' }),
    ).toThrow(
      /Office365: workloads must name at least one.*entraLogCategories must name at least one.*massDownloadThreshold must be an integer of 2 or more.*tenantId "not-a-guid" is not a GUID/,
    );
  });
});
