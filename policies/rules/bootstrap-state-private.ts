import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, valueAt, type ResourceRule } from '../rule';
import type { StackView } from '../types';

/**
 * The variable a value reads (`${var.name}` and nothing else), with its declaration, when the
 * stack declares it.
 */
function variableOf(
  value: unknown,
  stack: StackView,
): { name: string; declared?: Record<string, unknown> } | undefined {
  if (!isUnknown(value) || !value.expression) return undefined;
  const name = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value.expression)?.[1];
  if (!name) return undefined;
  const variables = stack.otherBlocks?.variable as Record<string, Record<string, unknown>> | undefined;
  return { name, declared: variables?.[name] };
}

/**
 * The Terraform state account is private. Bootstrap may open it only through its first-apply
 * variable, and only if that variable defaults to closed: the one manual apply passes `true`,
 * every later apply (from the hub runners, through the private endpoint) leaves it off.
 */
export const bootstrapStatePrivate: ResourceRule = {
  scope: 'resource',
  stackKinds: ['bootstrap'],
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-BST-001',
    title: 'The Terraform state account is private (public only by a first-apply variable that defaults to false)',
    severity: 'critical',
    rationale:
      "State holds every stack's resource ids and outputs, and whoever writes it can make the pipeline destroy or re-create anything; it is reached from the hub runners through its private endpoint, never from the internet.",
    ncsc: ['5.3', '11'],
    mirrors: { checkov: ['CKV_AZURE_59'], azurePolicy: ['b2982f36-99f2-4db5-8eff-283140c09693'] },
    waivable: true,
  },
  check(r, ctx) {
    const action = valueAt(r.values, 'network_rules.default_action');
    if (action !== 'Deny')
      return isUnknown(action)
        ? unknown(`network_rules.default_action is ${show(action)}`)
        : fail(`network_rules.default_action is ${show(action)}; must be "Deny"`);
    const value = r.values.public_network_access_enabled;
    if (value === false) return pass();
    const variable = variableOf(value, ctx.stack);
    if (variable) {
      if (!variable.declared)
        return fail(`public_network_access_enabled reads var.${variable.name}, which is not declared`);
      return variable.declared.default === false
        ? pass(`public only when var.${variable.name} is set true (the first apply)`)
        : fail(
            `public_network_access_enabled reads var.${variable.name}, whose default is ${show(variable.declared.default)}; it must default to false`,
          );
    }
    if (isUnknown(value)) return unknown(`public_network_access_enabled is ${show(value)}`);
    return fail(
      `public_network_access_enabled is ${show(value)}${value === undefined ? ' (azurerm default true)' : ''}; must be false, or the first-apply variable defaulting to false`,
    );
  },
};
