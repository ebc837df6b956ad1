import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { loadEstate, type Estate } from '../../config/estate';
import { entryKey, PARSE_CACHE_FILE, ParseCache, validationCodeSha256 } from '../../config/parse-cache';
import { configProblems, removeDir, tempEstate } from '../helpers/estate';

/** What a load gives that later steps read: every config, its fingerprint and every source position. */
function loaded(estate: Estate) {
  return [estate.platform, ...estate.forces].map((f) => ({
    file: f.file,
    config: f.config,
    sha256: f.sha256,
    positions: f.locator.allScalarPositions(),
    located: f.locator.locate(['network', 'addressSpace']),
  }));
}

/** A cache file with a valid checksum around `body`: what a foreign or older writer could leave. */
function writeCacheFile(dir: string, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  writeFileSync(join(dir, PARSE_CACHE_FILE), Buffer.concat([createHash('sha256').update(payload).digest(), payload]), {
    mode: 0o600,
  });
}

describe('the parse cache of validated config files', () => {
  let estate: string;
  let cacheDir: string;
  beforeEach(() => {
    estate = tempEstate();
    cacheDir = mkdtempSync(join(tmpdir(), 'bluelamp-parse-cache-'));
    chmodSync(cacheDir, 0o700);
  });
  afterEach(() => {
    removeDir(estate);
    removeDir(cacheDir);
  });

  it('loads exactly what a full validation gives: configs, fingerprints and source positions', () => {
    const cold = loaded(loadEstate(estate, { cache: false }));
    const first = ParseCache.open(cacheDir);
    expect(loaded(loadEstate(estate, { cache: first }))).toStrictEqual(cold);
    const second = ParseCache.open(cacheDir);
    expect(second.refused).toBeUndefined();
    expect(loaded(loadEstate(estate, { cache: second }))).toStrictEqual(cold);
    expect(second.hits).toBe(3); // platform.yaml and both forces, none of them parsed
    expect(first.hits).toBe(0);
  });

  it('validates a changed file in full: a cached earlier version is never used for it', () => {
    loadEstate(estate, { cache: ParseCache.open(cacheDir) });
    const file = join(estate, 'forces', 'bravo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2'));
    const cache = ParseCache.open(cacheDir);
    const warm = loadEstate(estate, { cache });
    expect(cache.hits).toBe(2); // platform.yaml and alpha
    expect(warm.forces.find((f) => f.config.id === 'bravo')?.config.costCentre).toBe('BRAVO-ICT-2');
  });

  it('reports an invalid file exactly as a cold run, whatever the cache holds', () => {
    loadEstate(estate, { cache: ParseCache.open(cacheDir) });
    const file = join(estate, 'forces', 'bravo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('costCentre: BRAVO-ICT', 'costCentre: "${file(\\"x\\")}"'));
    const cold = configProblems(estate, { cache: false });
    expect(cold).toEqual([expect.stringMatching(/^forces\/bravo\.yaml:\d+:\d+ costCentre: contains "\$\{"/)]);
    expect(configProblems(estate, { cache: ParseCache.open(cacheDir) })).toEqual(cold);
    // And again, now that the run above saved its cache: invalid files are never kept.
    expect(configProblems(estate, { cache: ParseCache.open(cacheDir) })).toEqual(cold);
  });

  it('detects a corrupt cache file, ignores it and writes a good one', () => {
    loadEstate(estate, { cache: ParseCache.open(cacheDir) });
    const file = join(cacheDir, PARSE_CACHE_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    const corrupt = ParseCache.open(cacheDir);
    expect(corrupt.refused).toMatch(/is corrupt$/);
    expect(loaded(loadEstate(estate, { cache: corrupt }))).toStrictEqual(loaded(loadEstate(estate, { cache: false })));
    expect(ParseCache.open(cacheDir).refused).toBeUndefined();
  });

  it('refuses a well-formed cache written by other validation code, even one that would change a value', () => {
    const cold = loaded(loadEstate(estate, { cache: false }));
    loadEstate(estate, { cache: ParseCache.open(cacheDir) });
    const entries = new Map<string, unknown>();
    for (const force of loadEstate(estate, { cache: false }).forces)
      entries.set(entryKey('force', readFileSync(join(estate, force.file), 'utf8')), {
        ...force.config,
        costCentre: 'FORGED',
      });
    writeCacheFile(cacheDir, { fingerprint: 'another version', entries: [...entries] });
    const foreign = ParseCache.open(cacheDir);
    expect(foreign.refused).toMatch(/written by other validation code$/);
    expect(loaded(loadEstate(estate, { cache: foreign }))).toStrictEqual(cold);
  });

  it('loads as a full validation does when the cache folder is a file and nothing can be written there', () => {
    const cold = loaded(loadEstate(estate, { cache: false }));
    const notAFolder = join(cacheDir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    expect(loaded(loadEstate(estate, { cache: ParseCache.open(notAFolder) }))).toStrictEqual(cold);
  });

  it('never reads a cache inside the estate being loaded: a change could commit one there', () => {
    const file = join(estate, 'forces', 'bravo.yaml');
    const good = loadEstate(estate, { cache: false }).forces.find((f) => f.file === 'forces/bravo.yaml')!.config;
    writeFileSync(file, readFileSync(file, 'utf8').replace('costCentre: BRAVO-ICT', 'costCentre: "${forged}"'));
    const cold = configProblems(estate, { cache: false });
    expect(cold).toEqual([expect.stringMatching(/^forces\/bravo\.yaml:\d+:\d+ costCentre: /)]);
    // A cache committed beside the config, saying the invalid text validated to the old config.
    const committed = join(estate, '.bluelamp-cache');
    mkdirSync(committed, { mode: 0o700 });
    writeCacheFile(committed, {
      fingerprint: validationCodeSha256(),
      entries: [[entryKey('force', readFileSync(file, 'utf8')), good]],
    });
    expect(ParseCache.open(committed).refused).toBeUndefined(); // well-formed: only its place gives it away
    const saved = process.env.BLUELAMP_CACHE_DIR;
    try {
      process.env.BLUELAMP_CACHE_DIR = committed;
      expect(configProblems(estate)).toEqual(cold);
    } finally {
      process.env.BLUELAMP_CACHE_DIR = saved;
    }
  });

  it('neither reads nor writes a cache folder that other users can write to', () => {
    const cold = loaded(loadEstate(estate, { cache: false }));
    loadEstate(estate, { cache: ParseCache.open(cacheDir) });
    chmodSync(cacheDir, 0o777);
    const shared = ParseCache.open(cacheDir);
    expect(shared.refused).toMatch(/is not a private folder$/);
    expect(loaded(loadEstate(estate, { cache: shared }))).toStrictEqual(cold);
  });
});
