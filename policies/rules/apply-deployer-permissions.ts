import { at, STACK_ADDRESS, type StackRule } from '../rule';
import { permissionNeeds } from '../../permissions/role-table';

/** Every resource type in the stack has a known deployer permission (permissions/role-table.ts). */
export const applyDeployerPermissions: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-APL-020',
    title: 'The deployer permission manifest covers every resource type',
    severity: 'high',
    rationale:
      'The pipeline identity holds only the roles `bluelamp permissions` computes (bootstrap assigns them); a resource type the table does not know has no role behind it, and its first apply fails with AuthorizationFailed.',
    ncsc: ['9'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(ctx) {
    const forceStack = !ctx.isNational;
    const unknownTypes = [
      ...new Set(
        ctx.stack.resources
          .filter(
            (r) =>
              permissionNeeds(r.type, {
                forceStack,
                provider: typeof r.values.provider === 'string' ? r.values.provider : undefined,
              }) === undefined,
          )
          .map((r) => r.type),
      ),
    ].sort();
    return [
      at(STACK_ADDRESS, {
        outcome: unknownTypes.length ? 'fail' : 'pass',
        message: unknownTypes.length
          ? `no deployer permission known for ${unknownTypes.join(', ')}: add it to permissions/role-table.ts`
          : 'every type has a permission',
      }),
    ];
  },
};
