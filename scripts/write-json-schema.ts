/** Regenerates config/json-schema/*.json (force, platform, adoption and waiver files) and the config reference in docs/configuration.md from the zod schemas. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../config/json-schema';
import { REFERENCE_FILE, withReference } from '../config/reference';
import { renderWaiverJsonSchema, WAIVER_JSON_SCHEMA_FILE } from '../policies/waivers-json-schema';
import { packageRoot } from '../util/package-root';

const root = packageRoot();
const dir = join(root, 'config', 'json-schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  writeFileSync(join(dir, file), renderJsonSchema(schema));
  process.stdout.write(`wrote config/json-schema/${file}\n`);
}
writeFileSync(join(dir, WAIVER_JSON_SCHEMA_FILE), renderWaiverJsonSchema());
process.stdout.write(`wrote config/json-schema/${WAIVER_JSON_SCHEMA_FILE}\n`);
const reference = join(root, REFERENCE_FILE);
if (existsSync(reference)) {
  writeFileSync(reference, withReference(readFileSync(reference, 'utf8')));
  process.stdout.write(`updated the config reference in ${REFERENCE_FILE}\n`);
}
