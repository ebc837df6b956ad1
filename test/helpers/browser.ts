/**
 * Headless Chromium for browser tests, from the `@sparticuz/chromium` devDependency: a Chromium
 * binary shipped inside a registry package, so `npm ci` is all a fresh machine needs (no apt step,
 * no browser download). playwright-core drives it.
 *
 * The package inflates its brotli archives into `os.tmpdir()` (chromium, fonts/, *.so,
 * vk_swiftshader_icd.json) and keeps them there. Tests must leave nothing in the temp folder, so
 * the inflating runs in a child process whose TMPDIR is a staging folder in a project-local cache
 * (node_modules/.cache/bluelamp-chromium/<version>), renamed into place once complete: a half-
 * inflated browser is never used, and `npm ci` (which replaces node_modules) clears the cache.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import execa from 'execa';
import { chromium, type Browser } from 'playwright-core';

const PACKAGE_MAIN = require.resolve('@sparticuz/chromium');
const PACKAGE_DIR = join(dirname(PACKAGE_MAIN), '..', '..');
const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'bluelamp-chromium');

/**
 * Flags for a test browser. Not the package's own `args`: those also turn off web security
 * (--disable-web-security, --allow-running-insecure-content), which would hide what a reviewer's
 * browser enforces on the report.
 */
const ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

/** The inflated Chromium binary, inflating it into the project-local cache the first time. */
export async function chromiumExecutable(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const dir = join(CACHE_DIR, version);
  const executable = join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  mkdirSync(CACHE_DIR, { recursive: true });
  const staging = mkdtempSync(join(CACHE_DIR, `${version}.partial-`));
  try {
    const inflate = `require(${JSON.stringify(PACKAGE_MAIN)}).executablePath().then((p) => process.stdout.write(p))`;
    const { stdout } = await execa(process.execPath, ['-e', inflate], {
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
    });
    if (stdout !== join(staging, 'chromium')) {
      throw new Error(`@sparticuz/chromium inflated the browser to ${stdout}, not into ${staging}`);
    }
    try {
      renameSync(staging, dir);
    } catch (err) {
      // Another jest worker finished first: use its copy.
      if (!existsSync(executable)) throw err;
    }
    return executable;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Launches headless Chromium; the caller closes it. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutable(), args: ARGS, headless: true });
}
