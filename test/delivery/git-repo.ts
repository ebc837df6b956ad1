import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import execa from 'execa';
import { removeDir, tempEstate } from '../helpers/estate';

/** A fixed identity: tests must not depend on the machine's git config. */
const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false'];

/** Runs git in `dir` with a fixed identity. */
export function gitSync(dir: string, ...args: string[]): string {
  return execa.sync('git', [...IDENTITY, ...args], { cwd: dir }).stdout;
}

/**
 * The small estate committed once on branch main, made on first use and copied for each test:
 * every process a test starts is a fork of the jest worker (hundreds of MB), which costs more
 * than the git it runs. Removed after the file's tests (a helper's top-level hook is the file's).
 */
let template: string | undefined;
afterAll(() => {
  if (template) removeDir(template);
  template = undefined;
});

/** A temporary git repository holding the small estate, committed once on branch main. */
export function estateRepo(): string {
  // Made again if gone: a test that gives itself its own temp folder removes the template with it.
  if (!template || !existsSync(template)) {
    const made = tempEstate();
    gitSync(made, 'init', '-q', '-b', 'main');
    commitAll(made, 'estate');
    template = made;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  // A copy is a repository in its own right: git refreshes the index's stat data on the next diff.
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Commits every change in `dir` (`git add -A`, then `git commit`), in one process. */
export function commitAll(dir: string, message: string): void {
  const git = ['git', ...IDENTITY].join(' ');
  execa.sync('sh', ['-c', `${git} add -A && ${git} commit -q -m "$1"`, 'sh', message], { cwd: dir });
}
export function writeText(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** Replaces `from` with `to` in `file` of `dir`; the file must hold `from`, or the test is not testing what it says. */
export function editText(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/**
 * The estate repository of a `bluelamp pr` test, each test with an empty cache folder of its own
 * (BLUELAMP_CACHE_DIR: the stacks pr keeps between reviews), both removed after it. Synth output is
 * ignored by git, as in a real estate repository. `setUp` runs on the repository before each test.
 */
export function prTestRepo(setUp: (repo: string) => void = () => undefined): { repo: string; cacheDir: string } {
  const state = { repo: '', cacheDir: '' };
  const saved = process.env.BLUELAMP_CACHE_DIR;
  beforeEach(() => {
    state.repo = estateRepo();
    writeText(state.repo, '.gitignore', 'cdktf.out/\n');
    setUp(state.repo);
    commitAll(state.repo, 'the estate as the tests start from it');
    state.cacheDir = mkdtempSync(join(tmpdir(), 'bluelamp-pr-cache-'));
    process.env.BLUELAMP_CACHE_DIR = state.cacheDir;
  });
  afterEach(() => {
    removeDir(state.repo);
    removeDir(state.cacheDir);
    process.env.BLUELAMP_CACHE_DIR = saved;
  });
  return state;
}

export function appendText(dir: string, file: string, text: string): void {
  appendFileSync(join(dir, file), text);
}

/** Captures what the CLI writes. */
export function captureIo(cwd: string) {
  const io = { stdout: '', stderr: '', cwd };
  return {
    io,
    sink: {
      cwd,
      stdout: (t: string) => {
        io.stdout += t;
      },
      stderr: (t: string) => {
        io.stderr += t;
      },
    },
  };
}
