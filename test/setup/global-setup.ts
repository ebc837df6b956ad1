/**
 * Runs once before any test (both jest projects). Two things every run needs:
 *
 * 1. A fresh dist/. Some tests run the compiled code (bin/bluelamp, the synthesis workers), so a
 *    `npx jest` after an edit must not test yesterday's build. dist/ is rebuilt as `npm run build`
 *    does (tsc, incremental, then the bundles of scripts/bundle.ts) whenever a source file or
 *    tsconfig is newer than the last build this setup made; if it cannot be built, the run stops
 *    here with the build's errors.
 * 2. A temporary folder of the run's own. TMPDIR (read by os.tmpdir() in jest's workers, which are
 *    started after this, and in every process they start) points into a folder that
 *    global-teardown.ts removes, so the run leaves nothing in the machine's temp folder, whatever
 *    a library does there (cdktf's Testing helpers leave a cdktf.outdir.* folder per synth),
 *    and holds the run's BLUELAMP_CACHE_DIR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { cliScript } from '../../util/package-root';

const ROOT = join(__dirname, '..', '..');
const BUILD_CONFIG = join(ROOT, 'tsconfig.build.json');
/** Written after each build this setup makes, with the build's start time as its mtime. */
export const BUILD_STAMP = join(ROOT, 'dist', '.jest-build-stamp');
/** Written by every build of tsconfig.build.json (its tsBuildInfoFile), `npm run build` included. */
const BUILD_INFO = join(ROOT, 'dist', 'build.tsbuildinfo');
/** The run's temporary folder, for global-teardown.ts. */
export const RUN_TMPDIR_VARIABLE = 'BLUELAMP_TEST_TMPDIR';

/** The TypeScript sources the build compiles, relative to the root (tsconfig's own include/exclude rules). */
function buildSources(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(BUILD_CONFIG, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  return (config?.fileNames ?? []).map((file) => relative(ROOT, file));
}

/** Why dist/ is stale, or '' when it is not. */
function staleness(sources: readonly string[]): string {
  // Before any test run, the build `npm ci` made (prepare: npm run build) counts, as of when tsc wrote its
  // build info: re-running tsc on the first run after a fresh install cost 2.5 s and changed nothing.
  const stamp = existsSync(BUILD_STAMP) ? BUILD_STAMP : existsSync(BUILD_INFO) ? BUILD_INFO : undefined;
  if (!stamp) return 'not built yet';
  const built = statSync(stamp).mtimeMs;
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', ...sources]) {
    if (statSync(join(ROOT, file)).mtimeMs > built) return `${file} changed`;
  }
  const missing = sources.find((file) => !existsSync(join(ROOT, 'dist', file.replace(/\.ts$/, '.js'))));
  if (missing) return `dist/ has no build of ${missing}`;
  // bin/bluelamp runs the bundle only when cliScript takes it (made after tsc last wrote dist/).
  if (cliScript(ROOT) !== join(ROOT, 'dist', 'bundle', 'bluelamp.js')) return 'dist/bundle/ is stale';
  return '';
}

function buildDist(): void {
  const reason = staleness(buildSources());
  if (!reason) return;
  const started = new Date();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', BUILD_CONFIG], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'bundle.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(
      `dist/ is stale (${reason}) and the build (tsc, then dist/scripts/bundle.js) failed; not running the tests against it:\n${stdout}${stderr}`,
      { cause: err },
    );
  }
  writeFileSync(BUILD_STAMP, '');
  // Stamped with the build's start, so a file saved while tsc ran counts as changed next time.
  utimesSync(BUILD_STAMP, started, started);
}

export default function globalSetup(): void {
  buildDist();
  const runTmp = mkdtempSync(join(tmpdir(), 'bluelamp-jest-'));
  process.env[RUN_TMPDIR_VARIABLE] = runTmp;
  process.env.TMPDIR = runTmp;
  // The caches Blue Lamp keeps between runs (util/user-cache.ts) go in the run's folder too, never
  // the user's ~/.cache, and start empty each run.
  process.env.BLUELAMP_CACHE_DIR = join(runTmp, 'cache');
}
