import { readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import {
  FORCE_INDEX_FILE,
  FORCE_INDEX_FORMAT,
  forceIndexText,
  parseForceIndex,
  type ForceIndex,
} from '../../config/force-index';
import { packageRoot } from '../../util/package-root';
import { configProblems, removeDir, tempEstate } from '../helpers/estate';

const ROOT = packageRoot();

/** The index `bluelamp index` writes for the estate in `dir` as it is now. */
function indexText(dir: string): string {
  const estate = loadEstate(dir, { cache: false });
  return forceIndexText(estate);
}

function indexOf(dir: string): ForceIndex {
  const index = parseForceIndex(indexText(dir));
  if ('unusable' in index) throw new Error(index.unusable);
  return index;
}

describe('the force index (forces/index.json)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(from);
    writeFileSync(path, text.replace(from, to));
  };

  it('is committed for the bundled estate, as bluelamp index writes it', () => {
    expect(readFileSync(join(ROOT, FORCE_INDEX_FILE), 'utf8')).toBe(indexText(ROOT));
  });

  it('holds one line per force, in file order, with the facts the other forces are checked against', () => {
    const text = indexText(dir);
    const lines = text.split('\n').filter((l) => l.startsWith('    "forces/'));
    expect(lines.map((l) => l.slice(4, l.indexOf(':')))).toEqual(['"forces/alpha.yaml"', '"forces/bravo.yaml"']);
    const index = indexOf(dir);
    expect(index.forces.get('forces/alpha.yaml')?.facts).toEqual({
      id: 'alpha',
      name: 'Alpha Constabulary',
      tenantId: '00000000-0000-4000-8000-00000000a001',
      subscriptionId: '00000000-0000-4000-8000-00000000a002',
      region: 'uksouth',
      defender: { additionalPlans: [] },
      network: {
        addressSpace: '10.64.0.0/21',
        connectivity: {
          sites: [{ name: 'headquarters', addressSpaces: ['172.16.0.0/24'], gatewayAddress: '203.0.113.10' }],
        },
      },
    });
    // bravo's region is written out (ukwest); a default is filled in as validation fills it.
    expect(index.forces.get('forces/bravo.yaml')?.facts.region).toBe('ukwest');
  });

  it('takes an unchanged force from the index and parses only the changed one', () => {
    const index = indexOf(dir);
    edit('forces/alpha.yaml', 'costCentre: ALPHA-ICT', 'costCentre: ALPHA-ICT-2');
    const estate = loadEstate(dir, { cache: false, index });
    expect(estate.forces.map((f) => f.file)).toEqual(['forces/alpha.yaml']);
    expect(estate.indexed?.map((f) => f.file)).toEqual(['forces/bravo.yaml']);
    expect(estate.forces[0].config.costCentre).toBe('ALPHA-ICT-2');
    // Whoever writes the index vouches for the facts: the file is only hashed, never read for them.
    // (So a review reads the index of its base branch, never the change's own copy.)
    const forged = new Map(index.forces);
    const bravo = forged.get('forces/bravo.yaml')!;
    forged.set('forces/bravo.yaml', {
      ...bravo,
      facts: { ...bravo.facts, network: { ...bravo.facts.network, addressSpace: '10.64.0.0/22' } },
    });
    expect(configProblems(dir, { cache: false, index: { ...index, forces: forged } })).toEqual([
      'forces/bravo.yaml:10:17 network.addressSpace: 10.64.0.0/22 overlaps 10.64.0.0/21 of forces/alpha.yaml',
    ]);
  });

  // Each change breaks a rule between forces; with the index the problems are exactly a full load's,
  // file, line and column included, whichever side of the pair is the indexed one.
  it.each([
    [
      'an address space over an indexed force (reported on the later file, the indexed one)',
      'forces/alpha.yaml',
      'addressSpace: 10.64.0.0/21',
      'addressSpace: 10.64.8.0/21',
    ],
    ['a name an indexed force already has', 'forces/bravo.yaml', 'name: Bravo Police', 'name: Alpha Constabulary'],
    [
      'a subscription an indexed force already has',
      'forces/alpha.yaml',
      'subscriptionId: 00000000-0000-4000-8000-00000000a002',
      'subscriptionId: 00000000-0000-4000-8000-00000000b002',
    ],
    [
      "a site range an indexed force's site already has",
      'forces/bravo.yaml',
      'addressSpace: 10.64.8.0/22\n',
      'addressSpace: 10.64.8.0/22\n  connectivity:\n    type: vpn\n    sites:\n      - name: depot\n        addressSpaces: [172.16.0.0/23]\n        gatewayAddress: 203.0.113.20\n',
    ],
  ])('reports %s exactly as a full load does', (_what, file, from, to) => {
    const index = indexOf(dir);
    edit(file, from, to);
    const full = configProblems(dir, { cache: false });
    expect(full.length).toBeGreaterThan(0);
    expect(configProblems(dir, { cache: false, index })).toEqual(full);
  });

  it('parses a file whose text is not the one indexed, and checks it in full', () => {
    const index = indexOf(dir);
    edit('forces/bravo.yaml', 'monthlyGbp: 2500', 'monthlyGbp: -1');
    const problems = configProblems(dir, { cache: false, index });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^forces\/bravo\.yaml:\d+:\d+ budget\.monthlyGbp: /);
    expect(problems).toEqual(configProblems(dir, { cache: false }));
  });

  it('is not used once platform.yaml changed: the per-force rules read the platform', () => {
    const index = indexOf(dir);
    edit('platform.yaml', /\n$/, '\n# a comment is a change\n');
    const estate = loadEstate(dir, { cache: false, index });
    expect(estate.indexed).toBeUndefined();
    expect(estate.forces.map((f) => f.file)).toEqual(['forces/alpha.yaml', 'forces/bravo.yaml']);
  });

  it('never takes a file that fails the reading checks, whatever its text', () => {
    const index = indexOf(dir);
    // The same bytes behind a symbolic link: the loader refuses links, indexed or not.
    renameSync(join(dir, 'forces', 'bravo.yaml'), join(dir, 'bravo-elsewhere.yaml'));
    symlinkSync(join(dir, 'bravo-elsewhere.yaml'), join(dir, 'forces', 'bravo.yaml'));
    const full = configProblems(dir, { cache: false });
    expect(full).toEqual([expect.stringMatching(/^forces\/bravo\.yaml .*link/)]);
    expect(configProblems(dir, { cache: false, index })).toEqual(full);
  });

  describe('reading', () => {
    const valid = () => JSON.parse(indexText(dir)) as { forces: Record<string, { facts: Record<string, unknown> }> };
    const unusable = (value: unknown) => {
      const read = parseForceIndex(typeof value === 'string' ? value : JSON.stringify(value));
      return 'unusable' in read ? read.unusable : undefined;
    };

    it('reads back what it wrote', () => {
      const index = indexOf(dir);
      expect([...index.forces.keys()]).toEqual(['forces/alpha.yaml', 'forces/bravo.yaml']);
      expect(index.platformSha256).toBe(loadEstate(dir, { cache: false }).platform.sha256);
    });

    it('refuses text that is not an index this version wrote', () => {
      expect(unusable('{"format":')).toBe('not JSON');
      expect(unusable({ ...valid(), format: 'bluelamp.force-index.v0' })).toBe(
        `format "bluelamp.force-index.v0", not ${FORCE_INDEX_FORMAT} (run bluelamp index)`,
      );
      expect(unusable({ ...valid(), extra: true })).toMatch(/Unrecognized key/);
    });

    it('refuses facts that the schema would refuse, so a fact is never read as anything but data', () => {
      const index = valid();
      (index.forces['forces/bravo.yaml'].facts.network as { addressSpace: string }).addressSpace = '${var.pool}';
      expect(unusable(index)).toMatch(/^forces\.forces\/bravo\.yaml\.facts\.network\.addressSpace: /);
    });

    it('refuses an entry filed under another force', () => {
      const index = valid();
      index.forces['forces/bravo.yaml'] = index.forces['forces/alpha.yaml'];
      expect(unusable(index)).toBe('forces/bravo.yaml: holds the facts of alpha');
    });
  });
});
