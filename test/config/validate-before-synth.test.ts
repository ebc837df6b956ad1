/**
 * `validate` refuses everything `synth` would: for each hostile change below, synthesis of the
 * schema-valid config fails (proving the case is real), and loading the estate refuses it first,
 * with the file, line and field.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { formatIssue } from '../../config/errors';
import { ForceSchema, PlatformSchema, type ForceConfig, type PlatformConfig } from '../../config/schema';
import { readAndValidate } from '../../config/yaml-file';
import { buildEstateApp } from '../../stacks/estate-app';
import { configProblems, FIXTURES, removeDir, tempEstate } from '../helpers/estate';

jest.setTimeout(60_000);

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Changes to the small estate: file -> [path, value]. */
  readonly edits?: Record<string, ReadonlyArray<readonly [readonly (string | number)[], unknown]>>;
  /** A fixture folder laid over the small estate instead. */
  readonly fixture?: string;
  /** The stack whose synthesis fails. */
  readonly stack: string;
  /** The start of what validate says; `L:C` stands for the line and column (the edited file is rewritten). */
  readonly refusal: string;
}

const site = (name: string, range: string, gateway: string) => ({
  name,
  addressSpaces: [range],
  gatewayAddress: gateway,
});

const CASES: readonly Case[] = [
  {
    name: 'two sites of one force with the same name',
    edits: {
      'forces/alpha.yaml': [
        [
          ['network', 'connectivity', 'sites'],
          [
            site('headquarters', '172.16.0.0/24', '203.0.113.10'),
            site('headquarters', '172.16.1.0/24', '203.0.113.11'),
          ],
        ],
      ],
    },
    stack: 'national',
    refusal: 'forces/alpha.yaml:L:C network.connectivity.sites[1].name: "headquarters" is already the name of',
  },
  {
    name: 'sites of two forces whose hub resource names collide (abc/site-x and abc-site/x)',
    fixture: 'vpn-site-name-collision',
    stack: 'national',
    refusal: 'forces/abc.yaml:L:C network.connectivity.sites[0].name: gives the hub resource names lgw-abc-site-x',
  },
  {
    name: 'more than 50 tags on every resource',
    edits: {
      'forces/bravo.yaml': [[['tags'], Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`tag-${i}`, 'v']))]],
    },
    stack: 'bravo',
    refusal: 'forces/bravo.yaml:L:C tags: with platform.yaml tags.common and the 4 tags Blue Lamp sets',
  },
  {
    name: 'a required tag nobody gives a value',
    edits: { 'platform.yaml': [[['tags', 'required', 4], 'owner']] },
    stack: 'national',
    refusal: 'platform.yaml:L:C tags.required[4]: "owner" has no value',
  },
  {
    name: 'two required tags that give the same guardrail assignment',
    edits: {
      'platform.yaml': [
        [['tags', 'required', 4], 'managed_by'],
        [['tags', 'common', 'managed_by'], 'x'],
      ],
    },
    stack: 'alpha',
    refusal:
      'platform.yaml:L:C tags.required[4]: "managed_by" and "managed-by" give the same guardrail policy assignment (bl-tag-managed-by)',
  },
  {
    name: 'five budget alert thresholds',
    edits: {
      'forces/bravo.yaml': [
        [
          ['budget', 'alertThresholds'],
          [10, 20, 30, 40, 50],
        ],
      ],
    },
    stack: 'bravo',
    refusal: 'forces/bravo.yaml:L:C budget.alertThresholds: has 5 thresholds; at most 4',
  },
  {
    name: 'office365 on with no workloads',
    edits: { 'forces/alpha.yaml': [[['services', 'office365', 'workloads'], []]] },
    stack: 'alpha',
    refusal: 'forces/alpha.yaml:L:C services.office365.workloads: must name at least one workload',
  },
  {
    name: 'evidence tiering beyond what the storage lifecycle accepts',
    edits: {
      'forces/alpha.yaml': [
        [['services', 'evidenceStore', 'coolAfterDays'], 100000],
        [['services', 'evidenceStore', 'archiveAfterDays'], 100001],
      ],
    },
    stack: 'alpha',
    refusal: 'forces/alpha.yaml:L:C services.evidenceStore.coolAfterDays: 100000 is more than 99999 days',
  },
  {
    name: 'an empty national Defender minimum',
    edits: { 'platform.yaml': [[['defender', 'minimumPlans'], []]] },
    stack: 'alpha',
    refusal: 'platform.yaml:L:C defender.minimumPlans: must name at least one Defender plan',
  },
  {
    name: 'a hub smaller than a /24',
    edits: {
      'platform.yaml': [
        [['hub', 'addressSpace'], '10.0.0.0/25'],
        [['hub', 'firewallPrivateIp'], '10.0.0.4'],
      ],
    },
    stack: 'national',
    refusal: 'platform.yaml:L:C hub.addressSpace: 10.0.0.0/25 is too small for the hub',
  },
  {
    name: 'a firewall address Azure would not give it',
    edits: { 'platform.yaml': [[['hub', 'firewallPrivateIp'], '10.0.0.5']] },
    stack: 'national',
    refusal: 'platform.yaml:L:C hub.firewallPrivateIp: 10.0.0.5 must be the fourth address of its /26 (10.0.0.4)',
  },
];

