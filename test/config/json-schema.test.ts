import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../../config/json-schema';
import { REFERENCE_FILE, withReference } from '../../config/reference';

const ROOT = join(__dirname, '..', '..');

describe('JSON Schema for editors', () => {
  it.each(Object.entries(JSON_SCHEMA_FILES))(
    '%s is what the zod schema generates (run `npm run schema` after changing config/schema.ts)',
    (file, schema) => {
      const committed = readFileSync(join(ROOT, 'config', 'json-schema', file), 'utf8');
      expect(committed).toBe(renderJsonSchema(schema));
    },
  );

  it('describes force fields with their defaults and refuses unknown keys', () => {
    const json = JSON.parse(renderJsonSchema(JSON_SCHEMA_FILES['force.schema.json']));
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.region.default).toBe('uksouth');
    expect(json.required).toEqual(
      expect.arrayContaining(['id', 'name', 'tenantId', 'subscriptionId', 'network', 'identity', 'budget', 'contacts']),
    );
    expect(json.required).not.toContain('region');
  });

  it('is referenced by every bundled force file and by platform.yaml', () => {
    const forces = readdirSync(join(ROOT, 'forces'));
    for (const file of forces) {
      const firstLine = readFileSync(join(ROOT, 'forces', file), 'utf8').split('\n')[0];
      expect(`${file}: ${firstLine}`).toBe(
        `${file}: # yaml-language-server: $schema=../config/json-schema/force.schema.json`,
      );
    }
    expect(readFileSync(join(ROOT, 'platform.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./config/json-schema/platform.schema.json',
    );
  });
});

describe('config reference (docs/configuration.md)', () => {
  it('is what the schema generates (run `npm run schema` after changing config/schema.ts)', () => {
    const doc = readFileSync(join(ROOT, REFERENCE_FILE), 'utf8');
    expect(doc).toBe(withReference(doc));
    expect(doc).toContain('| `network.addressSpace` | string | required |');
  });
});
