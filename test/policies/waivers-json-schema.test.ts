import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  renderWaiverJsonSchema,
  WAIVER_JSON_SCHEMA_FILE,
  WAIVER_SCHEMA_HEADER,
} from '../../policies/waivers-json-schema';

const ROOT = join(__dirname, '..', '..');

describe('JSON Schema for waiver files', () => {
  it(`${WAIVER_JSON_SCHEMA_FILE} is what the zod schema generates (run \`npm run schema\` after changing policies/waivers.ts)`, () => {
    const committed = readFileSync(join(ROOT, 'config', 'json-schema', WAIVER_JSON_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(renderWaiverJsonSchema());
  });

  it('refuses unknown keys and requires every field a reviewer signs', () => {
    const json = JSON.parse(renderWaiverJsonSchema());
    expect(json.additionalProperties).toBe(false);
    const waiver = json.properties.waivers.items;
    expect(waiver.additionalProperties).toBe(false);
    expect(waiver.required).toEqual(['rule', 'resource', 'reason', 'approvedBy', 'approvedOn', 'expires', 'ticket']);
    expect(new RegExp(waiver.properties.rule.pattern).test('BL-STG-003')).toBe(true);
    expect(new RegExp(waiver.properties.expires.pattern).test('15/07/2026')).toBe(false);
  });

  it('is named by the same kind of header line as force files, one folder further down', () => {
    const forceHeader = readFileSync(join(ROOT, 'forces', 'essex.yaml'), 'utf8').split('\n')[0];
    expect(WAIVER_SCHEMA_HEADER).toBe(
      forceHeader.replace(
        '../config/json-schema/force.schema.json',
        `../../config/json-schema/${WAIVER_JSON_SCHEMA_FILE}`,
      ),
    );
  });

  it('heads every waiver file in the estate and the example in the waivers README', () => {
    const dir = join(ROOT, 'policies', 'waivers');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      expect(`${file}: ${readFileSync(join(dir, file), 'utf8').split('\n')[0]}`).toBe(
        `${file}: ${WAIVER_SCHEMA_HEADER}`,
      );
    }
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`yaml\n${WAIVER_SCHEMA_HEADER}\nwaivers:\n`);
  });
});
