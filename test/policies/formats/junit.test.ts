import { formatRun } from '../../../policies/formats';
import { escapeXml } from '../../../policies/formats/xml';
import { assertWellFormed, loadRun } from './fixtures';

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
      /<testsuites name="bluelamp check \(threshold high\)" tests="9" failures="4" errors="0" skipped="4"/,
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

  it('replaces characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u001bc\td')).toBe('a\uFFFDb\uFFFDc\td');
    expect(escapeXml('\uD800x')).toBe('\uFFFDx');
    expect(escapeXml('😀')).toBe('😀');
  });
});
