/**
 * Which stacks a change touches. A force file touches that force; anything every stack is made
 * from (platform.yaml, the synthesis code, the dependencies) touches them all; documentation,
 * tests, pipelines and the CLI touch none. An unrecognised path touches all, to be safe: a
 * missed plan is worse than a spare one.
 *
 * The national stack is made from platform.yaml and the forces' VPN sites (they terminate on the
 * hub gateway), as `stackInputsSha256` records, so a force file touches the national stack only
 * when its VPN part differs between base and head. (The hub side of each peering lives in the
 * force's own stack.)
 *
 * Bootstrap grants the deployer the roles every stack's resource types need, so it is touched by
 * what touches every stack (platform.yaml, the code) and by a force file whose change can alter the
 * force stack's resource types or scopes. It is named apart (`byHand`), never in `stacks` or the CI
 * matrix: the pipeline identity cannot apply the stack that grants it its own roles; an NMC
 * engineer does (docs/bootstrap.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { FORCE_ID_RE } from '../config/schema';
import { terminalSafe } from '../policies/formats/printable';
import { BOOTSTRAP_STACK, NATIONAL_STACK } from '../stacks/stack-inputs';
import { SYNTHESIS_CODE_FOLDERS } from '../util/package-root';
import { bytesAt, changedFiles, mergeBaseOf, relativeToRoot, repoRoot } from './git';
import type { GitBlobReader } from './git-blobs';

/** What one changed file means for the stacks. */
export interface FileEffect {
  /** Path relative to the estate folder (or to the repository root when outside it). */
  readonly file: string;
  /** `all` stacks, the named `stacks`, or `none`. */
  readonly effect: 'all' | 'stacks' | 'none';
  readonly stacks: readonly string[];
  readonly reason: string;
}

export interface AffectedResult {
  /** The base ref compared against. */
  readonly base: string;
  /** True when every stack is affected. */
  readonly all: boolean;
  /** Affected stacks that exist at head: the national stack first, then forces by id. */
  readonly stacks: readonly string[];
  /** Forces whose file was deleted: their stacks are gone from head, their state is not. */
  readonly removed: readonly string[];
  /**
   * Affected stacks an NMC engineer applies by hand, never the pipeline: `['bootstrap']` when the
   * deployer's grants may change (platform.yaml, the code, or a force's services, subscription,
   * tenant, connectivity or identity). Not in `stacks` nor in the CI matrix.
   */
  readonly byHand: readonly string[];
  /** One entry per changed file. */
  readonly files: readonly FileEffect[];
}

/** Paths that are made into every stack. */
const ALL_PREFIXES = SYNTHESIS_CODE_FOLDERS.map((folder) => `${folder}/`);
const ALL_FILES = [
  'platform.yaml',
  'package.json',
  'package-lock.json',
  'cdktf.json',
  'tsconfig.json',
  'tsconfig.build.json',
];
/** Paths that never change what is synthesised. policies/ changes the gate, not the Terraform. */
const NONE_PREFIXES = [
  'docs/',
  'test/',
  '.github/',
  'pipelines/',
  'cli/',
  'delivery/',
  'scripts/',
  'bench/',
  'bin/',
  'policies/',
  '.ci/',
  '.vscode/',
];
const NONE_FILES = ['CODEOWNERS', '.gitignore', '.editorconfig', 'LICENSE', '.nvmrc', '.npmrc'];

const FORCE_FILE_RE = /^forces\/([^/]+)\.yaml$/;
const ADOPTION_FILE_RE = /^forces\/([^/]+)\.adopt\.yaml$/;
const WAIVER_FILE_RE = /^policies\/waivers\/([^/]+)\.yaml$/;

