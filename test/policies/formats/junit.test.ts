import { formatRun } from '../../../policies/formats';
import { escapeXml } from '../../../policies/formats/xml';
import { assertWellFormed, loadRun } from './fixtures';

/**
 * The junit-10 schema, element by element: allowed attributes, required attributes and allowed
 * children. Transcribed from jenkinsci/xunit-plugin,
 * src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd (commit 031e285e).
 */
const JUNIT_10: Record<string, { attrs: string[]; required: string[]; children: string[] }> = {
  testsuites: { attrs: ['name', 'time', 'tests', 'failures', 'errors'], required: [], children: ['testsuite'] },
  testsuite: {
    attrs: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id'].concat([
      'package',
      'file',
      'log',
      'url',
    ]),
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  testcase: {
    attrs: ['name', 'time', 'classname', 'group'],
    required: ['name'],
    children: ['skipped', 'error', 'failure', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError'].concat([
      'system-out',
      'system-err',
    ]),
  },
  failure: { attrs: ['type', 'message'], required: [], children: [] },
  error: { attrs: ['type', 'message'], required: [], children: [] },
  skipped: { attrs: ['type', 'message'], required: [], children: [] },
};

/** What in `xml` the junit-10 schema does not allow, one line each; [] when it conforms. */
function junit10Problems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  // Attribute values are escaped (no raw < or "), so a tag ends at the first >.
  for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z-]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    const spec = JUNIT_10[name];
    const parent = stack.at(-1);
    if (!spec) problems.push(`${name}: element is not in junit-10`);
    else if (parent ? !JUNIT_10[parent]?.children.includes(name) : name !== 'testsuites')
      problems.push(`${name}: not allowed ${parent ? `inside ${parent}` : 'as the root'}`);
    const attrs = [...attrText.matchAll(/([A-Za-z-]+)="[^"]*"/g)].map((a) => a[1]);
    for (const a of attrs)
      if (spec && !spec.attrs.includes(a)) problems.push(`${name}: attribute ${a} is not in junit-10`);
    for (const a of spec?.required ?? [])
      if (!attrs.includes(a)) problems.push(`${name}: required attribute ${a} is missing`);
    if (!selfClosing) stack.push(name);
  }
  return problems;
}

describe('junit format', () => {
  const run = loadRun('estate');
  const xml = formatRun(run, 'junit', 'high');
  const suite = (name: string) => xml.match(new RegExp(`<testsuite name="${name}"[^>]*>`))![0];

  it('is well-formed XML even with markup and quotes in finding messages', () => {
    assertWellFormed(xml);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(xml).not.toContain('<script>');
  });

  it('has a testsuite per stack with counts that add up', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml).toMatch(
      /<testsuites name="bluelamp check \(threshold high\)" tests="9" failures="4" errors="0" time="0">/,
    );
    expect(suite('essex')).toContain('tests="3" failures="2" errors="0" skipped="1"');
    expect(suite('kent')).toContain('tests="4" failures="2" errors="0" skipped="2"');
  });

  it('reports waived findings as skipped with the waiver justification', () => {
    expect(xml).toContain(
      '<skipped message="waived (ASSURE-101, approved by J. Smith, Essex SIRO on 2025-08-01, expires 2026-02-01): Migration',
    );
  });

  it('fails blocking findings with the severity as the type and the source line in the details', () => {
    const testcase = xml.slice(xml.indexOf('name="BL-NET-001 azurerm_network_security_group.Lz_Nsg_3"'));
    expect(testcase).toMatch(
      /^[^]*?<failure message="Rule &quot;allow-rdp&quot;[^"]*" type="critical">CRITICAL BL-NET-001: No inbound/,
    );
    expect(testcase.slice(0, testcase.indexOf('</testcase>'))).toContain('Source: forces/essex.yaml:24:7');
  });

  it('skips findings under the threshold, saying so, so the test tab agrees with the exit code', () => {
    expect(xml).toContain(
      '<skipped message="below the high threshold: medium retention_in_days is 90, needs at least 365"/>',
    );
    expect(formatRun(run, 'junit', 'low')).toMatch(/<testsuites [^>]*failures="6"/);
  });

  it('keeps a passing testcase for a stack with no findings so it shows in the results', () => {
    expect(suite('city-of-london')).toContain('tests="1" failures="0"');
    expect(xml).toContain(
      '<testcase classname="bluelamp.city-of-london" name="city-of-london: no findings" time="0"/>',
    );
  });

  it('uses only the elements and attributes the junit-10 schema allows, and its required ones', () => {
    for (const threshold of ['high', 'low'] as const) {
      for (const r of [run, loadRun('clean')]) expect(junit10Problems(formatRun(r, 'junit', threshold))).toEqual([]);
    }
    expect(junit10Problems('<testsuites skipped="1"><testsuite name="a" tests="1" errors="0"/></testsuites>')).toEqual([
      'testsuites: attribute skipped is not in junit-10',
      'testsuite: required attribute failures is missing',
    ]);
  });

  it('replaces characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u001bc\td')).toBe('a\uFFFDb\uFFFDc\td');
    expect(escapeXml('\uD800x')).toBe('\uFFFDx');
    expect(escapeXml('😀')).toBe('😀');
  });
});
