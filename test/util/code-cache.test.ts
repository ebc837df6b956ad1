/**
 * util/code-cache.ts: the bytecode a run of a bundle leaves is used by the next run, never for
 * another build of the bundle, and a cache that cannot be used only costs time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';
import { CODE_CACHE_FOLDER, codeCacheVariant } from '../../util/code-cache';

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const COMPILED = join(__dirname, '..', '..', 'dist', 'util', 'code-cache.js');
/** Node 22.1+ caches with its own module.enableCompileCache, whose file names are its own. */
const OWN_COMPILER = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe('codeCacheVariant', () => {
  it('names the cache for the command, and anything that is not a command name "other"', () => {
    expect(codeCacheVariant('start')).toBe('start');
    expect(codeCacheVariant('verify-cdk')).toBe('verify-cdk');
    expect(codeCacheVariant('--version')).toBe('other');
    expect(codeCacheVariant('../../etc')).toBe('other');
    expect(codeCacheVariant('Start')).toBe('other');
    expect(codeCacheVariant(undefined)).toBe('other');
  });
});

describe('enableCodeCache', () => {
  let root: string;
  let bundleDir: string;
  let cacheDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bluelamp-code-cache-'));
    bundleDir = join(root, 'bundle');
    cacheDir = join(bundleDir, CODE_CACHE_FOLDER, 'test');
    mkdirSync(bundleDir);
  });
  afterEach(() => removeDir(root));

  const writeBundle = (name: string, value: string) =>
    writeFileSync(join(bundleDir, name), `exports.value = ${JSON.stringify(value)} + require('./helper.js').suffix;\n`);
  /** One process: turns the cache on for the bundle folder, then prints what the bundle exports. */
  const run = (env: NodeJS.ProcessEnv = {}) =>
    execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(COMPILED)}).enableCodeCache(${JSON.stringify(bundleDir)}, 'test');` +
          `process.stdout.write(require(${JSON.stringify(join(bundleDir, 'main.js'))}).value);`,
      ],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
  const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);

  beforeEach(() => {
    writeBundle('main.js', 'first');
    writeFileSync(join(bundleDir, 'helper.js'), "exports.suffix = '!';\n");
  });

  it('leaves a cache on the first run and runs the same code from it on the next', () => {
    expect(run()).toBe('first!');
    const files = cacheFiles();
    expect(files.length).toBeGreaterThan(0);
    if (OWN_COMPILER)
      expect(files).toEqual([
        expect.stringMatching(/^helper\.js\..+\.v8$/),
        expect.stringMatching(/^main\.js\..+\.v8$/),
      ]);
    const written = files.map((f) => statSync(join(cacheDir, f)).mtimeMs);
    expect(run()).toBe('first!');
    expect(cacheFiles()).toEqual(files);
    // Read, not written again: the second run's bytecode came from the cache.
    if (OWN_COMPILER) expect(files.map((f) => statSync(join(cacheDir, f)).mtimeMs)).toEqual(written);
  });

  it('never runs a rebuilt bundle with the old bytecode, and drops the old cache', () => {
    expect(run()).toBe('first!');
    const before = cacheFiles();
    writeBundle('main.js', 'rebuilt, longer');
    expect(run()).toBe('rebuilt, longer!');
    if (OWN_COMPILER) {
      const after = cacheFiles();
      expect(after).toHaveLength(2);
      expect(after.find((f) => f.startsWith('main.js.'))).not.toBe(before.find((f) => f.startsWith('main.js.')));
      expect(after.find((f) => f.startsWith('helper.js.'))).toBe(before.find((f) => f.startsWith('helper.js.')));
    }
  });

  it('replaces a cache V8 rejects (corrupt or from another build) and still runs', () => {
    expect(run()).toBe('first!');
    if (OWN_COMPILER) {
      const main = cacheFiles().find((f) => f.startsWith('main.js.'))!;
      writeFileSync(join(cacheDir, main), 'not bytecode');
      expect(run()).toBe('first!');
      expect(cacheFiles()).toContain(main);
      expect(statSync(join(cacheDir, main)).size).toBeGreaterThan('not bytecode'.length);
      expect(run()).toBe('first!');
    }
  });

  it('reads a bundle that is not ASCII as UTF-8, as Node would, with the cache on or off', () => {
    // ASCII bundles are read as Latin-1 (the same string, without decoding); these bytes are not ASCII.
    writeBundle('main.js', 'caf\u00e9 \u00b7 \u2502');
    expect(run()).toBe('caf\u00e9 \u00b7 \u2502!');
    expect(run()).toBe('caf\u00e9 \u00b7 \u2502!');
    expect(run({ BLUELAMP_CODE_CACHE: 'off' })).toBe('caf\u00e9 \u00b7 \u2502!');
  });

  it('only costs time when the cache folder cannot be written', () => {
    mkdirSync(join(bundleDir, CODE_CACHE_FOLDER));
    writeFileSync(join(bundleDir, CODE_CACHE_FOLDER, 'test'), 'a file where the folder would be');
    expect(run()).toBe('first!');
    expect(run()).toBe('first!');
  });

  it('is off with BLUELAMP_CODE_CACHE=off, and never touches modules outside the bundle folder', () => {
    expect(run({ BLUELAMP_CODE_CACHE: 'off' })).toBe('first!');
    expect(existsSync(join(bundleDir, CODE_CACHE_FOLDER))).toBe(false);
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere', 'other.js'), "exports.value = 'elsewhere';\n");
    writeFileSync(join(bundleDir, 'main.js'), `exports.value = require('../elsewhere/other.js').value;\n`);
    expect(run()).toBe('elsewhere');
    if (OWN_COMPILER) expect(cacheFiles()).toEqual([expect.stringMatching(/^main\.js\..+\.v8$/)]);
  });
});
