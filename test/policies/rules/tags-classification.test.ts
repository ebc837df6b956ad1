import { tagsClassification } from '../../../policies/rules/tags-classification';
import { outcomes } from '../harness';

describe('BL-TAG-002 classification tag', () => {
  it('passes OFFICIAL and OFFICIAL-SENSITIVE', () => {
    const result = outcomes(tagsClassification, {
      azurerm_key_vault: {
        a: { location: 'uksouth', tags: { classification: 'OFFICIAL' } },
        b: { location: 'uksouth', tags: { classification: 'OFFICIAL-SENSITIVE' } },
      },
    });
    expect(result).toEqual({ 'azurerm_key_vault.a': 'pass', 'azurerm_key_vault.b': 'pass' });
  });
  it('fails a missing tag and SECRET (not handled by the platform)', () => {
    const result = outcomes(tagsClassification, {
      azurerm_key_vault: {
        a: { location: 'uksouth', tags: {} },
        b: { location: 'uksouth', tags: { classification: 'SECRET' } },
      },
    });
    expect(result).toEqual({ 'azurerm_key_vault.a': 'fail', 'azurerm_key_vault.b': 'fail' });
  });
});
