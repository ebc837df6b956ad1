/**
 * Reads one YAML file defensively and validates it against a zod schema, turning every problem
 * into a ConfigIssue with file, line, column and field path.
 *
 * Hostile input is bounded before it is parsed: size, binary content, alias expansion,
 * duplicate keys and multiple documents are all reported as ordinary issues.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { schemaAt } from './describe';
import { ConfigIssue, formatPath } from './errors';
import { literalTextIssues } from './literal-text';
import { issueMessage } from './messages';
import { MAX_CONFIG_BYTES, readConfigText } from './read-text';
import { knownKeysAt, nearest, unwrap } from './suggest';

export { MAX_CONFIG_BYTES };

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
  { ok: true; value: T; locator: SourceLocator; text: string } | { ok: false; issues: ConfigIssue[] };

/** Extra advice for the YAML syntax errors a hand-edited file usually has. */
const SYNTAX_HINTS: Record<string, string> = {
  TAB_AS_INDENT: '; indent with spaces',
};

/** The parser's own words where they speak to a programmer rather than to whoever edits the file. */
const SYNTAX_MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS:
    'the file holds more than one document; a config file holds one (remove the "---" line and what follows it)',
};

export function readAndValidate<S extends z.ZodType>(
  absPath: string,
  relPath: string,
  schema: S,
): ParseResult<z.infer<S>> {
  const read = readConfigText(absPath);
  if (!read.ok) {
    const { message, line, col } = read.problem;
    return { ok: false, issues: [{ file: relPath, line, col: line ? (col ?? 1) : undefined, path: '', message }] };
  }
  return validateText(read.text, relPath, schema);
}

/**
 * A lone carriage return ends a line (old Mac files, some editors); the parser knows only LF and
 * CRLF and would read such a file as one comment line. Same length, so offsets stay true.
 */
function normaliseLineEnds(text: string): string {
  return text.replace(/\r(?!\n)/g, '\n');
}

function parseConfigDocument(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  return { doc, lineCounter };
}

/**
 * The locator of a file that validated, built only when a position is first asked for: a file
 * taken from the parse cache (config/parse-cache.ts) is not parsed at all unless a rule reports
 * on it or its stack's source map is written. Positions are those readAndValidate gives.
 */
export function lazyLocator(text: string): SourceLocator {
  let locator: SourceLocator | undefined;
  const get = (): SourceLocator => {
    if (!locator) {
      const { doc, lineCounter } = parseConfigDocument(normaliseLineEnds(text));
      locator = makeLocator(doc, lineCounter);
    }
    return locator;
  };
  return { locate: (path) => get().locate(path), allScalarPositions: () => get().allScalarPositions() };
}

