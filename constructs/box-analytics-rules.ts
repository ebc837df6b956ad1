/**
 * Scheduled analytics rules over the Box events table the Box connector fills. The queries read
 * the table's own columns (not the Box solution's parser), so they work without the Content Hub
 * solution installed.
 */
import { BOX_TABLE } from './box-ccf-template';
import type { AnalyticsRuleDefinition } from './sentinel-analytics-rules';

export interface BoxRuleOptions {
  /** Distinct items one user downloads in an hour that raise an incident. */
  readonly massDownloadThreshold: number;
  /** Shared links one user creates or widens in an hour that raise an incident. */
  readonly sharedLinkThreshold: number;
}

export function boxAnalyticsRules(options: BoxRuleOptions): AnalyticsRuleDefinition[] {
  return [
    {
      id: 'BoxMassDownload',
      displayName: 'Box: mass download by one user',
      description:
        `One user downloaded ${options.massDownloadThreshold} or more distinct Box items within an hour. Box holds evidence shared ` +
        'with partners; bulk downloads by one account are how a leaver or an attacker takes it.',
      severity: 'High',
      tactics: ['Collection', 'Exfiltration'],
      techniques: ['T1530'],
      query: [
        BOX_TABLE,
        '| where event_type == "DOWNLOAD"',
        '| summarize ItemsDownloaded = dcount(source_item_id), Items = make_set(source_item_name, 20), StartTime = min(TimeGenerated), EndTime = max(TimeGenerated) by created_by_login, ip_address',
        `| where ItemsDownloaded >= ${options.massDownloadThreshold}`,
      ].join('\n'),
      accountColumn: 'created_by_login',
      ipColumn: 'ip_address',
    },
    {
      id: 'BoxExternalCollaborator',
      displayName: 'Box: item shared with an external collaborator',
      description:
        'A Box folder or file was shared by invitation with a collaborator whose login is outside the domain of the user who shared it. ' +
        'Evidence shared outside the force must go only to approved partners (CPS, defence, courts); anything else is a possible leak.',
      severity: 'Medium',
      tactics: ['Exfiltration'],
      techniques: ['T1537'],
      query: [
        BOX_TABLE,
        '| where event_type == "COLLABORATION_INVITE"',
        '| extend SharerDomain = tolower(extract(@"@(.+)$", 1, created_by_login)), CollaboratorDomain = tolower(extract(@"@(.+)$", 1, accessible_by_login))',
        '| where isnotempty(CollaboratorDomain) and CollaboratorDomain != SharerDomain',
        '| project TimeGenerated, created_by_login, ip_address, accessible_by_login, CollaboratorDomain, source_item_type, source_item_name, source_item_id',
      ].join('\n'),
      accountColumn: 'created_by_login',
      ipColumn: 'ip_address',
    },
    {
      id: 'BoxSharedLinkBurst',
      displayName: 'Box: many shared links created by one user',
      description:
        `One user created or changed ${options.sharedLinkThreshold} or more Box shared links within an hour. A shared link can ` +
        'give anyone who has the URL access to evidence; a burst of them is a bulk-sharing pattern that needs checking.',
      severity: 'Medium',
      tactics: ['Exfiltration'],
      techniques: ['T1567'],
      query: [
        BOX_TABLE,
        '| where event_type in ("SHARE", "ITEM_SHARED_UPDATE")',
        '| summarize SharedLinks = count(), Items = make_set(source_item_name, 20), StartTime = min(TimeGenerated), EndTime = max(TimeGenerated) by created_by_login, ip_address',
        `| where SharedLinks >= ${options.sharedLinkThreshold}`,
      ].join('\n'),
      accountColumn: 'created_by_login',
      ipColumn: 'ip_address',
    },
  ];
}
