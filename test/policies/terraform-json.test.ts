import {
  configAddress,
  isPlanJson,
  isUnknown,
  referencedAddresses,
  stackFromConfig,
  stackFromPlan,
  Unknown,
} from '../../policies/terraform-json';

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
    expect(subnet).toMatchObject({
      address: 'azurerm_subnet.Workloads_1A',
      type: 'azurerm_subnet',
      name: 'Workloads_1A',
      constructPath: 'essex/Network/Workloads',
      lifecycle: { prevent_destroy: true },
    });
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
        change: {
          actions: ['create'],
          before: null,
          after: { subnet_id: null },
          after_unknown: { id: true, subnet_id: true, network_security_group_id: true },
        },
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
    const view = stackFromPlan('essex', {
      planned_values: {
        root_module: {
          resources: [],
          child_modules: [
            {
              resources: [
                {
                  address: 'module.m.azurerm_key_vault.kv',
                  mode: 'managed',
                  type: 'azurerm_key_vault',
                  name: 'kv',
                  values: { name: 'kv' },
                },
              ],
            },
          ],
        },
      },
    });
    expect(view.resources.map((r) => r.address)).toEqual(['module.m.azurerm_key_vault.kv']);
  });
});

describe('referencedAddresses', () => {
  it('finds resource addresses in an expression, not variables or data sources', () => {
    expect(
      referencedAddresses(
        '${azurerm_storage_account.A.id}/blobServices/default ${var.x} ${data.azurerm_subscription.c.id}',
      ),
    ).toEqual(['azurerm_storage_account.A']);
  });
});

describe('reading a plan as terraform show -json writes it', () => {
  const change = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
    address,
    mode: 'managed',
    type: address.replace(/^(?:module\.[^.]+\.)*/, '').split('.')[0],
    name: address
      .replace(/^(?:module\.[^.]+\.)*/, '')
      .split('.')[1]
      .replace(/\[.*$/, ''),
    change: { actions, before: null, after: {}, after_unknown: {}, ...extra },
  });

  it('refuses a format_version whose major version it does not know', () => {
    expect(() => stackFromPlan('essex', { format_version: '2.0', resource_changes: [] })).toThrow(
      /format_version 2.0 is not supported/,
    );
  });

  it('strips count and for_each indexes (quoted keys too) from module and resource addresses', () => {
    expect(configAddress('module.net[0].azurerm_subnet.s["a]b"]')).toBe('module.net.azurerm_subnet.s');
  });

  it('takes the configured reference of an unknown value from a module call', () => {
    const view = stackFromPlan('essex', {
      format_version: '1.2',
      resource_changes: [
        change('module.net.azurerm_subnet_network_security_group_association.a[0]', ['create'], {
          after_unknown: { subnet_id: true },
        }),
      ],
      configuration: {
        root_module: {
          module_calls: {
            net: {
              module: {
                resources: [
                  {
                    address: 'azurerm_subnet_network_security_group_association.a',
                    mode: 'managed',
                    expressions: { subnet_id: { references: ['azurerm_subnet.s.id', 'azurerm_subnet.s'] } },
                  },
                ],
              },
            },
          },
        },
      },
    });
    expect((view.resources[0].values.subnet_id as Unknown).expression).toBe('${azurerm_subnet.s.id}');
  });

  it('records sensitive string values (after_sensitive), and skips deposed objects', () => {
    const view = stackFromPlan('essex', {
      format_version: '1.2',
      resource_changes: [
        change('azurerm_linux_virtual_machine.vm', ['create'], {
          after: { admin_password: 'Sup3r-Secret!', name: 'vm' },
          after_sensitive: { admin_password: true },
        }),
        { ...change('azurerm_linux_virtual_machine.vm', ['delete']), deposed: '00000001' },
      ],
    });
    expect(view.resources).toHaveLength(1);
    expect(view.resources[0].sensitiveValues).toEqual(['Sup3r-Secret!']);
  });

  it('lists the attributes the configuration sets by expression, so computed values are not read as literals', () => {
    const view = stackFromPlan('essex', {
      format_version: '1.2',
      resource_changes: [
        change('azurerm_linux_virtual_machine.vm', ['create'], {
          after: { admin_password: 'from-key-vault', computer_name: 'vm' },
        }),
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'azurerm_linux_virtual_machine.vm',
              mode: 'managed',
              expressions: {
                admin_password: { references: ['data.azurerm_key_vault_secret.pw.value'] },
                computer_name: { constant_value: 'vm' },
              },
            },
          ],
        },
      },
    });
    expect(view.resources[0].derivedAttributes).toEqual(['admin_password']);
  });
});

describe('dynamic blocks in cdk.tf.json', () => {
  it('reads a dynamic block as an Unknown element beside the static blocks, never as no blocks', () => {
    const [nsg] = stackFromConfig('essex', {
      resource: {
        azurerm_network_security_group: {
          n: {
            security_rule: [{ name: 'static' }],
            dynamic: { security_rule: { for_each: '${var.rules}', content: { name: '${security_rule.value.name}' } } },
          },
        },
      },
    }).resources;
    const rules = nsg.values.security_rule as unknown[];
    expect(rules[0]).toEqual({ name: 'static' });
    expect(isUnknown(rules[1])).toBe(true);
    expect('dynamic' in nsg.values).toBe(false);
  });
});
