import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOOL_NAME = 'bluelamp';

let cached: string | undefined;

/** The package version, from policies/formats (tests) or dist/policies/formats (built CLI). */
export function toolVersion(): string {
  if (cached) return cached;
  cached = 'unknown';
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    const file = join(__dirname, ...up, 'package.json');
    if (existsSync(file)) {
      cached = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
      break;
    }
  }
  return cached;
}
