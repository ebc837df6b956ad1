import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { loadEstate } from '../../config/estate';
import { diffAgainstBase } from '../../delivery/estate-diff';
import { reviewPullRequest } from '../../delivery/pull-request';
import { manifestBaseOf, outputSha256 } from '../../stacks/synth-cache';
import type { EstateManifest } from '../../stacks/stack-inputs';
import { synthesizeEstate } from '../../stacks/synthesize';
import { removeDir } from '../helpers/estate';
import { captureIo, commitAll, editText, gitSync, prTestRepo, writeText } from './git-repo';

// Each test synthesises stacks in this process: seconds on a busy 2-core machine.
const SYNTH_TIMEOUT_MS = 120_000;

describe('bluelamp pr', () => {
  const state = prTestRepo();
  let repo: string;
  let cacheDir: string;
  beforeEach(() => ({ repo, cacheDir } = state));
  const edit = (file: string, from: string, to: string) => editText(repo, file, from, to);

  it(
    'checks and diffs only the force that changed, with the same diff as bluelamp diff',
    async () => {
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      commitAll(repo, 'bravo cost centre');
      const review = await reviewPullRequest(repo, 'HEAD~1');
      expect(review.affected.stacks).toEqual(['bravo']);
      expect(review.strategy).toBe('head-code');
      expect(review.check?.stacks.map((s) => s.name)).toEqual(['bravo']);
      expect(review.synthesised).toBe(2); // bravo at head and at the base; nothing else
      const reference = await diffAgainstBase(repo, 'HEAD~1');
      expect(review.diffs).toEqual(reference.diffs);
      const costCentre = review.diffs[0].changes
        .flatMap((c) => c.attributes)
        .find((a) => a.path === 'tags.cost-centre');
      expect(costCentre).toEqual({ path: 'tags.cost-centre', before: 'BRAVO-ICT', after: 'BRAVO-ICT-2' });
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'takes unchanged stacks from an existing cdktf.out and reviews exactly as without it',
    async () => {
      await synthesizeEstate(loadEstate(repo), { outdir: join(repo, 'cdktf.out') });
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      commitAll(repo, 'bravo cost centre');
      const warm = await reviewPullRequest(repo, 'HEAD~1');
      expect([warm.reused, warm.synthesised]).toEqual([1, 1]); // the base's bravo is the one synthesised before
      removeDir(join(repo, 'cdktf.out'));
      removeDir(cacheDir);
      const cold = await reviewPullRequest(repo, 'HEAD~1');
      expect([cold.reused, cold.synthesised]).toEqual([0, 2]);
      expect(warm.diffs).toEqual(cold.diffs);
      expect(warm.check?.findings).toEqual(cold.check?.findings);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'reviews the same change again from the stacks it kept, synthesising nothing, with the same result',
    async () => {
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      commitAll(repo, 'bravo cost centre');
      const cold = await reviewPullRequest(repo, 'HEAD~1');
      expect([cold.reused, cold.synthesised]).toEqual([0, 2]);
      // A review killed while keeping its stacks left a copy (synthesised output, its marker inside); a
      // folder of the same shape without the marker is not Blue Lamp's and stays.
      const keptRoot = join(cacheDir, 'pr-stacks');
      const ended = spawnSync('sh', ['-c', ':']).pid;
      cpSync(join(keptRoot, 'base'), join(keptRoot, `.base.tmp-${ended}-1`), { recursive: true });
      mkdirSync(join(keptRoot, `.base.tmp-${ended}-2`));
      writeFileSync(join(keptRoot, `.base.tmp-${ended}-2`, 'notes.txt'), 'not bluelamp output');
      const again = await reviewPullRequest(repo, 'HEAD~1');
      expect([again.reused, again.synthesised]).toEqual([2, 0]);
      expect(readdirSync(keptRoot).sort()).toEqual([`.base.tmp-${ended}-2`, 'base', 'head']);
      expect(again.diffs).toEqual(cold.diffs);
      expect(again.check?.findings).toEqual(cold.check?.findings);
      expect(again.check?.stacks).toEqual(cold.check?.stacks);

      // A kept stack changed on disk no longer matches its recorded hash: synthesised again, same review.
      const kept = join(cacheDir, 'pr-stacks', 'base', 'stacks', 'bravo', 'cdk.tf.json');
      writeFileSync(kept, readFileSync(kept, 'utf8').replace('BRAVO-ICT', 'FORGED'));
      const progress: string[] = [];
      const repaired = await reviewPullRequest(repo, 'HEAD~1', (line) => progress.push(line));
      expect([repaired.reused, repaired.synthesised]).toEqual([1, 1]);
      expect(repaired.diffs).toEqual(cold.diffs);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'never reuses synth output that the change itself commits',
    async () => {
      process.env.BLUELAMP_CACHE_DIR = 'off';
      await synthesizeEstate(loadEstate(repo), { outdir: join(repo, 'cdktf.out') });
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      gitSync(repo, 'add', '-f', 'cdktf.out');
      commitAll(repo, "bravo cost centre, with output of the author's choosing");
      const review = await reviewPullRequest(repo, 'HEAD~1');
      expect(review.affected.all).toBe(true); // output in the change is an unknown path: every stack
      expect(review.reused).toBe(0);
      expect(review.synthesised).toBeGreaterThan(0);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'never reuses synth output reached through a cdktf.out link the change commits',
    async () => {
      process.env.BLUELAMP_CACHE_DIR = 'off';
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      // Output of the author's choosing, with fingerprints that match it, behind a committed link.
      const chosen = join(repo, 'chosen');
      await synthesizeEstate(loadEstate(repo), { outdir: chosen, forceIds: ['bravo'] });
      const stackFile = join(chosen, 'stacks', 'bravo', 'cdk.tf.json');
      writeFileSync(stackFile, readFileSync(stackFile, 'utf8').replaceAll('BRAVO-ICT-2', 'FORGED'));
      const manifest = JSON.parse(readFileSync(join(chosen, 'manifest.json'), 'utf8')) as {
        stacks: Record<string, unknown>;
      };
      const recorded = JSON.parse(readFileSync(join(chosen, 'bluelamp.json'), 'utf8')) as EstateManifest;
      const bravo = recorded.stacks.bravo;
      const forged = outputSha256(
        readFileSync(stackFile),
        manifest.stacks.bravo,
        manifestBaseOf(manifest),
        bravo.resources,
      );
      writeFileSync(
        join(chosen, 'bluelamp.json'),
        JSON.stringify({ ...recorded, stacks: { bravo: { ...bravo, outputSha256: forged } } }),
      );
      symlinkSync('chosen', join(repo, 'cdktf.out'));
      gitSync(repo, 'add', '-f', 'cdktf.out', 'chosen');
      commitAll(repo, "bravo cost centre, with output of the author's choosing behind a link");
      const review = await reviewPullRequest(repo, 'HEAD~1');
      expect(review.reused).toBe(0);
      expect(JSON.stringify(review.diffs)).not.toContain('FORGED');
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'never reuses synth output committed before the change, even when it claims the inputs of the change',
    async () => {
      process.env.BLUELAMP_CACHE_DIR = 'off';
      // An earlier change commits output made for a bravo that a later, innocent-looking change brings.
      const file = join(repo, 'forces', 'bravo.yaml');
      const before = readFileSync(file, 'utf8');
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      await synthesizeEstate(loadEstate(repo), { outdir: join(repo, 'cdktf.out'), forceIds: ['bravo'] });
      writeFileSync(file, before);
      gitSync(repo, 'add', '-f', 'cdktf.out');
      commitAll(repo, 'synth output, committed');
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      commitAll(repo, 'bravo cost centre');
      const review = await reviewPullRequest(repo, 'HEAD~1');
      expect(review.affected.stacks).toEqual(['bravo']);
      expect(review.reused).toBe(0);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'prints the verdict and the diff as Markdown, exit 0 when the check passes',
    async () => {
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      const { io, sink } = captureIo(repo);
      const code = await main(['pr', '--base', 'HEAD', '--format', 'markdown', '--quiet'], sink);
      expect(io.stderr).toBe('');
      expect(code).toBe(0);
      expect(io.stdout).toMatch(/^\*\*Blue Lamp check\*\*: .*PASS at threshold low/);
      expect(io.stdout).toContain('<!-- bluelamp-diff -->');
      expect(io.stdout).toMatch(/^\| bravo \| 0 \| 0 \| \d+ \|/m);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'gives JSON with the verdict, the check report and the diffs',
    async () => {
      edit('forces/alpha.yaml', 'costCentre: ALPHA-ICT', 'costCentre: ALPHA-ICT-2');
      const { io, sink } = captureIo(repo);
      const code = await main(['pr', '--base', 'HEAD', '--format', 'json', '--quiet'], sink);
      expect(code).toBe(0);
      const out = JSON.parse(io.stdout);
      expect(out.verdict).toBe('pass');
      expect(out.affected.stacks).toEqual(['alpha']);
      expect(out.check.summary.verdict).toBe('pass');
      expect(out.check.stacks.map((s: { name: string }) => s.name)).toEqual(['alpha']);
      expect(out.diffs.map((d: { stack: string }) => d.stack)).toEqual(['alpha']);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'fails on an invalid force file with its file:line:col, synthesising nothing',
    async () => {
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT\nregoin: uksouth');
      const { io, sink } = captureIo(repo);
      const code = await main(['pr', '--base', 'HEAD', '--quiet'], sink);
      expect(code).toBe(1);
      expect(io.stdout).toBe('');
      expect(io.stderr).toMatch(/^forces\/bravo\.yaml:\d+:\d+ regoin: unknown key "regoin"; did you mean "region"\?$/m);
    },
    SYNTH_TIMEOUT_MS,
  );

  it('says nothing is affected by a documentation-only change', async () => {
    writeText(repo, 'docs/notes.md', '# notes\n');
    const { io, sink } = captureIo(repo);
    const code = await main(['pr', '--base', 'HEAD', '--quiet'], sink);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^bluelamp pr against HEAD: no stack affected: nothing to check/);
    expect(io.stdout).toContain('no changes to any stack');
  });
});
