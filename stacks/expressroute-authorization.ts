import { TerraformVariable, type TerraformStack } from 'cdktf';
import type { ForceConfig } from '../config/schema';

/** The Terraform variable a force stack reads its ExpressRoute authorization key from. */
export const EXPRESSROUTE_AUTHORIZATION_KEY_VARIABLE = 'expressroute_authorization_key';

/** Whether a force's circuit is in another subscription, so its connection needs an authorization key. */
export function needsExpressRouteAuthorization(force: ForceConfig): boolean {
  const { type, expressRouteCircuitId } = force.network.connectivity;
  if (type !== 'expressroute' || !expressRouteCircuitId) return false;
  const circuitSubscription = /^\/subscriptions\/([^/]+)\//i.exec(expressRouteCircuitId)?.[1];
  return circuitSubscription?.toLowerCase() !== force.subscriptionId.toLowerCase();
}

/**
 * The authorization key for a circuit in another subscription, as a reference to a sensitive
 * Terraform variable; undefined when the circuit is in the force's own subscription (Azure needs
 * no key then).
 *
 * The key is a secret (anyone holding it can connect a network to the circuit), so it never comes
 * from YAML: the circuit owner creates an authorization and the NMC stores the key as the pipeline
 * secret `TF_VAR_expressroute_authorization_key` in the force's deployment environment
 * (docs/bootstrap.md). `sensitive` keeps it out of plan output; with no default, a plan without it
 * stops with "No value for required variable" instead of an apply failing at the connection.
 */
export function expressRouteAuthorizationKey(stack: TerraformStack, force: ForceConfig): string | undefined {
  if (!needsExpressRouteAuthorization(force)) return undefined;
  const variable = new TerraformVariable(stack, EXPRESSROUTE_AUTHORIZATION_KEY_VARIABLE, {
    type: 'string',
    sensitive: true,
    nullable: false,
    description: `Authorization key of ExpressRoute circuit ${force.network.connectivity.expressRouteCircuitId} (another subscription); from the pipeline secret TF_VAR_${EXPRESSROUTE_AUTHORIZATION_KEY_VARIABLE}, never from YAML.`,
  });
  return variable.stringValue;
}
