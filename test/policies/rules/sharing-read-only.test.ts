import { sharingReadOnly } from '../../../policies/rules/sharing-read-only';
import { outcomes } from '../harness';
import { CONTRIBUTOR, READER, SHARE, withEvidence } from './sharing-fixtures';

describe('BL-SHR-001 evidence is shared read-only', () => {
  it('passes Storage Blob Data Reader on an evidence container', () => {
    expect(outcomes(sharingReadOnly, withEvidence({ azurerm_pim_eligible_role_assignment: { cps: SHARE } }))).toEqual({
      'azurerm_pim_eligible_role_assignment.cps': 'pass',
    });
  });
  it('fails a write role (Storage Blob Data Contributor) for a partner', () => {
    const share = { ...SHARE, role_definition_id: CONTRIBUTOR };
    expect(outcomes(sharingReadOnly, withEvidence({ azurerm_pim_eligible_role_assignment: { cps: share } }))).toEqual({
      'azurerm_pim_eligible_role_assignment.cps': 'fail',
    });
  });
  it('fails a key-holding role named on a standing assignment to the whole account', () => {
    const standing = {
      scope: '${azurerm_storage_account.evidence.id}',
      role_definition_name: 'Storage Account Key Operator Service Role',
      principal_id: 'x',
    };
    expect(outcomes(sharingReadOnly, withEvidence({ azurerm_role_assignment: { keys: standing } }))).toEqual({
      'azurerm_role_assignment.keys': 'fail',
    });
  });
  it('does not apply to assignments outside the evidence store', () => {
    const elsewhere = {
      ...SHARE,
      scope: '/subscriptions/00000000-0000-4000-8000-00000000a001',
      role_definition_id: CONTRIBUTOR,
    };
    expect(outcomes(sharingReadOnly, withEvidence({ azurerm_role_assignment: { ops: elsewhere } }))).toEqual({
      'azurerm_role_assignment.ops': 'not-applicable',
    });
  });
  it('cannot be waived', () => {
    expect(sharingReadOnly.meta.waivable).toBe(false);
    expect(READER).toMatch(/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/);
  });
});
