/**
 * Where this bluelamp installation lives. Code runs from the sources (tests), from dist/ (the
 * built CLI) or from an installed package, each at a different depth below package.json, so the
 * root is found by walking up rather than by counting `..`s in every caller.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOOL_NAME = 'bluelamp';

/**
 * The package's folders whose code decides what synthesis writes (util/ holds the CIDR arithmetic
 * subnets are carved with; adopt/ the adopted-resource metadata a force stack records). A change under them can change every stack: the code fingerprint in
 * bluelamp.json, `affected` and `diff` all read this one list.
 */
export const SYNTHESIS_CODE_FOLDERS: readonly string[] = [
  'config',
  'stacks',
  'constructs',
  'network',
  'permissions',
  'util',
  'adopt',
];

let cachedRoot: string | undefined;
let cachedVersion: string | undefined;

/** The nearest folder above this file that holds package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  cachedRoot = dir;
  return dir;
}

/** The version in package.json, or `unknown` when it cannot be read. */
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    cachedVersion =
      (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ??
      'unknown';
  } catch {
    cachedVersion = 'unknown';
  }
  return cachedVersion;
}
