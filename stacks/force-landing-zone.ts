import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';

/** Maps a force's config to the landing-zone constructs. (Filled in by the landing-zone work.) */
export function buildForceLandingZone(stack: TerraformStack, props: { force: ForceConfig; platform: PlatformConfig }): void {
  new ResourceGroup(stack, 'NetworkResourceGroup', {
    name: `rg-${props.force.id}-network-${props.force.region === 'uksouth' ? 'uks' : 'ukw'}`,
    location: props.force.region,
  });
}
