/**
 * Two projects, both run by `npm test`:
 *   unit         in-process tests: config, constructs, rules, formats, commands on the small estate
 *   integration  tests that start processes (bin/bluelamp, git, terraform's stand-in, synthesis
 *                workers, a browser) or synthesise the whole national estate
 * `npm run test:unit` / `npm run test:integration` run one. Every run first builds dist/ if it is
 * stale and gives itself a temporary folder it removes afterwards (test/setup/).
 */
const INTEGRATION = [
  'test/cli/bundle.test.ts',
  'test/cli/cli.test.ts',
  'test/cli/reach.test.ts',
  'test/delivery/adopt.test.ts',
  'test/delivery/affected.test.ts',
  'test/delivery/deliver.test.ts',
  'test/delivery/diff-interrupt.test.ts',
  'test/delivery/diff.test.ts',
  'test/delivery/git-blobs.test.ts',
  'test/delivery/hostile-output.test.ts',
  'test/delivery/pull-request-index.test.ts',
  'test/delivery/pull-request.test.ts',
  'test/delivery/terraform-timeout.test.ts',
  'test/network/bundled-estate.test.ts',
  'test/policies/report/report-a11y.test.ts',
  'test/policies/report/report-browser.test.ts',
  'test/stacks/landing-zone.test.ts',
  'test/stacks/synth-cache.test.ts',
  'test/stacks/synth-ownership.test.ts',
  'test/stacks/synthesize.test.ts',
  'test/stacks/terraform-literal.test.ts',
  'test/util/code-cache.test.ts',
];

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // swc strips types without type-checking: fast on 2 cores. `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  // Kept with the project, not in the machine's temp folder.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // Dated config (sharing agreements) is judged as of a fixed day: see test/setup/pin-today.ts.
  // cdktf's token creation stacks skip jest's source-map formatter: see test/setup/plain-creation-stacks.ts.
  setupFiles: ['<rootDir>/test/setup/pin-today.ts', '<rootDir>/test/setup/plain-creation-stacks.ts'],
};

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Slowest files first, also on the first run after `npm ci`, when jest has no recorded durations.
  testSequencer: '<rootDir>/test/setup/test-sequencer.js',
  // A bound for a hung test, not a speed target: an in-process test that synthesises and checks the small
  // estate took 45 s on a 2-core machine at load 33. Tests that start processes also set their own.
  testTimeout: 120_000,
  // Jest kills a worker that has not exited 500 ms after the run and reports it as leaking. Ours leak nothing (no
  // handle, process or timer is left when the last file ends: docs/testing.md) but hold about 1 GB of heap, which
  // took about 0.55 s to free at exit on a loaded 2-core machine. A worker that truly hangs is still killed.
  workerGracefulExitTimeout: 3_000,
  // A worker past 600 MB after a file is replaced by a fresh one: every process a test starts is a fork of its
  // worker, and a smaller heap is cheaper to fork and to collect. Measured side by side on the 2-core machine (whole
  // suite, 3 pairs, 30 November 2026): 0.94 x the wall and CPU time, peak memory 812 MB against 1,089 MB.
  workerIdleMemoryLimit: '600MB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', ...INTEGRATION.map((f) => `<rootDir>/${escape(f)}$`)],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: INTEGRATION.map((f) => `<rootDir>/${f}`),
    },
  ],
};
