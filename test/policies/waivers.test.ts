import { join } from 'node:path';
import { ConfigError, formatIssue } from '../../config/errors';
import { addMonths, globToRegExp, isCatchAll, isExpired, loadWaivers, reasonProblem } from '../../policies/waivers';

const FIXTURES = join(__dirname, '..', 'fixtures', 'policies');
const NOW = new Date('2026-03-01T12:00:00Z');

/** The formatted problems of one invalid fixture folder. */
function problems(folder: string): string[] {
  try {
    loadWaivers(join(FIXTURES, 'waivers-invalid', folder), FIXTURES, NOW);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error(`${folder} loaded without problems`);
}

describe('waiver files', () => {
  it('load with their source line and a compiled resource glob', () => {
    const [first] = loadWaivers(join(FIXTURES, 'estate', 'policies', 'waivers'), join(FIXTURES, 'estate'), NOW);
    expect(first).toMatchObject({
      stack: 'essex',
      rule: 'BL-STG-003',
      source: { file: 'policies/waivers/essex.yaml', line: 3, col: 5 },
    });
    expect(first.matcher.test('azurerm_storage_account.Logging_Archive_5E6F7A8B')).toBe(true);
  });

  it('reject a placeholder reason, naming file, line and field', () => {
    expect(problems('short-reason')).toEqual([
      expect.stringMatching(
        /^waivers-invalid\/short-reason\/essex\.yaml:4:13 waivers\[0\]\.reason: must be a real sentence/,
      ),
    ]);
  });

  it('reject an expiry more than 12 months after approval, saying the latest allowed date', () => {
    expect(problems('too-long')).toEqual([
      expect.stringMatching(
        /essex\.yaml:7:14 waivers\[0\]\.expires: is more than 12 months after approvedOn; the latest allowed is 2027-01-15/,
      ),
    ]);
  });

  it('reject a waiver of a rule that cannot be waived (residency)', () => {
    expect(problems('not-waivable')).toEqual([
      expect.stringMatching(/essex\.yaml:2:11 waivers\[0\]\.rule: BL-RES-001 .* cannot be waived/),
    ]);
  });

  it('reject an unknown key with a suggestion, and the missing required field', () => {
    const found = problems('unknown-key');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/essex\.yaml:7:5 waivers\[0\]\.expiry: unknown key "expiry"; did you mean "expires"\?/),
        expect.stringMatching(/waivers\[0\]\.expires: is required/),
      ]),
    );
  });

  it('reject a date that is not on the calendar, and an approval in the future', () => {
    expect(problems('bad-date')).toEqual([
      expect.stringMatching(/waivers\[0\]\.approvedOn: is not a real calendar date/),
    ]);
    expect(problems('future-approval')).toEqual([
      expect.stringMatching(/essex\.yaml:6:17 waivers\[0\]\.approvedOn: 2026-04-01 is in the future/),
    ]);
  });
});

describe('waiver helpers', () => {
  it('judge a reason by words, not just length', () => {
    expect(reasonProblem('n/a')).toBeDefined();
    expect(reasonProblem('temporary exception for the migration work, see the ticket')).toMatch(/placeholder/);
    expect(reasonProblem('The legacy SIEM reads this account over a public endpoint until June.')).toBeUndefined();
  });

  it('add calendar months, clamping to the end of the month', () => {
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
  });

  it('expire a waiver the day after its expiry date', () => {
    expect(isExpired({ expires: '2026-03-01' }, NOW)).toBe(false);
    expect(isExpired({ expires: '2026-02-28' }, NOW)).toBe(true);
  });

  it('match globs on the whole address, with * and ? only', () => {
    const re = globToRegExp('azurerm_storage_account.Evidence?Store_*');
    expect(re.test('azurerm_storage_account.Evidence_Store_A1')).toBe(true);
    expect(re.test('xazurerm_storage_account.Evidence_Store_A1')).toBe(false);
    expect(globToRegExp('a.b').test('aXb')).toBe(false);
  });
});

describe('waivers that would cover too much or too long', () => {
  it('reject a glob that matches any resource, naming file, line and field', () => {
    expect(problems('catch-all')).toEqual([
      expect.stringMatching(/essex\.yaml:3:15 waivers\[0\]\.resource: "azurerm_\*" would match any resource/),
    ]);
  });

  it.each([['*'], ['*.*'], ['azurerm_*'], ['*_*'], ['?*']])('treat %s as a catch-all', (glob) => {
    expect(isCatchAll(glob)).toBe(true);
  });

  it.each([['azurerm_storage_account.*'], ['*Logging_Archive*'], ['essex/Evidence/*'], ['(stack)']])(
    'accept %s, which names what it covers',
    (glob) => {
      expect(isCatchAll(glob)).toBe(false);
    },
  );

  it('end a waiver at midnight in London, not UTC (an hour early in summer time)', () => {
    expect(isExpired({ expires: '2026-06-30' }, new Date('2026-06-30T22:59:00Z'))).toBe(false);
    expect(isExpired({ expires: '2026-06-30' }, new Date('2026-06-30T23:30:00Z'))).toBe(true);
    expect(isExpired({ expires: '2026-01-31' }, new Date('2026-01-31T23:30:00Z'))).toBe(false);
  });
});
