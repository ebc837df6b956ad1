import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultAzurePolicyIndex,
  loadAzurePolicyIndex,
  lookupBuiltin,
  lookupBuiltinId,
  openBuiltinLookup,
  type AzurePolicyIndex,
  type PolicyKind,
} from '../../policies/azure-policy';
import {
  buildAzurePolicyIndex,
  defaultFullIndexDir,
  serializeAzurePolicyIndex,
} from '../../scripts/write-policy-index';

const VENDORED = defaultAzurePolicyIndex();
const SHARED = defaultFullIndexDir();
const ALLOWED_LOCATIONS = 'e56962a6-4747-49cd-b67b-bf8b01975c4c';
const UK_OFFICIAL = '3937f550-eedd-4639-9c5e-294358be442e';
/** Public-cloud copy declares categoryGroup; the Azure Government copy (first in the full index) does not. */
const SERVICE_BUS_LOGS = '0277b2d5-6e6f-4d97-9929-a5c4eab56fd7';

function vendored(): AzurePolicyIndex {
  const loaded = loadAzurePolicyIndex(VENDORED);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.index;
}

describe('the vendored Azure Policy index', () => {
  const hasShared = existsSync(join(SHARED, 'builtin-policy-definitions.json'));
  it(
    hasShared
      ? 'is exactly what npm run policy-index generates from ../shared/azure-policy'
      : 'names the Azure/azure-policy commit it came from (comparing it with a regeneration needs ../shared/azure-policy beside the clone)',
    () => {
      if (hasShared) {
        const generated = serializeAzurePolicyIndex(buildAzurePolicyIndex(SHARED)).split('\n');
        const current = readFileSync(VENDORED, 'utf8').split('\n');
        const only = (a: string[], b: string[]) => {
          const other = new Set(b);
          return a.filter((l) => !other.has(l)).slice(0, 5);
        };
        expect({ stale: only(current, generated), missing: only(generated, current) }).toEqual({
          stale: [],
          missing: [],
        });
        expect(current).toEqual(generated);
      } else {
        expect(vendored().source.commit).toMatch(/^[0-9a-f]{40}$/);
      }
    },
  );

  it('finds a current definition by GUID or full id, with its required and restricted parameters', () => {
    const index = vendored();
    const def = lookupBuiltin(index, 'policyDefinitions', ALLOWED_LOCATIONS.toUpperCase());
    expect(def).toEqual({
      displayName: 'Allowed locations',
      parameters: {
        effect: { allowedValues: ['Audit', 'Deny', 'Disabled'] },
        listOfAllowedLocations: { required: true },
      },
    });
    expect(lookupBuiltinId(index, `/providers/Microsoft.Authorization/policyDefinitions/${ALLOWED_LOCATIONS}`)).toBe(
      def,
    );
    expect(lookupBuiltin(index, 'policySetDefinitions', ALLOWED_LOCATIONS)).toBeUndefined();
    expect(lookupBuiltin(index, 'policyDefinitions', 'constructor')).toBeUndefined();
  });

  it('marks a deprecated definition', () => {
    expect(lookupBuiltin(vendored(), 'policyDefinitions', '10ee2ea2-fb4d-45b8-a7e9-a2e770044cd9')).toMatchObject({
      displayName: '[Deprecated]: Custom subscription owner roles should not exist',
      deprecated: true,
    });
  });

  it('keeps the public-cloud copy of a definition Azure repeats for its sovereign clouds', () => {
    expect(Object.keys(lookupBuiltin(vendored(), 'policyDefinitions', SERVICE_BUS_LOGS)!.parameters)).toContain(
      'categoryGroup',
    );
  });

  it('lists the members of the UK OFFICIAL initiative, matching the anchor mapping, and knows it deploys', () => {
    const uk = vendored().initiatives[UK_OFFICIAL];
    expect(uk).toMatchObject({ displayName: 'UK OFFICIAL and UK NHS', deploysOrModifies: true });
    const mapped = readFileSync(
      join(__dirname, '..', 'fixtures', 'anchors', 'ukofficial_uknhs_initiative_mapping.txt'),
      'utf8',
    )
      .split('\n')
      .map((l) => /^\s+(\S{36})\s/.exec(l)?.[1])
      .filter((g): g is string => g !== undefined);
    expect(mapped.length).toBeGreaterThan(30);
    expect(mapped.filter((g) => !uk.members.includes(g))).toEqual([]);
  });

  it('reports an index it cannot read, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-policy-index-'));
    try {
      const notIndex = join(dir, 'not-index.json');
      writeFileSync(notIndex, '{"definitions":[]}');
      expect(loadAzurePolicyIndex(join(dir, 'missing.json'))).toEqual({
        ok: false,
        reason: expect.stringMatching(/missing\.json cannot be read: ENOENT/),
      });
      expect(loadAzurePolicyIndex(notIndex)).toEqual({
        ok: false,
        reason: expect.stringMatching(/not-index\.json has no "definitions" and "initiatives" objects/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openBuiltinLookup: one entry at a time, as the checks read it', () => {
  const lookupIn = (file: string) => {
    const opened = openBuiltinLookup(file);
    if (!opened.ok) throw new Error(opened.reason);
    return opened.builtins;
  };

  it('finds what the whole index holds, in the right section, for a sample from each end and between', () => {
    const index = vendored();
    const lazy = lookupIn(VENDORED);
    const sample = (table: Record<string, unknown>, every: number) =>
      Object.keys(table).filter((_, i, all) => i % every === 0 || i === all.length - 1);
    const cases: [PolicyKind, string][] = [
      ...sample(index.definitions, 97).map((g): [PolicyKind, string] => ['policyDefinitions', g]),
      ...sample(index.initiatives, 11).map((g): [PolicyKind, string] => ['policySetDefinitions', g]),
    ];
    expect(cases.length).toBeGreaterThan(50);
    for (const [kind, guid] of cases)
      expect([kind, guid, lazy.lookup(kind, guid)]).toEqual([kind, guid, lookupBuiltin(index, kind, guid)]);
    // A definition is not an initiative, nor the other way round; case does not matter.
    expect(lazy.lookup('policySetDefinitions', ALLOWED_LOCATIONS)).toBeUndefined();
    expect(lazy.lookup('policyDefinitions', UK_OFFICIAL)).toBeUndefined();
    expect(lazy.lookup('policyDefinitions', ALLOWED_LOCATIONS.toUpperCase())).toEqual(
      lookupBuiltin(index, 'policyDefinitions', ALLOWED_LOCATIONS),
    );
    expect(lazy.lookup('policyDefinitions', '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('reads an index in any other JSON layout whole, with the same answers, and names a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-policy-lookup-'));
    try {
      const pretty = join(dir, 'pretty.json');
      writeFileSync(pretty, JSON.stringify(vendored(), null, 2));
      expect(lookupIn(pretty).lookup('policySetDefinitions', UK_OFFICIAL)).toEqual(vendored().initiatives[UK_OFFICIAL]);
      expect(lookupIn(pretty).lookup('policyDefinitions', UK_OFFICIAL)).toBeUndefined();
      expect(openBuiltinLookup(join(dir, 'missing.json'))).toEqual({
        ok: false,
        reason: expect.stringMatching(/missing\.json cannot be read: ENOENT/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run policy-index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bl-full-index-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = (name: string, displayName: string, file: string, extra: Record<string, unknown> = {}) => ({
    id: `/providers/Microsoft.Authorization/policyDefinitions/${name}`,
    name,
    displayName,
    category: 'General',
    version: '1.0.0',
    deprecated: false,
    preview: false,
    parameters: {},
    file,
    ...extra,
  });
  const A = 'AAAAAAAA-0000-4000-8000-000000000001';
  const B = 'bbbbbbbb-0000-4000-8000-000000000002';
  const C = 'cccccccc-0000-4000-8000-000000000003';
  function write(readme = 'extracted from Azure/azure-policy commit 0123456789abcdef0123456789abcdef01234567, 2026') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'README.md'), readme);
    writeFileSync(
      join(dir, 'builtin-policy-definitions.json'),
      JSON.stringify([
        entry(B, 'Configure things', 'policyDefinitions/Azure Government/General/Things_DINE.json'),
        entry(B, 'Configure things', 'policyDefinitions/General/Things_DINE.json', {
          parameters: {
            extra: { type: 'String' },
            effect: {
              type: 'String',
              allowedValues: ['DeployIfNotExists', 'Disabled'],
              defaultValue: 'DeployIfNotExists',
            },
          },
        }),
        entry(A, '[Deprecated]: Old', 'policyDefinitions/General/Old.json', { deprecated: true }),
        entry(A, 'Audit something', 'policyDefinitions/General/Audit.json'),
      ]),
    );
    writeFileSync(
      join(dir, 'builtin-policy-set-definitions.json'),
      JSON.stringify([
        {
          ...entry(C, '[Preview]: Set', 'policySetDefinitions/General/set.json'),
          preview: undefined,
          members: [
            { policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${B}` },
            { policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${A}` },
            { policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${B}` },
          ],
        },
      ]),
    );
  }

  it('keeps one current, public-cloud copy per GUID and only the fields the checks read', () => {
    write();
    const index = buildAzurePolicyIndex(dir);
    expect(index.source).toEqual({
      repository: 'Azure/azure-policy',
      commit: '0123456789abcdef0123456789abcdef01234567',
      note: 'generated by npm run policy-index; do not edit',
    });
    expect(index.definitions).toEqual({
      [A.toLowerCase()]: { displayName: 'Audit something', parameters: {} },
      [B]: {
        displayName: 'Configure things',
        parameters: { effect: { allowedValues: ['DeployIfNotExists', 'Disabled'] }, extra: { required: true } },
        deploysOrModifies: true,
      },
    });
    expect(index.initiatives).toEqual({
      [C]: {
        displayName: '[Preview]: Set',
        preview: true,
        parameters: {},
        members: [A.toLowerCase(), B],
        deploysOrModifies: true,
      },
    });
  });

  it('writes the same text whatever order the full index lists GUIDs in', () => {
    write();
    const first = serializeAzurePolicyIndex(buildAzurePolicyIndex(dir));
    const defs = JSON.parse(readFileSync(join(dir, 'builtin-policy-definitions.json'), 'utf8')) as unknown[];
    writeFileSync(join(dir, 'builtin-policy-definitions.json'), JSON.stringify([defs[2], defs[3], defs[0], defs[1]]));
    expect(serializeAzurePolicyIndex(buildAzurePolicyIndex(dir))).toBe(first);
    expect(JSON.parse(first)).toEqual(buildAzurePolicyIndex(dir));
  });

  it('refuses a full index whose README names no commit', () => {
    write('no provenance here');
    expect(() => buildAzurePolicyIndex(dir)).toThrow(/README\.md: names no 40-hex commit of Azure\/azure-policy/);
  });
});
