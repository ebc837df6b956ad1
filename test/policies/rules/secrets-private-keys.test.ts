import { secretsPrivateKeys } from '../../../policies/rules/secrets-private-keys';
import { evaluate, outcomes } from '../harness';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';

describe('BL-SEC-001 private keys', () => {
  it('passes a stack with a public key only', () => {
    expect(outcomes(secretsPrivateKeys, { azurerm_linux_virtual_machine: { vm: { admin_ssh_key: { public_key: 'ssh-rsa AAAAB3NzaC1yc2E user@host' } } } })).toEqual({ '(stack)': 'pass' });
  });
  it('fails a PEM private key in a resource and in a variable default, without repeating it', () => {
    const result = evaluate(secretsPrivateKeys, { azurerm_key_vault_certificate: { c: { certificate: { contents: PEM } } } }, { otherBlocks: { variable: { key: { default: PEM } } } });
    expect(Object.keys(result)).toEqual(['azurerm_key_vault_certificate.c', 'variable']);
    expect(result['azurerm_key_vault_certificate.c'].message).toBe('a PEM private key at certificate.contents');
    expect(JSON.stringify(result)).not.toContain('MIIE');
  });
});
