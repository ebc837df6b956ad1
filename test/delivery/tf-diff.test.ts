import { chooseStrategy } from '../../delivery/estate-diff';
import { diffStack, type TerraformJson } from '../../delivery/tf-diff';

const nsg = (port: string, extraRule = false): TerraformJson => ({
  resource: {
    azurerm_network_security_group: {
      Nsg: {
        '//': { metadata: { path: 'alpha/Network/Nsg' } },
        name: 'nsg-alpha',
        security_rule: [
          ...(extraRule ? [{ name: 'AllowBastion', destination_port_range: '22', access: 'Allow' }] : []),
          { name: 'AllowHttps', destination_port_range: port, access: 'Allow', description: null },
        ],
      },
    },
    azurerm_resource_group: { Rg: { name: 'rg-alpha', tags: { 'cost-centre': 'A' } } },
    azurerm_key_vault: { Kv: { name: 'kv-alpha', public_network_access_enabled: false } },
  },
  terraform: { backend: { azurerm: { key: 'forces/alpha.tfstate' } } },
});

describe('diffStack', () => {
  it('keys named blocks by name, so a new rule does not shift every other rule', () => {
    const diff = diffStack('alpha', nsg('443'), nsg('443', true));
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0].attributes.map((a) => a.path)).toEqual([
      'security_rule[name=AllowBastion].access',
      'security_rule[name=AllowBastion].destination_port_range',
      'security_rule[name=AllowBastion].name',
    ]);
  });

  it('shows a changed NSG rule attribute with before and after, as a security-relevant change', () => {
    const diff = diffStack('alpha', nsg('443'), nsg('22'));
    expect(diff.changes).toEqual([
      expect.objectContaining({
        address: 'azurerm_network_security_group.Nsg',
        kind: 'changed',
        security: 'network rules and routes',
        constructPath: 'alpha/Network/Nsg',
        attributes: [{ path: 'security_rule[name=AllowHttps].destination_port_range', before: '443', after: '22' }],
      }),
    ]);
  });

  it('puts the deletion of a protected resource first, before other changes', () => {
    const after = nsg('22');
    const { azurerm_key_vault: _gone, ...rest } = after.resource!;
    const diff = diffStack('alpha', nsg('443'), { ...after, resource: { ...rest, azurerm_resource_group: { Rg: { name: 'rg-alpha', tags: { 'cost-centre': 'B' } } } } });
    expect(diff.changes.map((c) => [c.address, c.kind, c.security])).toEqual([
      ['azurerm_key_vault.Kv', 'removed', 'protected resource deleted'],
      ['azurerm_network_security_group.Nsg', 'changed', 'network rules and routes'],
      ['azurerm_resource_group.Rg', 'changed', undefined],
    ]);
  });

  it('does not flag a change of tags alone on a security resource', () => {
    const after: TerraformJson = JSON.parse(JSON.stringify(nsg('443')));
    after.resource!.azurerm_network_security_group.Nsg.tags = { 'cost-centre': 'B' };
    const diff = diffStack('alpha', nsg('443'), after);
    expect(diff.changes).toEqual([expect.objectContaining({ address: 'azurerm_network_security_group.Nsg', security: undefined })]);
  });

  it('flags a public access switch on any resource', () => {
    const after = nsg('443');
    const diff = diffStack('alpha', nsg('443'), { ...after, resource: { ...after.resource, azurerm_key_vault: { Kv: { name: 'kv-alpha', public_network_access_enabled: true } } } });
    expect(diff.changes[0]).toMatchObject({ security: 'public access and hardening', attributes: [{ path: 'public_network_access_enabled', before: false, after: true }] });
  });

  it('flags a change of state key as a change of deployment target', () => {
    const diff = diffStack('alpha', nsg('443'), { ...nsg('443'), terraform: { backend: { azurerm: { key: 'forces/other.tfstate' } } } });
    expect(diff.changes[0]).toMatchObject({ address: 'terraform.backend', security: 'deployment target' });
  });

  it('marks a rename as a likely replacement and ignores construct metadata', () => {
    const before = nsg('443');
    const after: TerraformJson = JSON.parse(JSON.stringify(before));
    after.resource!.azurerm_resource_group.Rg.name = 'rg-alpha-2';
    (after.resource!.azurerm_network_security_group.Nsg['//'] as { metadata: { path: string } }).metadata.path = 'alpha/Moved';
    const diff = diffStack('alpha', before, after);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ address: 'azurerm_resource_group.Rg', likelyReplacement: true });
  });

  it('reports a stack with no base as added and one with no head as removed', () => {
    expect(diffStack('alpha', undefined, nsg('443')).status).toBe('added');
    const removed = diffStack('alpha', nsg('443'), undefined);
    expect(removed.status).toBe('removed');
    expect(removed.changes.every((c) => c.kind === 'removed')).toBe(true);
  });
});

describe('chooseStrategy', () => {
  it('uses the current code when only config changed', () => {
    expect(chooseStrategy(['forces/essex.yaml', 'platform.yaml', 'docs/x.md'], true)).toBe('head-code');
  });
  it("builds the base's own code when the synthesis code changed in this repository", () => {
    expect(chooseStrategy(['constructs/force-network.ts'], true)).toBe('base-code');
    expect(chooseStrategy(['package-lock.json'], true)).toBe('base-code');
  });
  it('uses the installed code for an estate repository that does not hold the code', () => {
    expect(chooseStrategy(['constructs/whatever.ts'], false)).toBe('head-code');
  });
});
