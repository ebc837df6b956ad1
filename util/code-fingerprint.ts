/**
 * A fingerprint of code folders by content (the synthesis code, the validation code): what a cache
 * must have been made by to be used (stacks/stack-inputs.ts, config/parse-cache.ts).
 *
 * Reading and hashing every file cost about 35 ms of each command that uses a cache. Compiled code
 * (dist/) keeps what it worked out in dist/.code-fingerprints.json: the fingerprint, and the size and
 * modification time of each file it hashed. A later run that finds the same files with the same
 * sizes and times takes the fingerprint from there (a stat per file, as make and git do); anything
 * else (a file added, removed, rebuilt, touched) hashes again. A file changed less than two seconds
 * before it was hashed is never remembered (it could change again within the same clock tick), and
 * nothing is remembered for code run from its sources (the tests): only dist/ is a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from './atomic';

/** In the compiled tree's root (dist/), beside the folders it describes. */
export const FINGERPRINT_MEMO = '.code-fingerprints.json';
/** A file younger than this when hashed is not remembered (git's "racily clean" rule). */
const RACY_MS = 2000;

interface Remembered {
  readonly sha256: string;
  /** [path relative to the root, size, mtimeMs] of every file hashed, in hashing order. */
  readonly files: readonly (readonly [string, number, number])[];
}

/** What one fingerprint covers. */
export interface CodeFolders {
  /** Its name in the memo (`synthesis`, `validation`). */
  readonly name: string;
  /** The folder the code folders are in (dist/, or the repository under the tests). */
  readonly root: string;
  readonly folders: readonly string[];
  /** Text hashed first (a tool version); part of the fingerprint, checked on reuse. */
  readonly prefix: string;
  /** Text hashed last (package versions), worked out on every run (it is cheap). */
  readonly suffix: () => string;
}

const isFileEntry = (e: unknown): e is readonly [string, number, number] =>
  Array.isArray(e) &&
  e.length === 3 &&
  typeof e[0] === 'string' &&
  typeof e[1] === 'number' &&
  typeof e[2] === 'number';

const sameFile = (root: string, [path, size, mtimeMs]: readonly [string, number, number]) => {
  const stat = statSync(join(root, path), { throwIfNoEntry: false });
  return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
};

/** The files fingerprinted, as they are listed: the same list, or the memo does not apply. */
function codeFiles(code: CodeFolders): string[] {
  const files: string[] = [];
  for (const folder of code.folders) {
    const dir = join(code.root, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => /\.(js|ts)$/.test(f))
      .sort())
      files.push(`${folder}/${file}`);
  }
  return files;
}

function readMemo(root: string): Record<string, Remembered & { prefix?: string }> {
  try {
    const memo = JSON.parse(readFileSync(join(root, FINGERPRINT_MEMO), 'utf8')) as unknown;
    return memo && typeof memo === 'object' && !Array.isArray(memo)
      ? (memo as Record<string, Remembered & { prefix?: string }>)
      : {};
  } catch {
    return {};
  }
}

/** The sha256 of `code`'s files (path and bytes, in order), its prefix and its suffix. */
export function codeFingerprint(code: CodeFolders, now: () => number = Date.now): string {
  const files = codeFiles(code);
  const memoised = basename(code.root) === 'dist';
  const memo = memoised ? readMemo(code.root) : {};
  const known = memo[code.name];
  let filesSha: string | undefined;
  if (
    known?.prefix === code.prefix &&
    Array.isArray(known.files) &&
    typeof known.sha256 === 'string' &&
    known.files.length === files.length &&
    known.files.every((entry: unknown, i) => isFileEntry(entry) && entry[0] === files[i] && sameFile(code.root, entry))
  )
    filesSha = known.sha256;
  if (filesSha === undefined) {
    const hash = createHash('sha256').update(code.prefix);
    const seen: [string, number, number][] = [];
    let racy = false;
    for (const file of files) {
      const path = join(code.root, file);
      const before = statSync(path);
      hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
      seen.push([file, before.size, before.mtimeMs]);
      if (now() - before.mtimeMs < RACY_MS) racy = true;
    }
    filesSha = hash.digest('hex');
    if (memoised && !racy) {
      try {
        writeFileAtomic(
          join(code.root, FINGERPRINT_MEMO),
          `${JSON.stringify({ ...memo, [code.name]: { prefix: code.prefix, sha256: filesSha, files: seen } })}\n`,
        );
      } catch {
        // A read-only install: hash again next time.
      }
    }
  }
  return createHash('sha256').update(filesSha).update(code.suffix()).digest('hex');
}
