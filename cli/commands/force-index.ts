import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { FORCE_INDEX_FILE, forceIndexText, parseForceIndex } from '../../config/force-index';
import { writeFileAtomic } from '../../util/atomic';
import { defineCommand } from '../command';

export const indexCommand = defineCommand({
  name: 'index',
  summary: `Write ${FORCE_INDEX_FILE}: each force's cross-force facts, so that a review parses only what it changes.`,
  usage:
    'bluelamp index [--check] [--dir PATH]\n' +
    `  validates the whole estate, then writes ${FORCE_INDEX_FILE} (commit it); --check writes nothing and\n` +
    '  exits 1 when the file is missing or stale (a stale index only makes bluelamp pr slower, never wrong)',
  options: { check: { type: 'boolean' } },
  run(ctx, values) {
    return new Promise<number>((done) => {
      const estate = loadEstate(ctx.dir);
      const text = forceIndexText(estate);
      const path = join(ctx.dir, FORCE_INDEX_FILE);
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (values.check) {
        if (current === text) {
          ctx.progress(`${FORCE_INDEX_FILE}: current for ${estate.forces.length} forces`);
          return done(0);
        }
        ctx.error(`${FORCE_INDEX_FILE}: ${staleness(current, text)}; run bluelamp index and commit it`);
        return done(1);
      }
      if (current !== text) writeFileAtomic(path, text);
      ctx.progress(
        `${FORCE_INDEX_FILE}: ${current === text ? 'already current' : 'written'}, ${estate.forces.length} forces`,
      );
      done(0);
    });
  },
});

/** What differs between the index on disk and the one the estate gives, in a few words. */
function staleness(current: string | undefined, expected: string): string {
  if (current === undefined) return 'missing';
  const had = parseForceIndex(current);
  if ('unusable' in had) return `unusable (${had.unusable})`;
  const want = parseForceIndex(expected);
  if ('unusable' in want) return 'stale';
  if (had.platformSha256 !== want.platformSha256) return 'written for another platform.yaml';
  const files = new Set([...had.forces.keys(), ...want.forces.keys()]);
  const stale = [...files].filter((f) => had.forces.get(f)?.sha256 !== want.forces.get(f)?.sha256).sort();
  if (stale.length === 0) return 'not in the form bluelamp index writes';
  const shown = stale.slice(0, 5).join(', ');
  return `stale for ${stale.length} force file${stale.length === 1 ? '' : 's'} (${shown}${stale.length > 5 ? ', ...' : ''})`;
}
