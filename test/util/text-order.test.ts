import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareText } from '../../util/text-order';
import { removeDir } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const ROOT = join(__dirname, '..', '..');

describe('the order names are sorted in', () => {
  it('is English collation: hyphens before letters, case after letter', () => {
    expect(['north-yorkshire', 'north-wales', 'dyfed-powys', 'dorset', 'Durham'].sort(compareText)).toEqual([
      'dorset',
      'Durham',
      'dyfed-powys',
      'north-wales',
      'north-yorkshire',
    ]);
  });

  it("synthesises the national stack to the same bytes whatever the machine's locale", () => {
    // Lithuanian sorts y after i, Danish aa after z: both once reordered the hub firewall's per-force rules.
    const out = mkdtempSync(join(tmpdir(), 'bluelamp-test-locale-'));
    try {
      const national = (locale: string) => {
        execFileSync(
          process.execPath,
          [
            join(ROOT, 'bin', 'bluelamp'),
            'synth',
            '--force',
            'national',
            '--dir',
            ROOT,
            '--out',
            join(out, locale),
            '--quiet',
          ],
          { env: { ...process.env, LANG: locale, LC_ALL: locale, BLUELAMP_CACHE_DIR: 'off' } },
        );
        return readFileSync(join(out, locale, 'stacks', 'national', 'cdk.tf.json'), 'utf8');
      };
      const english = national('C.UTF-8');
      expect(national('lt_LT.UTF-8') === english).toBe(true);
      expect(national('da_DK.UTF-8') === english).toBe(true);
    } finally {
      removeDir(out);
    }
  });
});
