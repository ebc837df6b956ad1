/**
 * The report in a real browser: the Chromium packaged in the @sparticuz/chromium devDependency
 * (see test/helpers/browser.ts), driven by playwright-core with JavaScript disabled, opened over
 * file:// as a reviewer would. Needs nothing beyond `npm ci`, so it always runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { summarise } from '../../../policies/formats/summary';
import { renderReport } from '../../../policies/report/render';
import { writeReport } from '../../../policies/report/write';
import { SEVERITIES } from '../../../policies/types';
import { launchBrowser } from '../../helpers/browser';
import { PROCESS_TEST_TIMEOUT_MS } from '../../helpers/timeouts';
import { loadRun } from '../formats/fixtures';

// Starts a browser (and, on a first run, inflates it: about 190 MB): allow for a loaded machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

describe('the HTML report in headless Chromium', () => {
  const run = loadRun('estate');
  const threshold = 'high';
  let dir: string;
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-browser-'));
    writeReport(renderReport(run, { threshold }), join(dir, 'report'));
    browser = await launchBrowser();
    // JavaScript off: the report must be readable without it.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'report', 'index.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the estate page with its stylesheet applied', async () => {
    expect(await page.title()).toBe('Estate assurance report');
    await expect(page.locator('h1').textContent()).resolves.toBe('Estate assurance report');
    const headerBackground = await page.evaluate(
      "getComputedStyle(document.querySelector('header.top')).backgroundColor",
    );
    expect(headerBackground).toBe('rgb(11, 37, 69)');
    const svg = await page.locator('#network svg').boundingBox();
    expect(svg!.width).toBeGreaterThan(300);
    expect(svg!.height).toBeGreaterThan(300);
  });

  it('shows the counts and verdict of the check run', async () => {
    const summary = summarise(run, threshold);
    for (const s of SEVERITIES) {
      await expect(page.locator(`[data-count="${s}-open"]`).textContent()).resolves.toBe(
        String(summary.bySeverity[s].open),
      );
      await expect(page.locator(`[data-count="${s}-waived"]`).textContent()).resolves.toBe(
        String(summary.bySeverity[s].waived),
      );
    }
    await expect(page.locator('[data-count="blocking"]').textContent()).resolves.toBe(String(summary.blocking));
    await expect(page.locator('[data-count="resources"]').textContent()).resolves.toBe(String(summary.resources));
    await expect(page.locator('.verdict .word').textContent()).resolves.toBe('FAIL');
    expect(await page.locator('table.stacks tbody tr').count()).toBe(run.stacks.length);
  });

  it('links to each force page and back', async () => {
    await page.locator('table.stacks a', { hasText: 'kent' }).click();
    await page.waitForURL(/stacks\/kent\.html$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Force: kent');
    const kent = summarise(
      {
        ...run,
        findings: run.findings.filter((f) => f.stack === 'kent'),
        stacks: run.stacks.filter((s) => s.name === 'kent'),
      },
      threshold,
    );
    await expect(page.locator('[data-count="high-open"]').textContent()).resolves.toBe(
      String(kent.bySeverity.high.open),
    );
    await expect(page.locator('[data-count="low-waived"]').textContent()).resolves.toBe(
      String(kent.bySeverity.low.waived),
    );
    await page.locator('a', { hasText: 'Back to the estate' }).click();
    await page.waitForURL(/index\.html$/);
    // A spoke in the network picture is a link too.
    await page.locator('#network svg a[href="stacks/essex.html"]').click();
    await page.waitForURL(/stacks\/essex\.html$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Force: essex');
  });

  it('fetches nothing but its own files', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
  });

  it('produces a full-page screenshot', async () => {
    await page.goto(pathToFileURL(join(dir, 'report', 'index.html')).href);
    const file = join(dir, 'estate.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = pngSize(file);
    expect(png.width).toBe(1280);
    expect(png.height).toBeGreaterThan(2000);
    expect(png.bytes).toBeGreaterThan(50_000);
  });
});
