import { chooseStrategy } from '../../delivery/estate-diff';
import { formatDiffMarkdown, formatDiffText } from '../../delivery/diff-format';
import { diffStack, isSensitive, REDACTED, type TerraformJson } from '../../delivery/tf-diff';

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
    const diff = diffStack('alpha', nsg('443'), {
      ...after,
      resource: { ...rest, azurerm_resource_group: { Rg: { name: 'rg-alpha', tags: { 'cost-centre': 'B' } } } },
    });
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
    expect(diff.changes).toEqual([
      expect.objectContaining({ address: 'azurerm_network_security_group.Nsg', security: undefined }),
    ]);
  });

  it('flags a public access switch on any resource', () => {
    const after = nsg('443');
    const diff = diffStack('alpha', nsg('443'), {
      ...after,
      resource: {
        ...after.resource,
        azurerm_key_vault: { Kv: { name: 'kv-alpha', public_network_access_enabled: true } },
      },
    });
    expect(diff.changes[0]).toMatchObject({
      security: 'public access and hardening',
      attributes: [{ path: 'public_network_access_enabled', before: false, after: true }],
    });
  });

  it('flags a change of state key as a change of deployment target', () => {
    const diff = diffStack('alpha', nsg('443'), {
      ...nsg('443'),
      terraform: { backend: { azurerm: { key: 'forces/other.tfstate' } } },
    });
    expect(diff.changes[0]).toMatchObject({ address: 'terraform.backend', security: 'deployment target' });
  });

  it('marks a rename as a likely replacement and ignores construct metadata', () => {
    const before = nsg('443');
    const after: TerraformJson = JSON.parse(JSON.stringify(before));
    after.resource!.azurerm_resource_group.Rg.name = 'rg-alpha-2';
    (after.resource!.azurerm_network_security_group.Nsg['//'] as { metadata: { path: string } }).metadata.path =
      'alpha/Moved';
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
    // util/cidr.ts carves the subnets: a change there changes the Terraform too.
    expect(chooseStrategy(['util/cidr.ts'], true)).toBe('base-code');
  });
  it('uses the installed code for an estate repository that does not hold the code', () => {
    expect(chooseStrategy(['constructs/whatever.ts'], false)).toBe('head-code');
  });
});

describe('secrets in the diff', () => {
  const withSecrets = (secret: string): TerraformJson => ({
    resource: {
      azurerm_key_vault_secret: {
        Box: {
          name: 'box-client-secret',
          value_wo: secret,
          value_wo_version: 1,
          key_vault_id: '${azurerm_key_vault.Kv.id}',
        },
      },
      azurerm_virtual_network_gateway_connection: { Site: { name: 'cn-site', shared_key: secret } },
    },
    output: { conn: { value: secret, sensitive: true }, rg: { value: `rg-${secret.slice(0, 1)}` } },
  });

  it('says that a secret changed without printing it, in text and in Markdown', () => {
    const diff = diffStack('alpha', withSecrets('old-s3cret'), withSecrets('new-s3cret'));
    expect(JSON.stringify(diff.changes)).not.toContain('s3cret');
    expect(diff.changes.map((c) => c.address).sort()).toEqual([
      'azurerm_key_vault_secret.Box',
      'azurerm_virtual_network_gateway_connection.Site',
      'output.conn',
      'output.rg',
    ]);
    const gateway = diff.changes.find((c) => c.address.startsWith('azurerm_virtual_network_gateway_connection'))!;
    expect(gateway.attributes).toEqual([{ path: 'shared_key', before: REDACTED, after: REDACTED }]);
    const header = { base: 'origin/main', strategy: 'with the current code', removed: [] };
    expect(formatDiffText([diff], header)).not.toContain('s3cret');
    expect(formatDiffMarkdown([diff], header)).toContain(
      '`shared_key: \\"(sensitive)\\" -> \\"(sensitive)\\"`'.replace(/\\"/g, '"'),
    );
  });

  it('keeps references and non-sensitive outputs visible', () => {
    expect(isSensitive('azurerm_key_vault_secret', 'key_vault_id')).toBe(false);
    expect(isSensitive('azurerm_key_vault_secret', 'value_wo_version')).toBe(false);
    expect(isSensitive('azurerm_storage_account', 'shared_access_key_enabled')).toBe(false);
    expect(isSensitive('azurerm_linux_virtual_machine', 'admin_password')).toBe(true);
    expect(isSensitive('azurerm_key_vault_secret', 'value')).toBe(true);
    const diff = diffStack('alpha', withSecrets('a'), withSecrets('b'));
    expect(diff.changes.find((c) => c.address === 'output.rg')!.attributes).toEqual([
      { path: 'value', before: 'rg-a', after: 'rg-b' },
    ]);
  });
});

describe('the Markdown comment size', () => {
  const manyRules = (stack: string, port: string): TerraformJson => ({
    resource: {
      azurerm_network_security_rule: Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [
          `Rule${i}`,
          { name: `rule-${stack}-${i}`, destination_port_range: port, description: 'x'.repeat(60) },
        ]),
      ),
    },
  });

  it('stays under the pull-request comment limit with whole stack sections, naming the stacks left out', () => {
    const diffs = ['alpha', 'bravo', 'charlie', 'delta'].map((s) =>
      diffStack(s, manyRules(s, '443'), manyRules(s, '8443')),
    );
    const text = formatDiffMarkdown(diffs, { base: 'origin/main', strategy: 'with the current code', removed: [] });
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text.split('<details').length).toBe(text.split('</details>').length);
    expect(text).toMatch(
      /stacks? not shown here \(comment size limit\): [a-z, ]+\. Run `bluelamp diff --base origin\/main`/,
    );
    expect(text).toContain('| delta | 0 | 0 | 300 | **300** |');
  });

  it('shows a new partner and a widened agreement as evidence shared outside the force, before network changes', () => {
    const share = (prefix: string, end: string) => ({
      '//': { metadata: { path: 'alpha/EvidenceSharing/cps-alpha/Read-evidence-1a2b' } },
      scope: '${azurerm_storage_container.Ev.resource_manager_id}',
      condition: `... StringStartsWith '${prefix}'`,
      schedule: { expiration: { end_date_time: end } },
    });
    const base = nsg('443');
    const widened: TerraformJson = {
      ...nsg('22'),
      resource: {
        ...nsg('22').resource,
        azurerm_pim_eligible_role_assignment: {
          Cps: share('urn-1/', '2027-03-01T23:59:59Z'),
          Court: share('urn-2/', '2027-02-01T23:59:59Z'),
        },
      },
    };
    const before: TerraformJson = {
      ...base,
      resource: {
        ...base.resource,
        azurerm_pim_eligible_role_assignment: { Cps: share('urn-1/', '2027-02-01T23:59:59Z') },
      },
    };
    const diff = diffStack('alpha', before, widened);
    expect(diff.changes.map((c) => [c.address, c.kind, c.security])).toEqual([
      ['azurerm_pim_eligible_role_assignment.Court', 'added', 'evidence shared outside the force'],
      ['azurerm_pim_eligible_role_assignment.Cps', 'changed', 'evidence shared outside the force'],
      ['azurerm_network_security_group.Nsg', 'changed', 'network rules and routes'],
    ]);
  });
});
