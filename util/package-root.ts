/**
 * Where this bluelamp installation lives. Code runs from the sources (tests), from dist/ (the
 * built CLI) or from an installed package, each at a different depth below package.json, so the
 * root is found by walking up rather than by counting `..`s in every caller.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
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

/**
 * The version of package `name` as this package resolves it, or `unknown` when it is not installed.
 * A dependency at the package root's node_modules is what Node resolves from there (the nearest
 * node_modules first), so that file is read directly; anything else is found as Node finds it.
 */
export function installedVersion(name: string): string {
  const read = (file: string) => {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      return pkg.name === name ? (pkg.version ?? 'unknown') : undefined;
    } catch {
      return undefined;
    }
  };
  const direct = read(join(packageRoot(), 'node_modules', name, 'package.json'));
  if (direct) return direct;
  try {
    let dir = dirname(require.resolve(name, { paths: [packageRoot()] }));
    for (; dirname(dir) !== dir; dir = dirname(dir)) {
      const version = read(join(dir, 'package.json'));
      if (version) return version;
    }
  } catch {
    // not resolvable: the fingerprint says so
  }
  return 'unknown';
}

/**
 * The CLI script to start as a process: the bundle (dist/bundle/bluelamp.js, scripts/bundle.ts)
 * when it was made after tsc last wrote dist/, else tsc's own dist/cli/main.js; undefined when
 * neither is built. A bundle older than the build is stale (tsc alone was run) and is never used.
 * bin/bluelamp makes the same choice.
 */
export function cliScript(root: string = packageRoot()): string | undefined {
  const dist = join(root, 'dist');
  const compiled = join(dist, 'cli', 'main.js');
  const bundled = join(dist, 'bundle', 'bluelamp.js');
  const mtime = (file: string) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (existsSync(bundled) && mtime(bundled) >= mtime(join(dist, 'build.tsbuildinfo'))) return bundled;
  return existsSync(compiled) ? compiled : undefined;
}
