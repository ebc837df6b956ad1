/**
 * Config text must reach Azure exactly as written. This check runs over every string in a parsed
 * file (map keys and values alike, whatever the field), so that a field added later is covered
 * without anyone remembering to:
 *
 * - Terraform evaluates `${...}` and `%{...}` inside every string of its JSON, so a force file
 *   could otherwise call functions (`file("/proc/self/environ")`) on the pipeline runner at plan
 *   time. cdktf's own reference markers (`TfToken[`, and numbers like `-8.1e+298`) would let text
 *   pose as a reference.
 * - Control characters and invisible formatting characters (zero-width, bidirectional overrides)
 *   make two different values look the same to a reviewer, or hide text in a terminal.
 *
 * The synthesis side escapes the same sequences again (stacks/terraform-literal.ts): two walls.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { formatPath } from './errors';

export interface LiteralTextProblem {
  /** The offending sequence or character, as it appears in the string. */
  readonly found: string;
  readonly message: string;
}

const TEMPLATE_SEQUENCES = [
  { text: '${', why: 'which Terraform evaluates as an expression' },
  { text: '%{', why: 'which Terraform evaluates as a template directive' },
  { text: 'TfToken[', why: 'which the synthesis library reads as one of its own references' },
] as const;

/**
 * cdktf encodes numeric references as huge negative doubles (about -1e289 and -8e298) and, inside
 * any string, swaps a number its pattern finds (tokens/private/encoding.js NUMBER_TOKEN_REGEX,
 * copied here) for the reference when the value is one of them. Hex in GUIDs (`7e678`) matches the
 * pattern too but parses to Infinity, which is never a reference.
 */
const CDKTF_NUMBER_PATTERN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** The text cdktf would read as one of its numeric references, if any. */
export function cdktfNumberToken(text: string): string | undefined {
  for (const match of text.matchAll(CDKTF_NUMBER_PATTERN)) {
    const value = parseFloat(match[0]);
    if (Number.isFinite(value) && value <= -1e280) return match[0];
  }
  return undefined;
}

/** Names for the invisible characters seen in spoofing and "Trojan Source" attacks. */
const CHARACTER_NAMES: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'an escape character',
  0xad: 'a soft hyphen',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x202a: 'a bidirectional embedding',
  0x202b: 'a bidirectional embedding',
  0x202c: 'a bidirectional pop',
  0x202d: 'a bidirectional override',
  0x202e: 'a bidirectional override',
  0x2060: 'a word joiner',
  0x2066: 'a bidirectional isolate',
  0x2067: 'a bidirectional isolate',
  0x2068: 'a bidirectional isolate',
  0x2069: 'a bidirectional isolate',
  0xfeff: 'a zero-width no-break space',
};

/**
 * Control characters (Cc), invisible format characters (Cf: zero-width, bidirectional controls,
 * soft hyphen, tag characters), line and paragraph separators, and the blank "filler" letters
 * that render as nothing.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

/** `text` with every character literal text refuses (control, invisible, bidirectional) shown as a space. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN_ALL, ' ');
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` cannot be config text, or undefined when it can. */
export function literalTextProblem(text: string): LiteralTextProblem | undefined {
  for (const seq of TEMPLATE_SEQUENCES) {
    const index = text.indexOf(seq.text);
    if (index >= 0)
      return {
        found: seq.text,
        message: `contains "${seq.text}", ${seq.why}; config text is always literal, so write it without "${seq.text}"`,
      };
  }
  const numberToken = cdktfNumberToken(text);
  if (numberToken)
    return {
      found: numberToken,
      message: `contains "${numberToken}", a number in the form the synthesis library uses for its own references; write it another way`,
    };
  const hidden = HIDDEN.exec(text);
  if (hidden) {
    const char = hidden[0];
    const name = CHARACTER_NAMES[char.codePointAt(0)!] ?? 'an invisible or control character';
    return {
      found: char,
      message: `contains ${name} (${codePoint(char)}); config text is one line of visible characters, so delete it`,
    };
  }
  return undefined;
}

export interface LiteralTextIssue {
  readonly line?: number;
  readonly col?: number;
  readonly path: string;
  readonly message: string;
}

/**
 * Every string key and value of the document that is not literal text, with its position (the
 * offending character itself where the scalar is written on one line without escapes).
 */
export function literalTextIssues(doc: Document.Parsed, text: string, lc: LineCounter): LiteralTextIssue[] {
  const issues: LiteralTextIssue[] = [];
  const check = (node: Node, path: PropertyKey[], what: 'key' | 'value'): void => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const problem = literalTextProblem(node.value);
    if (!problem || !node.range) return;
    const written = text.slice(node.range[0], node.range[1]);
    const inSource = node.value.includes('\n') ? -1 : written.indexOf(problem.found);
    const pos = lc.linePos(node.range[0] + Math.max(0, inSource));
    issues.push({
      line: pos.line,
      col: pos.col,
      path: formatPath(path),
      message: what === 'key' ? `the key ${problem.message}` : problem.message,
    });
  };
  const walk = (node: unknown, path: PropertyKey[], depth: number): void => {
    if (depth > 100) return;
    if (isScalar(node)) check(node, path, 'value');
    else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const keyPath = [...path, String(pair.key.value)];
        check(pair.key, keyPath, 'key');
        walk(pair.value, keyPath, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
  };
  walk(doc.contents, [], 0);
  return issues;
}
