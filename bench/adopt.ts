/**
 * Adoption at the inventory size `bluelamp adopt` accepts (100,000 rows): a benchmark, not a test.
 * One force of the bundled estate is synthesised once; an inventory of its subscription is
 * generated (every resource it would create exists, inside 100,000 rows of other resources,
 * VNets with subnets among them). Each run is its own process (start-up included):
 * - match: read and check the inventory, then match it against the force's planned resources;
 * - adopt: the whole `bluelamp adopt` command (it synthesises the force first, and writes the file).
 * Figures: median wall time of `--runs` runs (default 5) and the largest peak RSS of any run.
 *
 *   node dist/bench/adopt.js [--runs N] [--rows N]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readInventory, MAX_INVENTORY_ROWS } from '../adopt/inventory';
import { matchInventory } from '../adopt/match';
import { plannedResources, type PlannedResource } from '../adopt/planned';
import { cliScript, packageRoot } from '../util/package-root';

const ROOT = packageRoot();
const CLI = cliScript(ROOT) ?? join(ROOT, 'dist', 'cli', 'main.js');
const SELF = join(ROOT, 'dist', 'bench', 'adopt.js');
/** "A few seconds" (issue 13), for 100,000 rows read and matched. */
const TARGET_SECONDS = 5;

export interface AdoptFigure {
  readonly seconds: number;
  /** Median CPU seconds of the reading and matching itself, when the process reports it. */
  readonly cpuSeconds?: number;
  readonly peakMb: number;
  readonly runs: number;
  readonly ok: boolean;
}

/** The median of a non-empty list. Pure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ARM_SEGMENT: Readonly<Record<string, string>> = {
  'microsoft.resources/subscriptions/resourcegroups': '',
  'microsoft.network/virtualnetworks': 'Microsoft.Network/virtualNetworks',
  'microsoft.network/networksecuritygroups': 'Microsoft.Network/networkSecurityGroups',
  'microsoft.network/routetables': 'Microsoft.Network/routeTables',
  'microsoft.network/networkwatchers': 'Microsoft.Network/networkWatchers',
  'microsoft.network/virtualnetworkgateways': 'Microsoft.Network/virtualNetworkGateways',
  'microsoft.network/privateendpoints': 'Microsoft.Network/privateEndpoints',
  'microsoft.operationalinsights/workspaces': 'Microsoft.OperationalInsights/workspaces',
  'microsoft.keyvault/vaults': 'Microsoft.KeyVault/vaults',
  'microsoft.storage/storageaccounts': 'Microsoft.Storage/storageAccounts',
  'microsoft.managedidentity/userassignedidentities': 'Microsoft.ManagedIdentity/userAssignedIdentities',
  'microsoft.insights/datacollectionendpoints': 'Microsoft.Insights/dataCollectionEndpoints',
  'microsoft.insights/datacollectionrules': 'Microsoft.Insights/dataCollectionRules',
  'microsoft.compute/virtualmachines': 'Microsoft.Compute/virtualMachines',
  'microsoft.compute/disks': 'Microsoft.Compute/disks',
  'microsoft.network/networkinterfaces': 'Microsoft.Network/networkInterfaces',
};

/**
 * A Resource Graph export of `rows` rows for `subscriptionId`: a row for every planned resource
 * (subnets inside their VNet's row, as Resource Graph lists them), then machines, disks, NICs,
 * storage and VNets with subnets of the force's own, in 50 resource groups. Pure.
 */
