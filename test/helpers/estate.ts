import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, formatIssue } from '../../config/errors';
import { loadEstate, type LoadOptions } from '../../config/estate';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const SMALL_ESTATE = join(FIXTURES, 'estate-small');

/** A temporary copy of the small estate, with the files of `overlayDir` (if any) laid over it. */
export function tempEstate(overlayDir?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  cpSync(SMALL_ESTATE, dir, { recursive: true });
  if (overlayDir) cpSync(overlayDir, dir, { recursive: true, filter: (src) => !src.endsWith('expected.txt') });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file below `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), rel) : [rel];
    })
    .sort();
}

/** What loading the estate in `dir` refuses, one formatted line per problem; [] when it loads. */
export function configProblems(dir: string, options: LoadOptions = {}): string[] {
  try {
    loadEstate(dir, options);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
  return [];
}
