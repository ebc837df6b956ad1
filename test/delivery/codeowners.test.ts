import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedCodeowners, renderCodeowners } from '../../delivery/codeowners';

const ROOT = join(__dirname, '..', '..');

describe('CODEOWNERS', () => {
  it('is in sync with forces/ (regenerate: node dist/scripts/write-codeowners.js)', () => {
    expect(readFileSync(join(ROOT, 'CODEOWNERS'), 'utf8')).toBe(expectedCodeowners(ROOT));
  });

  it('gives each force file to its own team, and policies and waivers to assurance after the catch-all', () => {
    const lines = renderCodeowners(['kent', 'essex'])
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines.map((l) => l.split(/\s+/))).toEqual([
      ['*', '@bluelamp/platform'],
      ['/forces/essex.yaml', '@bluelamp/force-essex'],
      ['/forces/kent.yaml', '@bluelamp/force-kent'],
      ['/policies/', '@bluelamp/assurance'],
      ['/policies/waivers/', '@bluelamp/assurance'],
    ]);
  });
});
