/**
 * The fake terraform of test/fixtures/fake-terraform (a POSIX shell script, so that the hundreds
 * of calls a delivery test makes cost a shell start-up each rather than a node one): where it is,
 * and how a test tells it what to answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './estate';

/** The folder holding the fake `terraform`: put it first on PATH, or name the file in BLUELAMP_TERRAFORM. */
export const FAKE_TERRAFORM_DIR = join(FIXTURES, 'fake-terraform');

/** What one terraform subcommand answers. Defaults: success; plan writes -out; show prints one resource to add. */
export interface FakeAnswer {
  readonly exit?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** Holds the call until the log holds this many "start" events of the subcommand (one subcommand). */
  readonly awaitStarts?: Readonly<Record<string, number>>;
  /** Holds the call until this file exists; `{stack}` is replaced by the stack's name. */
  readonly awaitFile?: string;
  /** Keeps the call busy this long: for timeout tests only, never for ordering. */
  readonly sleepMs?: number;
}

/** Answers by stack (or `*` for every stack), then by subcommand: init, plan, refresh, show, apply. */
export type FakeScript = Readonly<Record<string, Readonly<Record<string, FakeAnswer>>>>;

/**
 * Writes `script` into `folder` in the fake's layout (`<stack>/<sub>/<key>`, `_all` for `*`) and
 * returns the folder, for FAKE_TF_ANSWERS. The caller removes it (put it inside a test folder).
 */
export function writeFakeTerraformAnswers(folder: string, script: FakeScript): string {
  mkdirSync(folder, { recursive: true });
  for (const [stack, subs] of Object.entries(script)) {
    for (const [sub, answer] of Object.entries(subs)) {
      const dir = join(folder, stack === '*' ? '_all' : stack, sub);
      mkdirSync(dir, { recursive: true });
      const starts = Object.entries(answer.awaitStarts ?? {});
      if (starts.length > 1) throw new Error('the fake terraform awaits the starts of one subcommand at a time');
      const lines: Record<string, string | undefined> = {
        exit: answer.exit === undefined ? undefined : String(answer.exit),
        sleepMs: answer.sleepMs === undefined ? undefined : String(answer.sleepMs),
        awaitFile: answer.awaitFile,
        awaitStarts: starts.length === 1 ? `${starts[0][0]} ${starts[0][1]}` : undefined,
      };
      for (const [key, line] of Object.entries(lines))
        if (line !== undefined) writeFileSync(join(dir, key), `${line}\n`);
      // Exactly these bytes, no newline added.
      if (answer.stdout !== undefined) writeFileSync(join(dir, 'stdout'), answer.stdout);
      if (answer.stderr !== undefined) writeFileSync(join(dir, 'stderr'), answer.stderr);
    }
  }
  return folder;
}
