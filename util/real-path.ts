/**
 * Where a path really leads, for comparing an output path with the files it must never
 * overwrite: `--out link` where `link -> forces/essex.yaml` is forces/essex.yaml.
 */
import { readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The real path of `path` (every symbolic link resolved), also for a path that does not exist yet:
 * its deepest existing ancestor is resolved and the rest appended. A dangling link resolves to
 * where it points.
 */
export function realPathOf(path: string, depth = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute || depth > 64) return absolute;
    const link = danglingTarget(absolute);
    if (link !== undefined) return realPathOf(resolve(parent, link), depth + 1);
    return join(realPathOf(parent, depth + 1), basename(absolute));
  }
}

function danglingTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
