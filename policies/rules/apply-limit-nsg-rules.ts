import { blocksAt, fail, pass, type ResourceRule } from '../rule';
import { AZURE_LIMITS, limitMessage } from '../../util/azure-limits';

/** Rules in one NSG: its inline rules plus azurerm_network_security_rule resources in it. */
export const applyLimitNsgRules: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_network_security_group'],
  meta: {
    id: 'BL-APL-005',
    title: 'No network security group has more rules than Azure allows',
    severity: 'high',
    rationale: 'Rules generated per force or per site grow with the estate; Azure refuses the NSG past the limit.',
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    const separate = ctx.index.referrersOf(r, ['azurerm_network_security_rule'], 'network_security_group_name').length;
    const count = blocksAt(r.values, 'security_rule').length + separate;
    const limit = AZURE_LIMITS.securityRulesPerNetworkSecurityGroup;
    return count > limit.max ? fail(limitMessage(limit, count)) : pass(`${count} rules`);
  },
};
