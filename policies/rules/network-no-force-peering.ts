import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

const SUBSCRIPTION_RE = /^\/subscriptions\/([0-9a-fA-F-]{36})\//;

/** Forces are separated: a spoke peers with the hub only, never with another force. */
export const networkNoForcePeering: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_virtual_network_peering'],
  meta: {
    id: 'BL-NET-009',
    title: 'No virtual network peering between forces',
    severity: 'critical',
    rationale:
      "Each force is a separate data controller; a spoke-to-spoke peering bypasses the hub firewall and joins two forces' networks without any inspection or approval.",
    ncsc: ['3', '11'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['network.addressSpace'],
  check(r, ctx) {
    const remote = r.values.remote_virtual_network_id;
    if (isUnknown(remote)) {
      const target = ctx.index.resolve(remote);
      if (target?.type === 'azurerm_virtual_network') return pass(`peers with ${target.address} in the same stack`);
      return unknown(`remote_virtual_network_id is ${show(remote)}`);
    }
    const subscription = SUBSCRIPTION_RE.exec(String(remote))?.[1]?.toLowerCase();
    if (!subscription) return fail(`remote_virtual_network_id ${show(remote)} is not a virtual network id`);
    const own = stackSubscriptions(ctx.stack.otherBlocks);
    const hub = ctx.settings.hubSubscriptionId?.toLowerCase();
    if (subscription === hub) return pass('peers with the hub');
    if (own.includes(subscription)) return pass("peers within the stack's own subscription");
    if (hub === undefined)
      return unknown(`peers with subscription ${subscription}; the hub subscription is not known (no platform.yaml)`);
    return fail(`peers with subscription ${subscription}, which is neither the hub (${hub}) nor this stack's own`);
  },
};

/** Subscription ids of the stack's azurerm providers. */
function stackSubscriptions(otherBlocks: Readonly<Record<string, unknown>> | undefined): string[] {
  const providers = (otherBlocks?.provider as Record<string, unknown> | undefined)?.azurerm;
  const list = Array.isArray(providers) ? providers : providers ? [providers] : [];
  return list
    .map((p) => (p as Record<string, unknown>).subscription_id)
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.toLowerCase());
}
