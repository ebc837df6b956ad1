import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryError, MAX_INVENTORY_ROWS, readInventory } from '../../adopt/inventory';
import { FIXTURES } from '../helpers/estate';

const SUB = '00000000-0000-4000-8000-00000000a002';
const inventory = (name: string) => join(FIXTURES, 'inventories', name);

/** The problems an inventory text is refused with, one line each. */
function refusal(text: string, subscriptionId: string | undefined = SUB): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-inventory-'));
  try {
    writeFileSync(join(dir, 'inv.json'), text);
    readInventory(join(dir, 'inv.json'), 'inv.json', subscriptionId);
    return [];
  } catch (err) {
    if (err instanceof InventoryError) return err.message.split('\n');
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const row = (extra: Record<string, unknown> = {}) => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Network/networkSecurityGroups/nsg-a`,
  name: 'nsg-a',
  type: 'microsoft.network/networksecuritygroups',
  resourceGroup: 'rg-a',
  subscriptionId: SUB,
  location: 'uksouth',
  properties: {},
  ...extra,
});

describe('reading a Resource Graph export', () => {
  it('reads ResourceContainers and Resources outputs concatenated in one file, subnets from their VNet', () => {
    const rows = readInventory(inventory('alpha-blue-lamp-names.json'), 'names.json', SUB);
    expect(rows.filter((r) => r.type === 'microsoft.resources/subscriptions/resourcegroups')).toHaveLength(6);
    expect(rows.filter((r) => r.type === 'microsoft.network/virtualnetworks/subnets').map((r) => r.name)).toEqual([
      'vnet-alpha-uks/snet-alpha-workloads',
      'vnet-alpha-uks/snet-alpha-private-endpoints',
      'vnet-alpha-uks/snet-alpha-management',
      'vnet-alpha-uks/snet-alpha-integration',
    ]);
    // The second array starts after the six groups; its first row is on the line the file has it.
    expect(rows.find((r) => r.name === 'vnet-alpha-uks')!.line).toBeGreaterThan(
      rows.find((r) => r.name === 'rg-alpha-workloads-uks')!.line,
    );
  });

  it('reads the {"count", "data"} object that newer az CLIs print', () => {
    const rows = readInventory(inventory('alpha-hand-built.json'), 'hand.json', SUB);
    expect(rows.some((r) => r.name === 'vm-alpha-rms01' && r.type === 'microsoft.compute/virtualmachines')).toBe(true);
  });

  it('refuses text that is not JSON, on one line, naming where it can', () => {
    expect(refusal('[\n  {"id": 1},\n  oops\n]')).toEqual([
      expect.stringMatching(/^inv\.json:1 \(file\): is not JSON \([^\n]+\)$/),
    ]);
    expect(refusal('[\n  {"id": 1}\n]\nnot json')).toEqual([
      'inv.json:4 (file): is not JSON (unexpected "n" outside an array)',
    ]);
  });

  it('refuses JSON of the wrong shape', () => {
    expect(refusal('{"value": []}')).toEqual([
      'inv.json:1 (file): must be a JSON array of rows, or an object with a "data" array (az graph query -o json)',
    ]);
  });

  it('names the row, its line and the field that is wrong', () => {
    const text = JSON.stringify([row(), row({ type: undefined }), row({ id: 'nsg-a' })], null, 2);
    expect(refusal(text)).toEqual([
      'inv.json:11 [1].type: must be the ARM type (for example microsoft.network/virtualnetworks)',
      // Row 1 lost its undefined `type` key in JSON.stringify, so it is a line shorter: row 2 starts on 19.
      'inv.json:19 [2].id: must be an Azure resource id (/subscriptions/...)',
    ]);
  });

  it("refuses another subscription's rows: they must never drive imports", () => {
    const other = '00000000-0000-4000-8000-00000000b002';
    expect(refusal(JSON.stringify([row({ subscriptionId: other })]))).toEqual([
      `inv.json:1 [0].subscriptionId: ${other} is not the force's subscription ${SUB}: export the force's own subscription`,
    ]);
  });

  it(`refuses more than ${MAX_INVENTORY_ROWS} rows, and an empty export`, () => {
    const many = `[${Array.from({ length: MAX_INVENTORY_ROWS + 1 }, () => '{}').join(',')}]`;
    expect(refusal(many)).toEqual([
      `inv.json (file): holds more than ${MAX_INVENTORY_ROWS} rows; export one subscription at a time`,
    ]);
    expect(refusal('[]')).toEqual(['inv.json (file): holds no rows']);
  });

  it(`reads ${MAX_INVENTORY_ROWS} rows, the most it takes`, () => {
    const text = `[${Array<string>(MAX_INVENTORY_ROWS).fill(JSON.stringify(row())).join(',')}]`;
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-inventory-'));
    try {
      writeFileSync(join(dir, 'big.json'), text);
      expect(readInventory(join(dir, 'big.json'), 'big.json', SUB)).toHaveLength(MAX_INVENTORY_ROWS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
