/**
 * Reads one YAML file defensively and validates it against a zod schema, turning every problem
 * into a ConfigIssue with file, line, column and field path.
 *
 * Hostile input is bounded before it is parsed: size, binary content, alias expansion,
 * duplicate keys and multiple documents are all reported as ordinary issues.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigIssue, formatPath } from './errors';
import { knownKeysAt, nearest } from './suggest';

/** Config files are small; anything bigger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Aliases are legitimate in YAML but a force file needs few; the limit stops "billion laughs". */
const MAX_ALIAS_COUNT = 50;

export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Finds where a field of a parsed file is written. */
export interface SourceLocator {
  /** Position of the value at `path`, or of the nearest ancestor that exists. */
  locate(path: readonly PropertyKey[]): Position | undefined;
  /** Position of every scalar value, keyed by dotted path (for sidecar source maps). */
  allScalarPositions(): Record<string, Position>;
}

export type ParseResult<T> =
  | { ok: true; value: T; locator: SourceLocator; text: string }
  | { ok: false; issues: ConfigIssue[] };

export function readAndValidate<S extends z.ZodType>(absPath: string, relPath: string, schema: S): ParseResult<z.infer<S>> {
  const fail = (message: string, pos?: Position): ParseResult<z.infer<S>> => ({
    ok: false,
    issues: [{ file: relPath, line: pos?.line, col: pos?.col, path: '', message }],
  });

  let size: number;
  try {
    size = statSync(absPath).size;
  } catch (err) {
    return fail(`cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size > MAX_CONFIG_BYTES) return fail(`is ${size} bytes; config files are limited to ${MAX_CONFIG_BYTES} bytes`);
  const bytes = readFileSync(absPath);
  if (bytes.includes(0)) return fail('is binary (contains NUL bytes), not YAML');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('is not valid UTF-8 text');
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (err) {
    return fail(`cannot be parsed as YAML: ${(err as Error).message}`);
  }
  const yamlErrors = [...doc.errors, ...doc.warnings];
  if (yamlErrors.length > 0) {
    return {
      ok: false,
      issues: yamlErrors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        if (e.code === 'DUPLICATE_KEY') {
          const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim();
          return { file: relPath, line: pos.line, col: pos.col, path: key, message: 'duplicate key; each key may appear once' };
        }
        return { file: relPath, line: pos.line, col: pos.col, path: '', message: `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  if (doc.contents === null) return fail('is empty; expected a YAML mapping');

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return fail(`cannot be loaded: ${(err as Error).message} (aliases expand to more than ${MAX_ALIAS_COUNT} nodes)`);
  }

  const locator = makeLocator(doc, lineCounter);
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data, locator, text };

  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const hint = nearest(key, known);
        const pos = keyPosition(doc, lineCounter, path, key) ?? locator.locate(path);
        issues.push({
          file: relPath,
          line: pos?.line,
          col: pos?.col,
          path: formatPath([...path, key]),
          message: `unknown key "${key}"${hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(', ')}` : ''}`,
        });
      }
      continue;
    }
    const pos = locator.locate(path);
    issues.push({ file: relPath, line: pos?.line, col: pos?.col, path: formatPath(path), message: zodMessage(issue, data, path) });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return { ok: false, issues };
}

function zodMessage(issue: z.core.$ZodIssue, data: unknown, path: readonly PropertyKey[]): string {
  if (issue.code === 'invalid_type') {
    const actual = describeValue(valueAt(data, path));
    if (actual === 'missing') return `is required (${issue.expected})`;
    return `expected ${issue.expected}, got ${actual}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${JSON.stringify(valueAt(data, path))} is not allowed; expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
  }
  return issue.message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function keyPosition(doc: Document.Parsed, lc: LineCounter, path: readonly PropertyKey[], key: string): Position | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  const keyNode = pair?.key as Node | undefined;
  return keyNode?.range ? lc.linePos(keyNode.range[0]) : undefined;
}

function makeLocator(doc: Document.Parsed, lc: LineCounter): SourceLocator {
  const positionOf = (node: unknown): Position | undefined => {
    const range = (node as Node | undefined)?.range;
    return range ? lc.linePos(range[0]) : undefined;
  };
  return {
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        const pos = positionOf(node);
        if (pos) return pos;
      }
      return undefined;
    },
    allScalarPositions() {
      const out: Record<string, Position> = {};
      const walk = (node: unknown, path: PropertyKey[]): void => {
        if (isScalar(node)) {
          const pos = positionOf(node);
          if (pos) out[formatPath(path)] = pos;
        } else if (isMap(node)) {
          for (const pair of node.items) {
            if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
          }
        } else if (node && typeof node === 'object' && 'items' in node) {
          (node as { items: unknown[] }).items.forEach((item, i) => walk(item, [...path, i]));
        }
      };
      walk(doc.contents, []);
      return out;
    },
  };
}
