import {
  allowedBecause,
  compareOutputs,
  jsonDifferences,
  rewriteImports,
  swapDependencies,
} from '../../scripts/verify-cdktn';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CDKTF, CDKTN } from '../../util/toolchain';

// Package names come from util/toolchain.ts even here: the one-module rule has no exceptions, and
// verify:cdktn rewrites this file too.
const [f, n] = [CDKTF, CDKTN];

describe('verify:cdktn import rewrite', () => {
  it('renames the library and the deep provider imports, nothing else', () => {
    const source = [
      `import { App, TerraformStack } from '${f.library}';`,
      `import type {} from "${f.library}/lib/testing/adapters/jest";`,
      `import { VirtualNetwork } from '${f.provider}/lib/virtual-network';`,
      `const out = join(dir, '${f.library}.out');`,
      `// ${f.library} keeps every token alive`,
    ].join('\n');
    expect(rewriteImports(source, CDKTF, CDKTN).split('\n')).toEqual([
      `import { App, TerraformStack } from '${n.library}';`,
      `import type {} from "${n.library}/lib/testing/adapters/jest";`,
      `import { VirtualNetwork } from '${n.provider}/lib/virtual-network';`,
      `const out = join(dir, '${f.library}.out');`,
      `// ${f.library} keeps every token alive`,
    ]);
  });
});

describe('verify:cdktn dependency swap', () => {
  const pkg = {
    name: 'bluelamp',
    dependencies: { [f.library]: '~0.21.0', [f.provider]: '~14.23.1', constructs: '^10.8.1', zod: '^4' },
    devDependencies: { [f.cli]: '~0.21.0', jest: '^30' },
  };
  const swapped = swapDependencies(pkg, CDKTF, CDKTN);

  it('replaces the library and bindings, pins constructs below 10.8 and drops the CLI', () => {
    expect(swapped.dependencies).toEqual({
      [n.library]: '0.24.0',
      [n.provider]: '16.1.0',
      constructs: '>=10.6.0 <10.8.0',
      zod: '^4',
    });
    expect(swapped.devDependencies).toEqual({ jest: '^30' });
  });

  it("overrides the bindings' peer on the unpublished 0.23 library with the library installed", () => {
    expect(swapped.overrides).toEqual({ [n.provider]: { [n.library]: `$${n.library}` } });
  });
});

describe('verify:cdktn comparison', () => {
  it('lists every differing leaf with its dotted path', () => {
    expect(jsonDifferences('f.json', { a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1, 3], d: true } })).toEqual([
      { file: 'f.json', path: 'a.b', from: 1, to: 2 },
      { file: 'f.json', path: 'a.c.1', from: 2, to: 3 },
      { file: 'f.json', path: 'a.d', from: undefined, to: true },
    ]);
  });

  it('allows only the provider constraint and the toolchain metadata', () => {
    const at = (file: string, path: string) => allowedBecause({ file, path, from: 1, to: 2 });
    expect(at('stacks/essex/cdk.tf.json', 'terraform.required_providers.azurerm.version')).toBe('provider version');
    expect(at('stacks/essex/cdk.tf.json', '//.metadata.version')).toBe('toolchain metadata');
    expect(at('manifest.json', 'version')).toBe('toolchain metadata');
    expect(at('bluelamp.json', 'stacks.essex.inputsSha256')).toMatch(/^toolchain metadata/);
    expect(at('bluelamp.json', 'stacks.essex.outputSha256')).toMatch(/^toolchain metadata/);
    expect(at('stacks/essex/cdk.tf.json', 'terraform.required_providers.azurerm.source')).toBeUndefined();
    expect(at('stacks/essex/cdk.tf.json', 'resource.azurerm_virtual_network.Hub.address_space.0')).toBeUndefined();
    expect(at('bluelamp.json', 'stacks.essex.resources')).toBeUndefined();
  });

  it('compares two output folders file by file, including files only one side has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-verify-test-'));
    try {
      const write = (side: string, file: string, value: unknown) => {
        mkdirSync(join(dir, side, file, '..'), { recursive: true });
        writeFileSync(join(dir, side, file), JSON.stringify(value));
      };
      write('a', 'manifest.json', { version: '0.21.0' });
      write('b', 'manifest.json', { version: '0.24.0' });
      write('a', 'stacks/kent/cdk.tf.json', { terraform: { required_providers: { azurerm: { version: '4.55.0' } } } });
      write('b', 'stacks/kent/cdk.tf.json', { terraform: { required_providers: { azurerm: { version: '4.73.0' } } } });
      write('b', 'stacks/kent/extra.json', { x: 1 });
      const diffs = compareOutputs(join(dir, 'a'), join(dir, 'b'));
      expect(diffs.map((d) => [d.file, d.path, allowedBecause(d) ?? 'UNEXPECTED'])).toEqual([
        ['manifest.json', 'version', 'toolchain metadata'],
        ['stacks/kent/cdk.tf.json', 'terraform.required_providers.azurerm.version', 'provider version'],
        ['stacks/kent/extra.json', '', 'UNEXPECTED'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
