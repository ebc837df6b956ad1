/**
 * Folders Blue Lamp may replace or delete: only ones it wrote itself, recognised by a marker file
 * it writes first into every folder it creates. A name that merely looks like ours (a
 * `manifest.json`, a `stacks/` folder) proves nothing: a browser extension's source tree once
 * held a manifest.json and was replaced whole by `synth --out`.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A marker file: its name and the exact first line only Blue Lamp writes into it. */
export interface OwnerMarker {
  readonly file: string;
  /** First line of the file, with the format version (`bluelamp synth output, format 1`). */
  readonly signature: string;
  /** The rest of the file: a sentence for whoever finds it. */
  readonly note: string;
}

/** Writes the marker into `dir` (a folder Blue Lamp has just created). */
export function writeMarker(dir: string, marker: OwnerMarker): void {
  writeFileSync(join(dir, marker.file), `${marker.signature}\n${marker.note}\n`, { flag: 'wx' });
}

/**
 * True when `dir` holds `marker` as a regular file (not a symbolic link to someone else's file)
 * whose first line is the marker's signature.
 */
export function hasMarker(dir: string, marker: OwnerMarker): boolean {
  const path = join(dir, marker.file);
  try {
    if (!lstatSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(marker.signature.length + 1);
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.subarray(0, read).toString('utf8') === `${marker.signature}\n`;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** True when a process with this id is running (or exists under another user): its folders are not stale. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a leftover folder of a Blue Lamp run that is no longer running: only when it is a real
 * folder (not a link) that is empty or holds `marker`. Returns true when it was removed.
 */
export function removeIfOwnedLeftover(dir: string, marker: OwnerMarker, ownerPid: number): boolean {
  if (processAlive(ownerPid)) return false;
  try {
    if (!lstatSync(dir).isDirectory()) return false;
    if (readdirSync(dir).length === 0) {
      rmdirSync(dir);
      return true;
    }
  } catch {
    return false;
  }
  if (!hasMarker(dir, marker)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
