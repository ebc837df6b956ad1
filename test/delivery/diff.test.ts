import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { diffAgainstBase } from '../../delivery/estate-diff';
import { removeDir } from '../helpers/estate';
import { captureIo, commitAll, estateRepo, gitSync } from './git-repo';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

// Runs git (worktrees) and synthesises both sides of each diff: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe('bluelamp diff on a git repository', () => {
  let repo: string;
  beforeEach(() => {
    repo = estateRepo();
  });
  afterEach(() => removeDir(repo));

  const worktrees = () => gitSync(repo, 'worktree', 'list').trim().split('\n').length;
  const edit = (file: string, from: string, to: string) => {
    const path = join(repo, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  };

  it('shows the attributes a force file change alters, for that force only, and removes the worktree', async () => {
    edit('forces/alpha.yaml', 'costCentre: ALPHA-ICT', 'costCentre: ALPHA-ICT-2');
    commitAll(repo, 'alpha cost centre');
    const diff = await diffAgainstBase(repo, 'HEAD~1');
    expect(diff.strategy).toBe('head-code');
    expect(diff.diffs.map((d) => [d.stack, d.status])).toEqual([['alpha', 'changed']]);
    const tagChanges = diff.diffs[0].changes.flatMap((c) => c.attributes).filter((a) => a.path === 'tags.cost-centre');
    expect(tagChanges.length).toBeGreaterThan(0);
    expect(tagChanges[0]).toEqual({ path: 'tags.cost-centre', before: 'ALPHA-ICT', after: 'ALPHA-ICT-2' });
    expect(worktrees()).toBe(1);
  });

  it('shows every resource of a deleted force as removed, protected ones flagged', async () => {
    rmSync(join(repo, 'forces', 'bravo.yaml'));
    const diff = await diffAgainstBase(repo, 'HEAD');
    expect(diff.affected.removed).toEqual(['bravo']);
    const bravo = diff.diffs.find((d) => d.stack === 'bravo')!;
    expect(bravo.status).toBe('removed');
    expect(bravo.changes.length).toBeGreaterThan(0);
    expect(bravo.changes.every((c) => c.kind === 'removed')).toBe(true);
    expect(bravo.changes[0].security).toBe('protected resource deleted');
  });

  it('prints a Markdown pull-request comment', async () => {
    edit('forces/alpha.yaml', 'costCentre: ALPHA-ICT', 'costCentre: ALPHA-ICT-2');
    const { io, sink } = captureIo(repo);
    const code = await main(['diff', '--base', 'HEAD', '--format', 'markdown', '--quiet'], sink);
    expect(code).toBe(0);
    expect(io.stdout).toContain('<!-- bluelamp-diff -->');
    expect(io.stdout).toContain('| Stack | Added | Removed | Changed | Security-relevant |');
    expect(io.stdout).toMatch(/^\| alpha \| 0 \| 0 \| \d+ \|/m);
    expect(io.stdout).toContain('`tags.cost-centre: "ALPHA-ICT" -> "ALPHA-ICT-2"`');
  });

  it('removes the worktree even when the base does not validate', async () => {
    edit('platform.yaml', 'addressPool:', 'addresPool:');
    commitAll(repo, 'break platform');
    edit('platform.yaml', 'addresPool:', 'addressPool:');
    commitAll(repo, 'fix platform');
    const { io, sink } = captureIo(repo);
    const code = await main(['diff', '--base', 'HEAD~1'], sink);
    expect(code).toBe(1);
    expect(io.stderr).toContain('platform.yaml');
    expect(worktrees()).toBe(1);
  });

  it('says so when nothing that is synthesised changed', async () => {
    writeFileSync(join(repo, 'NOTES.md'), '# notes\n');
    const { io, sink } = captureIo(repo);
    expect(await main(['diff', '--base', 'HEAD', '--quiet'], sink)).toBe(0);
    expect(io.stdout).toContain('no changes to any stack');
  });
});
