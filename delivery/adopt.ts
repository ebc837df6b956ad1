/**
 * `bluelamp adopt <force> --inventory FILE`: what the force's landing zone would create, matched
 * against what its subscription already holds (adopt/), written as forces/<id>.adopt.yaml for a
 * pull request, with a report of what was found and not matched. Writes nothing on any error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { AdoptionSchema } from '../config/adoption-schema';
import { FORCES_DIR, loadEstate } from '../config/estate';
import { describeRow, InventoryError, readInventory } from '../adopt/inventory';
import { matchInventory, type AdoptionResult } from '../adopt/match';
import { plannedResources } from '../adopt/planned';
import { showValue, type SettingDifference } from '../adopt/existing';
import { writeFileAtomic } from '../util/atomic';
import { hasGeneratedCodeowners, writeCodeowners } from './codeowners';

export interface AdoptOptions {
  readonly dir: string;
  readonly forceId: string;
  /** Inventory files (Resource Graph exports), read in order. */
  readonly inventories: readonly { readonly path: string; readonly display: string }[];
  readonly onProgress?: (line: string) => void;
}

export interface AdoptOutcome {
  readonly file: string;
  readonly result: AdoptionResult;
  readonly rows: number;
  /** True when CODEOWNERS was regenerated to give the adoption file its owners. */
  readonly codeownersUpdated: boolean;
}

export async function adoptForce(options: AdoptOptions): Promise<AdoptOutcome> {
  const estate = loadEstate(options.dir, { forceIds: [options.forceId] });
  const force = estate.forces.find((f) => f.config.id === options.forceId)!.config;
  const rowsByFile = new Map(
    options.inventories.map((inv) => [
      inv.display,
      new Set(readInventory(inv.path, inv.display, force.subscriptionId)),
    ]),
  );
  const rows = [...rowsByFile.values()].flatMap((set) => [...set]);

  options.onProgress?.(`adopt: synthesising ${force.id} to see what it would create`);
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-adopt-'));
  let planned;
  try {
    // Planned without any existing adoption: imports do not change what would be created.
    const { synthesizeEstate } = await import('../stacks/synthesize');
    await synthesizeEstate({ ...estate, adoptions: undefined }, { outdir: scratch, forceIds: [force.id] });
    planned = plannedResources(JSON.parse(readFileSync(join(scratch, 'stacks', force.id, 'cdk.tf.json'), 'utf8')));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const p = estate.platform.config;
  const otherRanges = [
    { owner: 'the national hub', cidr: p.hub.addressSpace },
    ...estate.forces
      .filter((f) => f.config.id !== force.id)
      .map((f) => ({ owner: `force ${f.config.id}`, cidr: f.config.network.addressSpace })),
  ];
  const result = matchInventory(planned, rows, { otherRanges, allowedRegions: p.regions.allowed });

  const file = `${FORCES_DIR}/${force.id}.adopt.yaml`;
  const text = renderAdoptionFile(force.id, force.subscriptionId, result);
  // What is written must load: a value the export holds that the schema refuses is the export's fault, named by its row.
  const check = AdoptionSchema.safeParse(parse(text));
  if (!check.success)
    throw new InventoryError(
      check.error.issues.slice(0, 50).map((issue) => {
        const match = typeof issue.path[1] === 'number' ? result.matched[issue.path[1]] : undefined;
        const inv = match && options.inventories.find((i) => rowsByFile.get(i.display)?.has(match.row));
        return {
          file: inv?.display ?? options.inventories[0].display,
          line: match?.row.line,
          field: issue.path.slice(2).join('.') || '(row)',
          message: `${issue.message}; ${file} would not load, so nothing was written`,
        };
      }),
    );
  writeFileAtomic(join(options.dir, file), text);
  // The adoption file is owned by the force's team and the NMC together.
  const codeownersUpdated = hasGeneratedCodeowners(options.dir) && writeCodeowners(options.dir);
  return { file, result, rows: rows.length, codeownersUpdated };
}

export function renderAdoptionFile(forceId: string, subscriptionId: string, result: AdoptionResult): string {
  const body = stringify(
    {
      force: forceId,
      subscriptionId,
      imports: result.matched.map((m) => ({
        address: m.planned.address,
        id: m.id,
        existing: m.existing,
        ...(m.differences.length > 0 ? { note: describeDifferences(m.differences).slice(0, 300) } : {}),
      })),
    },
    { lineWidth: 0 },
  );
  return [
    '# yaml-language-server: $schema=../config/json-schema/adoption.schema.json',
    `# Existing Azure resources the ${forceId} landing zone takes over instead of creating (bluelamp adopt).`,
    '# Reviewed like the force file: each entry becomes a Terraform import block. Nothing is ever deleted.',
    body,
  ].join('\n');
}

/** `location: exists as ukwest, planned uksouth (replaces it)`; one per difference, `; ` between. */
export function describeDifferences(differences: readonly SettingDifference[]): string {
  return differences
    .map(
      (d) =>
        `${d.argument}: exists as ${showValue(d.existing)}, planned ${showValue(d.planned)} (${d.effect === 'replace' ? 'replaces it' : 'changes it in place'})`,
    )
    .join('; ');
}

/** The report a force's platform team and the NMC read before opening the pull request. */
export function formatAdoptionReport(forceId: string, outcome: AdoptOutcome): string {
  const { result } = outcome;
  const lines: string[] = [
    `adopt ${forceId}: ${outcome.rows} inventory rows; ${result.matched.length} to import, ${result.toCreate.length} to create, ${result.duplicates.length} likely duplicates, ${result.unmanaged.length} left alone, ${result.conflicts.length} conflicts`,
    `wrote ${outcome.file}${outcome.codeownersUpdated ? ' and updated CODEOWNERS' : ''}`,
  ];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  section(
    'Conflicts with the estate: resolve before the first plan',
    result.conflicts.map((c) => `${describeRow(c.row)} (${c.row.id}) ${c.message}`),
  );
  section(
    'Imported, but the plan would change or replace it',
    result.matched
      .filter((m) => m.differences.length > 0)
      .map((m) => `${m.planned.address}: ${describeDifferences(m.differences)}`),
  );
  section(
    'Likely duplicates: Blue Lamp would create these beside something that exists under another name',
    result.duplicates.map(
      (d) => `${d.planned.address} (${d.planned.name}) beside ${d.existing.map((r) => r.name).join(', ')}`,
    ),
  );
  section(
    'Imported',
    result.matched.map((m) => `${m.planned.address} <- ${m.id}`),
  );
  section(
    'Not managed by Blue Lamp: left alone, never deleted',
    result.unmanaged.map((r) => `${describeRow(r)} (${r.resourceGroup || 'subscription'})`),
  );
  return lines.join('\n');
}
