/**
 * Turns zod's issues into sentences a force team can act on: what is wrong, what is allowed, and
 * for the usual YAML slips (quoted numbers, `yes` for true, an unquoted id that YAML read as a
 * number) how to write it instead. zod's own wording ("Too small: expected array to have >=1
 * items") never reaches the user.
 */
import type { z } from 'zod';
import { allowedText, descriptionOf } from './describe';
import { nearest } from './suggest';

/** What the message needs to know about the field beyond the issue itself. */
export interface FieldContext {
  /** The schema of the field (wrappers kept), when the path leads to one. */
  readonly schema?: z.ZodType;
  /** The value as loaded (undefined when the key is missing). */
  readonly value: unknown;
  /** The value exactly as written in the file, for scalars. */
  readonly source?: string;
}

/** Words that YAML 1.1 tools read as booleans but YAML 1.2 (and this loader) reads as text. */
const YAML11_BOOLEANS = new Set(['yes', 'no', 'on', 'off', 'y', 'n']);

/** A value quoted for a message, shortened so that a pasted blob cannot flood the output. */
export function quote(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 4)}…${text.slice(-3)}` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `string "lots"`, `a list`, `1e400`. */
export function describeValue(value: unknown, source?: string): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && !Number.isFinite(value)) return `${source ?? String(value)} (not a finite number)`;
  if (typeof value === 'string') return `text ${quote(value)}`;
  return `${typeof value} ${source ?? JSON.stringify(value)}`;
}

function typeHint(expected: string, value: unknown, source: string | undefined): string {
  if (expected === 'boolean' && typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return `; write ${lower} without quotes`;
    if (YAML11_BOOLEANS.has(lower)) return `; write true or false (YAML 1.2 reads ${value} as text, not a boolean)`;
  }
  if (
    (expected === 'number' || expected === 'int') &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  ) {
    return '; remove the quotes';
  }
  if (
    (expected === 'number' || expected === 'int') &&
    typeof value === 'string' &&
    /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value.trim())
  ) {
    return `; write it without separators: ${value.trim().replace(/,/g, '')}`;
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `; put it in quotes: "${source ?? String(value)}"`;
  }
  return '';
}

function rangeMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, field: FieldContext): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return big
        ? `lists ${plural((field.value as unknown[]).length, 'item')}; at most ${limit} allowed`
        : `must list at least ${plural(limit, 'item')}`;
    case 'string': {
      const length = typeof field.value === 'string' ? [...field.value].length : 0;
      return big
        ? `must be at most ${plural(limit, 'character')} (this is ${length})`
        : `must be at least ${plural(limit, 'character')}`;
    }
    default: {
      const written = field.source ?? String(field.value);
      const allowed = allowedText(field.schema);
      return `${written} is ${big ? 'too large' : 'too small'}; expected ${allowed ?? `${big ? 'at most' : 'at least'} ${limit}`}`;
    }
  }
}

/** One issue as the text after `file:line:col path: `. */
export function issueMessage(issue: z.core.$ZodIssue, field: FieldContext): string {
  switch (issue.code) {
    case 'invalid_type': {
      const allowed = allowedText(field.schema) ?? issue.expected;
      if (field.value === undefined) {
        const about = descriptionOf(field.schema);
        return about ? `is required: ${about} (${allowed})` : `is required (${allowed})`;
      }
      if (field.value === null) return `is empty; expected ${allowed}`;
      return `expected ${allowed}, got ${describeValue(field.value, field.source)}${typeHint(issue.expected, field.value, field.source)}`;
    }
    case 'too_big':
    case 'too_small':
      return rangeMessage(issue, field);
    case 'invalid_value': {
      const values = issue.values.map(String);
      const hint = typeof field.value === 'string' ? nearest(field.value, values) : undefined;
      return `${quote(field.value)} is not allowed; ${hint ? `did you mean "${hint}"? Expected` : 'expected'} one of ${values.join(', ')}`;
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const key = String(issue.path[issue.path.length - 1] ?? '');
      const why =
        inner && (inner.code === 'too_big' || inner.code === 'too_small')
          ? rangeMessage(inner, { value: key })
          : (inner?.message ?? 'is not allowed');
      return `key ${quote(key)} ${why}`;
    }
    default:
      return issue.message;
  }
}
