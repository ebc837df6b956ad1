/**
 * Blue Lamp's temporary folders in the system temp folder (diff's scratch output, the base
 * revision's git worktree): named `bluelamp-<kind>-<pid>-XXXXXX` and marked as Blue Lamp's, so
 * that a later run can remove those a killed run left behind, and only those.
 */
import { mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive, removeIfOwnedLeftover, writeMarker, type OwnerMarker } from './owned-dir';

export const TEMP_OWNER: OwnerMarker = {
  file: '.bluelamp-temp',
  signature: 'bluelamp temporary folder, format 1',
  note: 'Made by a bluelamp run and removed when it ends; a later run removes it if its run is gone.',
};

/** The system temp folder, with links resolved (git reports worktree paths that way). */
export function systemTemp(): string {
  return realpathSync(tmpdir());
}

/** A new, marked temporary folder `bluelamp-<kind>-<pid>-XXXXXX`. */
export function ownedTempDir(kind: string): string {
  const dir = mkdtempSync(join(systemTemp(), `bluelamp-${kind}-${process.pid}-`));
  writeMarker(dir, TEMP_OWNER);
  return dir;
}

const TEMP_NAME = /^bluelamp-([a-z]+)-(\d+)-[A-Za-z0-9]{6}$/;

/** The run that made a temporary folder, from its name; undefined for a name that is not ours. */
export function tempDirOwner(path: string, kinds: readonly string[]): number | undefined {
  const name = path.split('/').pop() ?? '';
  const m = TEMP_NAME.exec(name);
  return m && kinds.includes(m[1]) ? Number(m[2]) : undefined;
}

/** True for a folder of ours whose run is no longer alive. */
export function isStaleTempDir(path: string, kinds: readonly string[]): boolean {
  const pid = tempDirOwner(path, kinds);
  return pid !== undefined && !processAlive(pid);
}

/** Removes the marked temporary folders of `kinds` whose runs are gone; returns their paths. */
export function sweepTempDirs(kinds: readonly string[]): string[] {
  const root = systemTemp();
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = tempDirOwner(name, kinds);
    if (pid !== undefined && removeIfOwnedLeftover(join(root, name), TEMP_OWNER, pid)) removed.push(join(root, name));
  }
  return removed;
}
