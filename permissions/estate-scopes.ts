import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { hubReference } from '../constructs/hub-reference';
import { NATIONAL_STACK } from '../stacks/stack-inputs';
import type { ManifestScopes, StackResources } from './manifest';

/** The manifest's scopes for an estate: each stack's subscription, the hub VNet and DNS zones. */
export function estateScopes(platform: PlatformConfig, forces: readonly ForceConfig[]): ManifestScopes {
  const hub = hubReference({ subscriptionId: platform.hub.subscriptionId, region: platform.hub.region });
  const subscriptions = new Map<string, string>([
    [NATIONAL_STACK, platform.hub.subscriptionId],
    ...forces.map((f) => [f.id, f.subscriptionId] as [string, string]),
  ]);
  return {
    subscriptionOf: (stack) => subscriptions.get(stack),
    hubVirtualNetworkId: hub.virtualNetworkId,
    hubPrivateDnsZoneIds: Object.values(hub.privateDnsZoneIds),
    nationalStack: NATIONAL_STACK,
  };
}

/** The resources of each synthesised stack in `outdir` (cdktf's `stacks/<name>/cdk.tf.json`), by name. */
export function readSynthesisedStacks(outdir: string, only?: readonly string[]): StackResources[] {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .filter((name) => !only?.length || only.includes(name))
    .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
    .sort()
    .map((name) => {
      const doc = JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as {
        resource?: Record<string, Record<string, Record<string, unknown>>>;
      };
      const resources = Object.entries(doc.resource ?? {}).flatMap(([type, byName]) =>
        Object.values(byName).map((values) => ({ type, values })),
      );
      return { name, resources };
    });
}
