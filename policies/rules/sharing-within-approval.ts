import { agreementFacts, ASSIGNMENT_TYPES, evidenceAccountOf, MAX_SHARING_DAYS } from '../evidence-sharing';
import { fail, notApplicable, pass, unknown, type ResourceRule } from '../rule';

/** No agreement outlives its approval: access ends within the approval's window. */
export const sharingWithinApproval: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_pim_eligible_role_assignment', 'azurerm_pim_active_role_assignment'],
  meta: {
    id: 'BL-SHR-003',
    title: `Evidence sharing ends within ${MAX_SHARING_DAYS} days of its approval`,
    severity: 'high',
    rationale: `An approval covers a case as it stood when it was given; access that runs on past ${MAX_SHARING_DAYS} days has to be approved again, not extended quietly by editing a date.`,
    ncsc: ['9'],
    mirrors: {},
    waivable: false,
  },
  configFields: ['services.evidenceStore.sharing'],
  check(r, ctx) {
    if (!ASSIGNMENT_TYPES.includes(r.type as (typeof ASSIGNMENT_TYPES)[number])) return notApplicable();
    if (!evidenceAccountOf(r, ctx.index)) return notApplicable();
    const facts = agreementFacts(r);
    if (facts.unknown) return unknown('the schedule or justification is known only after apply');
    // BL-SHR-002 reports a missing end or approval; nothing to measure here without both.
    if (!facts.endsAt || !facts.approvedOn) return notApplicable('no end date or approval day to compare');
    const ends = Date.parse(facts.endsAt);
    const approved = Date.parse(`${facts.approvedOn}T00:00:00Z`);
    if (Number.isNaN(ends)) return fail(`end_date_time "${facts.endsAt}" is not a date`);
    // One extra day of slack: the end is the last second of a London day, up to an hour past UTC midnight.
    const limit = approved + (MAX_SHARING_DAYS + 1) * 86_400_000;
    if (ends > limit)
      return fail(
        `ends ${facts.endsAt}, more than ${MAX_SHARING_DAYS} days after its approval on ${facts.approvedOn}; renew it with a new approval`,
      );
    if (ends < approved) return fail(`ends ${facts.endsAt}, before its approval on ${facts.approvedOn}`);
    return pass(`ends ${facts.endsAt}, approved ${facts.approvedOn}`);
  },
};
