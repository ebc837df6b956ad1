import { looksRandom, secretsHighEntropy } from '../../../policies/rules/secrets-high-entropy';
import { outcomes } from '../harness';

describe('BL-SEC-004 high-entropy strings', () => {
  it('passes GUIDs, resource ids, hex digests, host names and prose', () => {
    const result = outcomes(secretsHighEntropy, {
      azurerm_x: {
        a: {
          id: '00000000-0000-4000-8000-0000000c0002',
          scope: '/subscriptions/00000000-0000-4000-8000-0000000c0002/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks',
          digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          description: 'Detects mass download of SharePoint files by one user within ten minutes',
        },
      },
    });
    expect(result).toEqual({ '(stack)': 'pass' });
  });
  it('fails a random 40-character token', () => {
    expect(outcomes(secretsHighEntropy, { azurerm_x: { a: { settings: 'token=Zx9Qm2Lp7Vb4Nc8Rt1Yh6Ks3Wd5Fg0Ja2Hu9Ej' } } })).toEqual({ 'azurerm_x.a': 'fail' });
    expect(looksRandom('Zx9Qm2Lp7Vb4Nc8Rt1Yh6Ks3Wd5Fg0Ja2Hu9Ej')).toBe(true);
  });
});
