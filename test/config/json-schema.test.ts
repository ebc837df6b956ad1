import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../../config/json-schema';
import { REFERENCE_FILE, withReference } from '../../config/reference';
import { CIDR_PATTERN, cidrProblem, IPV4_PATTERN, parseIp } from '../../util/cidr';

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
    // forces/index.json is made by bluelamp index, not written by hand.
    const forces = readdirSync(join(ROOT, 'forces')).filter((f) => f.endsWith('.yaml'));
    expect(forces.length).toBeGreaterThan(40);
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

describe('address fields in the JSON Schema', () => {
  const force = JSON.parse(renderJsonSchema(JSON_SCHEMA_FILES['force.schema.json']));
  const platform = JSON.parse(renderJsonSchema(JSON_SCHEMA_FILES['platform.schema.json']));
  const spoke = new RegExp(force.properties.network.properties.addressSpace.pattern);

  it('refuses in the editor what the CLI refuses: a prefix over /32, an octet over 255, no prefix', () => {
    for (const bad of ['10.66.0.0/33', '10.256.0.0/16', '10.66.0.0', '10.66.0/16', ' 10.66.0.0/22', '10.66.0.0/022'])
      expect(`${bad}: ${spoke.test(bad)}`).toBe(`${bad}: false`);
    expect(spoke.test('10.66.0.0/22')).toBe(true);
  });

  it('accepts every address shape the CLI accepts, over a sweep of octets and prefixes', () => {
    for (const octet of ['0', '00', '7', '09', '99', '100', '199', '200', '249', '250', '255', '256', '300', '999']) {
      for (const prefix of ['0', '00', '8', '09', '16', '29', '30', '32', '33', '40', '99']) {
        const text = `10.${octet}.0.0/${prefix}`;
        // The pattern says what a shape can: host bits set is the one refusal only the CLI makes.
        const problem = cidrProblem(text);
        const cliShapeOk = problem === undefined || /host bits set/.test(problem);
        expect(`${text}: ${spoke.test(text)}`).toBe(`${text}: ${cliShapeOk}`);
      }
      const ip = `10.0.0.${octet}`;
      expect(`${ip}: ${new RegExp(IPV4_PATTERN).test(ip)}`).toBe(`${ip}: ${parseIp(ip) !== undefined}`);
    }
  });

  it('puts the pattern on every address field: hub, pool, firewall, sites', () => {
    const hub = platform.properties.hub.properties;
    expect(hub.addressSpace.pattern).toBe(CIDR_PATTERN);
    expect(hub.firewallPrivateIp.pattern).toBe(IPV4_PATTERN);
    expect(platform.properties.addressPool.pattern).toBe(CIDR_PATTERN);
    expect(JSON.stringify(force)).toContain(JSON.stringify({ type: 'string', pattern: CIDR_PATTERN }));
  });
});
