/**
 * Which role assignments share evidence, and what they say of their agreement. Blue Lamp grants a
 * force's own staff at subscription or resource-group scope, never on an evidence container, so
 * any assignment scoped to an evidence store (its account, blob service or a container) is a share
 * and is held to the sharing rules whoever wrote it.
 */
import { isEvidenceStore } from './evidence';
import type { StackIndex } from './rule';
import { isUnknown } from './terraform-json';
import type { ResourceView, StackInventory } from './types';
import { compareText } from '../util/text-order';

export const ASSIGNMENT_TYPES = [
  'azurerm_role_assignment',
  'azurerm_pim_eligible_role_assignment',
  'azurerm_pim_active_role_assignment',
] as const;

/** Built-in roles a partner may hold on evidence: read and list blobs, nothing else. */
export const PARTNER_READ_ROLES: Readonly<Record<string, string>> = {
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
};

/** Longest an agreement may run from its approval (the same limit config enforces). */
export const MAX_SHARING_DAYS = 90;

/** The evidence storage account an assignment's scope lies in, if it does. */
export function evidenceAccountOf(assignment: ResourceView, index: StackIndex): ResourceView | undefined {
  let target = index.resolve(assignment.values.scope);
  // A container's scope resolves to the container; follow it to its account.
  if (target?.type === 'azurerm_storage_container') target = index.resolve(target.values.storage_account_id);
  return target && isEvidenceStore(target) ? target : undefined;
}

/** The GUID at the end of a role definition id (`.../roleDefinitions/<guid>`), lower-cased. */
export function roleGuid(roleDefinitionId: unknown): string | undefined {
  if (typeof roleDefinitionId !== 'string') return undefined;
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i.exec(roleDefinitionId);
  return m ? m[1].toLowerCase() : undefined;
}

export interface AgreementFacts {
  /** `schedule.expiration.end_date_time`, when written. */
  readonly endsAt?: string;
  /** The approval day and approver read from the justification (`approved YYYY-MM-DD by NAME`). */
  readonly approvedOn?: string;
  readonly approvedBy?: string;
  /** `ticket.number`: the agreement reference. */
  readonly reference?: string;
  /** The partner named in the justification (`Evidence sharing REF with PARTNER:`). */
  readonly partner?: string;
  /** True when a value the facts come from is known only after apply. */
  readonly unknown: boolean;
}

function first(v: unknown): Record<string, unknown> | undefined {
  const x: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return x && typeof x === 'object' && !isUnknown(x) ? (x as Record<string, unknown>) : undefined;
}

/** What an assignment records of its agreement (see constructs/evidence-sharing.ts for the format). */
export function agreementFacts(r: ResourceView): AgreementFacts {
  const expiration = first(first(r.values.schedule)?.expiration);
  const end = expiration?.end_date_time;
  const justification = r.values.justification;
  const ticket = first(r.values.ticket)?.number;
  const text = typeof justification === 'string' ? justification : '';
  const approval = /approved (\d{4}-\d{2}-\d{2}) by (.+)$/.exec(text);
  const partner = /^Evidence sharing .+? with (.+?): /.exec(text);
  return {
    endsAt: typeof end === 'string' ? end : undefined,
    approvedOn: approval?.[1],
    approvedBy: approval?.[2]?.trim() || undefined,
    reference: typeof ticket === 'string' && ticket.trim() !== '' ? ticket : undefined,
    partner: partner?.[1],
    unknown: [end, justification, ticket].some(isUnknown),
  };
}

/** One partner's access to one container (or case folder), as the report shows it (the run's inventory type). */
export type SharedAccess = NonNullable<StackInventory['sharing']>[number];

const PREFIX_IN_CONDITION = /blobs:path\] StringStartsWith '([^']*)'/;

/** Every share of evidence in a stack, in address order, with what it records of its agreement. */
export function sharedAccess(index: StackIndex): SharedAccess[] {
  const out: SharedAccess[] = [];
  for (const r of index.ofType(...ASSIGNMENT_TYPES)) {
    if (!evidenceAccountOf(r, index)) continue;
    const facts = agreementFacts(r);
    const target = index.resolve(r.values.scope);
    const container =
      target?.type === 'azurerm_storage_container' && typeof target.values.name === 'string'
        ? target.values.name
        : '(whole account)';
    const condition = typeof r.values.condition === 'string' ? r.values.condition : '';
    out.push({
      address: r.address,
      partner: facts.partner ?? '(not recorded)',
      reference: facts.reference ?? '(none)',
      container,
      prefix: PREFIX_IN_CONDITION.exec(condition)?.[1],
      endsAt: facts.endsAt ?? '(never)',
      approvedOn: facts.approvedOn ?? '(not recorded)',
      approvedBy: facts.approvedBy ?? '(not recorded)',
    });
  }
  return out.sort((a, b) => compareText(a.address, b.address));
}
