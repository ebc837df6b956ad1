import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { NATIONAL_STATE_KEY, useStateBackend } from './state-backend';

export const NATIONAL_STACK = 'national';

export interface NationalStackProps {
  readonly platform: PlatformConfig;
}

/** The national estate run by the NMC: hub network and the central SOC workspace. */
export class NationalStack extends TerraformStack {
  constructor(scope: Construct, props: NationalStackProps) {
    super(scope, NATIONAL_STACK);
    const p = props.platform;
    useStateBackend(this, p, NATIONAL_STATE_KEY);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      tenantId: p.nmc.tenantId,
      subscriptionId: p.hub.subscriptionId,
      storageUseAzuread: true,
      resourceProviderRegistrations: 'none',
    });
    new ResourceGroup(this, 'HubResourceGroup', { name: 'rg-hub-network-uks', location: p.hub.region });
  }
}
