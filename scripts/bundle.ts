/**
 * `npm run build`'s second step: bundles the compiled entry points (tsc's output in dist/) into
 * one file each in dist/bundle/, which bin/bluelamp, `npm start` and cdktf.json run.
 *
 * Why: loading the CLI from tsc's output means Node resolves, reads and compiles about 700
 * modules (cdktf's index alone requires 568); one bundled file is compiled once. Measured on the
 * 2-core machine (30 November 2026, `bluelamp start` of the bundled estate, cold, 6 runs in turn):
 * wall 0.88 x the unbundled CLI, V8's compile step 82 ms against 285 ms (node --cpu-prof).
 *
 * The bundle changes nothing else: the modules are tsc's output with whitespace and syntax
 * minified and every name kept (no renaming), every module keeps CommonJS semantics, and
 * dist/bundle/ sits one level under dist/ as cli/ and stacks/ do, so code that finds files from
 * its own folder (the package root, the synthesis and validation code fingerprints, the synthesis
 * worker beside synthesize.js) finds the same files either way. test/cli/bundle.test.ts
 * synthesises the estate both ways and compares the bytes. Each entry point's launcher turns on
 * V8's code cache (util/code-cache.ts) before loading its bundle.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const DIST = join(__dirname, '..');
const BUNDLE_DIR = join(DIST, 'bundle');

/**
 * Synthesis (cdktf and the provider bindings, 4 of the CLI's 6 MB) is its own bundle, which the
 * others require beside them, as tsc's synthesize.js requires ./synth-chunk: a command that
 * synthesises nothing (a warm `pr`, `check`, `validate`) never reads or compiles the toolchain.
 */
const SYNTHESIS = './synth-chunk';

interface Bundle {
  /** The compiled module it starts from, relative to dist/. */
  readonly entry: string;
  /** What it leaves to another bundle. */
  readonly external: readonly string[];
  /**
   * When set, `<name>.js` is a launcher that turns on V8's code cache (util/code-cache.ts) under
   * this variant (a JavaScript expression) and runs the bundle, written as `<name>.bundle.js`.
   * Without it, the bundle is `<name>.js` itself, loaded by the others (with their cache).
   */
  readonly launcher?: { readonly variant: string; readonly runsAsMain?: boolean };
}

const BUNDLES: Readonly<Record<string, Bundle>> = {
  // The CLI: bin/bluelamp and `npm start`. Each command keeps its own code cache.
  bluelamp: { entry: 'cli/main.js', external: [SYNTHESIS], launcher: { variant: 'process.argv[2]', runsAsMain: true } },
  // What synthesises stacks, loaded by the CLI and the worker when they synthesise.
  'synth-chunk': { entry: 'stacks/synth-chunk.js', external: [] },
  // The synthesis child process, found beside synthesize.js's bundled copy (stacks/synthesize.ts).
  'synth-worker': { entry: 'stacks/synth-worker.js', external: [SYNTHESIS], launcher: { variant: "'synth-worker'" } },
  // The stack-rule child of a large check, found beside parallel-check.js's bundled copy (policies/parallel-check.ts).
  'check-worker': { entry: 'policies/check-worker.js', external: [], launcher: { variant: "'check-worker'" } },
  // The cdktf app (cdktf.json): `cdktf synth` and `cdktf deploy` load it as the CLI is loaded.
  app: { entry: 'stacks/main.js', external: [], launcher: { variant: "'app'" } },
};

function launcherText(name: string, launcher: NonNullable<Bundle['launcher']>): string {
  return [
    "'use strict';",
    `// Made by scripts/bundle.ts: runs ./${name}.bundle.js with V8's code cache (util/code-cache.ts).`,
    `require('../util/code-cache').enableCodeCache(__dirname, ${launcher.variant});`,
    `module.exports = require('./${name}.bundle.js');`,
    ...(launcher.runsAsMain
      ? ['if (require.main === module) module.exports.runAsProcess(process.argv.slice(2));']
      : []),
    '',
  ].join('\n');
}

function bundle(): void {
  // Written next to the target and moved into place: an interrupted build never leaves half a bundle.
  // The code caches of the previous bundles go with them.
  const staging = `${BUNDLE_DIR}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const [name, { entry, external, launcher }] of Object.entries(BUNDLES)) {
      const result = buildSync({
        entryPoints: [join(DIST, entry)],
        external: [...external],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        // Whitespace and syntax only: every name is kept, so stack traces still name functions and classes;
        // the linked source maps give file and line with NODE_OPTIONS=--enable-source-maps. Measured: synthesis's
        // bundle 4.1 -> 2.6 MB, and a review after synthesising the base 0.96 s against 1.05-1.11 s (7 runs each,
        // alternated, 30 November 2026), less to read and to load from the code cache.
        minifyWhitespace: true,
        minifySyntax: true,
        sourcemap: 'linked',
        write: false,
        outfile: join(staging, launcher ? `${name}.bundle.js` : `${name}.js`),
        logLevel: 'error',
        // cdktf loads archiver only to zip asset folders; Blue Lamp has none (scripts/archiver-stub.ts).
        alias: { archiver: join(DIST, 'scripts', 'archiver-stub.js') },
        // util/toolchain.ts resolves `${pkg}/package.json` at run time by design (the installed versions).
        logOverride: { 'unsupported-require-call': 'silent' },
      });
      for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
      if (launcher) writeFileSync(join(staging, `${name}.js`), launcherText(name, launcher));
    }
    rmSync(BUNDLE_DIR, { recursive: true, force: true });
    renameSync(staging, BUNDLE_DIR);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) bundle();
