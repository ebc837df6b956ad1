/**
 * "Did you mean" for unknown keys: the nearest known key of the same object by edit distance.
 */
import type { z } from 'zod';

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

export interface DefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  checks?: { _zod: { def: { check: string; value?: unknown; inclusive?: boolean } } }[];
}

export function defOf(schema: z.ZodType): DefLike {
  return (schema as unknown as { _zod: { def: DefLike } })._zod.def;
}

/** Unwraps optional/default/pipe wrappers (at most `steps` of them) down to the schema that describes the value. */
export function unwrap(schema: z.ZodType, steps = 10): z.ZodType {
  let current = schema;
  for (let i = 0; i < steps; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** Known keys of the object schema found at `path` inside `root`, or [] when there is none. */
export function knownKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(root);
  for (const key of path) {
    if (!current) return [];
    const def = defOf(current);
    if (def.type === 'array' && typeof key === 'number') current = def.element && unwrap(def.element);
    else if (def.type === 'object' && typeof key === 'string') current = def.shape?.[key] && unwrap(def.shape[key]);
    else if (def.type === 'record') return [];
    else return [];
  }
  const def = current && defOf(current);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
