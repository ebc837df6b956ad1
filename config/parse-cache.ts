/**
 * A content-addressed cache of validated config files, so that an estate of 1,000 forces is not
 * parsed and validated again on every run when only one file changed.
 *
 * What a file validates to is a pure function of its bytes, the schema and the validation code
 * (YAML parsing, zod, the literal-text and number checks); date rules and cross-file rules run on
 * every load, outside the cache. So an entry is keyed by the sha256 of the schema's name and the
 * file's text, and the whole cache by a fingerprint of the validation code (config/ and util/ as
 * they run, the yaml and zod versions, Node's version, this tool's version). Only files that validated are kept:
 * a broken file is always validated in full, and its errors are exactly those of a cold run.
 *
 * The cache is never trusted blindly. It lives in the user's private cache folder, outside any
 * checkout (util/user-cache.ts: a pull request cannot commit it; `BLUELAMP_CACHE_DIR=off` turns it
 * off). The file carries a sha256 of its contents and the fingerprint it was written for: a
 * corrupt, truncated, foreign or stale file is ignored and written anew.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { codeFingerprint } from '../util/code-fingerprint';
import { installedVersion, TOOL_NAME, toolVersion } from '../util/package-root';
import { isPrivate, userCacheDir } from '../util/user-cache';
import { readConfigText } from './read-text';
import { lazyLocator, readAndValidate, validateText, type ParseResult } from './yaml-file';

/** The cache file's name: its format version is part of it. */
export const PARSE_CACHE_FILE = 'config-parse.v1';
/** Enough for the largest estate benchmarked (1,000 forces) several times over; the least recent go first. */
const MAX_ENTRIES = 5000;
/** The folders whose code decides what a config file validates to. */
const VALIDATION_CODE_FOLDERS = ['config', 'util'];
/** The parser and the schema library: another version could read the same bytes differently. */
const VALIDATION_PACKAGES = ['yaml', 'zod'];

let cachedFingerprint: string | undefined;

/** A fingerprint of the validation code: what a cache must have been written for to be read. */
export function validationCodeSha256(): string {
  cachedFingerprint ??= codeFingerprint({
    name: 'validation',
    root: join(__dirname, '..'),
    folders: VALIDATION_CODE_FOLDERS,
    prefix: `${TOOL_NAME}@${toolVersion()}\0`,
    // The runtime's Unicode and regular expressions too.
    suffix: () =>
      [...VALIDATION_PACKAGES.map((name) => `${name}@${installedVersion(name)}`), `node@${process.version}`].join('\0'),
  });
  return cachedFingerprint;
}

interface CacheBody {
  readonly fingerprint: string;
  /** Entry key -> the validated config. Insertion order is recency (least recent first). */
  readonly entries: Map<string, unknown>;
}

/** The key of one file's entry: the schema it was validated against and its exact text. */
export function entryKey(schemaName: string, text: string): string {
  return createHash('sha256').update(schemaName).update('\0').update(text).digest('hex');
}

/**
 * One run's view of the cache: `get` what earlier runs validated, `set` what this run validated,
 * `save` at the end (only when something was added). Never throws: a cache that cannot be read
 * or written is simply not used.
 */
export class ParseCache {
  private readonly entries: Map<string, unknown>;
  private readonly used = new Map<string, unknown>();
  private added = 0;
  /** Files this run took from the cache instead of validating them. */
  hits = 0;
  /** Why the cache file on disk was not used, if it was there and was not (for tests and notes). */
  readonly refused?: string;

  private constructor(
    private readonly dir: string | undefined,
    private readonly fingerprint: string,
    loaded: { entries: Map<string, unknown>; refused?: string },
  ) {
    this.entries = loaded.entries;
    this.refused = loaded.refused;
  }

  /**
   * The cache in `dir` (default: the user's cache folder, util/user-cache.ts), or an empty one when
   * there is none or `dir` is false (an undefined `dir` means the default).
   */
  static open(dir: string | false | undefined = userCacheDir()): ParseCache {
    const fingerprint = validationCodeSha256();
    if (!dir) return new ParseCache(undefined, fingerprint, { entries: new Map() });
    return new ParseCache(dir, fingerprint, readCache(dir, fingerprint));
  }

