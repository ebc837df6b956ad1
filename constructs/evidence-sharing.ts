import { createHash } from 'node:crypto';
import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { endOfLondonDayUtc } from '../util/london-time';
import { evidenceSharingAnalyticsRules } from './evidence-sharing-analytics-rules';
import { roleDefinitionIdAt } from './role-definitions';
import { SentinelAnalyticsRules } from './sentinel-analytics-rules';

/** The ticket system recorded on every partner assignment, so that reviewers and rules can find them. */
export const SHARING_TICKET_SYSTEM = 'Blue Lamp evidence sharing';

/** One thing shared: a container, or a case folder in it. */
export interface EvidenceShare {
  /** Container name (for the condition and the report). */
  readonly containerName: string;
  /** Resource manager id of the container: the scope of the assignment. */
  readonly containerResourceManagerId: string;
  /**
   * Case folder (`case-2026-0142/`) the partner may read and list; letters, digits, `. _ - /`,
   * ending in `/`.
   * @default - the whole container
   */
  readonly prefix?: string;
}

/** One signed agreement with a criminal justice partner. */
export interface EvidenceSharingAgreement {
  /** Stable id (lower-case, hyphens): part of the Terraform addresses, so it is kept when renewing. */
  readonly id: string;
  /** Partner organisation, for the justification and the report. */
  readonly partner: string;
  /** The partner's own Entra tenant. */
  readonly partnerTenantId: string;
  /** Group in the force's tenant that holds the partner's guest accounts: the principal of every assignment. */
  readonly guestGroupId: string;
  /** What is shared. */
  readonly shares: readonly EvidenceShare[];
  /** Last day of access, `YYYY-MM-DD` in London: the assignments end at that day's last second. */
  readonly expires: string;
  /** Who approved the sharing. */
  readonly approvedBy: string;
  /** Day of approval, `YYYY-MM-DD`. */
  readonly approvedOn: string;
  /** Data-sharing agreement or case reference, written as the assignment's ticket number. */
  readonly reference: string;
}

export interface EvidenceSharingProps {
  /** The agreements. An empty list creates nothing but the watch rule's absence. */
  readonly agreements: readonly EvidenceSharingAgreement[];
  /** Scope the built-in role definition id is written at (`/subscriptions/<id>`). */
  readonly roleDefinitionScope: string;
  /** Evidence storage account name, for the bulk-download rule's query. */
  readonly storageAccountName: string;
  /**
   * Log Analytics workspace with Sentinel onboarded (the force's), where the bulk-download rule
   * runs. Pass an id derived from the onboarding resource so the rule is created after it.
   */
  readonly workspaceId: string;
  /**
   * Distinct evidence files one partner identity may read in an hour before an incident.
   * @default 50
   */
  readonly bulkBlobThreshold?: number;
  /**
   * Bytes one partner identity may read in an hour before an incident.
   * @default 21474836480 (20 GiB)
   */
  readonly bulkBytesThreshold?: number;
}

const READ_BLOB = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const BLOB_PATH = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]';
const LIST_PREFIX = '@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix]';
const PREFIX_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*\/$/;

/**
 * Read-only, time-bound, private-only access to evidence for partners outside the force (CPS,
 * courts, defence, local authorities), one agreement at a time.
 *
 * Each share is a PIM eligible assignment of Storage Blob Data Reader to the partner's guest group,
 * scoped to the container, ending at the agreement's expiry. Its ABAC condition (version 2.0,
 * format from Microsoft's "Example Azure role assignment conditions for Blob Storage") narrows
 * reads and lists to the case folder where one is given, and admits a read only over a private
 * endpoint (`@Environment[isPrivateLink]`) and only before the expiry (`@Environment[UtcNow]`),
 * a second wall should the schedule be edited by hand. Every read is in the blob service's
 * StorageRead logs (the diagnostics Aspect sends them to the force's workspace); an analytics rule
 * raises an incident on a partner's bulk download.
 */
export class EvidenceSharing extends Construct {
  /** How many partner assignments were created (one per share of each agreement). */
  readonly assignmentCount: number;

