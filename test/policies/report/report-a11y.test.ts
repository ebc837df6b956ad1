/**
 * The report for every reader: axe-core on each kind of page (estate, hub, force) fails on any
 * serious or critical violation, and at 390 px wide (a phone) nothing scrolls sideways but a
 * table's own scroll container, and no rule id is broken across lines.
 *
 * Chromium is the npm-packaged one (@sparticuz/chromium), launched by test/helpers/browser.ts as
 * in the other browser test: one inflated copy in node_modules/.cache, and web security on. A reader
 * opens the report with JavaScript disabled; only this test's context enables it, to run axe, and
 * bypasses the report's CSP (which allows no script) to inject it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readDriftResults } from '../../../policies/report/drift';
import { renderReport } from '../../../policies/report/render';
import { writeReport } from '../../../policies/report/write';
import type { CheckRun, Finding, StackInventory } from '../../../policies/types';
import { launchBrowser } from '../../helpers/browser';
import { loadRun } from '../formats/fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const AXE = require.resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };

jest.setTimeout(180_000);

/**
 * The bundled fixture run, widened to the size of the real estate: every force in forces/ as a
 * spoke with an address space and a finding, so the network picture and tables are full size.
 */
function estateSizedRun(): CheckRun {
  const base = loadRun('estate');
  const known = new Set(base.stacks.map((s) => s.name));
  const ids = readdirSync(join(ROOT, 'forces'))
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.adopt.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .filter((id) => !known.has(id));
  const template = base.stacks.find((s) => s.name === 'essex')!;
  const stacks: StackInventory[] = ids.map((id, i) => ({
    ...template,
    name: id,
    source: `forces/${id}.yaml`,
    addressSpaces: [`10.${70 + Math.floor(i / 8)}.${(i % 8) * 32}.0/19`],
  }));
  const sample = base.findings.find((f) => f.stack === 'essex' && !f.waiver)!;
  const findings: Finding[] = ids.map((id) => ({ ...sample, stack: id }));
  return { ...base, stacks: [...base.stacks, ...stacks], findings: [...base.findings, ...findings] };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the HTML report for every reader (axe-core, a 390 px phone)', () => {
  const run = estateSizedRun();
  const pages = {
    estate: 'index.html',
    hub: 'stacks/national.html',
    force: 'stacks/essex.html',
    'force with waivers': 'stacks/kent.html',
  };
  let dir: string;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const open = (file: string) => page.goto(pathToFileURL(join(dir, 'report', file)).href);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-a11y-'));
    // With a drift run, so the drift badges and lists are checked too.
    const drift = readDriftResults(join(ROOT, 'test', 'fixtures', 'drift', 'bluelamp-drift.json'), 'drift.json');
    writeReport(renderReport(run, { threshold: 'high', drift }), join(dir, 'report'));
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.entries(pages))('has no serious or critical axe-core violation on the %s page', async (_, file) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(file);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate<Violation[]>(
      "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
    );
    const grave = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}, first ${v.nodes[0].target.join(' ')})`);
    expect(grave).toEqual([]);
  });

  it('is checked by an axe run that does report a nested link in a picture', async () => {
    await page.setContent(
      '<html lang="en"><title>t</title><main><svg role="img" aria-label="p"><a href="#x"><text>x</text></a></svg></main></html>',
    );
    await page.addScriptTag({ path: AXE });
    const ids = await page.evaluate<string[]>(
      "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id))",
    );
    expect(ids).toContain('nested-interactive');
  });

  it.each(Object.entries(pages))(
    'at 390 px wide scrolls sideways only inside a table scroll container on the %s page',
    async (_, file) => {
      await page.setViewportSize(PHONE);
      await open(file);
      const result = await page.evaluate<{
        viewport: number;
        pageWidth: number;
        overflowing: string[];
        strayScrollers: string[];
        tableScrollers: number;
        tablesOutsideScrollers: number;
      }>(`(() => {
        const viewport = document.documentElement.clientWidth;
        const inScroller = (el) => Boolean(el.closest('.table-scroll'));
        const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        const overflowing = [];
        const scrollers = [];
        for (const el of document.body.querySelectorAll('*')) {
          const style = getComputedStyle(el);
          if (el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(style.overflowX)) scrollers.push(el);
          if (inScroller(el)) continue;
          const box = el.getBoundingClientRect();
          if (box.width > 0 && (box.right > viewport + 0.5 || box.left < -0.5)) overflowing.push(name(el) + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
        }
        return {
          viewport,
          pageWidth: document.documentElement.scrollWidth,
          overflowing: overflowing.slice(0, 10),
          strayScrollers: scrollers.filter((el) => !(el.classList.contains('table-scroll') && el.firstElementChild && el.firstElementChild.tagName === 'TABLE')).map(name),
          tableScrollers: scrollers.length,
          tablesOutsideScrollers: [...document.querySelectorAll('table')].filter((t) => !(t.parentElement && t.parentElement.classList.contains('table-scroll'))).length,
        };
      })()`);
      expect(result.viewport).toBe(PHONE.width);
      expect(result).toMatchObject({
        pageWidth: PHONE.width,
        overflowing: [],
        strayScrollers: [],
        tablesOutsideScrollers: 0,
      });
    },
  );

  it('at 390 px keeps every rule id on one line and the network picture inside the page', async () => {
    await page.setViewportSize(PHONE);
    await open(pages.estate);
    const broken = await page.evaluate<string[]>(`[...document.querySelectorAll('code')]
      .filter((c) => /^BL-[A-Z]+-\\d{3}$/.test(c.textContent))
      .filter((c) => c.getClientRects().length !== 1 || c.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(c).fontSize))
      .map((c) => c.textContent)`);
    expect(broken).toEqual([]);
    expect(await page.locator('code', { hasText: /^BL-[A-Z]+-\d{3}$/ }).count()).toBeGreaterThan(5);
    const picture = await page.locator('#network svg').boundingBox();
    expect(picture!.x).toBeGreaterThanOrEqual(0);
    expect(picture!.x + picture!.width).toBeLessThanOrEqual(PHONE.width);
  });
});
