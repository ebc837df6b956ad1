import { looksRandom, secretsHighEntropy } from '../../../policies/rules/secrets-high-entropy';
import { evaluate, outcomes } from '../harness';

describe('BL-SEC-004 high-entropy strings', () => {
  it('passes GUIDs, resource ids, hex digests, host names and prose', () => {
    const result = outcomes(secretsHighEntropy, {
      azurerm_x: {
        a: {
          id: '00000000-0000-4000-8000-0000000c0002',
          scope:
            '/subscriptions/00000000-0000-4000-8000-0000000c0002/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks',
          digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          description: 'Detects mass download of SharePoint files by one user within ten minutes',
        },
      },
    });
    expect(result).toEqual({ '(stack)': 'pass' });
  });
  it('fails a random 40-character token', () => {
    expect(
      outcomes(secretsHighEntropy, { azurerm_x: { a: { settings: 'token=Zx9Qm2Lp7Vb4Nc8Rt1Yh6Ks3Wd5Fg0Ja2Hu9Ej' } } }),
    ).toEqual({ 'azurerm_x.a': 'fail' });
    expect(looksRandom('Zx9Qm2Lp7Vb4Nc8Rt1Yh6Ks3Wd5Fg0Ja2Hu9Ej')).toBe(true);
  });
});

describe('BL-SEC-004 detection rate and what it prints', () => {
  it('finds a 32-character letters-and-digits secret (the shape of a Box client secret)', () => {
    expect(looksRandom('mK3vQ8wZp2LrT7xN4bYc9HfJ6sDg1aUe')).toBe(true);
  });
  it('passes cdktf logical ids and CamelCase names with digits', () => {
    expect(looksRandom('HubVpnGateway_StaffordshireSite01LocalGateway_92F3A8E4')).toBe(false);
    expect(looksRandom('Office365AnalyticsRulesMailboxForwardingExternal2024')).toBe(false);
  });
  it('never prints any part of the secret, not even a prefix', () => {
    const secret = 'mK3vQ8wZp2LrT7xN4bYc9HfJ6sDg1aUe';
    const result = evaluate(secretsHighEntropy, { azurerm_x: { a: { settings: `key=${secret}` } } });
    expect(result['azurerm_x.a'].outcome).toBe('fail');
    expect(result['azurerm_x.a'].message).not.toContain(secret.slice(0, 4));
  });
});
