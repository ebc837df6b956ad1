/**
 * Scheduled analytics rules over the Office 365 (OfficeActivity) and Entra ID (AuditLogs,
 * SigninLogs) tables. Each rule's description says what it detects; the queries use only columns
 * those tables have, so they validate when the rule is created.
 */
import type { AnalyticsRuleDefinition } from './sentinel-analytics-rules';

export type Office365RuleWorkload = 'exchange' | 'sharepoint' | 'teams';

export interface Office365RuleOptions {
  /** Rules for a workload are included only when its logs are collected. */
  readonly workloads: readonly Office365RuleWorkload[];
  /** Distinct SharePoint/OneDrive files one user downloads in an hour that raise an incident. */
  readonly massDownloadThreshold: number;
}

/** Exchange parameters that send a copy of mail somewhere else. */
const FORWARDING_PARAMETERS = [
  'ForwardingSmtpAddress',
  'ForwardingAddress',
  'ForwardTo',
  'RedirectTo',
  'ForwardAsAttachmentTo',
];

/** Entra roles whose holders can read any mailbox or change the tenant. */
const PRIVILEGED_ROLES = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Privileged Authentication Administrator',
  'Security Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Teams Administrator',
  'Conditional Access Administrator',
  'Application Administrator',
];

const kqlList = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

