/**
 * V8's code cache for the bundles in dist/bundle/ (scripts/bundle.ts): the bytecode of every
 * function a run compiled is kept beside the bundles, and the next run of the same command reads
 * it instead of compiling those functions again.
 *
 * Why: a run of the CLI executes most of its code once, so compiling it (V8 compiles each
 * function on its first call) is a real share of the run. Measured on the 2-core machine (30
 * November 2026, `bluelamp start` of the bundled estate, cold estate, 8 runs in turn): wall 0.90 x
 * and CPU 0.93 x the same bundle compiled afresh.
 *
 * Node 22.1 and later have this built in (`module.enableCompileCache`); it is used when present.
 * Node 20 compiles the bundles here through `vm.Script` with `cachedData`, as Node 22 does inside.
 * The cache is as trusted as the bundles (it is executable bytecode), so it lives with them, in
 * dist/bundle/.code-cache/, never in a folder a pull request's run can fill. A cache file is named
 * for its bundle's size, modification time, Node version and architecture, and V8 checks its own
 * version and flags, so a rebuilt bundle is never run with the old bundle's bytecode; the entry's
 * stale files are removed when a new one is written. Each command (the variant) keeps its own
 * cache, because a cache holds only the functions its first run called. A cache that cannot be
 * read or written is skipped silently: it only ever saves time. BLUELAMP_CODE_CACHE=off turns it
 * off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder, inside dist/bundle/, that holds the caches. */
export const CODE_CACHE_FOLDER = '.code-cache';
/** Set to `off` to compile every bundle afresh. */
export const CODE_CACHE_VARIABLE = 'BLUELAMP_CODE_CACHE';
const CACHE_SUFFIX = '.v8';

interface CompilingModule {
  exports: unknown;
  _compile: (this: CompilingModule, content: string, filename: string) => unknown;
}

/** A name for a cache folder: the command when it looks like one (`start`, `pr`), else `other`. */
export function codeCacheVariant(command: string | undefined): string {
  return command !== undefined && /^[a-z][a-z-]{0,39}$/.test(command) ? command : 'other';
}

/** The cache file for one bundle in `dir`: named for what must match for its bytecode to be used. */
function codeCacheFile(dir: string, bundle: string): string {
  const { size, mtimeMs } = statSync(bundle);
  return join(
    dir,
    `${basename(bundle)}.${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}${CACHE_SUFFIX}`,
  );
}

/**
 * Compiles the modules of `bundleDir` (the bundles; nothing else) with the code cache of
 * `variant`, from now on in this process, and reads those that are ASCII without decoding UTF-8
 * (that part also with BLUELAMP_CODE_CACHE=off).
 */
export function enableCodeCache(bundleDir: string, variant: string, env: NodeJS.ProcessEnv = process.env): void {
  // Debugging with --enable-source-maps: Node maps the bundles' stack traces only for modules it compiles itself.
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return;
  readAsciiBundlesDirectly(bundleDir);
  if (env[CODE_CACHE_VARIABLE] === 'off') return;
  const dir = join(bundleDir, CODE_CACHE_FOLDER, codeCacheVariant(variant));
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof builtIn === 'function') {
    try {
      builtIn(dir);
    } catch {
      // no cache: the run compiles as usual
    }
    return;
  }
  compileWithCache(bundleDir, dir);
}

let readerInstalled = false;

/**
 * Node reads a module's file as UTF-8, which V8 must then decode and check: about 30 ms for the
 * synthesis bundle alone. The bundles are ASCII (esbuild escapes the rest; test/cli/bundle.test.ts
 * holds them to it), and ASCII read as Latin-1 is the same string, made without decoding (5 ms).
 * A bundle that is not ASCII is read as UTF-8, as Node would.
 */
function readAsciiBundlesDirectly(bundleDir: string): void {
  if (readerInstalled) return;
  readerInstalled = true;
  const extensions = (Module as unknown as { _extensions: Record<string, LoadExtension> })._extensions;
  const readJs = extensions['.js'];
  extensions['.js'] = function (module, filename) {
    if (dirname(filename) !== bundleDir) return readJs.call(this, module, filename);
    const bytes = readFileSync(filename);
    module._compile(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'), filename);
  };
}

type LoadExtension = (this: unknown, module: CompilingModule, filename: string) => void;

let installed = false;

/** Node 20: the bundles' modules are compiled here, with the bytecode a previous run left. */
function compileWithCache(bundleDir: string, dir: string): void {
  if (installed) return;
  installed = true;
  const prototype = (Module as unknown as { prototype: CompilingModule }).prototype;
  const compile = prototype._compile;
  prototype._compile = function (this: CompilingModule, content: string, filename: string): unknown {
    if (dirname(filename) !== bundleDir) return compile.call(this, content, filename);
    let cacheFile: string | undefined;
    let cached: Buffer | undefined;
    try {
      cacheFile = codeCacheFile(dir, filename);
      cached = readFileSync(cacheFile);
    } catch {
      // none yet
    }
    // The wrapper Node itself puts around a CommonJS module.
    const script = new Script(Module.wrap(content), { filename, cachedData: cached });
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    if (cacheFile && (!cached || script.cachedDataRejected)) {
      const target = cacheFile;
      process.once('exit', () => writeCodeCache(target, script));
    }
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
}

/** Written at exit, when every function the run called is compiled: atomically, and replacing the bundle's stale caches. */
function writeCodeCache(cacheFile: string, script: Script): void {
  const dir = dirname(cacheFile);
  const tmp = `${cacheFile}.tmp-${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
    const bundle = basename(cacheFile).slice(0, basename(cacheFile).indexOf('.js.') + 3);
    for (const name of readdirSync(dir))
      if (name.startsWith(`${bundle}.`) && name.endsWith(CACHE_SUFFIX) && join(dir, name) !== cacheFile)
        rmSync(join(dir, name), { force: true });
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}
