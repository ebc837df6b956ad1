import { diffStackWithAdoption } from '../../delivery/adopted-diff';
import { formatDiffMarkdown, formatDiffText } from '../../delivery/diff-format';
import type { TerraformJson } from '../../delivery/tf-diff';

const SUB = '/subscriptions/00000000-0000-4000-8000-00000000a002';
const VNET_ID = `${SUB}/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks`;
const NSG_ID = `${SUB}/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/networkSecurityGroups/nsg-old`;

/** A force stack's JSON; `adopted` is what synthesis records from forces/alpha.adopt.yaml. */
const stack = (options: { port?: string; kvPublic?: boolean; adopted?: Record<string, unknown> } = {}) => ({
  ...(options.adopted ? { '//': { metadata: {}, bluelamp: { adopted: options.adopted } } } : {}),
  resource: {
    azurerm_resource_group: { Rg: { name: 'rg-alpha-network-uks', location: 'uksouth' } },
    azurerm_virtual_network: {
      Vnet: {
        name: 'vnet-alpha-uks',
        resource_group_name: '${azurerm_resource_group.Rg.name}',
        location: 'uksouth',
        address_space: ['10.64.0.0/21'],
      },
    },
    azurerm_network_security_group: {
      Nsg: { name: 'nsg-old', security_rule: [{ name: 'AllowHttps', destination_port_range: options.port ?? '443' }] },
    },
    azurerm_key_vault: { Kv: { name: 'kv-alpha', public_network_access_enabled: options.kvPublic ?? false } },
  },
});
const adoption = (vnetExisting: Record<string, unknown>) => ({
  'azurerm_virtual_network.Vnet': { id: VNET_ID, existing: vnetExisting },
  'azurerm_network_security_group.Nsg': { id: NSG_ID, existing: { name: 'nsg-old' } },
});
const diff = (before: TerraformJson, after: TerraformJson) => diffStackWithAdoption('alpha', before, after);

describe('the diff of a stack that adopts existing resources', () => {
  it('shows a new adoption as a change from what exists, naming the import and both address spaces', () => {
    const result = diff(
      stack(),
      stack({ adopted: adoption({ name: 'vnet-alpha-uks', address_space: ['10.64.0.0/22'] }) }),
    );
    const vnet = result.changes.find((c) => c.address === 'azurerm_virtual_network.Vnet');
    expect(vnet).toEqual({
      address: 'azurerm_virtual_network.Vnet',
      type: 'azurerm_virtual_network',
      kind: 'changed',
      constructPath: undefined,
      attributes: [
        { path: 'address_space', before: '10.64.0.0/22', after: '10.64.0.0/21' },
        { path: 'import', after: VNET_ID },
      ],
      security: 'network rules and routes',
      likelyReplacement: false,
      adopted: true,
    });
    expect(result.status).toBe('changed');
  });

  it('ranks an adoption that would replace what exists with deletions', () => {
    const result = diff(stack(), stack({ adopted: adoption({ location: 'ukwest' }) }));
    expect(result.changes[0]).toMatchObject({
      address: 'azurerm_virtual_network.Vnet',
      security: 'protected resource deleted',
      likelyReplacement: true,
      adopted: true,
    });
  });

  it('lists security-relevant changes to adopted resources before other security-relevant changes', () => {
    const adopted = adoption({ name: 'vnet-alpha-uks' });
    // Both changes are security-relevant; the key vault sorts first by category, the adopted NSG goes first.
    const result = diff(stack({ adopted }), stack({ adopted, port: '22', kvPublic: true }));
    expect(result.changes.map((c) => [c.address, c.security, c.adopted ?? false])).toEqual([
      ['azurerm_network_security_group.Nsg', 'network rules and routes', true],
      ['azurerm_key_vault.Kv', 'public access and hardening', false],
    ]);
    const text = formatDiffText([result], { base: 'main', strategy: 'with the current code', removed: [] });
    expect(text.split('\n').filter((l) => l.startsWith('!'))).toEqual([
      '! [network rules and routes] ~ azurerm_network_security_group.Nsg  [adopted]',
      '! [public access and hardening] ~ azurerm_key_vault.Kv',
    ]);
    const markdown = formatDiffMarkdown([result], { base: 'main', strategy: 'with the current code', removed: [] });
    expect(markdown).toContain('| ~ | `azurerm_network_security_group.Nsg` **adopted** | network rules and routes |');
  });

  it('compares the name in the import id when the adoption records no existing settings (BL-ADO-001 does too)', () => {
    const otherVnet = VNET_ID.replace(/vnet-alpha-uks$/, 'vnet-old');
    const adopted = { 'azurerm_virtual_network.Vnet': { id: otherVnet, existing: {} } };
    const vnet = diff(stack(), stack({ adopted })).changes.find((c) => c.address === 'azurerm_virtual_network.Vnet');
    expect(vnet).toMatchObject({
      attributes: [
        { path: 'import', after: otherVnet },
        { path: 'name', before: 'vnet-old', after: 'vnet-alpha-uks' },
      ],
      security: 'protected resource deleted',
      likelyReplacement: true,
    });
  });

  it('does not repeat an adoption the base already had', () => {
    const adopted = adoption({ name: 'vnet-alpha-uks', address_space: ['10.64.0.0/22'] });
    expect(diff(stack({ adopted }), stack({ adopted })).changes).toEqual([]);
  });

  it('leaves a stack without adoption as diffStack makes it', () => {
    const result = diff(stack(), stack({ port: '22' }));
    expect(result.changes.map((c) => [c.address, c.adopted])).toEqual([
      ['azurerm_network_security_group.Nsg', undefined],
    ]);
  });
});
