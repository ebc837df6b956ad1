import { secretsCredentials } from '../../../policies/rules/secrets-credentials';
import { outcomes, ref } from '../harness';

describe('BL-SEC-003 literal credentials', () => {
  it('passes credentials taken from Key Vault by reference, and permission lists', () => {
    const result = outcomes(secretsCredentials, {
      azurerm_mssql_server: { s: { administrator_login_password: ref('azurerm_key_vault_secret.sql.value') } },
      azurerm_key_vault: { kv: { access_policy: [{ secret_permissions: ['Get'] }] } },
    });
    expect(result).toEqual({ '(stack)': 'pass' });
  });
  it('fails a literal password and an Entra client secret anywhere', () => {
    const result = outcomes(
      secretsCredentials,
      {
        azurerm_mssql_server: { s: { administrator_login_password: 'Summer2024!' } },
        azurerm_resource_group_template_deployment: {
          box: { parameters_content: '{"clientSecret":{"value":"abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456"}}' },
        },
      },
      { stack: 'essex' },
    );
    expect(result).toEqual({
      'azurerm_mssql_server.s': 'fail',
      'azurerm_resource_group_template_deployment.box': 'fail',
    });
  });
});

describe('BL-SEC-003 secrets by where they are written', () => {
  it('fails a literal Key Vault secret value, a certificate body, and a variable named for a secret with a default', () => {
    const result = outcomes(
      secretsCredentials,
      {
        azurerm_key_vault_secret: { s: { name: 'box-client-secret', value: 'not-so-secret-2024' } },
        azurerm_key_vault_certificate: {
          c: {
            name: 'tls',
            certificate: {
              contents: 'MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCCBMgwggTE',
              password: '',
            },
          },
        },
      },
      { otherBlocks: { variable: { client_secret: { type: 'string', default: 'hunter2' } } } },
    );
    expect(result).toEqual({
      'azurerm_key_vault_secret.s': 'fail',
      'azurerm_key_vault_certificate.c': 'fail',
      variable: 'fail',
    });
  });
  it('fails a bearer token (JWT) anywhere', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3gtYXBwIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
    expect(
      outcomes(secretsCredentials, { azurerm_logic_app_workflow: { w: { parameters: { auth: `Bearer ${jwt}` } } } }),
    ).toEqual({ 'azurerm_logic_app_workflow.w': 'fail' });
  });
  it('passes a write-only placeholder set out of band, a referenced secret, and a variable without a default', () => {
    const result = outcomes(
      secretsCredentials,
      {
        azurerm_key_vault_secret: {
          wo: { name: 'box-client-id', value_wo: 'set-out-of-band-see-docs-connectors-md' },
          byref: { name: 'x', value: ref('random_password.p.result') },
        },
      },
      { otherBlocks: { variable: { client_secret: { type: 'string', sensitive: true } } } },
    );
    expect(result).toEqual({ '(stack)': 'pass' });
  });
  it('fails a real value in value_wo: write-only keeps it out of state, not out of the code', () => {
    expect(
      outcomes(secretsCredentials, { azurerm_key_vault_secret: { wo: { name: 'x', value_wo: 'Winter-2025!' } } }),
    ).toEqual({ 'azurerm_key_vault_secret.wo': 'fail' });
  });
});