export function office365AnalyticsRules(options: Office365RuleOptions): AnalyticsRuleDefinition[] {
  const on = (w: Office365RuleWorkload) => options.workloads.includes(w);
  const rules: AnalyticsRuleDefinition[] = [];

  if (on('sharepoint')) {
    rules.push({
      id: 'SharePointMassDownload',
      displayName: 'Mass download from SharePoint or OneDrive',
      description:
        `One user downloaded ${options.massDownloadThreshold} or more distinct files from SharePoint or OneDrive within an hour. ` +
        'In a force this often precedes data theft by a leaver or a compromised account (case files, intelligence reports).',
      severity: 'High',
      tactics: ['Collection', 'Exfiltration'],
      techniques: ['T1530', 'T1567'],
      query: [
        'OfficeActivity',
        '| where OfficeWorkload in ("SharePoint", "OneDrive")',
        '| where Operation in ("FileDownloaded", "FileSyncDownloadedFull")',
        '| summarize FilesDownloaded = dcount(OfficeObjectId), Sites = make_set(Site_Url, 20), StartTime = min(TimeGenerated), EndTime = max(TimeGenerated) by UserId, ClientIP',
        `| where FilesDownloaded >= ${options.massDownloadThreshold}`,
      ].join('\n'),
      accountColumn: 'UserId',
      ipColumn: 'ClientIP',
    });
  }

  if (on('exchange')) {
    rules.push(
      {
        id: 'MailboxForwardingExternal',
        displayName: 'Mailbox forwarding to an external domain',
        description:
          'A mailbox or inbox rule was set to forward or redirect mail to an address outside the domain of the user who made the change. ' +
          'Forwarding police mail outside the organisation is a common way to exfiltrate it and to keep access after a password reset.',
        severity: 'High',
        tactics: ['Collection', 'Exfiltration'],
        techniques: ['T1114', 'T1020'],
        query: [
          'OfficeActivity',
          '| where OfficeWorkload == "Exchange"',
          '| where Operation in ("Set-Mailbox", "New-InboxRule", "Set-InboxRule")',
          '| mv-apply Parameter = todynamic(Parameters) on (',
          `    where tostring(Parameter.Name) in (${kqlList(FORWARDING_PARAMETERS)})`,
          '    | extend Destination = tostring(Parameter.Value)',
          '  )',
          '| extend DestinationDomain = tolower(extract(@"@([A-Za-z0-9.-]+)", 1, Destination)), UserDomain = tolower(extract(@"@([A-Za-z0-9.-]+)$", 1, UserId))',
          '| where isnotempty(DestinationDomain) and DestinationDomain != UserDomain',
          '| project TimeGenerated, UserId, ClientIP, Operation, Mailbox = OfficeObjectId, Destination, DestinationDomain',
        ].join('\n'),
        accountColumn: 'UserId',
        ipColumn: 'ClientIP',
      },
      {
        id: 'InboxRuleDeletesOrMovesMail',
        displayName: 'New inbox rule deletes or moves mail',
        description:
          'An inbox rule was created or changed to delete, move or mark mail as read. Attackers in a mailbox use such rules to hide ' +
          'replies and security warnings from the real owner while they use the account.',
        severity: 'Medium',
        tactics: ['DefenseEvasion', 'Persistence'],
        techniques: ['T1564', 'T1114'],
        query: [
          'OfficeActivity',
          '| where OfficeWorkload == "Exchange"',
          '| where Operation in ("New-InboxRule", "Set-InboxRule", "UpdateInboxRules")',
          '| mv-apply Parameter = todynamic(Parameters) on (',
          '    where tostring(Parameter.Name) in ("DeleteMessage", "SoftDeleteMessage", "MoveToFolder", "MarkAsRead")',
          '    | where tostring(Parameter.Value) !in~ ("False", "")',
          '    | summarize RuleActions = make_set(strcat(tostring(Parameter.Name), "=", tostring(Parameter.Value)))',
          '  )',
          '| where array_length(RuleActions) > 0',
          '| project TimeGenerated, UserId, ClientIP, Operation, Mailbox = OfficeObjectId, RuleActions, Parameters',
        ].join('\n'),
        accountColumn: 'UserId',
        ipColumn: 'ClientIP',
      },
    );
  }

  if (on('teams')) {
    rules.push({
      id: 'TeamsExternalAccessChanged',
      displayName: 'Teams external or guest access changed',
      description:
        'A Teams administrator changed federation, external access or guest access settings. Opening Teams to outside ' +
        'organisations lets officers chat and share files with people the force has not vetted; every change should be a planned one.',
      severity: 'Medium',
      tactics: ['Persistence', 'DefenseEvasion'],
      techniques: ['T1098', 'T1562'],
      query: [
        'OfficeActivity',
        '| where OfficeWorkload in ("MicrosoftTeams", "SkypeForBusiness")',
        '| where Operation in ("Set-CsTenantFederationConfiguration", "Set-CsExternalAccessPolicy", "Set-CsTeamsClientConfiguration", "TeamsTenantSettingChanged")',
        '| project TimeGenerated, UserId, ClientIP, Operation, OfficeWorkload, Name, OldValue, NewValue, Parameters',
      ].join('\n'),
      accountColumn: 'UserId',
      ipColumn: 'ClientIP',
    });
  }

  rules.push(
    {
      id: 'PrivilegedRoleAssigned',
      displayName: 'Privileged Entra role assigned',
      description:
        'A user or service principal was made a member (active or eligible) of a privileged Entra role such as Global Administrator. ' +
        'Admin rights in the force tenant reach every mailbox and case file; assignments should come only through the approved PIM process.',
      severity: 'High',
      tactics: ['PrivilegeEscalation', 'Persistence'],
      techniques: ['T1098'],
      query: [
        'AuditLogs',
        '| where Category == "RoleManagement"',
        '| where OperationName has "member to role"',
        '| where Result =~ "success"',
        '| mv-apply Property = TargetResources[0].modifiedProperties on (',
        '    where tostring(Property.displayName) == "Role.DisplayName"',
        "    | extend RoleName = trim(@'[\"\\s]+', tostring(Property.newValue))",
        '  )',
        `| where RoleName in (${kqlList(PRIVILEGED_ROLES)})`,
        '| extend Actor = coalesce(tostring(InitiatedBy.user.userPrincipalName), tostring(InitiatedBy.app.displayName)), Target = coalesce(tostring(TargetResources[0].userPrincipalName), tostring(TargetResources[0].displayName))',
        '| project TimeGenerated, OperationName, RoleName, Actor, Target, CorrelationId',
      ].join('\n'),
      accountColumn: 'Actor',
    },
    {
      id: 'SignInOutsideUnitedKingdom',
      displayName: 'Successful sign-in from outside the United Kingdom',
      description:
        'A user signed in successfully from a location outside the UK. Police systems hold OFFICIAL data that is to be used from the UK; ' +
        'a foreign sign-in is either approved travel (add the user to an exclusion watchlist) or a stolen credential.',
      severity: 'Low',
      tactics: ['InitialAccess'],
      techniques: ['T1078'],
      query: [
        'SigninLogs',
        '| where ResultType == "0"',
        '| where isnotempty(Location) and Location != "GB"',
        '| summarize SignIns = count(), Apps = make_set(AppDisplayName, 10), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by UserPrincipalName, IPAddress, Location',
      ].join('\n'),
      accountColumn: 'UserPrincipalName',
      ipColumn: 'IPAddress',
    },
  );
  return rules;
}
