import { secretsAccountKeys } from '../../../policies/rules/secrets-account-keys';
import { outcomes, ref } from '../harness';

const KEY = `${'Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6kL9nO2qR5tU8wX1zA4cD7fG0iJ3lM6oP9rS2uV5xY8aB1dE4gH7'.slice(0, 86)}==`;

describe('BL-SEC-002 account keys and SAS tokens', () => {
  it('passes a connection reference that is an expression', () => {
    expect(
      outcomes(secretsAccountKeys, {
        azurerm_app_service: {
          a: { app_settings: { STORAGE: ref('azurerm_storage_account.s.primary_connection_string') } },
        },
      }),
    ).toEqual({ '(stack)': 'pass' });
  });
  it('fails a connection string with a key, a SAS URL and a bare account key', () => {
    const result = outcomes(secretsAccountKeys, {
      azurerm_a: { cs: { value: `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${KEY}` } },
      azurerm_b: {
        sas: { url: 'https://x.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%3D' },
      },
      azurerm_c: { key: { value: KEY } },
    });
    expect(result).toEqual({ 'azurerm_a.cs': 'fail', 'azurerm_b.sas': 'fail', 'azurerm_c.key': 'fail' });
  });
});

describe('BL-SEC-002 a SAS token on its own', () => {
  it('fails a SAS query string without its URL', () => {
    expect(
      outcomes(secretsAccountKeys, {
        azurerm_a: { a: { value: 'sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%3D&se=2026-01-01' } },
      }),
    ).toEqual({ 'azurerm_a.a': 'fail' });
  });
});
