import { sharingTimeBound } from '../../../policies/rules/sharing-time-bound';
import { outcomes } from '../harness';
import { SHARE, withEvidence } from './sharing-fixtures';

const one = (type: string, value: Record<string, unknown>) =>
  outcomes(sharingTimeBound, withEvidence({ [type]: { cps: value } }))[`${type}.cps`];

describe('BL-SHR-002 evidence sharing has an expiry, an approver and a reference', () => {
  it('passes a PIM assignment that ends, names its approver and carries its reference', () => {
    expect(one('azurerm_pim_eligible_role_assignment', SHARE)).toBe('pass');
  });
  it('fails a standing role assignment on evidence', () => {
    expect(one('azurerm_role_assignment', { scope: SHARE.scope, role_definition_id: SHARE.role_definition_id })).toBe(
      'fail',
    );
  });
  it('fails an assignment with no end date', () => {
    expect(one('azurerm_pim_active_role_assignment', { ...SHARE, schedule: {} })).toBe('fail');
  });
  it('fails an assignment whose justification names no approver', () => {
    expect(one('azurerm_pim_eligible_role_assignment', { ...SHARE, justification: 'CPS needs it' })).toBe('fail');
  });
  it('fails an assignment without a reference', () => {
    expect(one('azurerm_pim_eligible_role_assignment', { ...SHARE, ticket: undefined })).toBe('fail');
  });
});
