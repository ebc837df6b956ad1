import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatRules } from '../../cli/commands/rules';
import { defaultAzurePolicyIndex, loadAzurePolicyIndex, lookupBuiltin } from '../../policies/azure-policy';
import { NCSC_PRINCIPLES } from '../../policies/ncsc';
import { RULE_METAS } from '../../policies/pack';
import { WAIVER_RULES } from '../../policies/waivers';

const ROOT = resolve(__dirname, '..', '..');
/** Copies of the scanners' check lists (test/fixtures/anchors/README.md says where they come from). */
const ANCHORS = join(ROOT, 'test', 'fixtures', 'anchors');

/** First column of a `|`-separated anchor file. */
function anchorIds(file: string): Set<string> {
  return new Set(
    readFileSync(join(ANCHORS, file), 'utf8')
      .split('\n')
      .map((l) => l.split('|')[0].trim())
      .filter(Boolean),
  );
}

describe('the rule pack', () => {
  it('has at least 40 rules with unique, well-formed ids', () => {
    const ids = RULE_METAS.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^BL-[A-Z]{2,3}-\d{3}$/);
  });

  it('gives every rule a title, a rationale and at least one NCSC principle that exists', () => {
    for (const r of RULE_METAS) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale.split(' ').length).toBeGreaterThan(8);
      expect(r.ncsc.length).toBeGreaterThan(0);
      for (const p of r.ncsc)
        expect({ rule: r.id, principle: p, known: p in NCSC_PRINCIPLES }).toEqual({
          rule: r.id,
          principle: p,
          known: true,
        });
    }
  });

  it('mirrors only Checkov and Trivy checks that exist in the anchor lists', () => {
    const checkov = anchorIds('checkov_azure_terraform_checks.psv');
    const trivy = anchorIds('trivy_azure_checks.psv');
    const unknown = RULE_METAS.flatMap((r) => [
      ...(r.mirrors.checkov ?? []).filter((id) => !checkov.has(id)).map((id) => `${r.id} checkov ${id}`),
      ...(r.mirrors.trivy ?? []).filter((id) => !trivy.has(id)).map((id) => `${r.id} trivy ${id}`),
    ]);
    expect(unknown).toEqual([]);
  });

  const sharedAnchors = resolve(ROOT, '..', 'shared', 'anchors');
  const anchorFiles = [
    'checkov_azure_terraform_checks.psv',
    'trivy_azure_checks.psv',
    'ukofficial_uknhs_initiative_mapping.txt',
  ];
  const hasShared = existsSync(sharedAnchors);
  it(
    hasShared
      ? 'checks against copies of the anchor lists identical to ../shared/anchors'
      : 'checks against anchor lists from the same Azure/azure-policy commit as the policy index (comparing the copies with the originals needs ../shared/anchors beside the clone)',
    () => {
      if (hasShared) {
        for (const file of anchorFiles)
          expect({
            file,
            same: readFileSync(join(ANCHORS, file), 'utf8') === readFileSync(join(sharedAnchors, file), 'utf8'),
          }).toEqual({ file, same: true });
      } else {
        const loaded = loadAzurePolicyIndex(defaultAzurePolicyIndex());
        if (!loaded.ok) throw new Error(loaded.reason);
        expect(readFileSync(join(ANCHORS, anchorFiles[2]), 'utf8')).toContain(
          `Azure/azure-policy commit ${loaded.index.source.commit}`,
        );
        for (const file of anchorFiles.slice(0, 2))
          expect({ file, ids: anchorIds(file).size > 50 }).toEqual({ file, ids: true });
      }
    },
  );

  it('mirrors only Azure Policy built-ins that exist and are not deprecated', () => {
    const loaded = loadAzurePolicyIndex(defaultAzurePolicyIndex());
    if (!loaded.ok) throw new Error(loaded.reason);
    const current = (guid: string) => {
      const d = lookupBuiltin(loaded.index, 'policyDefinitions', guid);
      return d !== undefined && !d.deprecated;
    };
    const bad = RULE_METAS.flatMap((r) =>
      (r.mirrors.azurePolicy ?? []).filter((id) => !current(id)).map((id) => `${r.id} ${id}`),
    );
    expect(bad).toEqual([]);
  });

  it('allows no waiver of residency, internet-facing management ports, force isolation, internet ingress, evidence sharing, references across stacks or apply-readiness, and allows waivers of the rest', () => {
    // A waiver cannot raise an Azure limit or grant a missing permission: the apply fails regardless.
    for (const r of RULE_METAS.filter((m) => m.category === 'apply-readiness')) expect(r.waivable).toBe(false);
    expect(
      RULE_METAS.filter((r) => !r.waivable && r.category !== 'apply-readiness')
        .map((r) => r.id)
        .sort(),
    ).toEqual([
      'BL-NET-001',
      'BL-NET-002',
      'BL-NET-010',
      'BL-NET-102',
      'BL-NET-103',
      'BL-RES-001',
      'BL-RES-002',
      'BL-SHR-001',
      'BL-SHR-002',
      'BL-SHR-003',
      'BL-SHR-004',
      'BL-TF-001',
    ]);
  });

  it('lists the apply-readiness rules as their own category, ids BL-APL-*', () => {
    const category = RULE_METAS.filter((r) => r.category === 'apply-readiness').map((r) => r.id);
    expect(category.length).toBeGreaterThanOrEqual(10);
    expect(category.every((id) => id.startsWith('BL-APL-'))).toBe(true);
    expect(formatRules(RULE_METAS, 'text')).toContain('Category: apply-readiness');
  });

  it('has one rule per file and one test file per rule', () => {
    const rules = readdirSync(join(ROOT, 'policies', 'rules')).filter((f) => f.endsWith('.ts'));
    expect(rules.length).toBe(RULE_METAS.length);
    const untested = rules.filter((f) => !existsSync(join(__dirname, 'rules', f.replace(/\.ts$/, '.test.ts'))));
    expect(untested).toEqual([]);
  });

  it('is catalogued in docs/assurance.md exactly as `bluelamp rules --format markdown` prints it', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'assurance.md'), 'utf8');
    expect(RULE_METAS.map((r) => r.id).filter((id) => !docs.includes(`| ${id} |`))).toEqual([]);
    const catalogue = /<!-- rules:begin -->\n([\s\S]*)<!-- rules:end -->/.exec(docs)?.[1];
    expect(catalogue).toBe(formatRules([...RULE_METAS, ...WAIVER_RULES], 'markdown'));
  });
});
