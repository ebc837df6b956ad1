import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CONFIG_BYTES } from '../../config/yaml-file';
import { configProblems, FIXTURES, removeDir, tempEstate } from '../helpers/estate';

const CASES_DIR = join(FIXTURES, 'config-errors');

const problems = (dir: string) => configProblems(dir);

describe('loader errors name the file, line, column and field', () => {
  const cases = readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('has a fixture folder for each failure case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (name) => {
    const dir = tempEstate(join(CASES_DIR, name));
    try {
      const expected = readFileSync(join(CASES_DIR, name, 'expected.txt'), 'utf8')
        .trim()
        .split('\n');
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
    expect(problems(dir)).toEqual([
      `forces/alpha.yaml is ${MAX_CONFIG_BYTES + 3} bytes; config files are limited to ${MAX_CONFIG_BYTES} bytes`,
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses binary content', () => {
    writeFileSync(join(dir, 'forces', 'alpha.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x00, 0xff, 0x00]));
    expect(problems(dir)).toEqual(['forces/alpha.yaml:1:4 is binary (contains NUL bytes), not YAML']);
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

  it('refuses a symbolic link, which could pull a file from outside the estate into the messages', () => {
    const outside = join(dir, '..', `${dir.split('/').pop()}-outside.yaml`);
    renameSync(join(dir, 'forces', 'alpha.yaml'), outside);
    symlinkSync(outside, join(dir, 'forces', 'alpha.yaml'));
    try {
      expect(problems(dir)).toEqual([
        'forces/alpha.yaml is a symbolic link; config files must be ordinary files in the estate (copy the file instead of linking it)',
      ]);
    } finally {
      removeDir(outside);
    }
  });

  it('names a folder that looks like a force file instead of crashing on it', () => {
    mkdirSync(join(dir, 'forces', 'charlie.yaml'));
    expect(problems(dir)).toEqual(['forces/charlie.yaml is a folder; config files must be ordinary YAML files']);
  });

  it('says when forces is a file rather than a folder', () => {
    removeDir(join(dir, 'forces'));
    writeFileSync(join(dir, 'forces'), 'id: alpha\n');
    expect(problems(dir)).toEqual(['forces is a file; expected a folder holding one forces/<id>.yaml per force']);
  });

  it('points at a multi-byte character cut short at the end of the file', () => {
    const alpha = join(dir, 'forces', 'alpha.yaml');
    writeFileSync(alpha, Buffer.concat([readFileSync(alpha), Buffer.from('# caf\xc3', 'latin1')]));
    const lines = readFileSync(alpha, 'latin1').split('\n').length;
    expect(problems(dir)).toEqual([
      `forces/alpha.yaml:${lines}:6 is not valid UTF-8 text (byte 0xc3); save the file as UTF-8`,
    ]);
  });

  it('refuses a missing platform.yaml with a pointer to --dir', () => {
    removeDir(join(dir, 'platform.yaml'));
    expect(problems(dir)).toEqual([expect.stringMatching(/^platform\.yaml not found in .* \(use --dir/)]);
  });
});