/** The effect of one changed path (relative to the estate folder; `/...` for estate-like files outside it). Pure. */
export function fileEffect(file: string): FileEffect {
  const of = (effect: FileEffect['effect'], reason: string, stacks: string[] = []): FileEffect => ({
    file,
    effect,
    stacks,
    reason,
  });
  if (file.startsWith('/')) return of('none', "outside the estate folder (another estate's file)");
  // An adoption file turns that force's creates into imports.
  const adoption = ADOPTION_FILE_RE.exec(file);
  if (adoption) return of('stacks', 'adoption file of the force', [adoption[1]]);
  const force = FORCE_FILE_RE.exec(file);
  if (force) return of('stacks', 'force file', [force[1]]);
  const waiver = WAIVER_FILE_RE.exec(file);
  // A waiver changes whether that force's plan passes the check, so its plan is worth re-running.
  if (waiver) return of('stacks', 'waivers of the force (its plan check changes)', [waiver[1]]);
  if (ALL_FILES.includes(file))
    return of('all', file === 'platform.yaml' ? 'national platform config' : 'dependencies or build settings');
  if (ALL_PREFIXES.some((p) => file.startsWith(p))) return of('all', 'code that every stack is synthesised from');
  if (file.endsWith('.md')) return of('none', 'documentation');
  if (file.startsWith('forces/')) return of('none', 'not a force file (forces/<id>.yaml)');
  if (NONE_FILES.includes(file) || NONE_PREFIXES.some((p) => file.startsWith(p)))
    return of('none', 'does not change any stack');
  return of('all', 'unrecognised path: every stack, to be safe');
}

