import { isUnknown } from '../terraform-json';
import { at, fail, pass, type AddressedResult, type StackRule } from '../rule';
import { inlineSubnets, isPlatformSubnet, subnetResources } from '../subnets';

/** Every subnet has an NSG (deny-by-default inbound), except the ones Azure reserves. */
export const networkNsgOnEverySubnet: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-NET-004',
    title: 'Every subnet is associated with a network security group',
    severity: 'high',
    rationale:
      'A subnet without an NSG has no east-west filtering: one compromised workload can reach everything in the VNet.',
    ncsc: ['11', '3'],
    mirrors: { checkov: ['CKV2_AZURE_31'], azurePolicy: ['e71308d3-144b-4262-b144-efdc3cc90517'] },
    waivable: true,
  },
  check({ index }) {
    const results: AddressedResult[] = [];
    for (const subnet of subnetResources(index)) {
      if (isPlatformSubnet(subnet.values.name)) continue;
      const associations = index.referrersOf(
        subnet,
        ['azurerm_subnet_network_security_group_association'],
        'subnet_id',
      );
      if (associations.length === 0) {
        results.push(
          at(subnet.address, fail('no azurerm_subnet_network_security_group_association refers to this subnet')),
        );
        continue;
      }
      const nsgId = associations[0].values.network_security_group_id;
      const nsg = index.resolve(nsgId);
      if (
        isUnknown(nsgId) &&
        !nsg &&
        nsgId.expression &&
        /\$\{azurerm_network_security_group\./.test(nsgId.expression)
      ) {
        results.push(
          at(
            subnet.address,
            fail(`${associations[0].address} points at ${nsgId.expression}, which is not in the stack`),
          ),
        );
      } else {
        results.push(at(subnet.address, pass(nsg ? `NSG ${nsg.address}` : undefined)));
      }
    }
    for (const s of inlineSubnets(index)) {
      if (isPlatformSubnet(s.name)) continue;
      const sg = s.values.security_group;
      results.push(at(s.vnet.address, sg ? pass() : fail(`inline subnet "${s.name}" has no security_group`)));
    }
    return results;
  },
};
