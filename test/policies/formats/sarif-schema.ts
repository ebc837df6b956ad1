/**
 * Validation against the OASIS SARIF 2.1.0 JSON Schema (draft-04), kept offline in
 * test/fixtures/schemas/sarif-schema-2.1.0.json. Source: github.com/oasis-tcs/sarif-spec,
 * sarif-2.1/schema/sarif-schema-2.1.0.json at commit a560296ca8c921f3bdb8d4a8db57ab83dae968a7
 * (the errata01 schema, id https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
 *
 * The validator is ajv 6, already in node_modules (eslint depends on it; no dependency added).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv') as new (options: Record<string, unknown>) => {
  addMetaSchema(schema: object): void;
  compile(schema: object): ((data: unknown) => boolean) & {
    errors?: { dataPath: string; message?: string }[] | null;
  };
};

const SCHEMA = join(__dirname, '..', '..', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json');

let validate: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

/** Every place `sarif` breaks the SARIF 2.1.0 schema, as `path: message`; [] when it is valid. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validate) {
    // draft-04 schemas name themselves with `id`; ajv 6 needs the draft-04 meta-schema added for them.
    const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true, format: 'full' });
    ajv.addMetaSchema(
      JSON.parse(readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8')) as object,
    );
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  }
  if (validate(sarif)) return [];
  return (validate.errors ?? []).map((e) => `${e.dataPath || '(root)'}: ${e.message ?? 'invalid'}`);
}
