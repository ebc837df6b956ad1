/** Regenerates config/json-schema/*.json from the zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../config/json-schema';

const dir = resolve(__dirname, '..', '..', 'config', 'json-schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  writeFileSync(join(dir, file), renderJsonSchema(schema));
  process.stdout.write(`wrote config/json-schema/${file}\n`);
}
