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
import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder, or undefined when caching is turned off. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.BLUELAMP_CACHE_DIR;
  if (explicit !== undefined) return explicit === '' || explicit === 'off' ? undefined : explicit;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bluelamp');
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
 * caching is off, or the folder (or the cache folder above it) is not private or cannot be made.
 */
export function privateCacheFolder(sub: string, create: boolean): string | undefined {
  const root = userCacheDir();
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
