import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptReport, generateInventory, median } from '../../bench/adopt';
import { readInventory } from '../../adopt/inventory';
import { matchInventory } from '../../adopt/match';
import type { PlannedResource } from '../../adopt/planned';

const SUB = '00000000-0000-4000-8000-00000000a002';
const planned = (p: Partial<PlannedResource> & Pick<PlannedResource, 'address' | 'tfType' | 'armType' | 'name'>) =>
  ({
    resourceGroup: 'rg-alpha-network-uks',
    location: 'uksouth',
    settings: {},
    referenced: [],
    ...p,
  }) as PlannedResource;
const PLANNED = [
  planned({
    address: 'azurerm_resource_group.Rg',
    tfType: 'azurerm_resource_group',
    armType: 'microsoft.resources/subscriptions/resourcegroups',
    name: 'rg-alpha-network-uks',
    resourceGroup: '',
  }),
  planned({
    address: 'azurerm_virtual_network.Vnet',
    tfType: 'azurerm_virtual_network',
    armType: 'microsoft.network/virtualnetworks',
    name: 'vnet-alpha-uks',
    addressSpace: ['10.64.0.0/21'],
  }),
  planned({
    address: 'azurerm_subnet.Workloads',
    tfType: 'azurerm_subnet',
    armType: 'microsoft.network/virtualnetworks/subnets',
    name: 'vnet-alpha-uks/snet-workloads',
    addressSpace: ['10.64.1.0/24'],
  }),
];

describe('bench/adopt', () => {
  it('generates an export of exactly the rows asked for, in which every planned resource is found', () => {
    const rows = generateInventory(PLANNED, SUB, '00000000-0000-4000-8000-00000000a001', 500);
    expect(rows).toHaveLength(500);
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-bench-adopt-test-'));
    try {
      const file = join(dir, 'inventory.json');
      writeFileSync(file, JSON.stringify(rows));
      const result = matchInventory(PLANNED, readInventory(file, 'inventory.json', SUB), {
        otherRanges: [],
        allowedRegions: ['uksouth'],
      });
      expect(result.matched.map((m) => m.planned.address)).toEqual(PLANNED.map((p) => p.address));
      expect(result.conflicts).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the table and a verdict against the target, as bench.ts does', () => {
    expect(median([3, 1, 2])).toBe(2);
    const text = adoptReport(
      100000,
      { seconds: 1.5, peakMb: 420.4, runs: 5, ok: true },
      { seconds: 9, peakMb: 600, runs: 5, ok: true },
    );
    expect(text.split('\n')).toEqual([
      '| inventory rows | read + match | bluelamp adopt (synth one force, match, write) |',
      '|---:|---:|---:|',
      '| 100000 | 1.50s 420MB | 9.00s 600MB |',
      '',
      'PASS adopt: 100000 inventory rows read and matched: median 1.50s of 5 runs, peak 420MB (target <= 5 s)',
    ]);
    expect(
      adoptReport(100000, { seconds: 6, peakMb: 1, runs: 5, ok: true }, { seconds: 9, peakMb: 1, runs: 5, ok: true }),
    ).toContain('FAIL adopt');
  });
});
