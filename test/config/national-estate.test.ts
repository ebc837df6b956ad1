import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { NATIONAL_ESTATE } from '../../scripts/national-estate';
import { profileToTemplate, syntheticProfiles, writeEstate } from '../../scripts/generate-estate';
import { VPN_GATEWAY_SKUS } from '../../util/azure-limits';
import { cidrBlock } from '../../util/cidr';
import { removeDir } from '../helpers/estate';

const ROOT = join(__dirname, '..', '..');

describe('the bundled national estate', () => {
  const estate = loadEstate(ROOT);

  it('holds the 43 territorial forces of England and Wales', () => {
    expect(estate.forces).toHaveLength(43);
    const names = estate.forces.map((f) => f.config.name);
    for (const name of [
      'Avon and Somerset Police',
      'Metropolitan Police Service',
      'Wiltshire Police',
      'Dyfed-Powys Police',
      'Gwent Police',
      'North Wales Police',
      'South Wales Police',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('makes varied choices: the Met is large and shares evidence through Box, small forces choose less', () => {
    const met = estate.forces.find((f) => f.config.id === 'metropolitan')!.config;
    const cumbria = estate.forces.find((f) => f.config.id === 'cumbria')!.config;
    expect(met.services.box.enabled).toBe(true);
    expect(met.network.connectivity.sites.length).toBeGreaterThan(5);
    expect(Number(met.network.addressSpace.split('/')[1])).toBeLessThan(
      Number(cumbria.network.addressSpace.split('/')[1]),
    );
    expect(cumbria.services.box.enabled).toBe(false);
    expect(cumbria.services.evidenceStore.enabled).toBe(false);
    expect(new Set(estate.forces.map((f) => f.config.region))).toEqual(new Set(['uksouth', 'ukwest']));
  });

  it('uses only obvious placeholder identifiers', () => {
    const placeholder = /^00000000-0000-4000-8000-[0-9a-f]{12}$/;
    for (const { config } of estate.forces) {
      const ids = [
        config.tenantId,
        config.subscriptionId,
        ...config.identity.readers,
        ...config.identity.operators,
        ...config.identity.admins,
      ];
      for (const id of ids)
        expect(`${config.id} ${id}`).toMatch(new RegExp(`^${config.id} ${placeholder.source.slice(1)}`));
    }
  });

  it('is exactly what the generator writes, so the sample data can be regenerated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-gen-'));
    try {
      copyFileSync(join(ROOT, 'platform.yaml'), join(dir, 'platform.yaml'));
      writeEstate(dir, NATIONAL_ESTATE);
      // forces/index.json is not sample data but made from it (test/config/force-index.test.ts).
      for (const file of readdirSync(join(ROOT, 'forces')).filter((f) => f.endsWith('.yaml'))) {
        expect(readFileSync(join(dir, 'forces', file), 'utf8')).toBe(readFileSync(join(ROOT, 'forces', file), 'utf8'));
      }
    } finally {
      removeDir(dir);
    }
  });
});

describe('the synthetic estate of 1,000 forces (benchmarks)', () => {
  const templates = syntheticProfiles(1000).map((p, i) => profileToTemplate(p, i, '10.64.0.0/22'));
  const sites = templates.flatMap((t) => t.connectivity?.sites ?? []);
  const inside = (range: string, pool: string) => {
    const [r, p] = [cidrBlock(range)!, cidrBlock(pool)!];
    return r.network >= p.network && r.network + r.size <= p.network + p.size;
  };

  it('gives every site its own private range: 172.16.0.0/12 for the first 256 forces, then 100.64.0.0/10', () => {
    const ranges = sites.flatMap((s) => s.addressSpaces);
    expect(new Set(ranges).size).toBe(ranges.length);
    expect(ranges.filter((r) => !inside(r, '172.16.0.0/12') && !inside(r, '100.64.0.0/10'))).toEqual([]);
    expect(templates[255].connectivity?.sites[0]?.addressSpaces).toEqual(['172.31.240.0/24']);
    expect(templates[256].connectivity?.sites[0]?.addressSpaces).toEqual(['100.64.0.0/24']);
  });

  it('keeps the VPN sites within the tunnels of the largest hub VPN gateway', () => {
    const vpnSites = templates.filter((t) => t.connectivity?.type === 'vpn').flatMap((t) => t.connectivity!.sites);
    expect(vpnSites.length).toBeGreaterThan(0);
    expect(vpnSites.length).toBeLessThanOrEqual(VPN_GATEWAY_SKUS[VPN_GATEWAY_SKUS.length - 1].tunnels);
  });
});
