import { agreementFacts, ASSIGNMENT_TYPES, evidenceAccountOf } from '../evidence-sharing';
import { fail, notApplicable, pass, unknown, type ResourceRule } from '../rule';

/** Every share of evidence is time-bound, approved by a named person, and carries its reference. */
export const sharingTimeBound: ResourceRule = {
  scope: 'resource',
  types: ASSIGNMENT_TYPES,
  meta: {
    id: 'BL-SHR-002',
    title: 'Evidence sharing has an expiry, an approver and a reference',
    severity: 'high',
    rationale:
      'Access to evidence is granted case by case under a data-sharing agreement: a standing assignment outlives the case, and one without an approver or reference cannot be audited or revoked with confidence.',
    ncsc: ['9', '13'],
    mirrors: {},
    waivable: false,
  },
  configFields: ['services.evidenceStore.sharing'],
  check(r, ctx) {
    if (!evidenceAccountOf(r, ctx.index)) return notApplicable();
    if (r.type === 'azurerm_role_assignment')
      return fail(
        'a standing role assignment on evidence; share through a PIM assignment that ends (schedule.expiration.end_date_time)',
      );
    const facts = agreementFacts(r);
    if (facts.unknown) return unknown('the schedule, justification or ticket is known only after apply');
    const missing = [
      facts.endsAt ? undefined : 'schedule.expiration.end_date_time',
      facts.approvedOn && facts.approvedBy
        ? undefined
        : 'an approver and approval day in justification ("approved YYYY-MM-DD by NAME")',
      facts.reference ? undefined : 'ticket.number (the agreement reference)',
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) return fail(`missing ${missing.join(', ')}`);
    return pass(`ends ${facts.endsAt}, approved ${facts.approvedOn} by ${facts.approvedBy}`);
  },
};
