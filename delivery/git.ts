/**
 * The few git operations delivery needs, through execa (no shell, arguments passed as a list):
 * which files a change touches, and a temporary detached worktree of the base revision.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import execa from 'execa';
import type { InterruptScope } from '../util/interrupt';
import { isStaleTempDir, ownedTempDir, sweepTempDirs, systemTemp } from '../util/temp-dir';

/** The kinds of temporary folder delivery makes in the system temp folder (see util/temp-dir.ts). */
export const WORKTREE_KIND = 'base';
export const SCRATCH_KIND = 'diff';

/** Runs git in `cwd`; throws with git's own message when it fails. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const result = await execa('git', [...args], { cwd, reject: false });
  if (result.exitCode !== 0 || result.failed) {
    const detail = (result.stderr || result.stdout || '').trim();
    throw new Error(`git ${args.join(' ')} failed: ${detail}`);
  }
  return result.stdout;
}

/** The top of the git working tree that holds `dir`. */
export async function repoRoot(dir: string): Promise<string> {
  try {
    return realpathSync((await git(dir, ['rev-parse', '--show-toplevel'])).trim());
  } catch {
    throw new Error(`${dir} is not inside a git repository; affected and diff compare git revisions`);
  }
}

/** The commit a ref names; a clear error when it does not exist (a shallow CI clone, a typo). */
export async function resolveRef(root: string, ref: string): Promise<string> {
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new Error(
      `--base ${ref}: no such commit in ${root} (in CI fetch it first, e.g. actions/checkout with fetch-depth: 0)`,
    );
  }
}

/**
 * Files changed between the merge base of `base` and HEAD, and the working tree: committed,
 * staged, unstaged and untracked files, so that a change can be reviewed before it is committed.
 * Paths are relative to the repository root, with forward slashes. `dir` is any folder in the
 * repository: both git calls start at once, neither waiting for the merge base (git works it out
 * itself), so they are done while the caller validates the estate.
 */
export async function changedFiles(dir: string, base: string): Promise<string[]> {
  const [tracked, untracked] = await Promise.all([
    // --end-of-options: the ref is never read as an option; `--` after it: never as a path.
    git(dir, [
      'diff',
      '--name-only',
      '--no-renames',
      '-z',
      '--merge-base',
      '--end-of-options',
      `${base}^{commit}`,
      '--',
    ])
      // Two merge bases (criss-cross merges) are an error for --merge-base; merge-base picks one, as before.
      .catch(async () => git(dir, ['diff', '--name-only', '--no-renames', '-z', await mergeBaseOf(dir, base), '--'])),
    // `:/` is the whole repository, from any folder in it.
    git(dir, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', ':/']),
  ]);
  const files = new Set([...tracked.split('\0'), ...untracked.split('\0')].filter(Boolean));
  return [...files].sort();
}

/**
 * The commit where the current branch left `base`: what a pull request is compared with. One git
 * call when `base` names a commit (each call is a process: about 30 ms of a pull request's review);
 * when it fails, resolveRef says whether the ref itself is the problem.
 */
export async function mergeBaseOf(root: string, base: string): Promise<string> {
  try {
    // --end-of-options: a ref is never read as an option, whatever it starts with.
    return (await git(root, ['merge-base', '--end-of-options', `${base}^{commit}`, 'HEAD'])).trim();
  } catch (err) {
    await resolveRef(root, base);
    throw err;
  }
}

/**
 * A file's exact bytes at `commit` (path relative to the repository root), or undefined when it
 * does not exist there. Bytes, not text: execa would strip the final newline, which a fingerprint counts.
 */
export async function bytesAt(root: string, commit: string, path: string): Promise<Buffer | undefined> {
  const shown = await execa('git', ['show', `${commit}:${path}`], {
    cwd: root,
    reject: false,
    encoding: null,
    stripFinalNewline: false,
  });
  return shown.exitCode === 0 ? shown.stdout : undefined;
}

/** The path of `dir` relative to the repository root ('' when it is the root). */
export function relativeToRoot(root: string, dir: string): string {
  return relative(root, realpathSync(dir)).split('\\').join('/');
}

/**
 * Checks `ref` out in a temporary detached worktree, runs `fn` with its path, and always removes
 * the worktree afterwards (even when `fn` throws or the run is interrupted), so no stray worktree
 * is left registered. Worktrees that killed runs left behind are removed first.
 */
export async function withWorktree<T>(
  root: string,
  ref: string,
  fn: (worktree: string) => Promise<T>,
  interrupts?: InterruptScope,
): Promise<T> {
  const commit = await resolveRef(root, ref);
  await sweepStaleWorktrees(root);
  const parent = ownedTempDir(WORKTREE_KIND);
  const worktree = join(parent, 'base');
  // A second interrupt exits at once: this removes the worktree synchronously on the way out.
  const forget = interrupts?.cleanup(() => {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root, stdio: 'ignore' });
    rmSync(parent, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: root, stdio: 'ignore' });
  });
  try {
    await git(root, ['worktree', 'add', '--detach', worktree, commit]);
    interrupts?.check();
    return await fn(worktree);
  } finally {
    await git(root, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    await git(root, ['worktree', 'prune']).catch(() => undefined);
    forget?.();
  }
}

/**
 * Removes the worktrees of this repository that a killed bluelamp run left in the system temp
 * folder (named and marked as ours, their run gone), and the registrations of worktrees whose
 * folders are gone; then the other leftover temporary folders of such runs.
 */
export async function sweepStaleWorktrees(root: string): Promise<string[]> {
  const removed: string[] = [];
  const temp = systemTemp();
  const list = await git(root, ['worktree', 'list', '--porcelain']).catch(() => '');
  for (const line of list.split('\n')) {
    if (!line.startsWith('worktree ')) continue;
    const path = line.slice('worktree '.length);
    const parent = dirname(path);
    if (dirname(parent) !== temp || !path.endsWith('/base') || !isStaleTempDir(parent, [WORKTREE_KIND])) continue;
    await git(root, ['worktree', 'remove', '--force', path]).catch(() => undefined);
    removed.push(path);
  }
  await git(root, ['worktree', 'prune']).catch(() => undefined);
  return [...removed, ...sweepTempDirs([WORKTREE_KIND, SCRATCH_KIND])];
}
