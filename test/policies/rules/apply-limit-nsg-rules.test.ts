import { applyLimitNsgRules } from '../../../policies/rules/apply-limit-nsg-rules';
import { outcomes } from '../harness';

const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `r${i}`, priority: 100 + i }));

describe('BL-APL-005 rules per network security group', () => {
  it('fails 1001 rules', () => {
    expect(
      outcomes(applyLimitNsgRules, { azurerm_network_security_group: { nsg: { security_rule: rules(1001) } } }),
    ).toEqual({ 'azurerm_network_security_group.nsg': 'fail' });
  });
  it('passes 1000', () => {
    expect(
      outcomes(applyLimitNsgRules, { azurerm_network_security_group: { nsg: { security_rule: rules(1000) } } }),
    ).toEqual({ 'azurerm_network_security_group.nsg': 'pass' });
  });
});
