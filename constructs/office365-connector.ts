import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { SentinelDataConnectorAzureActiveDirectory } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-azure-active-directory';
import { SentinelDataConnectorMicrosoftThreatProtection } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-microsoft-threat-protection';
import { SentinelDataConnectorOffice365 } from '@cdktf/provider-azurerm/lib/sentinel-data-connector-office-365';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { GUID_PATTERN } from '../util/platform-facts';
import { office365AnalyticsRules, type Office365RuleWorkload } from './office365-analytics-rules';
import { SentinelAnalyticsRules } from './sentinel-analytics-rules';

export type Office365Workload = Office365RuleWorkload;

/** Entra ID log categories sent to the workspace. All of them are read by Sentinel's Entra ID content. */
export const DEFAULT_ENTRA_LOG_CATEGORIES = [
  'AuditLogs',
  'SignInLogs',
  'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
  'ProvisioningLogs',
  'RiskyUsers',
  'UserRiskEvents',
  'RiskyServicePrincipals',
  'ServicePrincipalRiskEvents',
  'MicrosoftGraphActivityLogs',
] as const;

export interface Office365ConnectorProps {
  /**
   * Log Analytics workspace id with Sentinel onboarded. Pass an id that Terraform derives from the
   * Sentinel onboarding resource, so the connectors are created after onboarding.
   */
  readonly workspaceId: string;
  /**
   * Entra tenant the connectors read from. It must be the tenant the provider is signed in to:
   * Microsoft only lets a workspace connect the Office 365 and Entra logs of its own tenant.
   * @default - the provider's tenant
   */
  readonly tenantId?: string;
  /**
   * Office 365 workloads whose audit logs are collected.
   * @default ['exchange', 'sharepoint', 'teams']
   */
  readonly workloads?: readonly Office365Workload[];
  /**
   * Entra ID (tenant) diagnostic log categories sent to the workspace.
   * @default DEFAULT_ENTRA_LOG_CATEGORIES
   */
  readonly entraLogCategories?: readonly string[];
  /**
   * Name of the tenant-level Entra diagnostic setting. Unique in the tenant.
   * @default 'bluelamp-sentinel'
   */
  readonly entraDiagnosticSettingName?: string;
  /**
   * Distinct SharePoint/OneDrive files one user downloads in an hour that raise an incident.
   * @default 100
   */
  readonly massDownloadThreshold?: number;
}

const WORKLOADS: readonly Office365Workload[] = ['exchange', 'sharepoint', 'teams'];

/**
 * Office 365, Entra ID and Microsoft Defender XDR into the force's Sentinel workspace: the Office
 * 365 connector (Exchange, SharePoint/OneDrive, Teams as chosen), the Entra ID Protection and
 * Defender XDR incident connectors, Entra sign-in and audit logs through the tenant diagnostic
 * setting, and the analytics rules a policing SOC expects over that data.
 */
export class Office365Connector extends Construct {
  /** Azure names of the analytics rules created. */
  readonly analyticsRuleNames: string[];

  constructor(scope: Construct, id: string, props: Office365ConnectorProps) {
    super(scope, id);
    const workloads = [...new Set(props.workloads ?? WORKLOADS)];
    const categories = [...new Set(props.entraLogCategories ?? DEFAULT_ENTRA_LOG_CATEGORIES)];
    const threshold = props.massDownloadThreshold ?? 100;

    const problems: string[] = [];
    if (workloads.length === 0) problems.push(`workloads must name at least one of ${WORKLOADS.join(', ')}`);
    const unknown = workloads.filter((w) => !WORKLOADS.includes(w));
    if (unknown.length > 0) problems.push(`workloads: ${unknown.join(', ')} not allowed; use ${WORKLOADS.join(', ')}`);
    if (categories.length === 0)
      problems.push('entraLogCategories must name at least one category (AuditLogs, SignInLogs, ...)');
    if (!Token.isUnresolved(threshold) && (!Number.isInteger(threshold) || threshold < 2))
      problems.push(`massDownloadThreshold must be an integer of 2 or more (got ${threshold})`);
    if (props.tenantId && !Token.isUnresolved(props.tenantId) && !GUID_PATTERN.test(props.tenantId)) {
      problems.push(`tenantId "${props.tenantId}" is not a GUID`);
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const common = { logAnalyticsWorkspaceId: props.workspaceId, tenantId: props.tenantId };
    new SentinelDataConnectorOffice365(this, 'Office365', {
      ...common,
      name: 'office365',
      exchangeEnabled: workloads.includes('exchange'),
      sharepointEnabled: workloads.includes('sharepoint'),
      teamsEnabled: workloads.includes('teams'),
    });
    // Entra ID Protection alerts; sign-in and audit logs come through the diagnostic setting below.
    new SentinelDataConnectorAzureActiveDirectory(this, 'EntraId', { ...common, name: 'entra-id' });
    // Defender XDR incidents and alerts (Defender for Endpoint, Office 365, Identity, Cloud Apps).
    new SentinelDataConnectorMicrosoftThreatProtection(this, 'DefenderXdr', { ...common, name: 'defender-xdr' });

    new MonitorAadDiagnosticSetting(this, 'EntraLogs', {
      name: props.entraDiagnosticSettingName ?? 'bluelamp-sentinel',
      logAnalyticsWorkspaceId: props.workspaceId,
      enabledLog: categories.map((category) => ({ category })),
    });

    const rules = new SentinelAnalyticsRules(this, 'AnalyticsRules', {
      workspaceId: props.workspaceId,
      rules: office365AnalyticsRules({ workloads, massDownloadThreshold: threshold }),
    });
    this.analyticsRuleNames = rules.ruleNames;
  }
}
