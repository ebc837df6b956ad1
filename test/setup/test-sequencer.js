/**
 * Starts the slowest test files first, so that the two workers finish together. Jest's own
 * sequencer does this from the durations it recorded in the previous run (in
 * node_modules/.cache/jest); on the first run after `npm ci` it has none and falls back to file
 * size, which starts the integration files (short files that start processes) last, and one worker
 * idles at the end: 102 s against 86 s once the cache was warm (issue 9, 30 November 2026).
 *
 * Order: files that failed last time, then by duration (the one jest recorded, else the one in
 * expected-durations.json, measured on an idle 2-core machine), then by size. Refresh the table
 * after a full `npm test` with `node test/setup/test-sequencer.js --write`.
 */
'use strict';
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = join(__dirname, '..', '..');
const TABLE = join(__dirname, 'expected-durations.json');
/** Files faster than this are left to file size: the table lists only what decides the run's end. */
const LISTED_FROM_MS = 1500;

const rel = (path) => relative(ROOT, path).split(sep).join('/');

function expectedDurations() {
  try {
    return JSON.parse(readFileSync(TABLE, 'utf8')).milliseconds;
  } catch {
    return {};
  }
}

class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    const expected = expectedDurations();
    const sizes = new Map();
    const size = (t) => {
      if (!sizes.has(t.path)) sizes.set(t.path, t.context.hasteFS.getSize(t.path) ?? 0);
      return sizes.get(t.path);
    };
    for (const test of tests) test.duration = this.time(test);
    const ms = (t) => t.duration ?? expected[rel(t.path)] ?? 0;
    const failed = (t) => (this.hasFailed(t) ? 1 : 0);
    return tests.sort((a, b) => failed(b) - failed(a) || ms(b) - ms(a) || size(b) - size(a));
  }
}

/** Writes the table from jest's recorded durations of the last full run (both projects). */
function writeTable() {
  const cacheDir = join(ROOT, 'node_modules', '.cache', 'jest');
  const milliseconds = {};
  for (const file of readdirSync(cacheDir).filter((f) => f.startsWith('perf-cache-'))) {
    for (const [path, [, ms]] of Object.entries(JSON.parse(readFileSync(join(cacheDir, file), 'utf8'))))
      if (ms >= LISTED_FROM_MS) milliseconds[rel(path)] = Math.round(ms / 100) * 100;
  }
  const sorted = Object.fromEntries(Object.entries(milliseconds).sort((a, b) => b[1] - a[1]));
  writeFileSync(
    TABLE,
    `${JSON.stringify({ note: 'Written by node test/setup/test-sequencer.js --write after a full npm test on an idle 2-core machine.', milliseconds: sorted }, null, 2)}\n`,
  );
  process.stdout.write(`${Object.keys(sorted).length} files written to ${rel(TABLE)}\n`);
}

if (require.main === module && process.argv.includes('--write')) writeTable();

module.exports = SlowestFirstSequencer;
