import { join } from 'node:path';
import { parseDriftResults, readDriftResults } from '../../../policies/report/drift';
import { categoryOf } from '../../../policies/report/inventory';
import { renderReport } from '../../../policies/report/render';
import { loadRun } from '../formats/fixtures';

describe('HTML assurance report', () => {
  const run = loadRun('estate');
  const files = renderReport(run, { threshold: 'high' });
  const file = (path: string) => files.find((f) => f.path === path)!.content;
  const index = file('index.html');
  const essex = file('stacks/essex.html');
  /**
   * Markup with the layout whitespace between tags removed and `<x ... />` written `<x ...>`: the
   * source templates are formatted for reading, and the tests assert on structure, not indentation.
   */
  const tidy = (markup: string) =>
    markup
      .replace(/>\s+</g, '><')
      .replace(/\s*\/>/g, '>')
      .replace(/\s+/g, ' ')
      .replace(/(<[a-z]+) ([^>]*?)\s*>/g, (_m, tag: string, attrs: string) => `${tag} ${attrs.trim()}>`)
      .replace(/> /g, '>')
      .replace(/ </g, '<');

  it('writes an estate page and one page per stack', () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      'index.html',
      'stacks/city-of-london.html',
      'stacks/essex.html',
      'stacks/kent.html',
      'stacks/national.html',
    ]);
    for (const stack of ['national', 'essex', 'kent', 'city-of-london'])
      expect(index).toContain(`<a href="stacks/${stack}.html">${stack}</a>`);
    expect(essex).toContain('<a href="../index.html">Back to the estate</a>');
  });

  it('is self-contained: no scripts, stylesheets, images or fonts fetched from anywhere', () => {
    for (const { content } of files) {
      expect(content).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
      expect(content).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
      expect(content).toContain('<style>');
      // Defence in depth: even markup that slipped past the escaping could not run or fetch anything.
      expect(tidy(content)).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
      );
    }
  });

  it('escapes every piece of text taken from the run', () => {
    for (const { content } of files) expect(content).not.toContain('<script>alert(1)</script>');
    expect(essex).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(file('stacks/kent.html')).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
  });

  it('shows counts that match the run, and the verdict at the threshold', () => {
    expect(index).toContain('data-verdict="fail"');
    expect(index).toContain('<div class="n" data-count="critical-open">1</div>');
    expect(index).toContain('<div class="n" data-count="high-open">3</div>');
    expect(index).toContain('<span data-count="high-waived">1</span>');
    expect(index).toContain('<div class="n" data-count="blocking">4</div>');
    expect(index).toContain('<div class="n" data-count="resources">20</div>');
    expect(file('stacks/city-of-london.html')).toContain('data-verdict="pass"');
    expect(renderReport(run, { threshold: 'critical' })[0].content).toContain(
      '<div class="n" data-count="blocking">1</div>',
    );
  });

  it('groups findings under each NCSC principle their rule serves and shows uncovered principles as gaps', () => {
    const section = (n: string) =>
      index.slice(
        index.indexOf(`data-principle="${n}"`),
        index.indexOf('</section>', index.indexOf(`data-principle="${n}"`)),
      );
    expect(section('2')).toContain('Evidence_Account_4');
    expect(section('11')).toContain('Evidence_Account_4');
    expect(section('11')).toContain('Lz_Nsg_3');
    expect(section('13')).toContain('Soc_Workspace_4');
    expect(index).toMatch(/<section class="principle gap" data-principle="6">/);
    expect(index).toContain('Principle 6: Personnel security');
    expect(section('')).toContain('BL-WVR-001');
  });

  it('lists waivers with expiry, highlighting those expiring within 30 days and those expired', () => {
    const row = (ticket: string) =>
      index.slice(
        index.lastIndexOf('<tr', index.indexOf(`<td>${ticket}</td>`)),
        index.indexOf('</tr>', index.indexOf(`<td>${ticket}</td>`)),
      );
    expect(row('ASSURE-101')).toMatch(/data-waiver-status="expiring"[^]*expires in 17 days/);
    expect(row('ASSURE-203')).toMatch(/data-waiver-status="expired"[^]*matches nothing/);
    expect(row('ASSURE-202')).toContain('data-waiver-status="active"');
    expect(index).toContain('1 waiver expires within 30 days');
    const kent = file('stacks/kent.html');
    expect(kent).toContain('ASSURE-202');
    expect(kent).toContain('ASSURE-203');
    expect(kent).not.toContain('ASSURE-101');
  });

  it('draws the hub and every spoke with its address spaces, linking spokes to their pages', () => {
    const svg = tidy(index.slice(index.indexOf('<svg'), index.indexOf('</svg>')));
    expect(svg).toContain('NMC hub');
    expect(svg).toContain('10.0.0.0/20');
    expect(svg).toContain('10.67.0.0/19, 10.67.32.0/24');
    expect(svg).toContain('<a href="stacks/kent.html">');
    const essexSvg = tidy(essex.slice(essex.indexOf('<svg'), essex.indexOf('</svg>')));
    expect(essexSvg).toContain('10.66.0.0/19');
    expect(essexSvg).toContain('<a href="../stacks/national.html">');
  });

  it('groups the inventory into the categories a reviewer uses', () => {
    expect(essex).toMatch(/<h3>Network <span class="muted">\(2\)<\/span><\/h3>/);
    expect(essex).toMatch(/<h3>Connectors <span class="muted">\(1\)<\/span><\/h3>/);
    expect(tidy(index)).toContain(
      '<tr data-category="Logging &amp; SOC"><td>Logging &amp; SOC</td><td class="num">4</td>',
    );
    expect(
      [
        'azurerm_virtual_network',
        'azurerm_role_assignment',
        'azurerm_lighthouse_definition',
        'azurerm_sentinel_alert_rule_scheduled',
        'azurerm_network_watcher_flow_log',
        'azurerm_subscription_policy_assignment',
        'azurerm_management_lock',
        'azurerm_storage_account',
        'azurerm_key_vault',
        'azurerm_sentinel_data_connector_office_365',
        'azurerm_resource_group',
      ].map(categoryOf),
    ).toEqual([
      'Network',
      'Identity',
      'Identity',
      'Logging & SOC',
      'Logging & SOC',
      'Guardrails',
      'Guardrails',
      'Data/Evidence',
      'Data/Evidence',
      'Connectors',
      'Other',
    ]);
  });

  it('says what it was made from and leaves room for a reviewer to sign it off', () => {
    expect(tidy(index)).toContain('<dt>Generated</dt><dd>2026-01-15T09:30:00.000Z (15 January 2026 at 09:30 UTC)</dd>');
    expect(index).toContain('Synthesised Terraform JSON: <code>cdktf.out</code>');
    expect(tidy(index)).toMatch(/<dt>Tool<\/dt><dd>bluelamp \d+\.\d+\.\d+<\/dd>/);
    expect(index).toMatch(/<code>sha256:[0-9a-f]{64}<\/code>/);
    expect(index).toContain('Assurance sign-off: the estate');
    expect(essex).toContain('Assurance sign-off: force essex');
  });

  it('is a pure function of the run: the same run renders byte for byte the same', () => {
    expect(renderReport(run, { threshold: 'high' })).toEqual(files);
  });
});

