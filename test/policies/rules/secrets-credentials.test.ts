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
    const result = outcomes(secretsCredentials, {
      azurerm_mssql_server: { s: { administrator_login_password: 'Summer2024!' } },
      azurerm_resource_group_template_deployment: { box: { parameters_content: '{"clientSecret":{"value":"abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456"}}' } },
    }, { stack: 'essex' });
    expect(result).toEqual({ 'azurerm_mssql_server.s': 'fail', 'azurerm_resource_group_template_deployment.box': 'fail' });
  });
});
