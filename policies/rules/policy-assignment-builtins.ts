import { openBuiltinLookup, parseBuiltinId } from '../azure-policy';
import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

export const POLICY_ASSIGNMENT_TYPES = [
  'azurerm_subscription_policy_assignment',
  'azurerm_resource_group_policy_assignment',
  'azurerm_management_group_policy_assignment',
  'azurerm_resource_policy_assignment',
];

/** Each assignment names a real, current built-in definition and only the parameters it declares. */
export const policyAssignmentBuiltins: ResourceRule = {
  scope: 'resource',
  types: POLICY_ASSIGNMENT_TYPES,
  meta: {
    id: 'BL-POL-001',
    title: 'Policy assignments name real, non-deprecated built-in definitions with declared parameters',
    severity: 'high',
    rationale:
      'An assignment of a mistyped or deprecated definition fails at deploy time or silently enforces nothing, leaving a guardrail the assurance case relies on missing.',
    ncsc: ['4', '5.1'],
    mirrors: {},
    waivable: true,
  },
  check(r, ctx) {
    const id = r.values.policy_definition_id;
    if (isUnknown(id)) {
      const target = ctx.index.resolve(id);
      if (target && (target.type === 'azurerm_policy_definition' || target.type === 'azurerm_policy_set_definition'))
        return pass(`custom definition ${target.address} in the stack`);
      return unknown(`policy_definition_id is ${show(id)}`);
    }
    if (typeof id !== 'string') return fail('policy_definition_id is missing');
    const parsed = parseBuiltinId(id);
    if (!parsed) return unknown(`${id} is not a built-in definition id; custom definitions are not checked`);
    const file = ctx.settings.azurePolicyIndex;
    if (!file) return unknown(`no Azure Policy built-in index is configured; cannot check ${id}`);
    const opened = openBuiltinLookup(file);
    if (!opened.ok)
      return unknown(`the Azure Policy built-in index is not available (${opened.reason}); cannot check ${id}`);
    const builtin = opened.builtins.lookup(parsed.kind, parsed.guid);
    if (!builtin)
      return fail(
        `${id} is not an Azure Policy built-in ${parsed.kind === 'policySetDefinitions' ? 'initiative' : 'definition'}`,
      );
    if (builtin.deprecated) return fail(`"${builtin.displayName}" (${parsed.guid}) is deprecated`);
    const params = r.values.parameters;
    if (typeof params === 'string' && params.trim()) {
      let parsedParams: Record<string, unknown>;
      try {
        parsedParams = JSON.parse(params) as Record<string, unknown>;
      } catch {
        return fail('parameters is not valid JSON');
      }
      const undeclared = Object.keys(parsedParams).filter((p) => !(p in builtin.parameters));
      if (undeclared.length)
        return fail(`"${builtin.displayName}" declares no parameter ${undeclared.map((p) => `"${p}"`).join(', ')}`);
    } else if (isUnknown(params)) {
      return unknown(`parameters are ${show(params)}`);
    }
    return pass(`"${builtin.displayName}"`);
  },
};
