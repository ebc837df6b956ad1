/**
 * Atomic output: a reader (terraform, a reviewer's browser, CI) sees either the previous
 * complete output or the new complete output, never a half-written one.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

/**
 * Builds a folder in a temporary sibling of `target` with `fill`, then swaps it in for `target`.
 * If `fill` throws, the temporary folder is removed and `target` is left as it was.
 */
export function writeDirAtomic<T>(target: string, fill: (tmpDir: string) => T): T {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  try {
    mkdirSync(tmp);
    const result = fill(tmp);
    replaceDir(tmp, target);
    return result;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** writeDirAtomic for an asynchronous `fill`. */
export async function writeDirAtomicAsync<T>(target: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  try {
    mkdirSync(tmp);
    const result = await fill(tmp);
    replaceDir(tmp, target);
    return result;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Moves `source` to `target`, replacing what was there; the old copy is removed only after the move. */
function replaceDir(source: string, target: string): void {
  const old = `${source}.old`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(source, target);
  } catch (err) {
    if (hadOld) renameSync(old, target);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
