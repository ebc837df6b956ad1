/**
 * "Did you mean" for unknown keys: the nearest known key of the same object by edit distance.
 */
import { z } from 'zod';

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = temp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a distance that still reads as a typo, if any. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** The schema inside an optional, default, prefault, nullable or readonly wrapper, or the input side of a pipe. */
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodReadonly
  )
    return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
  return undefined;
}

/** Unwraps optional/default/pipe wrappers (at most `steps` of them) down to the schema that describes the value. */
export function unwrap(schema: z.ZodType, steps = 10): z.ZodType {
  let current = schema;
  for (let i = 0; i < steps; i++) {
    const inner = innerOf(current);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The schema one step down `key` from `schema` (already unwrapped): a list item, an object field or a map value. */
export function childAt(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodArray && typeof key === 'number') return schema.element as z.ZodType;
  if (schema instanceof z.ZodObject && typeof key === 'string') return schema.shape[key] as z.ZodType | undefined;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  return undefined;
}

/** Known keys of the object schema found at `path` inside `root`, or [] when there is none. */
export function knownKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(root);
  for (const key of path) {
    if (!current || current instanceof z.ZodRecord) return [];
    const child = childAt(current, key);
    current = child && unwrap(child);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}
