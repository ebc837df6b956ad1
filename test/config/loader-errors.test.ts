import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, formatIssue } from '../../config/errors';
import { loadEstate } from '../../config/estate';
import { MAX_CONFIG_BYTES } from '../../config/yaml-file';
import { FIXTURES, removeDir, tempEstate } from '../helpers/estate';

const CASES_DIR = join(FIXTURES, 'config-errors');

function problems(dir: string): string[] {
  try {
    loadEstate(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
  return [];
}

describe('loader errors name the file, line, column and field', () => {
  const cases = readdirSync(CASES_DIR).sort();

  it('has a fixture folder for each failure case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (name) => {
    const dir = tempEstate(join(CASES_DIR, name));
    try {
      const expected = readFileSync(join(CASES_DIR, name, 'expected.txt'), 'utf8').trim().split('\n');
      expect(problems(dir)).toEqual(expected);
    } finally {
      removeDir(dir);
    }
  });
});

describe('hostile input is refused quickly and clearly', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('refuses a file over the size limit without parsing it', () => {
    writeFileSync(join(dir, 'forces', 'alpha.yaml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    const started = Date.now();
    expect(problems(dir)).toEqual([`forces/alpha.yaml is ${MAX_CONFIG_BYTES + 3} bytes; config files are limited to ${MAX_CONFIG_BYTES} bytes`]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses binary content', () => {
    writeFileSync(join(dir, 'forces', 'alpha.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x00, 0xff, 0x00]));
    expect(problems(dir)).toEqual(['forces/alpha.yaml is binary (contains NUL bytes), not YAML']);
  });

  it('reports deeply nested flow collections as an error, not a crash', () => {
    writeFileSync(join(dir, 'forces', 'alpha.yaml'), `${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    const found = problems(dir);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^forces\/alpha\.yaml/);
  });

  it('refuses a file holding several YAML documents', () => {
    const text = readFileSync(join(dir, 'forces', 'bravo.yaml'), 'utf8');
    writeFileSync(join(dir, 'forces', 'bravo.yaml'), `${text}---\nid: other\n`);
    expect(problems(dir)).toEqual([expect.stringMatching(/^forces\/bravo\.yaml:19:1 invalid YAML: .*document/i)]);
  });

  it('refuses a missing platform.yaml with a pointer to --dir', () => {
    removeDir(join(dir, 'platform.yaml'));
    expect(problems(dir)).toEqual([expect.stringMatching(/^platform\.yaml not found in .* \(use --dir/)]);
  });
});
