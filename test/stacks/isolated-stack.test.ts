import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { loadEstate } from '../../config/estate';
import { buildEstateApp, estateConfig } from '../../stacks/estate-app';
import { IsolatedStack } from '../../stacks/isolated-stack';
import { BOOTSTRAP_STACK, stackNames } from '../../stacks/stack-inputs';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';

class Bare extends IsolatedStack {}

describe('IsolatedStack', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  });
  afterAll(() => removeDir(scratch));

  it("synthesises every stack of the estate (bootstrap and adopted imports included) byte for byte as cdktf's own prepareStack and toTerraform do", () => {
    // An adoption file gives alpha's stack an override of its own (what was adopted, under "//"), beside
    // required_version. Written by hand (as `bluelamp adopt` writes it) rather than matched from an inventory.
    const dir = tempEstate();
    try {
      const network = '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-network-uks';
      writeFileSync(
        join(dir, 'forces', 'alpha.adopt.yaml'),
        [
          'force: alpha',
          'subscriptionId: 00000000-0000-4000-8000-00000000a002',
          'imports:',
          '  - address: azurerm_virtual_network.Network_VirtualNetwork_F0072DD6',
          `    id: ${network}/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks`,
          '',
        ].join('\n'),
      );
      const config = estateConfig(loadEstate(dir));
      const names = [...stackNames(config), BOOTSTRAP_STACK];
      buildEstateApp(config, join(scratch, 'isolated'), names).synth();
      const own = ['prepareStack', 'toTerraform', 'addOverride'] as const;
      const saved = own.map((name) => Object.getOwnPropertyDescriptor(IsolatedStack.prototype, name)!);
      for (const name of own)
        Object.defineProperty(IsolatedStack.prototype, name, {
          ...Object.getOwnPropertyDescriptor(TerraformStack.prototype, name)!,
        });
      try {
        buildEstateApp(config, join(scratch, 'toolchain'), names).synth();
      } finally {
        own.forEach((name, i) => Object.defineProperty(IsolatedStack.prototype, name, saved[i]));
      }
    } finally {
      removeDir(dir);
    }
    const files = listFiles(join(scratch, 'toolchain'));
    expect(files).toEqual(expect.arrayContaining(['stacks/alpha/cdk.tf.json', 'stacks/bootstrap/cdk.tf.json']));
    expect(listFiles(join(scratch, 'isolated'))).toEqual(files);
    const alpha = readFileSync(join(scratch, 'isolated', 'stacks', 'alpha', 'cdk.tf.json'), 'utf8');
    expect(JSON.parse(alpha)['//'].metadata.overrides.stack).toEqual(['terraform', '//']);
    for (const file of files) {
      const same =
        readFileSync(join(scratch, 'toolchain', file), 'utf8') ===
        readFileSync(join(scratch, 'isolated', file), 'utf8');
      expect(`${file}: ${same ? 'same' : 'differs'}`).toBe(`${file}: same`);
    }
  });

  it('still gives a stack without a backend the local one, as cdktf does', () => {
    const app = new App({ outdir: join(scratch, 'bare'), stackTraces: false });
    const stack = new Bare(app, 'bare');
    new ResourceGroup(stack, 'Group', { name: 'rg-bare', location: 'uksouth' });
    stack.prepareStack();
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: expect.any(String) } });
  });
});
