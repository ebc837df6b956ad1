import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { ESTATE_MANIFEST, synthesizeEstate } from '../../stacks/synthesize';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';

/** Every file of a synth output folder with its bytes, for byte-for-byte comparison. */
function snapshot(outdir: string): Array<[string, string]> {
  return listFiles(outdir).map((f) => [f, readFileSync(join(outdir, f), 'utf8')]);
}

describe('incremental synthesis', () => {
  let dir: string;
  // Every output folder is named `out` (cdktf's manifest records the folder's name), under a different parent.
  const out = (name: string) => join(dir, name, 'out');
  beforeAll(async () => {
    dir = tempEstate();
    await synthesizeEstate(loadEstate(dir), { outdir: out('previous') });
    // One force changes after that synth.
    const file = join(dir, 'forces', 'bravo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2'));
  }, 60_000);
  afterAll(() => removeDir(dir));

  it('synthesises only the stack whose inputs changed, and writes exactly what a cold synth writes', async () => {
    const estate = loadEstate(dir);
    expect(estate.forces.find((f) => f.config.id === 'bravo')?.config.costCentre).toBe('BRAVO-ICT-2');
    const synthesised: string[] = [];
    const warm = await synthesizeEstate(estate, {
      outdir: out('warm'),
      reuseFrom: [out('previous')],
      onProgress: (l) => synthesised.push(...(/^synth (\S+) \(/.exec(l)?.slice(1) ?? [])),
    });
    expect(warm.reused).toEqual(['national', 'alpha']);
    expect(synthesised).toEqual(['bravo']);
    const cold = await synthesizeEstate(estate, { outdir: out('cold'), reuseFrom: false });
    expect(cold.reused).toEqual([]);
    const coldFiles = snapshot(out('cold'));
    expect(coldFiles.map(([f]) => f)).toContain('stacks/bravo/cdk.tf.json');
    expect(snapshot(out('warm'))).toEqual(coldFiles);
    expect(readFileSync(join(out('cold'), 'stacks', 'bravo', 'cdk.tf.json'), 'utf8')).toContain('BRAVO-ICT-2');
  }, 60_000);

  it('reuses its own previous output by default, and everything when nothing changed', async () => {
    const estate = loadEstate(dir);
    await synthesizeEstate(estate, { outdir: out('own'), reuseFrom: false });
    const again = await synthesizeEstate(estate, { outdir: out('own') });
    expect(again.reused).toEqual(['national', 'alpha', 'bravo']);
    expect(snapshot(out('own'))).toEqual(snapshot(out('cold')));
  }, 60_000);

  it('never trusts a stack whose Terraform JSON was edited after synth: it is synthesised again', async () => {
    const estate = loadEstate(dir);
    await synthesizeEstate(estate, { outdir: out('tampered'), reuseFrom: false });
    const alpha = join(out('tampered'), 'stacks', 'alpha', 'cdk.tf.json');
    writeFileSync(alpha, readFileSync(alpha, 'utf8').replace('"uksouth"', '"westeurope"'));
    const progress: string[] = [];
    const result = await synthesizeEstate(estate, { outdir: out('tampered'), onProgress: (l) => progress.push(l) });
    expect(result.reused).toEqual(['national', 'bravo']);
    expect(progress.some((l) => /alpha: the output .* does not match its recorded fingerprint/.test(l))).toBe(true);
    expect(snapshot(out('tampered'))).toEqual(snapshot(out('cold')));
  }, 60_000);

  it('never trusts a forged fingerprint: an entry claiming the current inputs for other output is rebuilt', async () => {
    const estate = loadEstate(dir);
    await synthesizeEstate(estate, { outdir: out('forged'), reuseFrom: false });
    // Swap two stacks' Terraform, keeping every fingerprint as recorded.
    const a = join(out('forged'), 'stacks', 'alpha', 'cdk.tf.json');
    const b = join(out('forged'), 'stacks', 'bravo', 'cdk.tf.json');
    const [textA, textB] = [readFileSync(a), readFileSync(b)];
    writeFileSync(a, textB);
    writeFileSync(b, textA);
    const result = await synthesizeEstate(estate, { outdir: out('forged') });
    expect(result.reused).toEqual(['national']);
    expect(snapshot(out('forged'))).toEqual(snapshot(out('cold')));
  }, 60_000);

  it('synthesises again a stack whose previous Terraform JSON cannot be read, instead of failing', async () => {
    const estate = loadEstate(dir);
    await synthesizeEstate(estate, { outdir: out('unreadable'), reuseFrom: false });
    // What a folder being replaced by another run, or a file with no read permission, looks like.
    const alpha = join(out('unreadable'), 'stacks', 'alpha', 'cdk.tf.json');
    rmSync(alpha);
    mkdirSync(alpha);
    const progress: string[] = [];
    const result = await synthesizeEstate(estate, {
      outdir: out('from-unreadable'),
      reuseFrom: [out('unreadable')],
      onProgress: (l) => progress.push(l),
    });
    expect(result.reused).toEqual(['national', 'bravo']);
    expect(progress.some((l) => /alpha: the output .* does not match its recorded fingerprint/.test(l))).toBe(true);
    expect(snapshot(out('from-unreadable'))).toEqual(snapshot(out('cold')));
  }, 60_000);

  it.each([
    ['an unreadable bluelamp.json', (text: string) => text.slice(0, 40)],
    ['another tool version', (text: string) => text.replace(/"version": "[^"]+"/, '"version": "0.0.0-other"')],
    [
      'another synthesis code',
      (text: string) => text.replace(/"codeSha256": "[0-9a-f]+"/, `"codeSha256": "${'0'.repeat(64)}"`),
    ],
  ])(
    'rebuilds everything from %s, reporting why when it is not simply other code',
    async (what, corrupt) => {
      const estate = loadEstate(dir);
      const name = `foreign-${what.replace(/\W+/g, '-')}`;
      await synthesizeEstate(estate, { outdir: out(name), reuseFrom: false });
      const manifest = join(out(name), ESTATE_MANIFEST);
      writeFileSync(manifest, corrupt(readFileSync(manifest, 'utf8')));
      const progress: string[] = [];
      const result = await synthesizeEstate(estate, { outdir: out(name), onProgress: (l) => progress.push(l) });
      expect(result.reused).toEqual([]);
      expect(progress.filter((l) => l.startsWith('synth: ')).length).toBe(what === 'another synthesis code' ? 0 : 1);
      expect(snapshot(out(name))).toEqual(snapshot(out('cold')));
    },
    60_000,
  );
});
