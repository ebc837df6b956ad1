import { evidenceImmutable } from '../../../policies/rules/evidence-immutable';
import { configStack, evaluateView, outcomes, ref } from '../harness';

describe('BL-EVD-001 evidence immutability', () => {
  it('passes an evidence account with a locked account-level policy', () => {
    expect(
      outcomes(evidenceImmutable, {
        azurerm_storage_account: {
          evidence: { immutability_policy: { state: 'Locked', period_since_creation_in_days: 2555 } },
        },
      }),
    ).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('passes containers that each have a locked container policy', () => {
    const result = outcomes(evidenceImmutable, {
      azurerm_storage_account: { evidence: {} },
      azurerm_storage_container: { c: { storage_account_id: ref('azurerm_storage_account.evidence.id') } },
      azurerm_storage_container_immutability_policy: {
        p: {
          storage_container_resource_manager_id: ref('azurerm_storage_container.c.resource_manager_id'),
          locked: true,
        },
      },
    });
    expect(result).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('passes an Unlocked account default when every container policy is locked (Azure cannot create it Locked)', () => {
    const result = outcomes(evidenceImmutable, {
      azurerm_storage_account: {
        evidence: { immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 2555 } },
      },
      azurerm_storage_container: { c: { storage_account_id: ref('azurerm_storage_account.evidence.id') } },
      azurerm_storage_container_immutability_policy: {
        p: {
          storage_container_resource_manager_id: ref('azurerm_storage_container.c.resource_manager_id'),
          locked: true,
        },
      },
    });
    expect(result).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('fails an Unlocked account whose container policy is unlocked too', () => {
    const result = outcomes(evidenceImmutable, {
      azurerm_storage_account: { evidence: { immutability_policy: { state: 'Unlocked' } } },
      azurerm_storage_container: { c: { storage_account_id: ref('azurerm_storage_account.evidence.id') } },
      azurerm_storage_container_immutability_policy: {
        p: {
          storage_container_resource_manager_id: ref('azurerm_storage_container.c.resource_manager_id'),
          locked: false,
        },
      },
    });
    expect(result).toEqual({ 'azurerm_storage_account.evidence': 'fail' });
  });
  it('fails an unlocked policy and an account with none', () => {
    expect(
      outcomes(evidenceImmutable, {
        azurerm_storage_account: { evidence: { immutability_policy: { state: 'Unlocked' } }, evidence2: {} },
      }),
    ).toEqual({
      'azurerm_storage_account.evidence': 'fail',
      'azurerm_storage_account.evidence2': 'fail',
    });
  });
  it('recognises an evidence store by construct path, and ignores other accounts', () => {
    const view = configStack({
      azurerm_storage_account: { st_1: { '//': { metadata: { path: 'essex/EvidenceStore/Account' } } }, logs: {} },
    });
    const result = evaluateView(evidenceImmutable, view);
    expect([result['azurerm_storage_account.st_1'].outcome, result['azurerm_storage_account.logs'].outcome]).toEqual([
      'fail',
      'not-applicable',
    ]);
  });
});
