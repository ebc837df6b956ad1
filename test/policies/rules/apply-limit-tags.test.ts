import { applyLimitTags } from '../../../policies/rules/apply-limit-tags';
import { outcomes } from '../harness';

const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('BL-APL-006 tags per resource', () => {
  it('fails 51 tags and passes 50', () => {
    expect(
      outcomes(applyLimitTags, { azurerm_resource_group: { many: { tags: tags(51) }, ok: { tags: tags(50) } } }),
    ).toEqual({ 'azurerm_resource_group.many': 'fail', 'azurerm_resource_group.ok': 'pass' });
  });
  it('does not apply to a resource without tags', () => {
    expect(outcomes(applyLimitTags, { azurerm_subnet: { s: {} } })).toEqual({ 'azurerm_subnet.s': 'not-applicable' });
  });
});
