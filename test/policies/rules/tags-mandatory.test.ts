import { tagsMandatory } from '../../../policies/rules/tags-mandatory';
import { evaluate, outcomes, ref } from '../harness';

const tags = { force: 'essex', classification: 'OFFICIAL', 'cost-centre': 'ESSEX-ICT', 'managed-by': 'bluelamp' };

describe('BL-TAG-001 mandatory tags', () => {
  it('passes a resource with every required tag and skips untaggable ones', () => {
    expect(
      outcomes(tagsMandatory, {
        azurerm_key_vault: { kv: { location: 'uksouth', tags } },
        azurerm_subnet: { s: { name: 's' } },
      }),
    ).toEqual({ 'azurerm_key_vault.kv': 'pass', 'azurerm_subnet.s': 'not-applicable' });
  });
  it('fails a resource missing tags, naming them', () => {
    const result = evaluate(tagsMandatory, {
      azurerm_key_vault: { kv: { location: 'uksouth', tags: { force: 'essex' } } },
    });
    expect(result['azurerm_key_vault.kv']).toEqual({
      outcome: 'fail',
      message: 'missing tags classification, cost-centre, managed-by',
    });
  });
  it('is unknown when the tags are an expression', () => {
    expect(
      outcomes(tagsMandatory, { azurerm_key_vault: { kv: { location: 'uksouth', tags: ref('local.tags') } } }),
    ).toEqual({ 'azurerm_key_vault.kv': 'unknown' });
  });
});

describe('BL-TAG-001 tags that are present but say nothing', () => {
  const tags = { force: 'essex', classification: 'OFFICIAL', 'cost-centre': 'CC1', 'managed-by': 'bluelamp' };
  it('fails an empty required tag', () => {
    expect(
      outcomes(tagsMandatory, {
        azurerm_key_vault: { kv: { location: 'uksouth', tags: { ...tags, 'cost-centre': ' ' } } },
      }),
    ).toEqual({ 'azurerm_key_vault.kv': 'fail' });
  });
  it('is unknown when a required tag is an expression', () => {
    expect(
      outcomes(tagsMandatory, {
        azurerm_key_vault: { kv: { location: 'uksouth', tags: { ...tags, force: '${var.force}' } } },
      }),
    ).toEqual({ 'azurerm_key_vault.kv': 'unknown' });
  });
});
