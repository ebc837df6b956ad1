import { applyOrderDataPlaneAfterEndpoint } from '../../../policies/rules/apply-order-data-plane-after-endpoint';
import { outcomes, ref } from '../harness';

const vault = { kv: { public_network_access_enabled: false } };
const endpoint = {
  pe: { private_service_connection: [{ private_connection_resource_id: ref('azurerm_key_vault.kv.id') }] },
};
const secret = (extra: Record<string, unknown> = {}) => ({
  s: { key_vault_id: ref('azurerm_key_vault.kv.id'), ...extra },
});

describe('BL-APL-010 data-plane writes after the private endpoint', () => {
  it('fails a secret in a private vault that does not wait for the endpoint (the Box secrets before the fix)', () => {
    expect(
      outcomes(applyOrderDataPlaneAfterEndpoint, {
        azurerm_key_vault: vault,
        azurerm_private_endpoint: endpoint,
        azurerm_key_vault_secret: secret(),
      }),
    ).toEqual({ 'azurerm_key_vault_secret.s': 'fail' });
  });
  it('passes one that depends on the endpoint', () => {
    expect(
      outcomes(applyOrderDataPlaneAfterEndpoint, {
        azurerm_key_vault: vault,
        azurerm_private_endpoint: endpoint,
        azurerm_key_vault_secret: secret({ depends_on: ['azurerm_private_endpoint.pe'] }),
      }),
    ).toEqual({ 'azurerm_key_vault_secret.s': 'pass' });
  });
  it('fails a private vault with no endpoint at all, and cannot judge a vault outside the stack', () => {
    expect(
      outcomes(applyOrderDataPlaneAfterEndpoint, { azurerm_key_vault: vault, azurerm_key_vault_secret: secret() }),
    ).toEqual({ 'azurerm_key_vault_secret.s': 'fail' });
    expect(
      outcomes(applyOrderDataPlaneAfterEndpoint, {
        azurerm_key_vault_secret: {
          s: { key_vault_id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' },
        },
      }),
    ).toEqual({ 'azurerm_key_vault_secret.s': 'unknown' });
  });
});
