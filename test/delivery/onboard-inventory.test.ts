import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../cli/main';
import { ForceSchema } from '../../config/schema';
import { FIXTURES, removeDir, tempEstate } from '../helpers/estate';
import { captureIo } from './git-repo';

const GAMMA = join(FIXTURES, 'inventories', 'gamma-onboard.json');
const SUB = '00000000-0000-4000-8000-00000000d002';

/** A small Resource Graph export written for one test. */
const vnetRow = (prefixes: string[], subscription = SUB) => ({
  id: `/subscriptions/${subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-core`,
  name: 'vnet-core',
  type: 'microsoft.network/virtualnetworks',
  location: 'uksouth',
  resourceGroup: 'rg-net',
  subscriptionId: subscription,
  properties: { addressSpace: { addressPrefixes: prefixes } },
});

describe('bluelamp onboard --from-inventory', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  const run = async (...args: string[]) => {
    const { io, sink } = captureIo(dir);
    const code = await main(args, sink);
    return { code, ...io };
  };
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };

  it('proposes tenant, subscription, region, address space, VPN sites and services, each marked as a guess, and validates', async () => {
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', GAMMA);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote forces/gamma.yaml (address space 10.72.0.0/20)');
    const text = readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8');
    const force = ForceSchema.parse(parse(text));
    expect(force.tenantId).toBe('00000000-0000-4000-8000-00000000c001');
    expect(force.subscriptionId).toBe('00000000-0000-4000-8000-00000000c002');
    // 9 of the 11 rows are in ukwest (a VM is in uksouth; the Sentinel connector has no location).
    expect(force.region).toBe('ukwest');
    expect(force.network.addressSpace).toBe('10.72.0.0/20');
    expect(force.network.connectivity).toEqual({
      type: 'vpn',
      sites: [
        { name: 'gamma-hq', addressSpaces: ['172.20.0.0/16'], gatewayAddress: '203.0.113.10' },
        { name: 'custody-north', addressSpaces: ['172.21.0.0/24'], gatewayAddress: '203.0.113.20' },
      ],
    });
    expect(force.services.office365.enabled).toBe(true);
    expect(force.services.evidenceStore.enabled).toBe(true);
    // Every value taken from the inventory carries the mark on its own line.
    const marked = text
      .split('\n')
      .filter((l) => l.includes('# GUESS from the inventory, confirm:'))
      .map((l) => l.trim().split(':')[0]);
    expect(marked).toEqual([
      'tenantId',
      'subscriptionId',
      'region',
      'addressSpace',
      'connectivity',
      'gatewayAddress',
      'gatewayAddress',
      'enabled',
      'enabled',
    ]);
    expect(text).toContain('region: ukwest   # GUESS from the inventory, confirm: 9 of 11 resources are in ukwest');
    expect(await run('validate')).toMatchObject({ code: 0 });
  });

  it('takes a region given on the command line as chosen, not guessed', async () => {
    await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--region', 'uksouth', '--from-inventory', GAMMA);
    expect(readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8')).toMatch(/^region: uksouth$/m);
  });

  it("gives the next free range when the subscription's network overlaps another force, and says why", async () => {
    // alpha holds 10.64.0.0/21: the existing 10.64.0.0/16 cannot be gamma's.
    const file = write('overlap.json', [vnetRow(['10.64.0.0/16'])]);
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'note: vnet-core has 10.64.0.0/16, which overlaps force alpha (10.64.0.0/21): the NMC allocated the next free range',
    );
    expect(readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8')).toMatch(
      /addressSpace: 10\.64\.16\.0\/21 {3}# allocated from the national pool/,
    );
    expect(await run('validate')).toMatchObject({ code: 0 });
  });

  it('refuses an inventory of the subscription another force has, naming the field, and writes nothing', async () => {
    const file = write('alpha-sub.json', [vnetRow(['10.72.0.0/20'], '00000000-0000-4000-8000-00000000a002')]);
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/forces\/gamma\.yaml:\d+:\d+ subscriptionId: .*forces\/alpha\.yaml/);
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml']);
  });

  /** The gamma export with some rows renamed (names are free text in a hand-made or tampered export). */
  const renamed = (names: Record<string, string>) => {
    const rows = JSON.parse(readFileSync(GAMMA, 'utf8')) as { name: string }[];
    for (const row of rows) row.name = names[row.name] ?? row.name;
    return write('renamed.json', rows);
  };

  it("writes a local network gateway's name into its comment as it is, even with $' or $& in it", async () => {
    // String.replace reads $' (the text after the match) and $& in a replacement string: the file
    // once gained a second copy of everything after the site, and onboard failed on duplicate keys.
    const file = renamed({ 'lgw-Gamma-HQ': "lgw-Gamma-HQ$'", 'lgw-custody-north': 'lgw-custody$&-north' });
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8');
    expect(text).toContain(
      "gatewayAddress: 203.0.113.10   # GUESS from the inventory, confirm: local network gateway lgw-Gamma-HQ$'\n",
    );
    expect(text).toContain(
      'gatewayAddress: 203.0.113.20   # GUESS from the inventory, confirm: local network gateway lgw-custody$&-north\n',
    );
    expect(text.match(/^identity:/gm)).toHaveLength(1);
  });

  it('writes no invisible or bidirectional characters from inventory names into the comments it adds', async () => {
    // A right-to-left override or an isolate in a comment reorders what the reviewer sees on that line.
    const file = renamed({ 'vgw-gamma': 'vgw\u202egamma', stgammaevidence: 'st\u2066gamma\u200bevidence' });
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8');
    expect(text).not.toMatch(/[\u200b\u202e\u2066]/);
    expect(text).toContain('# GUESS from the inventory, confirm: VPN gateway vgw gamma; sites from');
    expect(text).toContain('# GUESS from the inventory, confirm: st gamma evidence keeps immutable (WORM) data');
  });

  it('prints the names in its notes without the control characters that would rewrite the terminal', async () => {
    // An escape sequence that clears the line, or a carriage return, hides what the note says from the engineer.
    const gateway = {
      ...vnetRow(['10.72.0.0/20']),
      id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vgw`,
      name: 'vgw\u001b[2K\rall fine',
      type: 'microsoft.network/virtualnetworkgateways',
      properties: { gatewayType: 'Vpn' },
    };
    const result = await run(
      'onboard',
      'gamma',
      '--name',
      'Gamma Constabulary',
      '--from-inventory',
      write('gw.json', [gateway]),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: VPN gateway vgw');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\r');
  });

  it('gives local network gateways whose names make the same site name (lgw-01, lgw-02, LGW-HQ, lgw-hq) distinct sites', async () => {
    // Site names start with a letter and are unique: onboard once refused this ordinary export with
    // "site" twice, in a file it had not written.
    const lgw = (name: string, address: string, range: string) => ({
      ...vnetRow([]),
      id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/localNetworkGateways/${name}`,
      name,
      type: 'microsoft.network/localnetworkgateways',
      properties: { gatewayIpAddress: address, localNetworkAddressSpace: { addressPrefixes: [range] } },
    });
    const gateway = {
      ...vnetRow([]),
      id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vgw`,
      name: 'vgw',
      type: 'microsoft.network/virtualnetworkgateways',
      properties: { gatewayType: 'Vpn' },
    };
    const file = write('sites.json', [
      gateway,
      lgw('lgw-01', '203.0.113.1', '172.20.0.0/16'),
      lgw('lgw-02', '203.0.113.2', '172.21.0.0/16'),
      lgw('LGW-HQ', '203.0.113.3', '172.22.0.0/16'),
      lgw('lgw-hq', '203.0.113.4', '172.23.0.0/16'),
    ]);
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const force = ForceSchema.parse(parse(readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8')));
    expect(force.network.connectivity.sites.map((site) => site.name)).toEqual(['site-01', 'site-02', 'hq', 'hq-2']);
  });

  it.each([
    ['not JSON', 'not json at all', 'bad.json:1 (file): is not JSON'],
    ['the wrong shape', '{"rows": []}', 'must be a JSON array of rows'],
    [
      'two subscriptions',
      JSON.stringify([vnetRow(['10.72.0.0/20']), vnetRow(['10.73.0.0/20'], '00000000-0000-4000-8000-00000000e002')]),
      'bad.json subscriptionId: holds rows of 2 subscriptions',
    ],
  ])('refuses an inventory that is %s, writing nothing', async (_what, content, message) => {
    const file = write('bad.json', content);
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary', '--from-inventory', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'forces', 'gamma.yaml'))).toBe(false);
  });
});
