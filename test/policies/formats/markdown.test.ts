import { formatRun } from '../../../policies/formats';
import { formatMarkdown, GITHUB_COMMENT_LIMIT, mdCell, noMentions } from '../../../policies/formats/markdown';
import { bigRun, loadRun } from './fixtures';

describe('markdown format', () => {
  const run = loadRun('estate');
  const md = formatRun(run, 'markdown', 'high');

  it('opens with the verdict and counts by severity', () => {
    expect(md.split('\n')[0]).toBe('## :x: Blue Lamp assurance: FAIL');
    expect(md).toContain('| Critical | 1 | 0 |');
    expect(md).toContain('| High | 3 | 1 |');
    expect(formatRun(loadRun('clean'), 'markdown', 'high').split('\n')[0]).toBe(
      '## :white_check_mark: Blue Lamp assurance: PASS',
    );
  });

  it('tables unwaived findings worst first and collapses the waived ones', () => {
    const open = md.slice(md.indexOf('### Unwaived findings (6)'), md.indexOf('<details>'));
    const rows = open.split('\n').filter((l) => /^\| (Critical|High|Medium|Low)/.test(l));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| Critical',
      '| High (unknown)',
      '| High',
      '| High',
      '| Medium (below threshold)',
      '| Medium (below threshold)',
    ]);
    expect(open).not.toContain('Evidence_Account_4');
    const waived = md.slice(md.indexOf('<details>'));
    expect(waived).toMatch(/^<details><summary>Waived findings \(2\)<\/summary>/);
    expect(waived).toContain(
      '| `BL-STG-001` | essex | `azurerm_storage_account.Evidence_Account_4` | Migration from the legacy',
    );
    expect(waived.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('escapes cells so config values cannot inject HTML or break the table', () => {
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(md).not.toContain('<script>');
    expect(md).toContain('pipeline \\| not by Blue Lamp.');
    expect(mdCell('a|b\nc *d* [x](y)')).toBe('a\\|b c \\*d\\* \\[x\\](y)');
  });

  it('stays under the GitHub comment limit and says how many findings it left out', () => {
    const big = formatRun(bigRun(2000), 'markdown', 'high');
    expect(big.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const shown = big.split('\n').filter((l) => l.startsWith('| High | `')).length;
    expect(shown).toBeGreaterThan(100);
    expect(big).toContain(`> **${2000 - shown} more unwaived findings not shown:**`);
  });

  it('truncates the waived list too when the limit is tight', () => {
    const small = formatMarkdown(run, 'high', 3_000);
    expect(small.length).toBeLessThan(3_000);
    expect(small).toMatch(/more (unwaived|waived) findings? not shown/);
  });

  it('makes @-mentions in finding and waiver text inert, so a comment pings nobody', () => {
    const [open, waived] = [run.findings.find((f) => !f.waiver)!, run.findings.find((f) => f.waiver)!];
    const pinging = {
      ...run,
      findings: [
        { ...open, message: 'tag owner is @alice (cc @essex-police/platform-team)' },
        {
          ...waived,
          waiver: {
            ...waived.waiver!,
            reason: 'Agreed with @bob on the call; see the ticket for details.',
            approvedBy: '@essex-police/siro',
            ticket: 'ASSURE-1 @carol',
          },
        },
      ],
    };
    const md = formatMarkdown(pinging, 'high');
    // GitHub's mention pattern: an @ at the start or after a non-word character, then a name.
    expect(md.match(/(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]/gm)).toBeNull();
    expect(md).toContain('tag owner is @\u200Dalice (cc @\u200Dessex-police/platform-team)');
    expect(md).toContain('| @\u200Dessex-police/siro |');
    expect(md).toContain('Agreed with @\u200Dbob');
  });

  it('leaves email addresses as they are (GitHub does not read them as mentions)', () => {
    expect(noMentions('contact security@essex.police.example or @soc')).toBe(
      'contact security@essex.police.example or @\u200Dsoc',
    );
    expect(mdCell('a_@b')).toBe('a\\_@b');
  });
});