function applyEdits(dir: string, edits: NonNullable<Case['edits']>): void {
  for (const [file, changes] of Object.entries(edits)) {
    const doc = parseDocument(readFileSync(join(dir, file), 'utf8'));
    for (const [path, value] of changes) doc.setIn(path, value);
    writeFileSync(join(dir, file), doc.toString());
  }
}

const refusals = (dir: string) => configProblems(dir);

/** The estate's config as the schema alone accepts it (the cross-file rules skipped); fails the test if the schema refuses it. */
function schemaOnlyConfig(dir: string): { platform: PlatformConfig; forces: ForceConfig[] } {
  const platform = readAndValidate(join(dir, 'platform.yaml'), 'platform.yaml', PlatformSchema);
  if (!platform.ok) throw new Error(`schema: ${platform.issues.map(formatIssue).join('; ')}`);
  const forces: ForceConfig[] = [];
  for (const name of readdirSync(join(dir, 'forces')).sort()) {
    const parsed = readAndValidate(join(dir, 'forces', name), `forces/${name}`, ForceSchema);
    if (!parsed.ok) throw new Error(`schema: ${parsed.issues.map(formatIssue).join('; ')}`);
    forces.push(parsed.value);
  }
  return { platform: platform.value, forces };
}

function synth(config: { platform: PlatformConfig; forces: ForceConfig[] }, stack: string): void {
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-synth-'));
  try {
    buildEstateApp(config, outdir, [stack]).synth();
  } finally {
    removeDir(outdir);
  }
}

describe('validate refuses what synth would fail on', () => {
  it.each(CASES)('$name', (c) => {
    const dir = tempEstate(c.fixture ? join(FIXTURES, 'config-errors', c.fixture) : undefined);
    try {
      if (c.edits) applyEdits(dir, c.edits);
      const config = schemaOnlyConfig(dir);
      expect(() => synth(config, c.stack)).toThrow();
      const escaped = c.refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('L:C', '\\d+:\\d+');
      expect(refusals(dir)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${escaped}`))]));
    } finally {
      removeDir(dir);
    }
  });

  it('lets the unchanged small estate through both', () => {
    const dir = tempEstate();
    try {
      expect(refusals(dir)).toEqual([]);
      const config = schemaOnlyConfig(dir);
      for (const stack of ['national', 'alpha', 'bravo']) expect(() => synth(config, stack)).not.toThrow();
    } finally {
      removeDir(dir);
    }
  });
});

describe('the longest names validate allows', () => {
  it('synthesise (no Azure name length limit in constructs/naming.ts can be reached from config)', () => {
    const dir = tempEstate();
    try {
      const id = 'abcdefghij-klmnopqrstuvw'; // 24 characters, the most FORCE_ID_RE allows
      const siteName = `s${'-x'.repeat(15)}`; // 31 characters, the most a site name may have
      const alpha = parseDocument(readFileSync(join(dir, 'forces', 'alpha.yaml'), 'utf8'));
      alpha.setIn(['id'], id);
      alpha.setIn(['name'], `${'N'.repeat(80)}`);
      alpha.setIn(['network', 'connectivity', 'sites', 0, 'name'], siteName);
      alpha.setIn(['tags'], { [`k${'e'.repeat(127)}`]: 'v'.repeat(256) });
      writeFileSync(join(dir, 'forces', `${id}.yaml`), alpha.toString());
      removeDir(join(dir, 'forces', 'alpha.yaml'));
      expect(refusals(dir)).toEqual([]);
      const config = schemaOnlyConfig(dir);
      for (const stack of ['national', id]) expect(() => synth(config, stack)).not.toThrow();
    } finally {
      removeDir(dir);
    }
  });
});
