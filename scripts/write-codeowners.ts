/**
 * Regenerates CODEOWNERS from forces/*.yaml, or with --check fails when it is out of date.
 *
 *   node dist/scripts/write-codeowners.js [--dir PATH] [--check]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CODEOWNERS_FILE, expectedCodeowners, writeCodeowners } from '../delivery/codeowners';

function main(): number {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, check: { type: 'boolean' } } });
  const dir = resolve(values.dir ?? join(__dirname, '..', '..'));
  if (values.check) {
    const file = join(dir, CODEOWNERS_FILE);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === expectedCodeowners(dir)) return 0;
    process.stderr.write(`${CODEOWNERS_FILE} is out of date with forces/: run node dist/scripts/write-codeowners.js\n`);
    return 1;
  }
  process.stdout.write(writeCodeowners(dir) ? `wrote ${CODEOWNERS_FILE}\n` : `${CODEOWNERS_FILE} already up to date\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
