import { isUnknown, textOf } from '../terraform-json';
import { fail, notApplicable, pass, show, type ResourceRule } from '../rule';
import type { ResourceView, StackView } from '../types';

/** The subscription of the stack's default (unaliased) azurerm provider, when it is a constant. */
function stackSubscription(stack: StackView): string | undefined {
  const blocks = (stack.otherBlocks?.provider as { azurerm?: unknown } | undefined)?.azurerm;
  const list: unknown[] = Array.isArray(blocks) ? blocks : [blocks];
  const main = list.find((b) => b && typeof b === 'object' && !('alias' in b)) as
    { subscription_id?: unknown } | undefined;
  return typeof main?.subscription_id === 'string' ? main.subscription_id.toLowerCase() : undefined;
}

/** The declaration of the variable a value is (`${var.name}`), or undefined when it is not one. */
function variableDeclaration(value: unknown, stack: StackView): Record<string, unknown> | undefined | null {
  if (!isUnknown(value) || !value.expression) return undefined;
  const name = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value.expression)?.[1];
  if (!name) return undefined;
  return (stack.otherBlocks?.variable as Record<string, Record<string, unknown>> | undefined)?.[name] ?? null;
}

/** `authorization_key`, judged on a plan: present, and set by an expression (a variable), not written in the code. */
function planKey(r: ResourceView): string | undefined {
  const key = r.values.authorization_key;
  if (key === undefined || key === null || key === '') return 'has no authorization_key';
  if (r.derivedAttributes && !r.derivedAttributes.includes('authorization_key'))
    return 'sets authorization_key as a literal in the code; it must come from a sensitive variable';
  return undefined;
}

/**
 * An ExpressRoute connection to a circuit in another subscription needs the circuit owner's
 * authorization key, or Azure refuses it on the first apply. The key is a secret (it lets any
 * network join the circuit): it comes from a sensitive Terraform variable the pipeline fills from
 * its secret store, never from YAML or a literal in the JSON.
 */
export const applyExpressRouteAuthorization: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_virtual_network_gateway_connection'],
  meta: {
    id: 'BL-APL-013',
    title:
      "ExpressRoute connections to another subscription's circuit take their authorization key from a sensitive variable",
    severity: 'high',
    rationale:
      'Without the key the connection fails on the first apply (the circuit owner must authorise it); written as a literal, the key lands in the repository, the plan and the state, and anyone holding it can join a network to the circuit.',
    ncsc: ['1', '5.3'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  configFields: ['network.connectivity.expressRouteCircuitId'],
  check(r, ctx) {
    if (r.values.type !== 'ExpressRoute') return notApplicable('not an ExpressRoute connection');
    const circuit = r.values.express_route_circuit_id;
    if (isUnknown(circuit)) return notApplicable('the circuit is in this stack (a reference)');
    const circuitSubscription = /^\/subscriptions\/([^/]+)\//i.exec(textOf(circuit))?.[1]?.toLowerCase();
    // A plan without its synthesised stack has no provider block: an existing connection's id says.
    const own =
      stackSubscription(ctx.stack) ?? /^\/subscriptions\/([^/]+)\//i.exec(textOf(r.values.id))?.[1]?.toLowerCase();
    if (circuitSubscription && own && circuitSubscription === own)
      return notApplicable('the circuit is in the stack’s own subscription: Azure needs no key');
    const across = `circuit ${textOf(circuit)} is in ${circuitSubscription ? `subscription ${circuitSubscription}` : 'another subscription'}`;
    // A plan: references are resolved, so the key is judged by where it came from.
    if (r.actions) {
      const problem = planKey(r);
      return problem ? fail(`${across}; the connection ${problem}`) : pass();
    }
    const key = r.values.authorization_key;
    if (key === undefined || key === null)
      return fail(
        `${across}, and the connection has no authorization_key: the apply fails. Declare the sensitive variable (stacks/expressroute-authorization.ts) and give its value as a pipeline secret`,
      );
    const declaration = variableDeclaration(key, ctx.stack);
    if (declaration === undefined)
      return fail(
        isUnknown(key)
          ? `authorization_key is ${show(key)}; it must be a sensitive variable (\${var.NAME}) and nothing else`
          : 'authorization_key is written as a literal; it must come from a sensitive variable (the value is not repeated here)',
      );
    if (declaration === null) return fail(`authorization_key reads ${show(key)}, which the stack does not declare`);
    if (declaration.sensitive !== true)
      return fail(`authorization_key reads ${show(key)}, which is not declared sensitive: plans would print the key`);
    return pass();
  },
};
