import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeFingerprint, FINGERPRINT_MEMO, type CodeFolders } from '../../util/code-fingerprint';
import { removeDir } from '../helpers/estate';

describe('code fingerprints', () => {
  let dir: string;
  let root: string;
  // Files hashed long enough ago to be remembered (git's racy-clean rule: two seconds).
  const past = new Date(Date.parse('2026-11-01T00:00:00Z'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    utimesSync(join(root, path), past, past);
  };
  const code = (over: Partial<CodeFolders> = {}): CodeFolders => ({
    name: 'synthesis',
    root,
    folders: ['stacks', 'util'],
    prefix: 'tool@1\0',
    suffix: () => 'lib@2',
    ...over,
  });
  const memo = () => JSON.parse(readFileSync(join(root, FINGERPRINT_MEMO), 'utf8')) as Record<string, unknown>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-test-fingerprint-'));
    root = join(dir, 'dist');
    write('stacks/a.js', 'a');
    write('stacks/deep/b.js', 'b');
    write('util/c.js', 'c');
    write('util/notes.md', 'not code');
  });
  afterEach(() => removeDir(dir));

  it('is the same whether worked out or remembered, and changes with any file, the prefix or the suffix', () => {
    const first = codeFingerprint(code());
    expect(Object.keys(memo())).toEqual(['synthesis']);
    expect(codeFingerprint(code())).toBe(first);
    const changes: [string, () => string][] = [
      ['a file', () => (write('stacks/a.js', 'a changed'), codeFingerprint(code()))],
      ['an added file', () => (write('util/d.ts', 'd'), codeFingerprint(code()))],
      ['the prefix', () => codeFingerprint(code({ prefix: 'tool@2\0' }))],
      ['the suffix', () => codeFingerprint(code({ suffix: () => 'lib@3' }))],
    ];
    const seen = new Set([first]);
    for (const [what, change] of changes) {
      const value = change();
      expect([what, seen.has(value)]).toEqual([what, false]);
      seen.add(value);
    }
    // A file that is not code changes nothing.
    const now = codeFingerprint(code({ suffix: () => 'lib@3' }));
    write('util/notes.md', 'still not code');
    expect(codeFingerprint(code({ suffix: () => 'lib@3' }))).toBe(now);
  });

  it('takes the remembered fingerprint only while every file has its size and time', () => {
    const first = codeFingerprint(code());
    // Same size, same time, other bytes: the memo is believed (as make and git believe a stat), which
    // shows it is used rather than recomputed.
    write('stacks/a.js', 'Z');
    expect(codeFingerprint(code())).toBe(first);
    // The same bytes with another time: hashed again, and the same fingerprint as from scratch.
    write('stacks/a.js', 'a');
    utimesSync(join(root, 'stacks/a.js'), new Date(past.getTime() + 1000), new Date(past.getTime() + 1000));
    expect(codeFingerprint(code())).toBe(first);
    write('stacks/a.js', 'Z');
    utimesSync(join(root, 'stacks/a.js'), new Date(past.getTime() + 5000), new Date(past.getTime() + 5000));
    expect(codeFingerprint(code())).not.toBe(first);
  });

  it('remembers nothing for files changed just now, for sources outside dist/, or from a corrupt memo', () => {
    writeFileSync(join(root, 'util/c.js'), 'c'); // modified now: could change again within the clock tick
    const fresh = codeFingerprint(code());
    expect(() => readFileSync(join(root, FINGERPRINT_MEMO))).toThrow();
    utimesSync(join(root, 'util/c.js'), past, past);
    expect(codeFingerprint(code())).toBe(fresh);
    expect(memo().synthesis).toBeDefined();

    writeFileSync(join(root, FINGERPRINT_MEMO), '{"synthesis": {"sha256": 42, "files": "no"}}');
    expect(codeFingerprint(code())).toBe(fresh);
    expect(memo().synthesis).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const sources = join(dir, 'repo');
    mkdirSync(join(sources, 'stacks'), { recursive: true });
    writeFileSync(join(sources, 'stacks', 'a.ts'), 'a');
    utimesSync(join(sources, 'stacks', 'a.ts'), past, past);
    codeFingerprint(code({ root: sources }));
    expect(() => readFileSync(join(sources, FINGERPRINT_MEMO))).toThrow();
  });

  it('keeps each named fingerprint beside the others', () => {
    codeFingerprint(code());
    codeFingerprint(code({ name: 'validation', folders: ['util'] }));
    expect(Object.keys(memo()).sort()).toEqual(['synthesis', 'validation']);
  });
});