describe('HTML report markup that validators and assistive technology read', () => {
  const files = renderReport(loadRun('estate'), { threshold: 'high' });

  it('gives every table header cell a scope: columns in the head, rows in the sign-off table', () => {
    for (const { path, content } of files) {
      const unscoped = content.match(/<th(?=[\s>])(?![^>]*\bscope="(?:col|row)")[^>]*>/g) ?? [];
      expect(`${path}: ${unscoped.join(' ')}`).toBe(`${path}: `);
      expect(content).toMatch(/<th scope="row" class="reviewer">Reviewer name<\/th>/);
    }
  });

  it('has no inline style attribute, which its CSP (inline stylesheet only) would refuse', () => {
    for (const { content } of files) expect(content).not.toMatch(/\sstyle="/);
  });

  it('puts every table in a named, focusable scroll container', () => {
    for (const { path, content } of files) {
      const tables = content.match(/<table\b/g)?.length ?? 0;
      const wrapped = content.match(
        /<div class="table-scroll" role="region" aria-label="[^"]+" tabindex="0"><table\b/g,
      );
      expect(`${path}: ${wrapped?.length ?? 0}`).toBe(`${path}: ${tables}`);
    }
  });

  it('draws the network picture as a group of links, never links inside an image', () => {
    for (const { content } of files) {
      expect(content).not.toMatch(/<svg[^>]*role="img"/);
      expect(content).toMatch(/<svg[^>]*role="group"[^>]*aria-label="[^"]+"/);
    }
  });

  it('marks rule ids so they are never broken across lines', () => {
    const index = files[0].content;
    expect(index).toContain('<code class="rule-id">BL-NET-001</code>');
    expect(index).not.toMatch(/<code>BL-[A-Z]+-\d{3}<\/code>/);
  });
});

describe('the last drift run in the report', () => {
  const drift = readDriftResults(join(__dirname, '..', '..', 'fixtures', 'drift', 'bluelamp-drift.json'), 'drift.json');
  const files = renderReport(loadRun('estate'), { threshold: 'high', drift });
  const file = (path: string) => files.find((f) => f.path === path)!.content;
  const row = (stack: string) => new RegExp(`<tr data-stack="${stack}">[^]*?</tr>`).exec(file('index.html'))![0];

  it('gives every stack its drift status in the estate table, security-relevant drift stated', () => {
    expect(row('national')).toContain('data-drift="in-sync">in sync</span>');
    expect(row('essex')).toContain('data-drift="drift">2 drifted, 1 security-relevant</span>');
    expect(row('kent')).toContain('data-drift="failed">not checked (failed)</span>');
    expect(row('city-of-london')).toContain('no result');
    expect(file('index.html')).toContain(
      'the last <code>bluelamp drift</code> run, 2026-01-15T05:40:12.000Z (from <code>drift.json</code>)',
    );
  });

  it('lists on the force page what changed outside Terraform, and why it matters', () => {
    const essex = file('stacks/essex.html');
    expect(essex).toContain(
      '<code>azurerm_network_security_group.Lz_Nsg_3</code> <span class="muted">changed outside Terraform (network security group)</span>',
    );
    expect(essex).toContain(
      '<code>azurerm_resource_group.Lz_Rg_1</code> <span class="muted">changed outside Terraform</span>',
    );
    expect(file('stacks/kent.html')).toContain('the state lock is held');
  });

  it('says when no drift result was given', () => {
    const without = renderReport(loadRun('estate'), { threshold: 'high' });
    expect(without[0].content).toContain('no drift results were found for this report');
    expect(without.find((f) => f.path === 'stacks/essex.html')!.content).toContain('No drift result for this stack');
  });

  it('refuses a file that is not a drift run, naming it', () => {
    expect(() => parseDriftResults('{"mode":"plan","generatedAt":"x","stacks":[]}', 'plan.json')).toThrow(
      'plan.json: not the result of a drift run',
    );
    expect(() => parseDriftResults('{', 'broken.json')).toThrow('broken.json: not JSON');
  });
});