/** readAndValidate for text already read (readConfigText's checks passed): the YAML and schema checks. */
export function validateText<S extends z.ZodType>(
  rawText: string,
  relPath: string,
  schema: S,
): ParseResult<z.infer<S>> {
  const at = (pos: Position | undefined, path: string, message: string): ConfigIssue => ({
    file: relPath,
    line: pos?.line,
    col: pos?.col,
    path,
    message,
  });
  const fail = (message: string, pos?: Position): ParseResult<z.infer<S>> => ({
    ok: false,
    issues: [at(pos, '', message)],
  });
  const text = normaliseLineEnds(rawText);

  let lineCounter: LineCounter;
  let doc: Document.Parsed;
  try {
    ({ doc, lineCounter } = parseConfigDocument(text));
  } catch (err) {
    return fail(`cannot be parsed as YAML: ${(err as Error).message}`);
  }
  const yamlErrors = [...doc.errors, ...doc.warnings];
  if (yamlErrors.length > 0) {
    // One error per line: the parser's follow-on complaints about the same slip are noise.
    const seenLines = new Set<number>();
    const issues: ConfigIssue[] = [];
    for (const e of yamlErrors) {
      const pos = lineCounter.linePos(e.pos[0]);
      if (seenLines.has(pos.line)) continue;
      seenLines.add(pos.line);
      if (e.code === 'DUPLICATE_KEY') {
        issues.push(
          at(
            pos,
            formatPath(pathAtOffset(doc, e.pos[0])),
            'duplicate key; each key may appear once (delete or merge the repeated one)',
          ),
        );
      } else {
        const message = SYNTAX_MESSAGES[e.code] ?? e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        issues.push(at(pos, '', `invalid YAML: ${message}${SYNTAX_HINTS[e.code] ?? ''}`));
      }
    }
    return { ok: false, issues };
  }
  if (doc.contents === null) return fail('is empty; expected a YAML mapping');

  const aliases = checkAliases(doc, lineCounter, at);
  if (aliases.issues.length) return { ok: false, issues: aliases.issues };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The only way a parsed, alias-checked document fails to load: aliases nested to expand exponentially.
    const why = /alias/i.test((err as Error).message)
      ? `its aliases expand to too many nodes ("billion laughs"); write the values out`
      : (err as Error).message;
    return fail(`cannot be loaded: ${why}`, aliases.first);
  }

  const locator = makeLocator(doc, lineCounter);
  const result = schema.safeParse(data);
  const ambiguous = ambiguousNumbers(doc, lineCounter, schema, at);
  const literal = literalTextIssues(doc, text, lineCounter).map((i) => ({ file: relPath, ...i }));
  if (result.success && ambiguous.length === 0 && literal.length === 0)
    return { ok: true, value: result.data, locator, text: rawText };

  const issues: ConfigIssue[] = [...ambiguous, ...literal];
  const seen = new Set<string>();
  // A value that is not literal text is reported once, for that; what the schema thinks of it is noise.
  const literalPaths = new Set(literal.map((i) => i.path));
  const push = (issue: ConfigIssue): void => {
    const key = `${issue.path}\0${issue.message}`;
    if (!seen.has(key) && !literalPaths.has(issue.path)) issues.push(issue);
    seen.add(key);
  };
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const hint = nearest(key, known);
        const pos = keyPosition(doc, lineCounter, path, key) ?? locator.locate(path);
        const message =
          key === '<<'
            ? 'YAML merge keys (<<) are not supported; write the keys out in full'
            : `unknown key "${key}"${hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(', ')}` : ''}`;
        push(at(pos, formatPath([...path, key]), message));
      }
      continue;
    }
    const field = { schema: schemaAt(schema, path), value: valueAt(data, path), source: scalarSource(doc, text, path) };
    if (issue.code === 'invalid_key') {
      // The message names the key; the position is the key's own, not its value's.
      const parent = path.slice(0, -1);
      const pos = keyPosition(doc, lineCounter, parent, String(path[path.length - 1])) ?? locator.locate(path);
      push(at(pos, formatPath(parent), issueMessage(issue, field)));
      continue;
    }
    push(at(locator.locate(path), formatPath(path), issueMessage(issue, field)));
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return { ok: false, issues };
}

/**
 * Aliases are resolved before loading so that their problems carry a line: one that names an
 * anchor defined nowhere (or only later), and more aliases than a config file can need.
 */
function checkAliases(
  doc: Document.Parsed,
  lc: LineCounter,
  at: (pos: Position | undefined, path: string, message: string) => ConfigIssue,
): { issues: ConfigIssue[]; first?: Position } {
  const issues: ConfigIssue[] = [];
  let count = 0;
  let first: Position | undefined;
  visit(doc, {
    Alias(_, alias) {
      count++;
      const pos = alias.range ? lc.linePos(alias.range[0]) : undefined;
      first ??= pos;
      if (!alias.resolve(doc)) {
        const path = alias.range ? formatPath(pathAtOffset(doc, alias.range[0])) : '';
        issues.push(at(pos, path, `alias *${alias.source} names no anchor &${alias.source} defined before it`));
      }
    },
  });
  if (issues.length === 0 && count > MAX_ALIAS_COUNT) {
    issues.push(at(first, '', `has ${count} aliases; at most ${MAX_ALIAS_COUNT} are allowed (write the values out)`));
  }
  return { issues, first };
}

/**
 * Numbers written with a leading zero, or in octal or hex, mean different things to different
 * YAML tools (`0555` is 555 here but 365 to a YAML 1.1 parser), so a number field must be plain
 * decimal. Fields that expect text are left to the schema, which asks for quotes.
 */
function ambiguousNumbers(
  doc: Document.Parsed,
  lc: LineCounter,
  schema: z.ZodType,
  at: (pos: Position | undefined, path: string, message: string) => ConfigIssue,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const walk = (node: unknown, path: PropertyKey[]): void => {
    if (isScalar(node)) {
      const written = node.source;
      if (typeof node.value === 'number' && typeof written === 'string' && /^[-+]?(0[0-9]|0[oOxX])/.test(written)) {
        const target = schemaAt(schema, path);
        if (target && unwrap(target) instanceof z.ZodNumber) {
          const pos = node.range ? lc.linePos(node.range[0]) : undefined;
          issues.push(
            at(
              pos,
              formatPath(path),
              `write ${written} as the plain decimal ${node.value}; YAML tools disagree about numbers with a leading 0, 0o or 0x`,
            ),
          );
        }
      }
    } else if (isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(doc.contents, []);
  return issues;
}

/** The text of the scalar at `path` exactly as written (`0o17`, `1e400`, `yes`), if it is one. */
function scalarSource(doc: Document.Parsed, text: string, path: readonly PropertyKey[]): string | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (!isScalar(node) || !node.range) return undefined;
  const written = text.slice(node.range[0], node.range[1]).trim();
  return written.length > 60 ? `${written.slice(0, 56)}…${written.slice(-3)}` : written;
}

/** The field path of the deepest map key or list item that starts at or contains `offset`. */
function pathAtOffset(doc: Document.Parsed, offset: number): PropertyKey[] {
  const inside = (node: unknown): boolean => {
    const range = (node as Node | undefined)?.range;
    return Boolean(range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1));
  };
  const path: PropertyKey[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 1000 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (inside(p.key) || inside(p.value)));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (inside(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(inside);
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else break;
  }
  return path;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function keyPosition(
  doc: Document.Parsed,
  lc: LineCounter,
  path: readonly PropertyKey[],
  key: string,
): Position | undefined {
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
