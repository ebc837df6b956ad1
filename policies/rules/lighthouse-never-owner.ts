import { isUnknown } from '../terraform-json';
import { blocksAt, fail, pass, show, stringsAt, unknown, type ResourceRule } from '../rule';

/** Built-in roles that can grant access or do anything: never delegated to a managing tenant. */
export const PRIVILEGED_ROLE_IDS: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

/** The role of a role id or definition path, when it is one of the privileged ones. */
export function privilegedRole(roleId: string): string | undefined {
  const guid = roleId.toLowerCase().split('/').pop() ?? '';
  return PRIVILEGED_ROLE_IDS[guid];
}

export const lighthouseNeverOwner: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_lighthouse_definition'],
  meta: {
    id: 'BL-LOG-007',
    title: 'Lighthouse never delegates Owner, User Access Administrator or RBAC Administrator',
    severity: 'critical',
    rationale:
      "A managing tenant with a role that can grant access can take over the force's subscription; the SOC needs Sentinel and read roles only.",
    ncsc: ['9.2', '8'],
    mirrors: {},
    waivable: true,
  },
  check(r) {
    const ids = [
      ...blocksAt(r.values, 'authorization').flatMap((a) => [
        a.role_definition_id,
        ...stringsAt(a, 'delegated_role_definition_ids'),
      ]),
      ...blocksAt(r.values, 'eligible_authorization').map((a) => a.role_definition_id),
    ];
    const unknowns = ids.filter(isUnknown);
    for (const id of ids) {
      const role = typeof id === 'string' ? privilegedRole(id) : undefined;
      if (role && typeof id === 'string') return fail(`delegates ${role} (${id}) to the managing tenant`);
    }
    if (unknowns.length) return unknown(`role_definition_id is ${show(unknowns[0])}`);
    return pass();
  },
};
