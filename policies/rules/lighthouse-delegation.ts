import { isUnknown } from '../terraform-json';
import { at, fail, pass, show, STACK_ADDRESS, unknown, type AddressedResult, type StackRule } from '../rule';

/** The NMC can see the force: a Lighthouse definition to the NMC tenant, and its assignment. */
export const lighthouseDelegation: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-LOG-006',
    title: 'Every force delegates its subscription to the NMC through Azure Lighthouse',
    severity: 'high',
    rationale:
      'The national SOC watches each force through Lighthouse; without the delegation (definition and assignment) the force is dark to 24/7 monitoring.',
    ncsc: ['5.3', '5.4'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['nmc.tenantId'],
  check({ index, isNational, settings }) {
    if (isNational) return [];
    const definitions = index.ofType('azurerm_lighthouse_definition');
    if (definitions.length === 0)
      return [at(STACK_ADDRESS, fail('no azurerm_lighthouse_definition: the NMC has no delegated access'))];
    const results: AddressedResult[] = [];
    for (const d of definitions) {
      const tenant = d.values.managing_tenant_id;
      if (isUnknown(tenant)) results.push(at(d.address, unknown(`managing_tenant_id is ${show(tenant)}`)));
      else if (settings.nmcTenantId && String(tenant).toLowerCase() !== settings.nmcTenantId.toLowerCase()) {
        results.push(
          at(d.address, fail(`managing_tenant_id is ${show(tenant)}, not the NMC tenant ${settings.nmcTenantId}`)),
        );
      } else if (index.referrersOf(d, ['azurerm_lighthouse_assignment'], 'lighthouse_definition_id').length === 0) {
        results.push(
          at(d.address, fail('the definition is never assigned (no azurerm_lighthouse_assignment refers to it)')),
        );
      } else {
        results.push(at(d.address, pass()));
      }
    }
    return results;
  },
};
