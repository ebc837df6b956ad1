import { secretsPrivateKeys } from '../../../policies/rules/secrets-private-keys';
import { evaluate, outcomes } from '../harness';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';

describe('BL-SEC-001 private keys', () => {
  it('passes a stack with a public key only', () => {
    expect(
      outcomes(secretsPrivateKeys, {
        azurerm_linux_virtual_machine: { vm: { admin_ssh_key: { public_key: 'ssh-rsa AAAAB3NzaC1yc2E user@host' } } },
      }),
    ).toEqual({ '(stack)': 'pass' });
  });
  it('fails a PEM private key in a resource and in a variable default, without repeating it', () => {
    const result = evaluate(
      secretsPrivateKeys,
      { azurerm_key_vault_certificate: { c: { certificate: { contents: PEM } } } },
      { otherBlocks: { variable: { key: { default: PEM } } } },
    );
    expect(Object.keys(result)).toEqual(['azurerm_key_vault_certificate.c', 'variable']);
    expect(result['azurerm_key_vault_certificate.c'].message).toBe('a PEM private key at certificate.contents');
    expect(JSON.stringify(result)).not.toContain('MIIE');
  });
});

describe('BL-SEC-001 private keys in other wrappings', () => {
  it('fails a base64-encoded PEM (filebase64 output) at any alignment, and a PuTTY key', () => {
    const pem =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----';
    const result = outcomes(secretsPrivateKeys, {
      azurerm_a: { a: { custom_data: Buffer.from(pem).toString('base64') } },
      azurerm_b: { b: { custom_data: Buffer.from(`#!/bin/sh\n${pem}`).toString('base64') } },
      azurerm_c: { c: { custom_data: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none' } },
    });
    expect(result).toEqual({ 'azurerm_a.a': 'fail', 'azurerm_b.b': 'fail', 'azurerm_c.c': 'fail' });
  });
  it('passes base64 that merely mentions BEGIN', () => {
    expect(
      outcomes(secretsPrivateKeys, {
        azurerm_a: { a: { custom_data: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB').toString('base64') } },
      }),
    ).toEqual({ '(stack)': 'pass' });
  });
});
