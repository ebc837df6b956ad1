import { isPlanJson, isUnknown, referencedAddresses, stackFromConfig, stackFromPlan, Unknown } from '../../policies/terraform-json';

describe('reading cdk.tf.json', () => {
  const view = stackFromConfig('essex', {
    provider: { azurerm: [{ subscription_id: 'sub' }] },
    resource: {
      azurerm_subnet: {
        Workloads_1A: {
          '//': { metadata: { path: 'essex/Network/Workloads', uniqueId: 'Workloads_1A' } },
          name: 'snet-workloads',
          virtual_network_name: '${azurerm_virtual_network.Spoke_2B.name}',
          lifecycle: { prevent_destroy: true },
        },
      },
    },
  });
  const [subnet] = view.resources;

  it('gives each resource its address, type, construct path and lifecycle, without the metadata', () => {
    expect(subnet).toMatchObject({ address: 'azurerm_subnet.Workloads_1A', type: 'azurerm_subnet', name: 'Workloads_1A', constructPath: 'essex/Network/Workloads', lifecycle: { prevent_destroy: true } });
    expect(Object.keys(subnet.values)).toEqual(['name', 'virtual_network_name']);
  });

  it('turns references into Unknowns that keep the expression', () => {
    const value = subnet.values.virtual_network_name;
    expect(isUnknown(value)).toBe(true);
    expect((value as Unknown).expression).toBe('${azurerm_virtual_network.Spoke_2B.name}');
  });

  it('keeps the other top-level blocks for whole-document rules', () => {
    expect(view.otherBlocks?.provider).toEqual({ azurerm: [{ subscription_id: 'sub' }] });
  });
});

describe('reading terraform show -json', () => {
  const plan = {
    format_version: '1.2',
    resource_changes: [
      {
        address: 'azurerm_subnet_network_security_group_association.A',
        mode: 'managed',
        type: 'azurerm_subnet_network_security_group_association',
        name: 'A',
        change: { actions: ['create'], before: null, after: { subnet_id: null }, after_unknown: { id: true, subnet_id: true, network_security_group_id: true } },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'azurerm_subnet_network_security_group_association.A',
            mode: 'managed',
            expressions: { subnet_id: { references: ['azurerm_subnet.Workloads.id', 'azurerm_subnet.Workloads'] } },
          },
        ],
      },
    },
  };

  it('recognises a plan document', () => {
    expect(isPlanJson(plan)).toBe(true);
    expect(isPlanJson({ resource: {} })).toBe(false);
  });

  it('marks after_unknown values Unknown, with the configured reference where there is one', () => {
    const [assoc] = stackFromPlan('essex', plan).resources;
    expect((assoc.values.subnet_id as Unknown).expression).toBe('${azurerm_subnet.Workloads.id}');
    expect(isUnknown(assoc.values.network_security_group_id)).toBe(true);
    expect((assoc.values.network_security_group_id as Unknown).expression).toBeUndefined();
    expect(assoc.actions).toEqual(['create']);
  });

  it('falls back to planned_values when there are no resource changes', () => {
    const view = stackFromPlan('essex', { planned_values: { root_module: { resources: [], child_modules: [{ resources: [{ address: 'module.m.azurerm_key_vault.kv', mode: 'managed', type: 'azurerm_key_vault', name: 'kv', values: { name: 'kv' } }] }] } } });
    expect(view.resources.map((r) => r.address)).toEqual(['module.m.azurerm_key_vault.kv']);
  });
});

describe('referencedAddresses', () => {
  it('finds resource addresses in an expression, not variables or data sources', () => {
    expect(referencedAddresses('${azurerm_storage_account.A.id}/blobServices/default ${var.x} ${data.azurerm_subscription.c.id}')).toEqual(['azurerm_storage_account.A']);
  });
});
