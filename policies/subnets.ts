/** Subnets in a stack, whether `azurerm_subnet` resources or inline `subnet` blocks of a VNet. */
import { textOf } from './terraform-json';
import { blocksAt } from './rule';
import type { StackIndex } from './rule';
import type { ResourceView } from './types';

/**
 * Subnets Azure reserves for its own services: they may not (or need not) carry an NSG or a
 * user route table, so the subnet rules leave them alone.
 */
export const PLATFORM_SUBNETS: ReadonlySet<string> = new Set([
  'GatewaySubnet',
  'AzureFirewallSubnet',
  'AzureFirewallManagementSubnet',
  'RouteServerSubnet',
]);

export interface InlineSubnet {
  readonly vnet: ResourceView;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export function subnetResources(index: StackIndex): readonly ResourceView[] {
  return index.ofType('azurerm_subnet');
}

export function inlineSubnets(index: StackIndex): InlineSubnet[] {
  return index
    .ofType('azurerm_virtual_network')
    .flatMap((vnet) => blocksAt(vnet.values, 'subnet').map((values) => ({ vnet, name: textOf(values.name), values })));
}

export function isPlatformSubnet(name: unknown): boolean {
  return typeof name === 'string' && PLATFORM_SUBNETS.has(name);
}
