/**
 * What a field of the config model allows, in words a force team reads: "a whole number from 365
 * to 730", "one of uksouth, ukwest", "true or false". Error messages use it so that every problem
 * says what would be accepted, and the text comes from the zod schema itself, never a second copy.
 */
import { z } from 'zod';
import { childAt, unwrap } from './suggest';

/** The schema of the field at `path` (wrappers kept, so its `.describe()` text is still there). */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return undefined;
    current = childAt(unwrap(current), key);
  }
  return current;
}

/** The `.describe()` text of a field, from its outermost wrapper inwards. */
export function descriptionOf(schema: z.ZodType | undefined): string | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i++) {
    if (current.description) return current.description.replace(/\.$/, '');
    const next = unwrap(current, 1);
    if (next === current) break;
    current = next;
  }
  return undefined;
}

/** "a whole number from 365 to 730", "one of uksouth, ukwest", "a list", "a mapping". */
export function allowedText(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    const kind = inner.isInt ? 'a whole number' : 'a number';
    const min =
      inner.minValue !== null && Number.isFinite(inner.minValue) && inner.minValue > Number.MIN_SAFE_INTEGER
        ? inner.minValue
        : undefined;
    const max =
      inner.maxValue !== null && Number.isFinite(inner.maxValue) && inner.maxValue < Number.MAX_SAFE_INTEGER
        ? inner.maxValue
        : undefined;
    // zod reports `.positive()` as minValue 0; its JSON Schema says whether the bound is exclusive.
    const exclusiveMin = min !== undefined && z.toJSONSchema(inner).exclusiveMinimum === min;
    if (min !== undefined && exclusiveMin)
      return max !== undefined ? `${kind} greater than ${min} and at most ${max}` : `${kind} greater than ${min}`;
    if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
    if (min !== undefined) return `${kind} of at least ${min}`;
    if (max !== undefined) return `${kind} of at most ${max}`;
    return kind;
  }
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.map(String).join(', ')}`;
  if (inner instanceof z.ZodArray) return 'a list';
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'a mapping';
  // Formats (z.email(), z.guid(), z.ipv4()) are strings too.
  if (inner instanceof z.ZodString || inner instanceof z.ZodStringFormat) {
    const { minLength, maxLength } = inner;
    if (minLength && maxLength) return `text of ${minLength} to ${maxLength} characters`;
    if (maxLength) return `text of at most ${maxLength} characters`;
    return 'text';
  }
  return undefined;
}
