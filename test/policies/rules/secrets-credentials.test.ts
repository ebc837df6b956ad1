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

describe('BL-SEC-003 tokens of other systems and passwords inside values', () => {
  const AWS = 'AKIAIOSFODNN7EXAMPLE';
  const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
  it.each([
    ['an AWS access key id', `aws_access_key_id=${AWS}`],
    ['a temporary AWS key id', 'ASIAY34FZKBOKMUTVV7A'],
    ['a Slack bot token', `https://slack.example/api?token=${SLACK}`],
    ['a Slack user token', 'xoxp-1111111111-2222222222-abcdefabcdef'],
    ['a password in a connection string', 'Server=db.example;User Id=app;Password=Hunter2;'],
    ['a pwd in a URL', 'https://legacy.example/login?user=svc&pwd=s3cret'],
  ])('fails %s, naming only its kind', (_what, text) => {
    const result = secretsCredentials.check({
      stack: {
        name: 'essex',
        resources: [{ address: 'azurerm_x.y', type: 'azurerm_x', name: 'y', values: { settings: text } }],
      },
    } as never);
    expect(Array.isArray(result) && result.map((r) => [r.address, r.outcome])).toEqual([['azurerm_x.y', 'fail']]);
    const message = (Array.isArray(result) && result[0].message) || '';
    // Not even a prefix of the secret: nothing from the value after its key.
    for (const secret of [AWS, SLACK, 'Hunter2', 's3cret', 'ASIAY34', 'xoxp-1111'])
      expect(message).not.toContain(secret.slice(0, 4));
  });

  it.each([
    ['a password taken from Key Vault', 'Server=db;Password=${azurerm_key_vault_secret.db.value};'],
    ['a templated password', 'password={{ vault.password }}'],
    ['a KQL query about passwords', 'SecurityEvent | where Activity has "password" | extend Password = tostring(x)'],
    ['an id that only starts like a key', 'AKIA-not-a-key'],
    ['a word with xox in it', 'toxoxb-ish'],
  ])('passes %s', (_what, text) => {
    const result = outcomes(secretsCredentials, { azurerm_x: { y: { settings: text } } });
    expect(result).toEqual({ '(stack)': 'pass' });
  });
});
