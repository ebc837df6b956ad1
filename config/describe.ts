/**
 * What a field of the config model allows, in words a force team reads: "a whole number from 365
 * to 730", "one of uksouth, ukwest", "true or false". Error messages use it so that every problem
 * says what would be accepted, and the text comes from the zod schema itself, never a second copy.
 */
import type { z } from 'zod';
import { defOf, unwrap } from './suggest';

/** The schema of the field at `path` (wrappers kept, so its `.describe()` text is still there). */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return undefined;
    const inner = unwrap(current);
    const def = defOf(inner);
    if (def.type === 'array' && typeof key === 'number') current = def.element;
    else if (def.type === 'object' && typeof key === 'string') current = def.shape?.[key];
    else if (def.type === 'record') current = (def as unknown as { valueType: z.ZodType }).valueType;
    else return undefined;
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

interface Bounds {
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
  options?: readonly unknown[];
}

/** "a whole number from 365 to 730", "one of uksouth, ukwest", "a list", "a mapping". */
export function allowedText(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  const def = defOf(inner);
  const b = inner as unknown as Bounds;
  switch (def.type) {
    case 'number': {
      const kind = b.isInt ? 'a whole number' : 'a number';
      const min =
        Number.isFinite(b.minValue) && (b.minValue as number) > Number.MIN_SAFE_INTEGER
          ? (b.minValue as number)
          : undefined;
      const max =
        Number.isFinite(b.maxValue) && (b.maxValue as number) < Number.MAX_SAFE_INTEGER
          ? (b.maxValue as number)
          : undefined;
      const exclusiveMin = (def.checks ?? []).some(
        (c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false && c._zod.def.value === min,
      );
      if (min !== undefined && exclusiveMin)
        return max !== undefined ? `${kind} greater than ${min} and at most ${max}` : `${kind} greater than ${min}`;
      if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
      if (min !== undefined) return `${kind} of at least ${min}`;
      if (max !== undefined) return `${kind} of at most ${max}`;
      return kind;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${(b.options ?? []).map(String).join(', ')}`;
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'string': {
      if (b.minLength && b.maxLength) return `text of ${b.minLength} to ${b.maxLength} characters`;
      if (b.maxLength) return `text of at most ${b.maxLength} characters`;
      return 'text';
    }
    default:
      return undefined;
  }
}
