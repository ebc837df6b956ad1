import { isUnknown, textOf } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';
import { privilegedRole } from './lighthouse-never-owner';

/** The one scope above a subscription bootstrap may grant at: Entra diagnostic settings (docs/permissions.md). */
const AADIAM_SCOPE = '/providers/microsoft.aadiam';

/**
 * Bootstrap grants the pipeline exactly what the permission manifest computes: never Owner, and
 * nothing above a subscription except the aadiam grant the Office 365 connector needs.
 */
export const bootstrapGrantsLeastPrivilege: ResourceRule = {
  scope: 'resource',
  stackKinds: ['bootstrap'],
  types: ['azurerm_role_assignment'],
  meta: {
    id: 'BL-BST-004',
    title: 'Bootstrap grants no Owner, and nothing above a subscription but the aadiam grant',
    severity: 'critical',
    rationale:
      'The pipeline identity is the most exposed principal of the estate (any approved workflow runs as it); Owner, or a grant at a management group or the tenant root, would let one compromised run take every force subscription.',
    ncsc: ['9.2', '10'],
    mirrors: { azurePolicy: ['4f11b553-d42e-4e3a-89be-32ca364cad4c'] },
    waivable: true,
  },
  check(r) {
    const { scope, role_definition_id: id, role_definition_name: name } = r.values;
    const role = typeof name === 'string' ? name.trim() : typeof id === 'string' ? privilegedRole(id) : undefined;
    if (role?.toLowerCase() === 'owner') return fail('assigns Owner; grant the roles `bluelamp permissions` computes');
    if (role === undefined && (isUnknown(name) || isUnknown(id))) return unknown(`the role is ${show(name ?? id)}`);
    if (isUnknown(scope)) return unknown(`scope is ${show(scope)}`);
    const text = textOf(scope).toLowerCase();
    if (/^\/subscriptions\/[^/]+(\/|$)/.test(text) || text === AADIAM_SCOPE) return pass();
    return fail(
      `scope ${show(scope)} is above a subscription; only /providers/Microsoft.aadiam (Entra diagnostic settings) may be`,
    );
  },
};
