import { ALL_STACK_KINDS, at, STACK_ADDRESS, type StackRule } from '../rule';
import { AZURE_LIMITS, limitMessage } from '../../util/azure-limits';

/** Role assignments one stack makes in its subscription (the hub-side provider's excluded). */
export const applyLimitRoleAssignments: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-APL-007',
    title: 'No subscription gets more role assignments than Azure allows',
    severity: 'medium',
    rationale:
      'Assignments per reader, operator and admin group grow with a force; past the limit Azure refuses new ones, including those the SOC needs in an incident.',
    ncsc: ['9'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  configFields: ['identity.readers', 'identity.operators', 'identity.admins'],
  check(ctx) {
    const count = ctx.index
      .ofType('azurerm_role_assignment', 'azurerm_pim_eligible_role_assignment')
      .filter((r) => r.values.provider === undefined).length;
    const limit = AZURE_LIMITS.roleAssignmentsPerSubscription;
    return [
      at(STACK_ADDRESS, {
        outcome: count > limit.max ? 'fail' : 'pass',
        message: limitMessage(limit, count, 'role assignments'),
      }),
    ];
  },
};
