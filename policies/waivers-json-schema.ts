/**
 * The JSON Schema editors use for waiver files, generated from WaiverFileSchema exactly as the
 * force and platform schemas are generated from theirs (`npm run schema` writes it beside them in
 * config/json-schema/; a test fails on drift). It lives here, not in config/, because the waiver
 * schema is a policies/ concern and config/ never imports a later step.
 */
import { renderJsonSchema } from '../config/json-schema';
import { WaiverFileSchema } from './waivers';

export const WAIVER_JSON_SCHEMA_FILE = 'waivers.schema.json';

/** The first line of every `policies/waivers/<force-id>.yaml`, as `# yaml-language-server: ...` starts every force file. */
export const WAIVER_SCHEMA_HEADER = `# yaml-language-server: $schema=../../config/json-schema/${WAIVER_JSON_SCHEMA_FILE}`;

export function renderWaiverJsonSchema(): string {
  return renderJsonSchema(WaiverFileSchema);
}
