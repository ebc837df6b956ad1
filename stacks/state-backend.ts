import { AzurermBackend, TerraformStack } from 'cdktf';
import type { PlatformConfig } from '../config/schema';

/**
 * Every stack keeps its own state in the NMC's state storage account, under its own key,
 * authenticated with Entra ID (no storage account keys).
 */
export function useStateBackend(stack: TerraformStack, platform: PlatformConfig, key: string): AzurermBackend {
  const b = platform.stateBackend;
  return new AzurermBackend(stack, {
    tenantId: platform.nmc.tenantId,
    subscriptionId: b.subscriptionId,
    resourceGroupName: b.resourceGroupName,
    storageAccountName: b.storageAccountName,
    containerName: b.containerName,
    key,
    useAzureadAuth: true,
  });
}

/** State key of a force stack; stable, because changing it orphans the force's state. */
export const forceStateKey = (forceId: string) => `forces/${forceId}.tfstate`;
export const NATIONAL_STATE_KEY = 'national/national.tfstate';

/**
 * Resource id of the state account, written once: bootstrap grants on it, and the national stack
 * connects the hub's private endpoint to it.
 */
export function stateAccountId(b: PlatformConfig['stateBackend']): string {
  return `/subscriptions/${b.subscriptionId}/resourceGroups/${b.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${b.storageAccountName}`;
}