  get(key: string): unknown {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key);
    this.used.set(key, value);
    this.hits += 1;
    return value;
  }

  set(key: string, value: unknown): void {
    // Kept as JSON, so only a value that JSON gives back exactly (no undefined field, no -0) is kept.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)) as unknown, value)) return;
    this.used.set(key, value);
    this.added += 1;
  }

  /** Writes the cache when this run validated a file it did not hold (atomically; never throws). */
  save(): void {
    if (!this.dir || this.added === 0) return;
    const entries = new Map<string, unknown>();
    for (const [k, v] of this.entries) if (!this.used.has(k)) entries.set(k, v);
    for (const [k, v] of this.used) entries.set(k, v); // most recent last
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    writeCache(this.dir, { fingerprint: this.fingerprint, entries });
    this.added = 0;
  }
}

function readCache(dir: string, fingerprint: string): { entries: Map<string, unknown>; refused?: string } {
  const none = (refused?: string) => ({ entries: new Map<string, unknown>(), refused });
  const file = join(dir, PARSE_CACHE_FILE);
  let fd: number | undefined;
  try {
    if (!isPrivate(lstatSync(dir, { throwIfNoEntry: false }), 'dir')) return none(`${dir} is not a private folder`);
    const linkStat = lstatSync(file, { throwIfNoEntry: false });
    if (!linkStat) return none();
    if (!isPrivate(linkStat, 'file')) return none(`${file} is not a private file`);
    fd = openSync(file, 'r');
    if (!isPrivate(fstatSync(fd), 'file')) return none(`${file} is not a private file`);
    const bytes = readFileSync(fd);
    const sum = bytes.subarray(0, 32);
    const payload = bytes.subarray(32);
    if (sum.length !== 32 || !createHash('sha256').update(payload).digest().equals(sum))
      return none(`${file} is corrupt`);
    const body = JSON.parse(payload.toString('utf8')) as { fingerprint?: unknown; entries?: unknown } | null;
    if (!body || typeof body !== 'object' || !Array.isArray(body.entries)) return none(`${file} is corrupt`);
    if (body.fingerprint !== fingerprint) return none(`${file} was written by other validation code`);
    const entries = new Map<string, unknown>();
    for (const entry of body.entries as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string')
        return none(`${file} is corrupt`);
      entries.set(entry[0], entry[1]);
    }
    return { entries };
  } catch {
    return none(`${file} cannot be read`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeCache(dir: string, body: CacheBody): void {
  const tmp = join(dir, `.${PARSE_CACHE_FILE}.tmp-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivate(lstatSync(dir), 'dir')) return;
    const payload = Buffer.from(JSON.stringify({ fingerprint: body.fingerprint, entries: [...body.entries] }));
    const sum = createHash('sha256').update(payload).digest();
    writeFileSync(tmp, Buffer.concat([sum, payload]), { mode: 0o600 });
    renameSync(tmp, join(dir, PARSE_CACHE_FILE));
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder to hold it (the cache path is a file): nothing was written
    }
  }
}

/**
 * readAndValidate through the cache: the file is read with every one of readConfigText's checks
 * (a link, a folder, too big, binary, not UTF-8) on every run; only the YAML and schema stage is
 * taken from the cache, for text that validated before. `schemaName` names `schema` in the key.
 */
export function readAndValidateCached<S extends z.ZodType>(
  absPath: string,
  relPath: string,
  schema: S,
  schemaName: string,
  cache: ParseCache | undefined,
): ParseResult<z.infer<S>> {
  if (!cache) return readAndValidate(absPath, relPath, schema);
  const read = readConfigText(absPath);
  if (!read.ok) return readAndValidate(absPath, relPath, schema);
  return validateTextCached(read.text, relPath, schema, schemaName, cache);
}

/** readAndValidateCached for text already read with readConfigText's checks (the loader's force index read it). */
export function validateTextCached<S extends z.ZodType>(
  text: string,
  relPath: string,
  schema: S,
  schemaName: string,
  cache: ParseCache | undefined,
): ParseResult<z.infer<S>> {
  if (!cache) return validateText(text, relPath, schema);
  const key = entryKey(schemaName, text);
  const hit = cache.get(key) as z.infer<S> | undefined;
  if (hit !== undefined) return { ok: true, value: hit, locator: lazyLocator(text), text };
  const result = validateText(text, relPath, schema);
  if (result.ok) cache.set(key, result.value);
  return result;
}
