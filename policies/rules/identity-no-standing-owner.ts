import { isUnknown, textOf } from '../terraform-json';
import { ALL_STACK_KINDS, fail, pass, show, unknown, type ResourceRule } from '../rule';
import { privilegedRole } from './lighthouse-never-owner';

const PRIVILEGED_NAMES = ['Owner', 'User Access Administrator', 'Role Based Access Control Administrator'];

/** The privileged role a role name is, compared as Azure does: case and spacing do not matter. */
function privilegedName(name: string): string | undefined {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return PRIVILEGED_NAMES.find((n) => n.toLowerCase() === key);
}

/** People are never standing Owner: admins get it through PIM-eligible assignments only. */
export const identityNoStandingOwner: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_role_assignment'],
  meta: {
    id: 'BL-IAM-002',
    title: 'No standing Owner or User Access Administrator assignment for people',
    severity: 'critical',
    rationale:
      'A standing Owner is one phished account away from losing the subscription; people get these roles just in time through PIM, with approval and an audit trail.',
    ncsc: ['9.2', '10'],
    mirrors: { azurePolicy: ['4f11b553-d42e-4e3a-89be-32ca364cad4c'] },
    waivable: true,
  },
  configFields: ['identity.admins'],
  check(r) {
    const { role_definition_name: name, role_definition_id: id, principal_type: type } = r.values;
    if (isUnknown(name) || (name === undefined && isUnknown(id))) return unknown(`the role is ${show(name ?? id)}`);
    const role =
      typeof name === 'string' ? privilegedName(name) : typeof id === 'string' ? privilegedRole(id) : undefined;
    if (!role) return pass();
    if (isUnknown(type))
      return unknown(`principal_type is ${show(type)}; cannot tell whether ${role} goes to a person`);
    if (type === 'ServicePrincipal') return pass(`${role} for a service principal (automation)`);
    return fail(
      `standing ${role} for a ${type === undefined ? 'principal of unstated type' : textOf(type)}; use a PIM-eligible assignment (azurerm_pim_eligible_role_assignment)`,
    );
  },
};
