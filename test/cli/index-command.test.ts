import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { FORCE_INDEX_FILE, forceIndexText } from '../../config/force-index';
import { runCli } from '../helpers/cli';
import { removeDir, tempEstate } from '../helpers/estate';

describe('bluelamp index', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  const expected = () => {
    const estate = loadEstate(dir, { cache: false });
    return forceIndexText(estate);
  };

  it('writes forces/index.json for the validated estate, and --check then passes', async () => {
    expect((await runCli(['index', '--check', '--dir', dir], dir)).code).toBe(1);
    const written = await runCli(['index', '--dir', dir], dir);
    expect(written).toEqual({ code: 0, stdout: '', stderr: `${FORCE_INDEX_FILE}: written, 2 forces\n` });
    expect(readFileSync(join(dir, FORCE_INDEX_FILE), 'utf8')).toBe(expected());
    // Nothing but the index itself is left in forces/ (written through a temporary file beside it).
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml', 'index.json']);
    const checked = await runCli(['index', '--check', '--dir', dir], dir);
    expect(checked).toEqual({ code: 0, stdout: '', stderr: `${FORCE_INDEX_FILE}: current for 2 forces\n` });
  });

  it('--check names the stale entries and writes nothing', async () => {
    await runCli(['index', '--dir', dir], dir);
    const before = readFileSync(join(dir, FORCE_INDEX_FILE), 'utf8');
    const bravo = join(dir, 'forces', 'bravo.yaml');
    writeFileSync(bravo, readFileSync(bravo, 'utf8').replace('costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2'));
    const checked = await runCli(['index', '--check', '--dir', dir], dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toBe(
      `${FORCE_INDEX_FILE}: stale for 1 force file (forces/bravo.yaml); run bluelamp index and commit it\n`,
    );
    expect(readFileSync(join(dir, FORCE_INDEX_FILE), 'utf8')).toBe(before);
  });

  it('writes nothing for an invalid estate, and says where it is wrong', async () => {
    const bravo = join(dir, 'forces', 'bravo.yaml');
    writeFileSync(bravo, readFileSync(bravo, 'utf8').replace('name: Bravo Police', 'name: Alpha Constabulary'));
    const result = await runCli(['index', '--dir', dir], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'forces/bravo.yaml:4:7 name: "Alpha Constabulary" is already used by forces/alpha.yaml',
    );
    expect(existsSync(join(dir, FORCE_INDEX_FILE))).toBe(false);
  });
});
