import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_MARKER, writeReport } from '../../../policies/report/write';

describe('writing the report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file and marks the folder as a report', () => {
    const index = writeReport(
      [
        { path: 'index.html', content: 'a' },
        { path: 'stacks/x.html', content: 'b' },
      ],
      join(dir, 'reports'),
    );
    expect(index).toBe(join(dir, 'reports', 'index.html'));
    expect(readFileSync(join(dir, 'reports', 'stacks', 'x.html'), 'utf8')).toBe('b');
    expect(existsSync(join(dir, 'reports', REPORT_MARKER))).toBe(true);
  });

  it('replaces a previous report whole, leaving no stale pages or temporary folders', () => {
    writeReport(
      [
        { path: 'index.html', content: 'old' },
        { path: 'stacks/gone.html', content: 'old' },
      ],
      join(dir, 'reports'),
    );
    writeReport([{ path: 'index.html', content: 'new' }], join(dir, 'reports'));
    expect(readFileSync(join(dir, 'reports', 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(dir, 'reports', 'stacks', 'gone.html'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['reports']);
  });

  it('refuses to replace a non-empty folder it did not write', () => {
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep me');
    expect(() => writeReport([{ path: 'index.html', content: 'x' }], join(dir, 'mine'))).toThrow(
      /is not empty and was not written by bluelamp report/,
    );
    expect(readFileSync(join(dir, 'mine', 'notes.txt'), 'utf8')).toBe('keep me');
    expect(() => writeReport([{ path: 'index.html', content: 'x' }], join(dir, 'mine', 'notes.txt'))).toThrow(
      /notes\.txt is a file; --out needs a folder/,
    );
  });

  it('does not take a marker file with other content for its own', () => {
    mkdirSync(join(dir, 'forged'));
    writeFileSync(join(dir, 'forged', REPORT_MARKER), 'anything\n');
    writeFileSync(join(dir, 'forged', 'notes.txt'), 'keep me');
    expect(() => writeReport([{ path: 'index.html', content: 'x' }], join(dir, 'forged'))).toThrow(
      /is not empty and was not written by bluelamp report/,
    );
    expect(readFileSync(join(dir, 'forged', 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('leaves the previous report untouched when writing fails part-way', () => {
    writeReport([{ path: 'index.html', content: 'good' }], join(dir, 'reports'));
    expect(() =>
      writeReport(
        [
          { path: 'index.html', content: 'x' },
          { path: '../escape.html', content: 'x' },
        ],
        join(dir, 'reports'),
      ),
    ).toThrow(/outside the report/);
    expect(readFileSync(join(dir, 'reports', 'index.html'), 'utf8')).toBe('good');
    expect(readdirSync(dir)).toEqual(['reports']);
  });
});