/** Force ids with a file in `forces/` of `estateDir`, sorted. No validation: that is `validate`'s job. */
export function forceIdsOnDisk(estateDir: string): string[] {
  const dir = join(estateDir, 'forces');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.adopt.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * Combines the effects of the changed files. `forceIds` are the forces that exist at head;
 * a touched force missing from them has been deleted.
 */
export function affectedStacks(
  base: string,
  files: readonly string[],
  forceIds: readonly string[],
  vpnChanged: ReadonlySet<string> = new Set(),
  grantsChanged: ReadonlySet<string> = new Set(),
): AffectedResult {
  const effects = files
    .map(fileEffect)
    .map((e) =>
      e.reason === 'force file' && vpnChanged.has(e.stacks[0])
        ? {
            ...e,
            stacks: [NATIONAL_STACK, ...e.stacks],
            reason:
              'force file; its VPN sites terminate on the hub and its flows are hub firewall rules (national stack)',
          }
        : e,
    )
    .map((e) =>
      e.reason.startsWith('force file') && grantsChanged.has(e.stacks[e.stacks.length - 1])
        ? { ...e, reason: `${e.reason}; the deployer's grants follow its resource types (bootstrap, by hand)` }
        : e,
    );
  const all = effects.some((e) => e.effect === 'all');
  const existing = new Set(forceIds);
  const touched = new Set(effects.flatMap((e) => e.stacks));
  // forces/<id>.adopt.yaml also matches FORCE_FILE_RE (as "<id>.adopt"): it is never a force of its own.
  const removed = files
    .filter((f) => !ADOPTION_FILE_RE.test(f))
    .map((f) => FORCE_FILE_RE.exec(f)?.[1])
    .filter((id): id is string => id !== undefined && !existing.has(id));
  const national = touched.has(NATIONAL_STACK) ? [NATIONAL_STACK] : [];
  const stacks = all ? [NATIONAL_STACK, ...forceIds] : [...national, ...forceIds.filter((id) => touched.has(id))];
  const grants = all || files.some((f) => grantsChanged.has(FORCE_FILE_RE.exec(f)?.[1] ?? ''));
  return { base, all, stacks, removed: removed.sort(), byHand: grants ? [BOOTSTRAP_STACK] : [], files: effects };
}

/** The GitHub Actions / Azure Pipelines matrix: `{"include":[{"stack":"essex"}, ...]}`. */
export function toMatrix(result: AffectedResult): { include: { stack: string }[] } {
  return { include: result.stacks.map((stack) => ({ stack })) };
}

/**
 * A short human summary. File names come from git and may hold anything, escape sequences
 * included; pipelines append this to the pull request's summary, so it is made terminal-safe.
 */
export function formatAffected(result: AffectedResult): string {
  return terminalSafe(formatAffectedLines(result));
}

function formatAffectedLines(result: AffectedResult): string {
  const lines = [
    result.stacks.length === 0
      ? `no stacks affected since ${result.base}`
      : `${result.stacks.length} stack${result.stacks.length === 1 ? '' : 's'} affected since ${result.base}${result.all ? ' (all)' : ''}: ${result.stacks.join(', ')}`,
  ];
  if (result.byHand.length > 0)
    lines.push(
      `by hand, not in the matrix (an NMC engineer applies it first: docs/bootstrap.md): ${result.byHand.join(', ')}`,
    );
  if (result.removed.length > 0)
    lines.push(
      `removed forces (their state still holds resources; destroy deliberately): ${result.removed.join(', ')}`,
    );
  for (const f of result.files) {
    const what = f.effect === 'all' ? 'all stacks' : f.effect === 'none' ? 'no stack' : f.stacks.join(', ');
    lines.push(`  ${f.file} -> ${what} (${f.reason})`);
  }
  return lines.join('\n');
}

/** Where an estate sits in its repository and the commit a change is compared with. */
export interface ChangeBase {
  /** The repository's top folder (real path). */
  readonly root: string;
  /** The estate folder relative to `root` ('' when it is the root). */
  readonly prefix: string;
  /** The merge base of `base` and HEAD. */
  readonly mergeBase: string;
}

/** The repository, the estate's place in it and the merge base: three git calls, made once. */
export async function changeBase(estateDir: string, base: string): Promise<ChangeBase> {
  // Both from the estate folder, at once: git finds the repository from any folder inside it. Outside a
  // repository, that is the error to report, not the base's.
  const [root, mergeBase] = await Promise.allSettled([repoRoot(estateDir), mergeBaseOf(estateDir, base)]);
  if (root.status === 'rejected') throw root.reason;
  if (mergeBase.status === 'rejected') throw mergeBase.reason;
  return { root: root.value, prefix: relativeToRoot(root.value, estateDir), mergeBase: mergeBase.value };
}

/**
 * Where the estate is, the merge base, and the changed files relative to the estate folder: four git
 * calls started at once. The repository's error comes first (outside one, nothing else is
 * meaningful), then the base's (a clear "no such commit"), then any other.
 */
async function changesSince(estateDir: string, base: string): Promise<{ at: ChangeBase; files: string[] }> {
  const [at, changed] = await Promise.allSettled([changeBase(estateDir, base), changedFiles(estateDir, base)]);
  if (at.status === 'rejected') throw at.reason;
  if (changed.status === 'rejected') throw changed.reason;
  const { prefix } = at.value;
  if (!prefix) return { at: at.value, files: changed.value };
  // Files outside the estate folder (the code, when the estate is a subfolder) keep their root path,
  // except those that look like an estate's own (another estate's force file is not one of ours):
  // those are anchored at the root with a leading '/'.
  const files = changed.value.map((f) => {
    if (f.startsWith(`${prefix}/`)) return f.slice(prefix.length + 1);
    return FORCE_FILE_RE.test(f) || WAIVER_FILE_RE.test(f) || f === 'platform.yaml' ? `/${f}` : f;
  });
  return { at: at.value, files };
}

/**
 * Stack names taken from file names (`forces/<id>.yaml`) go into CI matrices and from there into
 * job names and commands: each must be a valid force id, or the run stops here.
 */
export function assertStackIds(result: AffectedResult): AffectedResult {
  const bad = [...result.stacks, ...result.removed].filter((s) => s !== NATIONAL_STACK && !FORCE_ID_RE.test(s));
  if (bad.length > 0)
    throw new Error(
      `not valid force ids (3-24 lower-case letters, digits or hyphens, starting with a letter), taken from file names under forces/ or policies/waivers/: ${bad.map((b) => JSON.stringify(terminalSafe(b))).join(', ')}; rename the files (bluelamp validate says how)`,
    );
  // A force file named for the national or bootstrap stack would put that stack in the matrix as a force.
  const reserved = result.files
    .map((e) => e.file)
    .filter((f) =>
      [NATIONAL_STACK, BOOTSTRAP_STACK].includes((ADOPTION_FILE_RE.exec(f) ?? FORCE_FILE_RE.exec(f))?.[1] ?? ''),
    );
  if (reserved.length > 0)
    throw new Error(
      `${reserved.map((f) => JSON.stringify(terminalSafe(f))).join(', ')}: "${NATIONAL_STACK}" and "${BOOTSTRAP_STACK}" are reserved stack names, not force ids; rename the files (bluelamp validate says how)`,
    );
  return result;
}

/** The stacks touched since `base` in the git repository that holds `estateDir`; every id is validated. */
export async function computeAffected(estateDir: string, base: string): Promise<AffectedResult> {
  return (await affectedSince(estateDir, base)).affected;
}

/**
 * computeAffected, with what it learnt on the way: where the estate is, the merge base, and the
 * exact bytes of each changed force file at the merge base (undefined: not there), which
 * `bluelamp pr` builds the base estate from without asking git again (through `blobs`, when given:
 * one git process for every file).
 */
export async function affectedSince(
  estateDir: string,
  base: string,
  blobs?: GitBlobReader,
): Promise<{ affected: AffectedResult; at: ChangeBase; baseBytes: ReadonlyMap<string, Buffer | undefined> }> {
  const { at, files } = await changesSince(estateDir, base);
  const forceFiles = files.filter((file) => FORCE_FILE_RE.test(file));
  const baseBytes = new Map(
    await Promise.all(
      forceFiles.map(async (file) => {
        const path = at.prefix ? `${at.prefix}/${file}` : file;
        return [file, await (blobs ? blobs.read(at.mergeBase, path) : bytesAt(at.root, at.mergeBase, path))] as const;
      }),
    ),
  );
  const vpnChanged = new Set<string>();
  const grantsChanged = new Set<string>();
  for (const file of forceFiles) {
    const id = FORCE_FILE_RE.exec(file)![1];
    const headText = existsSync(join(estateDir, file)) ? readFileSync(join(estateDir, file), 'utf8') : undefined;
    const baseText = baseBytes.get(file)?.toString('utf8');
    // Each side parsed once for both questions (a parse of a force file is a few milliseconds).
    const [before, after] = [parsedForceFile(baseText), parsedForceFile(headText)];
    if (vpnPart(id, before) !== vpnPart(id, after)) vpnChanged.add(id);
    if (grantsPart(before) !== grantsPart(after)) grantsChanged.add(id);
  }
  const affected = assertStackIds(affectedStacks(base, files, forceIdsOnDisk(estateDir), vpnChanged, grantsChanged));
  return { affected, at, baseBytes };
}

/** A force file's text parsed as YAML, `absent` when there is no file, or the text when it does not parse. */
type ParsedForceFile =
  | { readonly kind: 'absent' }
  | { readonly kind: 'parsed'; readonly value: unknown }
  | { readonly kind: 'unparseable'; readonly text: string };

function parsedForceFile(text: string | undefined): ParsedForceFile {
  if (text === undefined) return { kind: 'absent' };
  try {
    const value = parse(text) as unknown;
    // A recursive alias parses to a cycle, which no comparable text can be made of.
    JSON.stringify(value);
    return { kind: 'parsed', value };
  } catch {
    return { kind: 'unparseable', text };
  }
}

/**
 * The part of a force file the national stack reads, as comparable text: the whole `network`
 * section of a force with VPN sites (they terminate on the hub) or flows (firewall rules). A file that does not parse
 * counts as changed (the conservative answer).
 */
function vpnPart(id: string, file: ParsedForceFile): string {
  if (file.kind === 'absent') return '[]';
  if (file.kind === 'unparseable') return `unparseable:${file.text}`;
  const parsed = file.value as { network?: { connectivity?: { type?: string }; flows?: unknown[] } } | null;
  const network = parsed?.network;
  if (network?.connectivity?.type !== 'vpn' && !network?.flows?.length) return '[]';
  return JSON.stringify({ id, network });
}

/**
 * Force file fields that cannot change the force stack's resource types or their scopes, so not
 * the deployer's grants. Every other field (services, subscription, tenant, region, connectivity,
 * identity, and any field added later) counts: a spare bootstrap plan beats a missing grant.
 */
const NOT_GRANT_FIELDS = ['name', 'classification', 'costCentre', 'tags'];

/**
 * The part of a force file bootstrap's grants follow, as comparable text (comments and layout do
 * not count). A missing file is `absent` (an added or deleted force changes the grants); one that
 * does not parse counts as changed.
 */
function grantsPart(file: ParsedForceFile): string {
  if (file.kind === 'absent') return 'absent';
  if (file.kind === 'unparseable') return `unparseable:${file.text}`;
  const parsed = file.value as Record<string, unknown> | null;
  if (!parsed || typeof parsed !== 'object') return JSON.stringify(parsed);
  const kept = Object.fromEntries(Object.entries(parsed).filter(([k]) => !NOT_GRANT_FIELDS.includes(k)));
  const network = kept.network as Record<string, unknown> | undefined;
  // The address space and flows shape rules inside the same resource types.
  if (network && typeof network === 'object') kept.network = { ...network, addressSpace: null, flows: null };
  return JSON.stringify(kept);
}
