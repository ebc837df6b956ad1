import { fail, pass, type ResourceRule } from '../rule';

/** The vault is reachable from the spoke through a private endpoint in the same stack. */
export const keyVaultPrivateEndpoint: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_key_vault'],
  meta: {
    id: 'BL-KV-004',
    title: 'Key Vaults have a private endpoint',
    severity: 'medium',
    rationale:
      'With public access off, a private endpoint is the only way workloads and connectors can reach their secrets.',
    ncsc: ['11'],
    mirrors: { checkov: ['CKV2_AZURE_32'], cis: ['8.7'], azurePolicy: ['a6abeaec-4d90-4a02-805f-6b26c4d3fbe9'] },
    waivable: true,
  },
  check(r, ctx) {
    const endpoints = ctx.index.referrersOf(r, ['azurerm_private_endpoint'], 'private_service_connection');
    return endpoints.length > 0
      ? pass(`private endpoint ${endpoints[0].address}`)
      : fail('no azurerm_private_endpoint in the stack connects to this vault');
  },
};
