/**
 * Atomic output: a reader (terraform, a reviewer's browser, CI) sees either the previous
 * complete output or the new complete output, never a half-written one.
 *
 * A folder written here is marked as Blue Lamp's (util/owned-dir.ts) the moment it is created, so
 * that the next run can tell its own leftovers (a run stopped by SIGKILL or a power cut) from
 * anyone else's files, and sweep only its own.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeIfOwnedLeftover, writeMarker, type OwnerMarker } from './owned-dir';

function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
}

/** Writes `content` to a temporary sibling of `path`, then renames it into place. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempSibling(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export interface DirAtomicOptions {
  /** Written first into the temporary folder: the finished folder carries it too. */
  readonly marker: OwnerMarker;
  /**
   * Asked again just before the old folder is replaced (it may have changed while the new one was
   * written): why `target` may not be replaced, or undefined when it may.
   */
  readonly mayReplace?: (target: string) => string | undefined;
  /** Called with the temporary folder as soon as it exists (to remove it on an interrupt). */
  readonly onTemp?: (tmpDir: string) => void;
}

/**
 * Builds a folder in a temporary sibling of `target` with `fill`, then swaps it in for `target`.
 * If `fill` throws, the temporary folder is removed and `target` is left as it was.
 */
export function writeDirAtomic<T>(target: string, fill: (tmpDir: string) => T, options: DirAtomicOptions): T {
  const tmp = startTemp(target, options);
  try {
    const result = fill(tmp);
    replaceDir(tmp, target, options);
    return result;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** writeDirAtomic for an asynchronous `fill`. */
export async function writeDirAtomicAsync<T>(
  target: string,
  fill: (tmpDir: string) => Promise<T>,
  options: DirAtomicOptions,
): Promise<T> {
  const tmp = startTemp(target, options);
  try {
    const result = await fill(tmp);
    replaceDir(tmp, target, options);
    return result;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function startTemp(target: string, options: DirAtomicOptions): string {
  mkdirSync(dirname(target), { recursive: true });
  sweepTempSiblings(target, options.marker);
  const tmp = tempSibling(target);
  mkdirSync(tmp);
  options.onTemp?.(tmp);
  writeMarker(tmp, options.marker);
  return tmp;
}

/**
 * Removes the temporary siblings of `target` (`.<name>.tmp-<pid>-<time>` and their `.old`) that
 * runs no longer alive left behind, when they carry `marker` (or are empty). Returns their names.
 */
export function sweepTempSiblings(target: string, marker: OwnerMarker): string[] {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.tmp-`;
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-\d+(?:\.old)?$/.exec(name.slice(prefix.length));
    if (m && removeIfOwnedLeftover(join(parent, name), marker, Number(m[1]))) removed.push(name);
  }
  return removed;
}

/** Moves `source` to `target`, replacing what was there; the old copy is removed only after the move. */
function replaceDir(source: string, target: string, options: DirAtomicOptions): void {
  const old = `${source}.old`;
  const hadOld = existsSync(target);
  if (hadOld) {
    const problem = options.mayReplace?.(target);
    if (problem) throw new Error(problem);
    renameSync(target, old);
  }
  try {
    renameSync(source, target);
  } catch (err) {
    if (hadOld) renameSync(old, target);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
