import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { NATIONAL_ESTATE } from '../../scripts/national-estate';
import { writeEstate } from '../../scripts/generate-estate';
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
      for (const file of readdirSync(join(ROOT, 'forces'))) {
        expect(readFileSync(join(dir, 'forces', file), 'utf8')).toBe(readFileSync(join(ROOT, 'forces', file), 'utf8'));
      }
    } finally {
      removeDir(dir);
    }
  });
});