export function generateInventory(
  planned: readonly PlannedResource[],
  subscriptionId: string,
  tenantId: string,
  rows: number,
): Record<string, unknown>[] {
  const base = `/subscriptions/${subscriptionId}/resourceGroups`;
  const row = (type: string, name: string, rg: string, properties: Record<string, unknown> = {}) => ({
    id: type.endsWith('resourcegroups') ? `${base}/${rg}` : `${base}/${rg}/providers/${ARM_SEGMENT[type]}/${name}`,
    name,
    type,
    tenantId,
    kind: '',
    location: 'uksouth',
    resourceGroup: rg,
    subscriptionId,
    sku: null,
    properties,
    tags: {},
  });
  const out: Record<string, unknown>[] = [];
  const subnets = planned.filter((p) => p.tfType === 'azurerm_subnet');
  for (const p of planned) {
    if (p.tfType === 'azurerm_subnet') continue;
    if (p.tfType === 'azurerm_resource_group') {
      out.push(row(p.armType, p.name, p.name));
      continue;
    }
    const properties: Record<string, unknown> = {};
    if (p.tfType === 'azurerm_virtual_network') {
      const vnetId = `${base}/${p.resourceGroup}/providers/${ARM_SEGMENT[p.armType]}/${p.name}`;
      properties.addressSpace = { addressPrefixes: p.addressSpace ?? [] };
      properties.subnets = subnets
        .filter((s) => s.name.startsWith(`${p.name}/`))
        .map((s) => {
          const name = s.name.slice(p.name.length + 1);
          return { id: `${vnetId}/subnets/${name}`, name, properties: { addressPrefixes: s.addressSpace ?? [] } };
        });
    }
    out.push(row(p.armType, p.name, p.resourceGroup, properties));
  }
  const filler = [
    'microsoft.compute/virtualmachines',
    'microsoft.compute/disks',
    'microsoft.network/networkinterfaces',
    'microsoft.storage/storageaccounts',
    'microsoft.network/virtualnetworks',
  ];
  for (let i = 0; out.length < rows; i++) {
    const type = filler[i % filler.length];
    const rg = `rg-workload-${i % 50}`;
    const properties: Record<string, unknown> =
      type === 'microsoft.network/virtualnetworks'
        ? {
            addressSpace: { addressPrefixes: [`172.${16 + (i % 16)}.${i % 256}.0/24`] },
            subnets: [
              {
                id: `${base}/${rg}/providers/Microsoft.Network/virtualNetworks/vnet-${i}/subnets/default`,
                name: 'default',
                properties: { addressPrefix: `172.${16 + (i % 16)}.${i % 256}.0/26` },
              },
            ],
          }
        : { provisioningState: 'Succeeded' };
    out.push(row(type, `${type.split('/')[1]}-${i}`, rg, properties));
  }
  return out.slice(0, rows);
}

