/**
 * Reads a config file's bytes defensively before any YAML parser sees them: it must be an
 * ordinary file (not a folder, not a symbolic link that could pull in a file from outside the
 * estate), small, free of NUL bytes and valid UTF-8. Problems say where the bad byte is.
 */
import { lstatSync, readFileSync } from 'node:fs';

/** Config files are small; anything bigger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export interface TextProblem {
  readonly message: string;
  readonly line?: number;
  readonly col?: number;
}

export type TextResult = { ok: true; text: string } | { ok: false; problem: TextProblem };

/** 1-based line and column (in characters) of a byte offset. */
function bytePosition(bytes: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, col };
}

/** Offset of the first byte that makes the text invalid UTF-8 (a binary search over prefixes). */
function firstInvalidUtf8(bytes: Buffer): number {
  const valid = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  // A lead byte just before `lo` whose sequence is incomplete is where the bad sequence starts.
  let i = lo - 1;
  while (i >= 0 && i >= lo - 3 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i >= 0 && i >= lo - 3 && bytes[i] >= 0xc0) {
    const length = bytes[i] >= 0xf0 ? 4 : bytes[i] >= 0xe0 ? 3 : 2;
    if (i + length > lo) return i;
  }
  return lo;
}

export function readConfigText(absPath: string): TextResult {
  const fail = (message: string, at?: { line: number; col: number }): TextResult => ({
    ok: false,
    problem: { message, ...at },
  });
  let stat;
  try {
    stat = lstatSync(absPath);
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (stat.isSymbolicLink())
    return fail(
      'is a symbolic link; config files must be ordinary files in the estate (copy the file instead of linking it)',
    );
  if (stat.isDirectory()) return fail('is a folder; config files must be ordinary YAML files');
  if (!stat.isFile()) return fail('is not an ordinary file; config files must be ordinary YAML files');
  if (stat.size > MAX_CONFIG_BYTES)
    return fail(`is ${stat.size} bytes; config files are limited to ${MAX_CONFIG_BYTES} bytes`);

  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); check the file's permissions`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail('is binary (contains NUL bytes), not YAML', bytePosition(bytes, nul));
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(
      `is not valid UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, '0')}); save the file as UTF-8`,
      bytePosition(bytes, at),
    );
  }
}
