import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { InventoryError } from '../../adopt/inventory';
import { adoptForce } from '../../delivery/adopt';
import { renderCodeowners } from '../../delivery/codeowners';
import { synthesizeEstate } from '../../stacks/synthesize';
import { configProblems, FIXTURES, removeDir, tempEstate } from '../helpers/estate';
import { readAdopted } from '../../adopt/stack-metadata';
import { stackFromConfig } from '../../policies/terraform-json';
import { adoptionAddressSpace } from '../../policies/rules/adoption-address-space';
import { adoptionNoReplacement } from '../../policies/rules/adoption-no-replacement';
import { evaluateView } from '../policies/harness';
import { main } from '../../cli/main';
import { captureIo } from './git-repo';

const inventory = (name: string) => ({ path: join(FIXTURES, 'inventories', name), display: name });

describe('bluelamp adopt', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('writes forces/alpha.adopt.yaml and synth turns each entry into an import block', async () => {
    writeFileSync(join(dir, 'CODEOWNERS'), renderCodeowners(['alpha', 'bravo']));
    const outcome = await adoptForce({ dir, forceId: 'alpha', inventories: [inventory('alpha-blue-lamp-names.json')] });
    expect(outcome.result.matched).toHaveLength(20);
    const file = readFileSync(join(dir, 'forces', 'alpha.adopt.yaml'), 'utf8');
    expect(file).toContain('force: alpha\n');
    // Owned by the force's team and the NMC together, like nothing else in forces/.
    expect(readFileSync(join(dir, 'CODEOWNERS'), 'utf8')).toMatch(
      /^\/forces\/alpha\.adopt\.yaml +@bluelamp\/force-alpha @bluelamp\/\S+$/m,
    );
    expect(file).toContain(
      'id: /subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks\n',
    );

    const outdir = join(dir, 'cdktf.out');
    await synthesizeEstate(loadEstate(dir), { outdir, forceIds: ['alpha'] });
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), 'utf8'));
    const imports = json.import as { to: string; id: string }[];
    expect(imports).toHaveLength(20);
    expect(imports).toContainEqual({
      to: expect.stringMatching(/^azurerm_virtual_network\.Network_VirtualNetwork_[0-9A-F]{8}$/),
      id: '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks',
    });
  }, 60_000);

  it('keeps what exists in the adoption file and the stack metadata, where BL-ADO-002 names both address spaces', async () => {
    await adoptForce({ dir, forceId: 'alpha', inventories: [inventory('alpha-half-and-half.json')] });
    const file = readFileSync(join(dir, 'forces', 'alpha.adopt.yaml'), 'utf8');
    expect(file).toMatch(
      /existing:\n +name: vnet-alpha-uks\n +resource_group_name: rg-alpha-network-uks\n +location: uksouth\n +address_space:\n +- 10\.64\.0\.0\/22\n/,
    );
    expect(file).toContain('note: "address_space: exists as 10.64.0.0/22, planned 10.64.0.0/21 (changes it in place)"');

    const outdir = join(dir, 'cdktf.out');
    await synthesizeEstate(loadEstate(dir), { outdir, forceIds: ['alpha'] });
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const view = stackFromConfig('alpha', json);
    const vnet = view.resources.find((r) => r.type === 'azurerm_virtual_network')!;
    // Recorded in the stack's `//` comment only: the resource Terraform reads is unchanged.
    expect(readAdopted(view.otherBlocks).get(vnet.address)?.existing.address_space).toEqual(['10.64.0.0/22']);
    expect(vnet.values.address_space).toEqual(['10.64.0.0/21']);
    expect(JSON.stringify(json.resource)).not.toContain('"adopted"');
    const results = evaluateView(adoptionAddressSpace, view);
    expect(results[vnet.address]).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining("address_space exists as 10.64.0.0/22, Blue Lamp's is 10.64.0.0/21"),
    });
    expect(Object.values(evaluateView(adoptionNoReplacement, view)).map((r) => r.outcome)).not.toContain('fail');
  }, 60_000);

  it('imports nothing from a hand-built subscription, and exits with conflicts to resolve', async () => {
    const outcome = await adoptForce({ dir, forceId: 'alpha', inventories: [inventory('alpha-hand-built.json')] });
    expect(outcome.result.matched).toEqual([]);
    expect(outcome.result.conflicts.map((c) => c.row.name).sort()).toEqual([
      'NetworkWatcher_uksouth',
      'rg-alpha-dr',
      'stalphadr01',
      'vnet-alpha-prod',
    ]);
    expect(outcome.result.unmanaged.map((r) => r.name)).toContain('vm-alpha-rms01');
  }, 60_000);

  it('prints the names of what it leaves alone without the control characters that would rewrite the terminal', async () => {
    const sub = '00000000-0000-4000-8000-00000000a002';
    const vm = {
      id: `/subscriptions/${sub}/resourceGroups/rg-apps/providers/Microsoft.Compute/virtualMachines/vm1`,
      name: 'vm1\u001b[2K\rnothing left alone',
      type: 'microsoft.compute/virtualmachines',
      resourceGroup: 'rg-apps',
      subscriptionId: sub,
      location: 'uksouth',
    };
    writeFileSync(join(dir, 'vm.json'), JSON.stringify([vm]));
    const { io, sink } = captureIo(dir);
    const fixture = join(FIXTURES, 'inventories', 'alpha-blue-lamp-names.json');
    const code = await main(
      ['adopt', 'alpha', '--dir', dir, '--inventory', fixture, '--inventory', join(dir, 'vm.json')],
      sink,
    );
    expect(code).toBe(0);
    expect(io.stdout).toContain('virtualmachines vm1');
    expect(io.stdout).not.toContain('\u001b');
    expect(io.stdout).not.toContain('\r');
  });

  it('writes nothing for a bad inventory', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"not": "an export"}');
    await expect(
      adoptForce({ dir, forceId: 'alpha', inventories: [{ path: bad, display: 'bad.json' }] }),
    ).rejects.toThrow(InventoryError);
    expect(existsSync(join(dir, 'forces', 'alpha.adopt.yaml'))).toBe(false);
  });

  it('refuses an adoption file for another subscription, with its line', () => {
    writeFileSync(
      join(dir, 'forces', 'alpha.adopt.yaml'),
      'force: alpha\nsubscriptionId: 00000000-0000-4000-8000-00000000b002\nimports: []\n',
    );
    const issues = configProblems(dir);
    expect(issues).toEqual([
      "forces/alpha.adopt.yaml:2:17 subscriptionId: 00000000-0000-4000-8000-00000000b002 is not alpha's subscription (00000000-0000-4000-8000-00000000a002)",
    ]);
  });

  it('names the line of an adopted address the stack does not have (renamed since adopt ran), and writes nothing', async () => {
    const rg = '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-network-uks';
    writeFileSync(
      join(dir, 'forces', 'alpha.adopt.yaml'),
      [
        'force: alpha',
        'subscriptionId: 00000000-0000-4000-8000-00000000a002',
        'imports:',
        '  - address: azurerm_virtual_network.Network_Renamed_0000ABCD',
        `    id: ${rg}/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks`,
        '',
      ].join('\n'),
    );
    const outdir = join(dir, 'cdktf.out');
    await expect(synthesizeEstate(loadEstate(dir), { outdir, forceIds: ['alpha'] })).rejects.toThrow(
      'forces/alpha.adopt.yaml:4:14: imports[0].address azurerm_virtual_network.Network_Renamed_0000ABCD: no such resource in the alpha stack',
    );
    expect(existsSync(join(outdir, 'stacks', 'alpha', 'cdk.tf.json'))).toBe(false);
  }, 60_000);

  it("refuses existing names that are not the id's: BL-ADO-001 compares them, and Terraform imports the id", () => {
    // A hand edit that sets existing.name to Blue Lamp's name would hide that the plan replaces the imported resource.
    const rg = '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-old';
    writeFileSync(
      join(dir, 'forces', 'alpha.adopt.yaml'),
      [
        'force: alpha',
        'subscriptionId: 00000000-0000-4000-8000-00000000a002',
        'imports:',
        '  - address: azurerm_virtual_network.Vnet',
        `    id: ${rg}/providers/Microsoft.Network/virtualNetworks/vnet-old`,
        '    existing: { name: vnet-alpha-uks, resource_group_name: RG-OLD }',
        '  - address: azurerm_subnet.Snet',
        `    id: ${rg}/providers/Microsoft.Network/virtualNetworks/vnet-old/subnets/snet-a`,
        '    existing: { name: snet-a, virtual_network_name: vnet-alpha-uks, resource_group_name: rg-new }',
        '',
      ].join('\n'),
    );
    const issues = configProblems(dir);
    // The case of a name is compared by BL-ADO-001 (Resource Graph may spell the id's segments otherwise).
    expect(issues).toEqual([
      'forces/alpha.adopt.yaml:6:23 imports[0].existing.name: is vnet-alpha-uks, but the id imports vnet-old',
      'forces/alpha.adopt.yaml:9:53 imports[1].existing.virtual_network_name: is vnet-alpha-uks, but the id imports vnet-old',
      'forces/alpha.adopt.yaml:9:90 imports[1].existing.resource_group_name: is rg-new, but the id imports rg-old',
    ]);
  });
});
