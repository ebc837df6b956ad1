import { sharingWithinApproval } from '../../../policies/rules/sharing-within-approval';
import { outcomes } from '../harness';
import { SHARE, withEvidence } from './sharing-fixtures';

const ending = (end: string) =>
  outcomes(
    sharingWithinApproval,
    withEvidence({
      azurerm_pim_eligible_role_assignment: { cps: { ...SHARE, schedule: { expiration: { end_date_time: end } } } },
    }),
  )['azurerm_pim_eligible_role_assignment.cps'];

describe('BL-SHR-003 evidence sharing ends within 90 days of its approval', () => {
  // Approved 2026-11-23 (SHARE): the 90th day after is 2027-02-21.
  it('passes access that ends on the 90th day after approval', () => {
    expect(ending('2027-02-21T23:59:59Z')).toBe('pass');
  });
  it('fails access that runs past the 90 days', () => {
    expect(ending('2027-03-01T23:59:59Z')).toBe('fail');
  });
  it('fails access that ends before it was approved', () => {
    expect(ending('2026-11-01T23:59:59Z')).toBe('fail');
  });
  it('fails an end that is not a date', () => {
    expect(ending('soon')).toBe('fail');
  });
});
