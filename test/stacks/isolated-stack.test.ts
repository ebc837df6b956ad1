import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { loadEstate } from '../../config/estate';
import { buildEstateApp, estateConfig } from '../../stacks/estate-app';
import { IsolatedStack } from '../../stacks/isolated-stack';
import { BOOTSTRAP_STACK, stackNames } from '../../stacks/stack-inputs';
import { listFiles, removeDir, SMALL_ESTATE } from '../helpers/estate';

class Bare extends IsolatedStack {}

describe('IsolatedStack', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  });
  afterAll(() => removeDir(scratch));

  it("synthesises every stack of the estate (bootstrap included) byte for byte as cdktf's own prepareStack does", () => {
    const config = estateConfig(loadEstate(SMALL_ESTATE));
    const names = [...stackNames(config), BOOTSTRAP_STACK];
    buildEstateApp(config, join(scratch, 'isolated'), names).synth();
    const skipping = Object.getOwnPropertyDescriptor(IsolatedStack.prototype, 'prepareStack')!;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put on the prototype, called by App.synth
    IsolatedStack.prototype.prepareStack = TerraformStack.prototype.prepareStack;
    try {
      buildEstateApp(config, join(scratch, 'toolchain-prepare'), names).synth();
    } finally {
      Object.defineProperty(IsolatedStack.prototype, 'prepareStack', skipping);
    }
    const files = listFiles(join(scratch, 'toolchain-prepare'));
    expect(files).toEqual(expect.arrayContaining(['stacks/alpha/cdk.tf.json', 'stacks/bootstrap/cdk.tf.json']));
    expect(listFiles(join(scratch, 'isolated'))).toEqual(files);
    for (const file of files) {
      const same =
        readFileSync(join(scratch, 'toolchain-prepare', file), 'utf8') ===
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
