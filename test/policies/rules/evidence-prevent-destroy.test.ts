import { evidencePreventDestroy } from '../../../policies/rules/evidence-prevent-destroy';
import { outcomes } from '../harness';

describe('BL-EVD-002 evidence prevent_destroy', () => {
  it('passes an evidence account with prevent_destroy', () => {
    expect(
      outcomes(evidencePreventDestroy, {
        azurerm_storage_account: { evidence: { lifecycle: { prevent_destroy: true } } },
      }),
    ).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('fails one without it', () => {
    expect(
      outcomes(evidencePreventDestroy, {
        azurerm_storage_account: { evidence: { lifecycle: { ignore_changes: ['tags'] } }, evidence2: {} },
      }),
    ).toEqual({
      'azurerm_storage_account.evidence': 'fail',
      'azurerm_storage_account.evidence2': 'fail',
    });
  });
});
