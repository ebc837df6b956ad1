/**
 * Files at given commits, many of them through one `git cat-file --batch` process.
 *
 * Why: each git process costs the calling process 10-15 ms to start on the 2-core machine (Node
 * forks itself, with its whole heap mapped, before git runs), and a review asks for files in two
 * rounds (the force index first; the changed files' base versions once the merge base is known).
 * One process started at the outset answers the second round from a pipe instead of a new process.
 *
 * A question is `<commit>:<path>`, the path relative to the repository root or, starting with
 * `./`, to the folder the reader was opened in (git's own rule). A question that cannot be put on
 * one line (a path holding a line break) is asked through `git show` instead. The answer is the
 * file's exact bytes, or undefined when there is no such file (or commit) there.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { bytesAt } from './git';

interface Pending {
  readonly spec: string;
  readonly resolve: (bytes: Buffer | undefined) => void;
  readonly reject: (err: Error) => void;
}

export class GitBlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buffered: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  private closed = false;

  /** Starts the one git process, in `cwd` (any folder of the repository). */
  constructor(private readonly cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.answer();
    });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of this.pending.splice(0)) p.reject(this.failure);
    };
    this.child.on('error', fail);
    this.child.on('close', (code) => {
      if (!this.closed || this.pending.length > 0)
        fail(new Error(`git cat-file --batch ended (exit ${code}): ${stderr.trim() || 'no message'}`));
    });
    // A write after git has gone is reported through 'close' above, not as an unhandled error.
    this.child.stdin.on('error', () => undefined);
  }

  /** The bytes of `path` at `commit` (see the module's comment), or undefined when it is not there. */
  read(commit: string, path: string): Promise<Buffer | undefined> {
    const spec = `${commit}:${path}`;
    if (/[\n\r]/.test(spec) || this.closed) return this.fallback(commit, path);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ spec, resolve, reject });
      this.child.stdin.write(`${spec}\n`);
    });
  }

  /** Ends the git process (idempotent; the caller's `finally`); questions after this start a `git show` each. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.child.stdin.end();
  }

  private fallback(commit: string, path: string): Promise<Buffer | undefined> {
    // `./` is relative to the folder the reader was opened in; git show from the same folder reads it alike.
    return bytesAt(this.cwd, commit, path);
  }

  /** Settles the oldest questions whose answers are complete in the buffer, in order. */
  private answer(): void {
    while (this.pending.length > 0) {
      const newline = this.buffered.indexOf(10);
      if (newline < 0) return;
      const header = this.buffered.subarray(0, newline).toString('utf8');
      const found = /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(header);
      if (!found) {
        // `<spec> missing` or `<spec> ambiguous`: no such file there.
        this.buffered = this.buffered.subarray(newline + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(found[2]);
      const end = newline + 1 + size;
      // The contents, then one line feed.
      if (this.buffered.length < end + 1) return;
      const bytes = Buffer.from(this.buffered.subarray(newline + 1, end));
      this.buffered = this.buffered.subarray(end + 1);
      // A tree or a commit named by the question is not a file.
      this.pending.shift()!.resolve(found[1] === 'blob' ? bytes : undefined);
    }
  }
}
