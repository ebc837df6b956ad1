import { bootstrapStateRecoverable } from '../../../policies/rules/bootstrap-state-recoverable';
import { evaluate, outcomes } from '../harness';

const bootstrap = { stack: 'bootstrap' };
const blob = (days: number) => ({
  versioning_enabled: true,
  delete_retention_policy: { days },
  container_delete_retention_policy: { days },
});

describe('BL-BST-002 state is versioned and soft-deleted', () => {
  it('passes versioning with 30 days or more of blob and container soft delete', () => {
    expect(
      outcomes(
        bootstrapStateRecoverable,
        { azurerm_storage_account: { state: { blob_properties: blob(90) } } },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_storage_account.state': 'pass' });
  });

  it('fails without versioning, with a short retention, or without the retention blocks', () => {
    const result = evaluate(
      bootstrapStateRecoverable,
      {
        azurerm_storage_account: {
          unversioned: { blob_properties: { ...blob(90), versioning_enabled: false } },
          short: { blob_properties: blob(7) },
          bare: {},
        },
      },
      bootstrap,
    );
    expect(result['azurerm_storage_account.unversioned']).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('versioning_enabled is false'),
    });
    expect(result['azurerm_storage_account.short']).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('delete_retention_policy.days is 7; must be >= 30'),
    });
    expect(result['azurerm_storage_account.bare'].message).toContain('container_delete_retention_policy is not set');
  });

  it('does not judge force or national stacks', () => {
    expect(outcomes(bootstrapStateRecoverable, { azurerm_storage_account: { a: {} } })).toEqual({});
    expect(outcomes(bootstrapStateRecoverable, { azurerm_storage_account: { a: {} } }, { stack: 'national' })).toEqual(
      {},
    );
  });
});
