import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { diffAgainstBase } from '../../delivery/estate-diff';
import { sweepStaleWorktrees } from '../../delivery/git';
import { InterruptedError, InterruptScope } from '../../util/interrupt';
import { writeMarker } from '../../util/owned-dir';
import { systemTemp, TEMP_OWNER } from '../../util/temp-dir';
import { removeDir } from '../helpers/estate';
import { commitAll, estateRepo, gitSync } from './git-repo';

/** This process's temporary folders (diff scratch and base worktrees). */
const mine = () => readdirSync(systemTemp()).filter((n) => n.startsWith(`bluelamp-`) && n.includes(`-${process.pid}-`));

describe('an interrupted diff, and what killed runs leave behind', () => {
  // A temp folder of this file's own. The run's temp folder is shared by both jest workers and every
  // process they start, and each diff or pr elsewhere in the suite (diff.test.ts, pull-request.test.ts)
  // sweeps it first: it removes any folder of a dead run, the very leftover planted below, whenever
  // such a test happens to run beside this one. systemTemp() reads os.tmpdir(); a test's
  // process.env is jest's copy, which os.tmpdir() never sees, so the function itself is replaced.
  let ownTemp: string;
  let tmpdirSpy: jest.SpyInstance<string, []>;
  beforeEach(() => {
    ownTemp = mkdtempSync(join(os.tmpdir(), 'bluelamp-test-'));
    tmpdirSpy = jest.spyOn(os, 'tmpdir').mockReturnValue(ownTemp);
  });
  afterEach(() => {
    tmpdirSpy.mockRestore();
    rmSync(ownTemp, { recursive: true, force: true });
  });

  let repo: string;
  beforeEach(() => {
    repo = estateRepo();
    const path = join(repo, 'forces', 'alpha.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('costCentre: ALPHA-ICT', 'costCentre: ALPHA-ICT-2'));
    commitAll(repo, 'alpha cost centre');
  });
  afterEach(() => removeDir(repo));

  const worktrees = () => gitSync(repo, 'worktree', 'list').trim().split('\n');

  it('removes its git worktree and temporary folders when interrupted while synthesising the base', async () => {
    const signals = new EventEmitter();
    const interrupts = new InterruptScope({ source: signals, forceExit: () => undefined });
    const seen: string[] = [];
    try {
      const run = diffAgainstBase(
        repo,
        'HEAD~1',
        (line) => {
          seen.push(line);
          // The worktree exists and the base is about to be synthesised: the user presses Ctrl-C.
          if (line.startsWith('diff: synthesising HEAD~1')) {
            expect(worktrees()).toHaveLength(2);
            signals.emit('SIGINT', 'SIGINT');
          }
        },
        interrupts,
      );
      await expect(run).rejects.toBeInstanceOf(InterruptedError);
    } finally {
      interrupts.stop();
    }
    expect(seen.some((l) => l.startsWith('diff: synthesising HEAD~1'))).toBe(true);
    expect(worktrees()).toHaveLength(1);
    expect(mine()).toEqual([]);
  }, 60_000);

  it('removes the worktree and folders a killed run left, but not those of a live run or without the marker', async () => {
    // A shell that exits at once: any ended process will do.
    const dead = spawnSync('sh', ['-c', ':']).pid;
    const stale = join(systemTemp(), `bluelamp-base-${dead}-aaaaaa`);
    const live = join(systemTemp(), `bluelamp-base-${process.pid}-bbbbbb`);
    const unmarked = join(systemTemp(), `bluelamp-diff-${dead}-cccccc`);
    // No cleanup here: every folder, the repository and its worktree registrations are inside ownTemp.
    for (const parent of [stale, live]) {
      mkdirSync(parent);
      writeMarker(parent, TEMP_OWNER);
      gitSync(repo, 'worktree', 'add', '--detach', join(parent, 'base'), 'HEAD~1');
    }
    mkdirSync(unmarked);
    writeFileSync(join(unmarked, 'not-ours.txt'), 'keep');
    expect(worktrees()).toHaveLength(3);
    const removed = await sweepStaleWorktrees(repo);
    expect(removed).toEqual(expect.arrayContaining([join(stale, 'base'), stale]));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(live, 'base'))).toBe(true);
    expect(existsSync(join(unmarked, 'not-ours.txt'))).toBe(true);
    expect(worktrees().map((l) => l.split(' ')[0])).toEqual([repo, join(live, 'base')]);
  }, 60_000);

  it('unregisters the worktree of a killed run whose folder another run has already removed', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = join(systemTemp(), `bluelamp-base-${dead}-dddddd`);
    mkdirSync(stale);
    writeMarker(stale, TEMP_OWNER);
    gitSync(repo, 'worktree', 'add', '--detach', join(stale, 'base'), 'HEAD~1');
    // Two runs sweep at once: the other one removed the folder first; git still lists the worktree.
    removeDir(stale);
    expect(worktrees()).toHaveLength(2);
    await sweepStaleWorktrees(repo);
    expect(worktrees().map((l) => l.split(' ')[0])).toEqual([repo]);
  }, 60_000);
});
