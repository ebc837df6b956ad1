import { fail, pass, type ResourceRule } from '../rule';

/** The account is reachable from the force spoke through a private endpoint in the same stack. */
export const storagePrivateEndpoint: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-006',
    title: 'Storage accounts have a private endpoint',
    severity: 'medium',
    rationale:
      'With public access off, a private endpoint is how workloads reach the data over the private network and the hub firewall.',
    ncsc: ['11', '5.3'],
    mirrors: { checkov: ['CKV2_AZURE_33'], cis: ['3.10'], azurePolicy: ['6edd7eda-6dd8-40f7-810d-67160c639cd9'] },
    waivable: true,
  },
  check(r, ctx) {
    const endpoints = ctx.index.referrersOf(r, ['azurerm_private_endpoint'], 'private_service_connection');
    return endpoints.length > 0
      ? pass(`private endpoint ${endpoints[0].address}`)
      : fail('no azurerm_private_endpoint in the stack connects to this account');
  },
};
