import { applyLimitRoleAssignments } from '../../../policies/rules/apply-limit-role-assignments';
import { outcomes } from '../harness';

const assignments = (n: number, extra: Record<string, unknown> = {}, prefix = 'a') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { ...extra }]));

describe('BL-APL-007 role assignments per subscription', () => {
  it('fails 4001 assignments in the stack subscription', () => {
    expect(outcomes(applyLimitRoleAssignments, { azurerm_role_assignment: assignments(4001) })).toEqual({
      '(stack)': 'fail',
    });
  });
  it("does not count assignments made through the hub provider, which land in the hub's subscription", () => {
    expect(
      outcomes(applyLimitRoleAssignments, {
        azurerm_role_assignment: { ...assignments(10), ...assignments(4000, { provider: 'azurerm.hub' }, 'hub') },
      }),
    ).toEqual({ '(stack)': 'pass' });
  });
});