/** The worker: one run of read + match, reported as one JSON line. */
function worker(inventory: string, plannedFile: string, subscriptionId: string): void {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const planned = JSON.parse(readFileSync(plannedFile, 'utf8')) as PlannedResource[];
  const rows = readInventory(inventory, 'inventory.json', subscriptionId);
  const result = matchInventory(planned, rows, { otherRanges: [], allowedRegions: ['uksouth', 'ukwest'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
      cpuSeconds: (used.user + used.system) / 1e6,
      rows: rows.length,
      matched: result.matched.length,
      planned: planned.length,
    })}\n`,
  );
}

const GNU_TIME = '/usr/bin/time';

/** One process per run, start-up included; peak RSS from GNU time (as bench.ts), when present. */
function measure(runs: number, command: readonly string[], cwd: string): AdoptFigure & { last?: string } {
  const times: number[] = [];
  const peaks: number[] = [];
  const cpus: number[] = [];
  let ok = true;
  let last: string | undefined;
  const args = ['node', '--max-old-space-size=8192', ...command];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = existsSync(GNU_TIME)
      ? spawnSync(GNU_TIME, ['-f', 'BENCH_MAXRSS_KB=%M', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(args[0], args.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    ok &&= result.status === 0;
    const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(result.stderr ?? '');
    if (rss) peaks.push(Number(rss[1]) / 1024);
    const cpu = /"cpuSeconds":([0-9.]+)/.exec(result.stdout ?? '');
    if (cpu) cpus.push(Number(cpu[1]));
    last =
      result.status === 0
        ? result.stdout.trim().split('\n').pop()
        : result.stderr.trim().split('\n').slice(-3).join(' | ');
  }
  return {
    seconds: median(times),
    ...(cpus.length ? { cpuSeconds: median(cpus) } : {}),
    peakMb: peaks.length ? Math.max(...peaks) : NaN,
    runs,
    ok,
    last,
  };
}

/** The figures as bench.ts prints its own: a table, then a verdict against the target. Pure. */
export function adoptReport(rows: number, match: AdoptFigure, adopt: AdoptFigure): string {
  const fmt = (f: AdoptFigure) =>
    `${f.seconds.toFixed(2)}s${Number.isNaN(f.peakMb) ? '' : ` ${f.peakMb.toFixed(0)}MB`}${f.ok ? '' : ' FAILED'}`;
  return [
    '| inventory rows | read + match | bluelamp adopt (synth one force, match, write) |',
    '|---:|---:|---:|',
    `| ${rows} | ${fmt(match)} | ${fmt(adopt)} |`,
    '',
    `${match.ok && match.seconds <= TARGET_SECONDS ? 'PASS' : 'FAIL'} adopt: ${rows} inventory rows read and matched: median ${match.seconds.toFixed(2)}s of ${match.runs} runs${match.cpuSeconds === undefined ? '' : ` (${match.cpuSeconds.toFixed(2)}s of CPU reading and matching)`}, peak ${Number.isNaN(match.peakMb) ? '?' : match.peakMb.toFixed(0)}MB (target <= ${TARGET_SECONDS} s)`,
  ].join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string' }, rows: { type: 'string' }, worker: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.worker) return worker(positionals[0], positionals[1], positionals[2]);
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  const runs = Math.max(1, Number(values.runs ?? 5));
  const rowCount = Math.min(MAX_INVENTORY_ROWS, Math.max(1, Number(values.rows ?? MAX_INVENTORY_ROWS)));
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-bench-adopt-'));
  try {
    // The bundled estate's config only: adopt writes forces/<id>.adopt.yaml into it.
    const estate = join(scratch, 'estate');
    cpSync(join(ROOT, 'forces'), join(estate, 'forces'), { recursive: true });
    cpSync(join(ROOT, 'platform.yaml'), join(estate, 'platform.yaml'));
    const force = readFileSync(join(ROOT, 'forces', 'essex.yaml'), 'utf8');
    const sub = /^subscriptionId: (\S+)/m.exec(force)?.[1] ?? '';
    const tenant = /^tenantId: (\S+)/m.exec(force)?.[1] ?? '';
    process.stderr.write(`bench adopt: synthesising essex, generating ${rowCount} rows, ${runs} runs each\n`);
    const synth = spawnSync('node', [CLI, 'synth', '--force', 'essex', '--dir', estate, '--quiet'], {
      encoding: 'utf8',
    });
    if (synth.status !== 0) throw new Error(`synth failed: ${synth.stderr}`);
    const json: unknown = JSON.parse(readFileSync(join(estate, 'cdktf.out', 'stacks', 'essex', 'cdk.tf.json'), 'utf8'));
    const planned = plannedResources(json);
    const plannedFile = join(scratch, 'planned.json');
    const inventory = join(scratch, 'inventory.json');
    writeFileSync(plannedFile, JSON.stringify(planned));
    writeFileSync(inventory, JSON.stringify(generateInventory(planned, sub, tenant, rowCount), null, 1));
    rmSync(join(estate, 'cdktf.out'), { recursive: true, force: true });

    const match = measure(runs, [SELF, '--worker', inventory, plannedFile, sub], scratch);
    const adopt = measure(runs, [CLI, 'adopt', 'essex', '--inventory', inventory, '--dir', estate, '--quiet'], scratch);
    process.stdout.write(`${adoptReport(rowCount, match, adopt)}\n`);
    process.stderr.write(`bench adopt: last match run ${JSON.stringify(match.last)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) main();
