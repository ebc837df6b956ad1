/**
 * The fake terraform of test/fixtures/fake-terraform (a POSIX shell script, so that the hundreds
 * of calls a delivery test makes cost a shell start-up each rather than a node one): where it is,
 * and how a test tells it what to answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { stackNames } from '../../stacks/estate-app';
import { BOOTSTRAP_STACK } from '../../stacks/stack-inputs';
import { codeSha256, ESTATE_MANIFEST, stackInputsSha256, type EstateManifest } from '../../stacks/synthesize';
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

/**
 * A cdktf.out as synth leaves it, as far as delivery reads it: the fingerprints in bluelamp.json
 * and a cdk.tf.json per stack. (Terraform itself is faked, so the contents do not matter; this
 * keeps the tests independent of what the constructs synthesise.) `withBootstrap`: bootstrap too,
 * as `synth --force bootstrap` adds it (plain synth leaves it out).
 */
export function writeFakeSynthOutput(dir: string, outdir: string, withBootstrap = false): void {
  const estate = loadEstate(dir);
  const names = [...(withBootstrap ? [BOOTSTRAP_STACK] : []), ...stackNames(estate)];
  const manifest: EstateManifest = {
    schemaVersion: 1,
    tool: { name: 'bluelamp', version: 'test' },
    platformSha256: estate.platform.sha256,
    codeSha256: codeSha256(),
    stacks: Object.fromEntries(
      names.map((name) => [name, { source: name, resources: 0, inputsSha256: stackInputsSha256(estate, name) }]),
    ),
  };
  for (const name of names) {
    mkdirSync(join(outdir, 'stacks', name), { recursive: true });
    writeFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), '{}');
  }
  writeFileSync(join(outdir, ESTATE_MANIFEST), JSON.stringify(manifest));
}
