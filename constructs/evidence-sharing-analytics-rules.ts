/**
 * The analytics rule that watches partners' reads of evidence. Partners sign in as B2B guests of
 * the force's tenant, so their user principal names carry `#EXT#`; every read is in
 * StorageBlobLogs (the evidence store's blob-service diagnostic setting sends it there).
 */
import type { AnalyticsRuleDefinition } from './sentinel-analytics-rules';

export interface EvidenceSharingRuleOptions {
  /** Evidence storage account whose reads are watched. */
  readonly storageAccountName: string;
  /** Distinct blobs one partner identity reads in an hour that raise an incident. */
  readonly bulkBlobThreshold: number;
  /** Bytes one partner identity reads in an hour that raise an incident. */
  readonly bulkBytesThreshold: number;
}

export function evidenceSharingAnalyticsRules(options: EvidenceSharingRuleOptions): AnalyticsRuleDefinition[] {
  return [
    {
      id: 'EvidencePartnerBulkDownload',
      displayName: 'Unusual bulk download of evidence by a partner',
      description:
        `A partner guest read ${options.bulkBlobThreshold} or more evidence files, or ${Math.round(options.bulkBytesThreshold / 2 ** 30)} GiB or more, within an hour. ` +
        'Disclosure to the CPS or a court is case by case; a bulk pull can mean a compromised guest account or an agreement used beyond its purpose.',
      severity: 'High',
      tactics: ['Collection', 'Exfiltration'],
      techniques: ['T1530', 'T1567'],
      // union isfuzzy: StorageBlobLogs exists only once the first log arrives, and Sentinel
      // refuses a rule over a table that does not exist yet (the empty datatable keeps the schema).
      query: [
        'union isfuzzy=true',
        '  (datatable(TimeGenerated: datetime, AccountName: string, OperationName: string, StatusCode: string, RequesterUpn: string, RequesterObjectId: string, CallerIpAddress: string, ObjectKey: string, ResponseBodySize: long)[]),',
        '  (StorageBlobLogs)',
        `| where AccountName =~ "${options.storageAccountName}"`,
        '| where OperationName == "GetBlob" and StatusCode startswith "2"',
        '| where RequesterUpn has "#EXT#"',
        '| summarize Blobs = dcount(ObjectKey), Bytes = sum(ResponseBodySize), StartTime = min(TimeGenerated), EndTime = max(TimeGenerated), CallerIpAddress = any(CallerIpAddress) by RequesterUpn, RequesterObjectId',
        `| where Blobs >= ${options.bulkBlobThreshold} or Bytes >= ${options.bulkBytesThreshold}`,
      ].join('\n'),
      accountColumn: 'RequesterUpn',
      ipColumn: 'CallerIpAddress',
    },
  ];
}
