/**
 * `bluelamp pr`: everything a pull request needs, in one process, costing what the change costs.
 *
 * 1. Which stacks the change affects (delivery/affected.ts).
 * 2. Validation of what the change can affect: every head file that differs from the base
 *    branch's force index (config/force-index.ts) is parsed and checked in full; the others enter
 *    the cross-force rules through their indexed facts. An invalid file fails the PR. The base's
 *    changed files are read from git and checked against the schema.
 * 3. Synthesis of the affected stacks only, head and base, in this process. When only config
 *    changed, the base estate is the head estate with the changed files swapped for their base
 *    text: unchanged files are the same bytes on both sides, so no worktree and no second
 *    validation of the estate are needed. Stacks whose recorded inputs match an existing
 *    `cdktf.out` are reused from it (stacks/synth-cache.ts checks them). When the synthesis code
 *    changed, the base is synthesised with its own code as `bluelamp diff` does.
 * 4. The assurance check of the head's affected stacks, and the diff, base to head.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadEstate, PLATFORM_FILE, type Estate, type LoadedFile } from '../config/estate';
import { FORCE_INDEX_FILE, parseForceIndex, type ForceIndex } from '../config/force-index';
import { ForceSchema, PlatformSchema, type ForceConfig, type PlatformConfig } from '../config/schema';
import { ParseCache, readAndValidateCached } from '../config/parse-cache';
import { runCheck } from '../policies/engine';
import type { CheckRun } from '../policies/types';
import { NATIONAL_STACK } from '../stacks/stack-inputs';
import { SYNTH_OWNER } from '../stacks/synth-output';
import { sweepTempSiblings } from '../util/atomic';
import { affectedSince, type AffectedResult, type ChangeBase } from './affected';
import { chooseStrategy, describeStrategy, diffAgainstBase, type BaseStrategy } from './estate-diff';
import { git } from './git';
import { GitBlobReader } from './git-blobs';
import { diffStackWithAdoption } from './adopted-diff';
import type { StackDiff, TerraformJson } from './tf-diff';
import { packageRoot } from '../util/package-root';
import { privateCacheFolder, userCacheDir } from '../util/user-cache';

export interface PullRequestReview {
  readonly base: string;
  readonly affected: AffectedResult;
  readonly strategy: BaseStrategy;
  /** How the base was synthesised, in words (for the diff header). */
  readonly strategyText: string;
  /** The check of the head's affected stacks; undefined when no stack is affected. */
  readonly check?: CheckRun;
  readonly diffs: readonly StackDiff[];
  /** Stacks taken from an existing synth output instead of being synthesised (head and base). */
  readonly reused: number;
  readonly synthesised: number;
}

const FORCE_FILE_RE = /^forces\/([^/]+)\.yaml$/;

/**
 * `bytes` as the base's `relPath`, through the loader's own checks (written to `scratch` first).
 * Undefined when the base file does not validate: a change that repairs a broken file must still
 * be reviewable, so its stack then counts as new.
 */
