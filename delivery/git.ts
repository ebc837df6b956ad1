/**
 * The few git operations delivery needs, through execa (no shell, arguments passed as a list):
 * which files a change touches, and a temporary detached worktree of the base revision.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import execa from 'execa';

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
 * Paths are relative to the repository root, with forward slashes.
 */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const mergeBase = await mergeBaseOf(root, base);
  const tracked = await git(root, ['diff', '--name-only', '--no-renames', '-z', mergeBase]);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set([...tracked.split('\0'), ...untracked.split('\0')].filter(Boolean));
  return [...files].sort();
}

/** The commit where the current branch left `base`: what a pull request is compared with. */
export async function mergeBaseOf(root: string, base: string): Promise<string> {
  const baseCommit = await resolveRef(root, base);
  return (await git(root, ['merge-base', baseCommit, 'HEAD'])).trim();
}

/** A file's text at `commit` (path relative to the repository root), or undefined when it does not exist there. */
export async function showAt(root: string, commit: string, path: string): Promise<string | undefined> {
  try {
    return await git(root, ['show', `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}

/** The path of `dir` relative to the repository root ('' when it is the root). */
export function relativeToRoot(root: string, dir: string): string {
  return relative(root, realpathSync(dir)).split('\\').join('/');
}

/**
 * Checks `ref` out in a temporary detached worktree, runs `fn` with its path, and always removes
 * the worktree afterwards (even when `fn` throws), so no stray worktree is left registered.
 */
export async function withWorktree<T>(root: string, ref: string, fn: (worktree: string) => Promise<T>): Promise<T> {
  const commit = await resolveRef(root, ref);
  const parent = mkdtempSync(join(tmpdir(), 'bluelamp-base-'));
  const worktree = join(parent, 'base');
  await git(root, ['worktree', 'add', '--detach', worktree, commit]);
  try {
    return await fn(worktree);
  } finally {
    await git(root, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    await git(root, ['worktree', 'prune']).catch(() => undefined);
  }
}
