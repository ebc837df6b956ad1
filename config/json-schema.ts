/**
 * JSON Schemas for editors (yaml-language-server), generated from the zod schemas so that the
 * two can never say different things. `npm run schema` writes them; a test fails on drift.
 */
import { z } from 'zod';
import { AdoptionSchema } from './adoption-schema';
import { ForceSchema, PlatformSchema } from './schema';

export const JSON_SCHEMA_FILES = {
  'force.schema.json': ForceSchema,
  'platform.schema.json': PlatformSchema,
  'adoption.schema.json': AdoptionSchema,
} as const;

/** The JSON Schema text for one file, as committed (stable key order, trailing newline). */
export function renderJsonSchema(schema: z.ZodType): string {
  // 'input' describes what a person writes: fields with defaults are optional.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(json, null, 2)}\n`;
}
