/**
 * `bluelamp diff`: synthesise the base (in a temporary git worktree) and the head (the working
 * tree), then compare the affected stacks. Neither synthesis touches the user's cdktf.out.
 *
 * How the base is synthesised, for correctness:
 * - When the change touches only config (force files, platform.yaml, docs...), or when the code
 *   that synthesises is not in this repository (an estate repository using an installed
 *   bluelamp), the base config is synthesised with the head's code. The code is identical on
 *   both sides, so this is exactly the base's output, and it takes no build.
 * - When the change touches the synthesis code or dependencies (constructs/, stacks/, config/,
 *   package.json, package-lock.json, tsconfig*.json) in this repository, the base's own code is
 *   built in the worktree (`tsc -p tsconfig.build.json`, with the head's node_modules linked in)
 *   and its own CLI synthesises the base. If the dependencies changed, the head's node_modules
 *   are only an approximation of the base's: the header says so.
 */
import { existsSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { loadEstate } from '../config/estate';
import { NATIONAL_STACK } from '../stacks/stack-inputs';
import { computeAffected, forceIdsOnDisk, type AffectedResult } from './affected';
import { relativeToRoot, repoRoot, SCRATCH_KIND, withWorktree } from './git';
import { InterruptScope } from '../util/interrupt';
import { ownedTempDir } from '../util/temp-dir';
import { diffStackWithAdoption } from './adopted-diff';
import type { StackDiff, TerraformJson } from './tf-diff';
import { packageRoot, SYNTHESIS_CODE_FOLDERS } from '../util/package-root';

const CODE_FOLDERS = SYNTHESIS_CODE_FOLDERS.map((folder) => `${folder}/`);
const CODE_FILES = /^(package\.json|package-lock\.json|tsconfig(\.build)?\.json)$/;
const DEPENDENCY_PATHS = /^package(-lock)?\.json$/;

export type BaseStrategy = 'head-code' | 'base-code';

export interface EstateDiff {
  readonly affected: AffectedResult;
  readonly strategy: BaseStrategy;
  /** Set when the base was built against the head's dependencies although they changed. */
  readonly caveat?: string;
  readonly diffs: readonly StackDiff[];
}

/** Which code synthesises the base (see the file comment). Pure. */
export function chooseStrategy(changedFiles: readonly string[], codeInRepository: boolean): BaseStrategy {
  return codeInRepository &&
    changedFiles.some((f) => CODE_FILES.test(f) || CODE_FOLDERS.some((folder) => f.startsWith(folder)))
    ? 'base-code'
    : 'head-code';
}

/**
 * On SIGINT or SIGTERM (`interrupts`, by default this process's) the synthesis and build stop,
 * the worktree and temporary folders are removed and InterruptedError is thrown.
 */
export async function diffAgainstBase(
  dir: string,
  base: string,
  onProgress: (line: string) => void = () => undefined,
  interrupts?: InterruptScope,
): Promise<EstateDiff> {
  const scope = interrupts ?? new InterruptScope({ onNotice: onProgress });
  try {
    return await diffWithin(dir, base, onProgress, scope);
  } finally {
    if (!interrupts) scope.stop();
  }
}

async function diffWithin(
  dir: string,
  base: string,
  onProgress: (line: string) => void,
  interrupts: InterruptScope,
): Promise<EstateDiff> {
  const affected = await computeAffected(dir, base);
  const root = await repoRoot(dir);
  const codeInRepository = realpathSync(packageRoot()) === root;
  const strategy = chooseStrategy(
    affected.files.map((f) => f.file),
    codeInRepository,
  );
  const caveat =
    strategy === 'base-code' && affected.files.some((f) => DEPENDENCY_PATHS.test(f.file))
      ? "dependencies changed: the base was built with the head's node_modules"
      : undefined;
  const stacks = [...affected.stacks, ...affected.removed];
  if (stacks.length === 0) return { affected, strategy, caveat, diffs: [] };

  const scratch = ownedTempDir(SCRATCH_KIND);
  const forget = interrupts.cleanup(() => rmSync(scratch, { recursive: true, force: true }));
  try {
    const headOut = join(scratch, 'head');
    onProgress(`diff: synthesising head (${affected.all ? 'every stack' : affected.stacks.join(', ') || 'no stack'})`);
    if (affected.all || affected.stacks.length > 0) {
      await (
        await import('../stacks/synthesize')
      ).synthesizeEstate(loadEstate(dir), {
        outdir: headOut,
        forceIds: affected.all ? undefined : affected.stacks,
        interrupts,
      });
    }
    interrupts.check();
    const prefix = relativeToRoot(root, dir);
    const diffs = await withWorktree(
      root,
      base,
      async (worktree) => {
        const baseDir = join(worktree, prefix);
        const inBase = new Set(forceIdsOnDisk(baseDir));
        const baseForces = stacks.filter((s) => s === NATIONAL_STACK || inBase.has(s));
        onProgress(`diff: synthesising ${base} with the ${strategy === 'head-code' ? 'current' : "base's own"} code`);
        const baseOut =
          strategy === 'head-code'
            ? await synthesiseBaseWithHeadCode(baseDir, join(scratch, 'base'), affected.all, baseForces, interrupts)
            : await synthesiseBaseWithBaseCode(root, worktree, baseDir, affected.all, baseForces, interrupts);
        interrupts.check();
        return stacks.map((stack) =>
          diffStackWithAdoption(stack, readStack(baseOut, stack), readStack(headOut, stack)),
        );
      },
      interrupts,
    );
    return { affected, strategy, caveat, diffs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    forget();
  }
}

async function synthesiseBaseWithHeadCode(
  baseDir: string,
  outdir: string,
  all: boolean,
  forces: readonly string[],
  interrupts: InterruptScope,
): Promise<string | undefined> {
  if (!all && forces.length === 0) return undefined;
  await (
    await import('../stacks/synthesize')
  ).synthesizeEstate(loadEstate(baseDir, { today: null }), { outdir, forceIds: all ? undefined : forces, interrupts });
  return outdir;
}

async function synthesiseBaseWithBaseCode(
  root: string,
  worktree: string,
  baseDir: string,
  all: boolean,
  forces: readonly string[],
  interrupts: InterruptScope,
): Promise<string | undefined> {
  if (!all && forces.length === 0) return undefined;
  if (!existsSync(join(worktree, 'node_modules')))
    symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'), 'dir');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = await tracked(
    interrupts,
    execa(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: worktree, reject: false, all: true }),
  );
  interrupts.check();
  if (build.exitCode !== 0)
    throw new Error(
      `the base does not build (tsc -p tsconfig.build.json in the worktree):\n${(build.all ?? '').split('\n').slice(0, 20).join('\n')}`,
    );
  const args = [
    join(worktree, 'dist', 'cli', 'main.js'),
    'synth',
    '--dir',
    baseDir,
    '--quiet',
    ...(all ? [] : forces.flatMap((f) => ['--force', f])),
  ];
  const synth = await tracked(interrupts, execa(process.execPath, args, { cwd: baseDir, reject: false, all: true }));
  interrupts.check();
  if (synth.exitCode !== 0) throw new Error(`the base does not synthesise with its own code:\n${synth.all ?? ''}`);
  return join(baseDir, 'cdktf.out');
}

/** Waits for a child process that an interrupt stops. */
async function tracked<T>(interrupts: InterruptScope, child: execa.ExecaChildProcess & Promise<T>): Promise<T> {
  const forget = interrupts.track(child);
  try {
    return await child;
  } finally {
    forget();
  }
}

function readStack(outdir: string | undefined, stack: string): TerraformJson | undefined {
  if (!outdir) return undefined;
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TerraformJson) : undefined;
}

/** Words for the header: how the base was synthesised. */
export function describeStrategy(diff: EstateDiff): string {
  const how =
    diff.strategy === 'head-code'
      ? 'with the current code (only config changed)'
      : 'with its own code, built in a temporary worktree';
  return diff.caveat ? `${how}; ${diff.caveat}` : how;
}
