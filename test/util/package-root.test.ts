import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot, SYNTHESIS_CODE_FOLDERS, toolVersion } from '../../util/package-root';

describe('packageRoot', () => {
  it('finds the folder holding package.json from the sources', () => {
    expect(packageRoot()).toBe(resolve(__dirname, '..', '..'));
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
  });

  it('reads the tool version from that package.json', () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(toolVersion()).toBe(version);
    expect(toolVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('SYNTHESIS_CODE_FOLDERS', () => {
  it('names util/, whose CIDR arithmetic carves every subnet, so its changes count as code changes', () => {
    expect(SYNTHESIS_CODE_FOLDERS).toEqual(expect.arrayContaining(['config', 'stacks', 'constructs', 'util']));
  });
});
