import { isUnknown } from '../terraform-json';
import { ALL_STACK_KINDS, blocksAt, fail, pass, stringsAt, unknown, type ResourceRule } from '../rule';

/**
 * Actions that make a role an Owner in all but name: every action (a bare star, or star then
 * write), or the power to grant roles (Microsoft.Authorization star, roleAssignments write).
 * Azure matches actions case-insensitively, so this does too.
 */
const OWNER_LIKE: readonly RegExp[] = [
  /^\*(?:\/\*)*$/,
  /^\*\/(?:write|delete|action)$/,
  /^microsoft\.authorization\/(?:\*|roleassignments\/(?:\*|write)|roledefinitions\/(?:\*|write)|\*\/write)$/,
];

function isOwnerLike(action: string): boolean {
  const a = action.trim().toLowerCase();
  return OWNER_LIKE.some((re) => re.test(a));
}

/** Custom roles list the actions they need; `*` makes a custom Owner. */
export const identityNoWildcardCustomRole: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_role_definition'],
  meta: {
    id: 'BL-IAM-001',
    title: 'No custom role grants wildcard (*) actions',
    severity: 'high',
    rationale:
      'A custom role with "*" (or "Microsoft.Authorization/*") is an unreviewed Owner: it defeats least privilege and escapes the checks on built-in Owner.',
    ncsc: ['9.2', '10'],
    mirrors: {
      checkov: ['CKV_AZURE_39'],
      trivy: ['AVD-AZU-0030'],
      cis: ['1.23'],
      azurePolicy: ['a451c1ef-c6ca-483d-87ed-f49761e3ffb5'],
    },
    waivable: true,
  },
  check(r) {
    if (isUnknown(r.values.permissions)) return unknown('permissions are known only after apply');
    const permissions = blocksAt(r.values, 'permissions');
    for (const key of ['actions', 'data_actions']) {
      const actions = permissions.flatMap((p) => stringsAt(p, key));
      const wildcard = actions.find((a) => typeof a === 'string' && isOwnerLike(a));
      if (wildcard) return fail(`permissions.${key} includes ${JSON.stringify(wildcard)}`);
      if (actions.some(isUnknown)) return unknown(`permissions.${key} are known only after apply`);
    }
    return pass();
  },
};
