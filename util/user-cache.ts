/**
 * The user's own cache folder, for what Blue Lamp keeps between runs (validated config files,
 * the stacks `bluelamp pr` synthesised). It is outside any checkout, so a pull request cannot
 * commit a cache into it: `$BLUELAMP_CACHE_DIR`, else `$XDG_CACHE_HOME/bluelamp`, else
 * `~/.cache/bluelamp`; `BLUELAMP_CACHE_DIR=off` turns every cache off.
 *
 * A folder or file is used only when it is private: not a symbolic link, owned by this user and
 * writable by no one else. Whatever is read from it is checked again by its reader (hashes,
 * fingerprints); the cache guards against accidents and other users, not against the user.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The cache folder, or undefined when caching is turned off. With `estateDir`, also undefined when
 * the folder lies inside that estate's checkout (a relative BLUELAMP_CACHE_DIR run from it, a CI
 * cache path in the workspace): a change could commit a forged cache there.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, estateDir?: string): string | undefined {
  const explicit = env.BLUELAMP_CACHE_DIR;
  const dir =
    explicit !== undefined
      ? explicit === '' || explicit === 'off'
        ? undefined
        : resolve(explicit)
      : join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bluelamp');
  return dir !== undefined && estateDir !== undefined && insideCheckout(dir, estateDir) ? undefined : dir;
}

/** `path` with its longest existing prefix resolved through links (the rest may not exist yet). */
function realPrefix(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPrefix(parent), basename(path));
  }
}

/** Whether `dir` is inside `estateDir` or the git checkout holding it. */
function insideCheckout(dir: string, estateDir: string): boolean {
  let top = realPrefix(resolve(estateDir));
  for (let d = top; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) {
      top = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  const rel = relative(top, realPrefix(dir));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Whether an lstat/fstat result is private: of that kind, not a link, ours, writable by no one else. */
export function isPrivate(stat: Stats | undefined, kind: 'dir' | 'file'): boolean {
  if (!stat || stat.isSymbolicLink()) return false;
  if (kind === 'dir' ? !stat.isDirectory() : !stat.isFile()) return false;
  const uid = process.getuid?.();
  if (uid === undefined) return true; // Windows: the folder is in the user's own profile
  return stat.uid === uid && (Number(stat.mode) & 0o022) === 0;
}

/**
 * `sub` inside the cache folder, created private (0700) when `create` and missing; undefined when
 * caching is off, the cache folder is inside `estateDir`'s checkout, or the folder (or the cache folder above it) is not private or cannot be made.
 */
export function privateCacheFolder(sub: string, create: boolean, estateDir?: string): string | undefined {
  const root = userCacheDir(process.env, estateDir);
  if (!root) return undefined;
  const dir = sub ? join(root, sub) : root;
  try {
    // The cache folder is checked before anything is made in it: nothing is written into a folder refused.
    if (create) mkdirSync(root, { recursive: true, mode: 0o700 });
    if (!isPrivate(lstatSync(root, { throwIfNoEntry: false }), 'dir')) return undefined;
    if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
    return isPrivate(lstatSync(dir, { throwIfNoEntry: false }), 'dir') ? dir : undefined;
  } catch {
    return undefined;
  }
}
