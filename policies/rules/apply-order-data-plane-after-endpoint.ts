import { fail, pass, stringsAt, unknown, type ResourceRule } from '../rule';

const DATA_PLANE_TYPES = ['azurerm_key_vault_secret', 'azurerm_key_vault_key', 'azurerm_key_vault_certificate'];

/**
 * A write over a private vault's data plane waits for the vault's private endpoint (which carries
 * its DNS A record): azurerm does not wait for a private vault to become reachable.
 */
export const applyOrderDataPlaneAfterEndpoint: ResourceRule = {
  scope: 'resource',
  types: DATA_PLANE_TYPES,
  meta: {
    id: 'BL-APL-010',
    title: "Key Vault data-plane writes wait for the vault's private endpoint",
    severity: 'high',
    rationale:
      'Secrets, keys and certificates are written to https://<vault>.vault.azure.net; with public access off that name only resolves and connects once the private endpoint and its DNS record exist, so without the dependency the first apply fails at random.',
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    const vault = ctx.index.resolve(r.values.key_vault_id);
    if (!vault) return unknown('the vault is not in this stack; its network path cannot be judged');
    if (vault.values.public_network_access_enabled !== false) return pass('the vault is reachable without an endpoint');
    const endpoints = ctx.index
      .referrersOf(vault, ['azurerm_private_endpoint'], 'private_service_connection')
      .map((e) => e.address);
    if (endpoints.length === 0) return fail('the vault has no private endpoint in this stack to reach it through');
    const dependsOn = stringsAt(r.values, 'depends_on').map(String);
    return endpoints.some((e) => dependsOn.includes(e))
      ? pass('waits for the private endpoint')
      : fail(`depends_on does not name the vault's private endpoint (${endpoints.join(', ')})`);
  },
};