  constructor(scope: Construct, id: string, props: EvidenceSharingProps) {
    super(scope, id);
    const bulkBlobThreshold = props.bulkBlobThreshold ?? 50;
    const bulkBytesThreshold = props.bulkBytesThreshold ?? 20 * 2 ** 30;
    this.validate(props, bulkBlobThreshold, bulkBytesThreshold);

    const roleDefinitionId = roleDefinitionIdAt(props.roleDefinitionScope, 'Storage Blob Data Reader');
    let count = 0;
    for (const agreement of props.agreements) {
      const group = new Construct(this, agreement.id);
      const end = endOfLondonDayUtc(agreement.expires);
      for (const share of agreement.shares) {
        new PimEligibleRoleAssignment(group, shareId(share), {
          scope: share.containerResourceManagerId,
          roleDefinitionId,
          principalId: agreement.guestGroupId,
          justification:
            `Evidence sharing ${agreement.reference} with ${agreement.partner}: read-only, ` +
            `approved ${agreement.approvedOn} by ${agreement.approvedBy}`,
          ticket: { number: agreement.reference, systemAttribute: SHARING_TICKET_SYSTEM },
          schedule: { expiration: { endDateTime: end } },
          condition: readCondition(share.prefix, end),
          conditionVersion: '2.0',
        });
        count += 1;
      }
    }
    this.assignmentCount = count;

    if (props.agreements.length > 0) {
      new SentinelAnalyticsRules(this, 'AnalyticsRules', {
        workspaceId: props.workspaceId,
        rules: evidenceSharingAnalyticsRules({
          storageAccountName: props.storageAccountName,
          bulkBlobThreshold,
          bulkBytesThreshold,
        }),
      });
    }
  }

  private validate(props: EvidenceSharingProps, bulkBlobThreshold: number, bulkBytesThreshold: number): void {
    const problems: string[] = [];
    const ids = new Set<string>();
    const day = /^\d{4}-\d{2}-\d{2}$/;
    for (const a of props.agreements) {
      if (!/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/.test(a.id))
        problems.push(`agreements: id "${a.id}" must be lower-case kebab`);
      if (ids.has(a.id)) problems.push(`agreements: id "${a.id}" is used twice`);
      ids.add(a.id);
      if (!day.test(a.expires)) problems.push(`agreements[${a.id}].expires "${a.expires}" must be YYYY-MM-DD`);
      if (!day.test(a.approvedOn)) problems.push(`agreements[${a.id}].approvedOn "${a.approvedOn}" must be YYYY-MM-DD`);
      if (a.expires < a.approvedOn) problems.push(`agreements[${a.id}].expires is before approvedOn`);
      if (a.approvedBy.trim() === '') problems.push(`agreements[${a.id}].approvedBy is required`);
      if (a.shares.length === 0) problems.push(`agreements[${a.id}].shares must name at least one container`);
      const keys = new Set<string>();
      for (const s of a.shares) {
        if (s.prefix !== undefined && !Token.isUnresolved(s.prefix) && !PREFIX_RE.test(s.prefix))
          problems.push(`agreements[${a.id}].shares: prefix "${s.prefix}" must be a case folder ending in "/"`);
        const key = shareId(s);
        if (keys.has(key)) problems.push(`agreements[${a.id}].shares: ${s.containerName}/${s.prefix ?? ''} twice`);
        keys.add(key);
      }
    }
    if (!Number.isInteger(bulkBlobThreshold) || bulkBlobThreshold < 1)
      problems.push(`bulkBlobThreshold must be a positive integer (got ${bulkBlobThreshold})`);
    if (!Number.isInteger(bulkBytesThreshold) || bulkBytesThreshold < 1)
      problems.push(`bulkBytesThreshold must be a positive integer (got ${bulkBytesThreshold})`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
  }
}

/**
 * A construct id per share that does not move when shares are reordered: the container name, and
 * for a case folder a short hash of it (folder names can hold characters ids should not).
 */
function shareId(share: EvidenceShare): string {
  if (!share.prefix) return `Read-${share.containerName}`;
  const digest = createHash('sha256').update(share.prefix).digest('hex').slice(0, 10);
  return `Read-${share.containerName}-${digest}`;
}

/**
 * The ABAC condition: a read (or list) only over a private endpoint, only before the end, and
 * with a case folder only beneath it. Reads and lists are told apart by the `Blob.List`
 * suboperation, because a list has a request prefix where a read has a blob path.
 */
export function readCondition(prefix: string | undefined, end: string): string {
  const guard = `@Environment[isPrivateLink] BoolEquals true AND @Environment[UtcNow] DateTimeLessThan '${end}'`;
  if (!prefix) return `((!(ActionMatches{'${READ_BLOB}'})) OR (${guard}))`;
  const read = `((!(ActionMatches{'${READ_BLOB}'} AND NOT SubOperationMatches{'Blob.List'})) OR (${guard} AND ${BLOB_PATH} StringStartsWith '${prefix}'))`;
  const list = `((!(ActionMatches{'${READ_BLOB}'} AND SubOperationMatches{'Blob.List'})) OR (${guard} AND ${LIST_PREFIX} StringStartsWith '${prefix}'))`;
  return `${read} AND ${list}`;
}
