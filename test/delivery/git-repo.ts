import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import execa from 'execa';
import { tempEstate } from '../helpers/estate';

/** Runs git in `dir` with a fixed identity (tests must not depend on the machine's git config). */
export function gitSync(dir: string, ...args: string[]): string {
  return execa.sync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd: dir },
  ).stdout;
}

/** A temporary git repository holding the small estate, committed once on branch main. */
export function estateRepo(): string {
  const dir = tempEstate();
  gitSync(dir, 'init', '-q', '-b', 'main');
  gitSync(dir, 'add', '.');
  gitSync(dir, 'commit', '-q', '-m', 'estate');
  return dir;
}

export function commitAll(dir: string, message: string): void {
  gitSync(dir, 'add', '-A');
  gitSync(dir, 'commit', '-q', '-m', message);
}

export function writeText(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
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