function loadBaseFile<T extends PlatformConfig | ForceConfig>(
  scratch: string,
  relPath: string,
  bytes: Buffer,
  schema: typeof PlatformSchema | typeof ForceSchema,
  cache: ParseCache,
): LoadedFile<T> | undefined {
  const file = join(scratch, 'base-files', relPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const result = readAndValidateCached(file, relPath, schema, schema === PlatformSchema ? 'platform' : 'force', cache);
  if (!result.ok) return undefined;
  return {
    file: relPath,
    config: result.value as T,
    locator: result.locator,
    sha256: createHash('sha256').update(result.text).digest('hex'),
  };
}

/**
 * The base estate for a config-only change: the head estate with each changed file replaced by
 * its base version (or dropped when it did not exist at the base).
 */
async function baseEstateFromHead(
  head: Estate,
  affected: AffectedResult,
  scratch: string,
  base: string,
  at: ChangeBase,
  baseBytes: ReadonlyMap<string, Buffer | undefined>,
  cache: ParseCache,
  blobs: GitBlobReader,
): Promise<Estate> {
  const bytesOf = async (rel: string) =>
    baseBytes.has(rel) ? baseBytes.get(rel) : blobs.read(at.mergeBase, at.prefix ? `${at.prefix}/${rel}` : rel);
  const changed = new Set(affected.files.map((f) => f.file));
  let platform = head.platform;
  if (changed.has(PLATFORM_FILE)) {
    const bytes = await bytesOf(PLATFORM_FILE);
    const loaded = bytes && loadBaseFile<PlatformConfig>(scratch, PLATFORM_FILE, bytes, PlatformSchema, cache);
    if (!loaded) throw new Error(`${PLATFORM_FILE} is missing or invalid at ${base}: there is no base to compare with`);
    platform = loaded;
  }
  const forces = head.forces.filter((f) => !changed.has(f.file));
  for (const file of changed) {
    if (!FORCE_FILE_RE.test(file)) continue;
    const bytes = await bytesOf(file);
    const loaded = bytes && loadBaseFile<ForceConfig>(scratch, file, bytes, ForceSchema, cache);
    if (loaded) forces.push(loaded);
  }
  forces.sort((a, b) => (a.config.id < b.config.id ? -1 : a.config.id > b.config.id ? 1 : 0));
  return { dir: head.dir, platform, forces };
}

/** The estate's own synth output (bluelamp synth's default). */
const ESTATE_OUTDIR = 'cdktf.out';
/** Where pr keeps the stacks it synthesised, per side, for the next review (in the user's cache folder). */
const KEPT_STACKS = 'pr-stacks';
const SIDES = ['head', 'base'] as const;

/**
 * Keeps `out` (one side's synthesised stacks) in the user's cache folder, replacing the previous
 * review's: a developer who reviews, edits and reviews again synthesises only what changed, and the
 * base not at all. Read back through the same checks as any previous output (stacks/synth-cache.ts).
 */
function keepForNextReview(dir: string, out: string, side: (typeof SIDES)[number]): void {
  const root = privateCacheFolder(KEPT_STACKS, true, dir);
  if (!root || !existsSync(out)) return;
  // A review killed while copying left its copy here; only copies of synthesised output from runs no longer alive go.
  sweepTempSiblings(join(root, side), SYNTH_OWNER);
  const tmp = join(root, `.${side}.tmp-${process.pid}-${Date.now()}`);
  try {
    cpSync(out, tmp, { recursive: true });
    rmSync(join(root, side), { recursive: true, force: true });
    renameSync(tmp, join(root, side));
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The previous outputs a review may take unchanged stacks from: the estate's own cdktf.out (unless
 * it is committed, by the change or before it: committed output is the author's, not a synthesis) and the
 * stacks kept by the last review.
 */
function reuseFolders(dir: string, affected: AffectedResult, outputTracked: boolean): string[] {
  const kept = privateCacheFolder(KEPT_STACKS, false, dir);
  const own = join(dir, ESTATE_OUTDIR);
  // `cdktf.out` itself in the change is a committed link to output elsewhere; a link is never
  // synthesis's own output (synth writes a folder), whoever made it.
  const outputInChange = affected.files.some((f) => f.file === ESTATE_OUTDIR || f.file.startsWith(`${ESTATE_OUTDIR}/`));
  const ownIsFolder = lstatSync(own, { throwIfNoEntry: false })?.isDirectory() === true;
  return [
    ...(outputInChange || outputTracked || !ownIsFolder ? [] : [own]),
    ...(kept ? SIDES.map((side) => join(kept, side)) : []),
  ];
}

/**
 * The force index as committed on the base branch, or why there is none to use. Never the change's
 * own copy: a change could otherwise vouch for facts of files it did not touch.
 */
async function indexAtBase(blobs: GitBlobReader, base: string): Promise<{ index?: ForceIndex; note?: string }> {
  // `./`: the path from the estate folder (where the reader runs), wherever it is in the repository.
  // A git failure here (no repository, no such base) is reported by the change's own questions.
  const bytes = await blobs.read(`${base}^{commit}`, `./${FORCE_INDEX_FILE}`).catch(() => undefined);
  if (bytes === undefined) return { note: `no ${FORCE_INDEX_FILE} at ${base}` };
  const index = parseForceIndex(bytes.toString('utf8'));
  return 'unusable' in index ? { note: `${FORCE_INDEX_FILE} at ${base} is unusable: ${index.unusable}` } : { index };
}

function readStack(outdir: string, stack: string): TerraformJson | undefined {
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TerraformJson) : undefined;
}

export async function reviewPullRequest(
  dir: string,
  base: string,
  onProgress: (line: string) => void = () => undefined,
): Promise<PullRequestReview> {
  // Files at the base (the index, the changed files' base versions) come through one git process.
  const blobs = new GitBlobReader(dir);
  try {
    return await review(dir, base, onProgress, blobs);
  } finally {
    blobs.close();
  }
}

async function review(
  dir: string,
  base: string,
  onProgress: (line: string) => void,
  blobs: GitBlobReader,
): Promise<PullRequestReview> {
  // git works out what changed while this process validates the head estate: neither needs the other.
  // The index first: validation waits for it, and each git process takes a while to start.
  const indexAnswer = indexAtBase(blobs, base);
  const changed = affectedSince(dir, base, blobs);
  // Output committed to the repository (by this change or an earlier one) is an author's, not a synthesis.
  // Asked only when there is an output to reuse: each git process costs this one 10-15 ms to start.
  const outputTrackedAnswer = existsSync(join(dir, ESTATE_OUTDIR))
    ? git(dir, ['ls-files', '--', ESTATE_OUTDIR])
    : Promise.resolve('');
  const parsed = ParseCache.open(userCacheDir(process.env, dir) ?? false);
  let head: Estate;
  let indexNote: string | undefined;
  try {
    const { index, note } = await indexAnswer;
    indexNote = note;
    head = loadEstate(dir, { cache: parsed, index });
  } finally {
    // Never left unawaited: an invalid estate still waits for git before it reports.
    await Promise.allSettled([changed, outputTrackedAnswer]);
  }
  const { affected, at, baseBytes } = await changed;
  const outputTracked = (await outputTrackedAnswer).trim() !== '';
  const strategy = chooseStrategy(
    affected.files.map((f) => f.file),
    realpathSync(packageRoot()) === at.root,
  );
  // The national stack, and a change to the code or the platform, read every force in full.
  if (head.indexed && (affected.all || strategy === 'base-code' || affected.stacks.includes(NATIONAL_STACK)))
    head = loadEstate(dir, { cache: parsed });
  const fromIndex = head.indexed?.length ?? 0;
  onProgress(
    `pr: ${head.forces.length + fromIndex} forces valid (${
      fromIndex > 0
        ? `${fromIndex} unchanged, from ${FORCE_INDEX_FILE} at ${base}; ${head.forces.length} parsed`
        : (indexNote ?? 'every file parsed')
    }); ${affected.stacks.length} stack${affected.stacks.length === 1 ? '' : 's'} affected`,
  );
  const stacks = [...affected.stacks, ...affected.removed];
  const strategyText = describeStrategy({ affected, strategy, diffs: [], caveat: undefined });
  if (stacks.length === 0) return { base, affected, strategy, strategyText, diffs: [], reused: 0, synthesised: 0 };

  const { synthesizeEstate } = await import('../stacks/synthesize');
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-pr-'));
  try {
    const cache = reuseFolders(dir, affected, outputTracked);
    const headOut = join(scratch, 'head', 'out');
    let reused = 0;
    let synthesised = 0;
    const count = (r: { stacks: readonly unknown[]; reused: readonly string[] }) => {
      reused += r.reused.length;
      synthesised += r.stacks.length - r.reused.length;
    };
    if (affected.stacks.length > 0)
      count(await synthesizeEstate(head, { outdir: headOut, forceIds: affected.stacks, reuseFrom: cache }));
    keepForNextReview(dir, headOut, 'head');
    // The head estate was just validated: check takes its platform facts from it rather than parsing platform.yaml again.
    const check =
      affected.stacks.length > 0
        ? runCheck({ dir, outdir: headOut, forces: affected.stacks, estate: head })
        : undefined;

    if (strategy === 'base-code') {
      // The code that synthesises changed: only the base's own code tells what the base made.
      const diff = await diffAgainstBase(dir, base, onProgress);
      return {
        base,
        affected,
        strategy,
        strategyText: describeStrategy(diff),
        check,
        diffs: diff.diffs,
        reused,
        synthesised,
      };
    }
    const baseEstate = await baseEstateFromHead(head, affected, scratch, base, at, baseBytes, parsed, blobs);
    parsed.save();
    const inBase = new Set(baseEstate.forces.map((f) => f.config.id));
    const baseStacks = stacks.filter((s) => s === NATIONAL_STACK || inBase.has(s));
    const baseOut = join(scratch, 'base', 'out');
    if (baseStacks.length > 0)
      count(await synthesizeEstate(baseEstate, { outdir: baseOut, forceIds: baseStacks, reuseFrom: cache }));
    keepForNextReview(dir, baseOut, 'base');
    const diffs = stacks.map((stack) =>
      diffStackWithAdoption(stack, readStack(baseOut, stack), readStack(headOut, stack)),
    );
    return { base, affected, strategy, strategyText, check, diffs, reused, synthesised };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
