/**
 * Loads the whole estate (platform.yaml + forces/*.yaml) from a folder: schema validation per
 * file, then the cross-file rules. Every problem is collected; one ConfigError holds them all.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ConfigIssue } from './errors';
import { crossFileIssues } from './estate-rules';
import { ForceConfig, ForceSchema, PlatformConfig, PlatformSchema } from './schema';
import type { SourceLocator } from './yaml-file';
import { ParseCache, readAndValidateCached, validateTextCached } from './parse-cache';
import { sharingDateIssues } from './sharing-rules';
import { today } from '../util/london-time';
import { userCacheDir } from '../util/user-cache';
import { AdoptionConfig, adoptionFileForce, AdoptionSchema } from './adoption-schema';
import type { ForceFacts, ForceIndex } from './force-index';
import { readConfigText } from './read-text';
import { lazyLocator } from './yaml-file';

export const PLATFORM_FILE = 'platform.yaml';
export const FORCES_DIR = 'forces';

export interface LoadedFile<T> {
  /** Path relative to the estate folder, for messages (`forces/essex.yaml`). */
  readonly file: string;
  readonly config: T;
  readonly locator: SourceLocator;
  /** sha256 of the file's bytes: the input fingerprint that synth records. */
  readonly sha256: string;
}

export interface Estate {
  /** Absolute path of the estate folder. */
  readonly dir: string;
  readonly platform: LoadedFile<PlatformConfig>;
  /** Forces sorted by id. */
  readonly forces: readonly LoadedFile<ForceConfig>[];
  /** Existing resources each force adopts (`forces/<id>.adopt.yaml`), by force id. */
  readonly adoptions?: ReadonlyMap<string, LoadedFile<AdoptionConfig>>;
  /**
   * Forces taken from a force index (LoadOptions.index) instead of being parsed: only their facts,
   * which the cross-force rules read. Such forces are not in `forces`, so an estate loaded with an
   * index synthesises only the stacks of the forces it parsed.
   */
  readonly indexed?: readonly LoadedFile<ForceFacts>[];
}

export interface LoadOptions {
  /** Only these force ids (or `national`) are needed; others are still validated, since cross-force rules need them all. */
  readonly forceIds?: readonly string[];
  /**
   * The day (`YYYY-MM-DD`, London) that date rules such as an expired sharing agreement are judged
   * on; `null` leaves them out (an old commit, judged for what it is rather than what time did to it).
   * @default - today in London, or BLUELAMP_TODAY
   */
  readonly today?: string | null;
  /**
   * Files validated by earlier runs, by content (config/parse-cache.ts); `false`: validate every
   * file in full. @default ParseCache.open(): the user's cache folder, unless BLUELAMP_CACHE_DIR=off
   */
  readonly cache?: ParseCache | false;
  /**
   * Facts of forces validated before (config/force-index.ts): a force file whose text hashes to
   * its entry is not parsed, and only the cross-force rules see it (a pull request's review of its
   * unchanged files). Unused when platform.yaml is not the one the index was written for.
   * @default - every file parsed
   */
  readonly index?: ForceIndex;
}

/** Loads and validates the estate in `dir`; throws ConfigError listing every problem. */
export function loadEstate(dir: string, options: LoadOptions = {}): Estate {
  const issues: ConfigIssue[] = [];
  const platformPath = join(dir, PLATFORM_FILE);
  if (!existsSync(platformPath)) {
    throw new ConfigError([
      { file: PLATFORM_FILE, path: '', message: `not found in ${dir} (use --dir to point at the estate folder)` },
    ]);
  }
  const cache =
    options.cache === false ? undefined : (options.cache ?? ParseCache.open(userCacheDir(process.env, dir) ?? false));
  const platformResult = readAndValidateCached(platformPath, PLATFORM_FILE, PlatformSchema, 'platform', cache);
  if (!platformResult.ok) issues.push(...platformResult.issues);

  const forcesDir = join(dir, FORCES_DIR);
  const forcesIsDir = existsSync(forcesDir) && statSync(forcesDir).isDirectory();
  // Any YAML-looking name counts, whatever its case, so that `Essex.YAML` is reported rather than silently skipped.
  const yamlFiles = forcesIsDir
    ? readdirSync(forcesDir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
    : [];
  // `<id>.adopt.yaml` beside `<id>.yaml`: the resources that force takes over (bluelamp adopt).
  const adoptionFiles = yamlFiles.filter((f) => adoptionFileForce(f) !== undefined);
  const forceFiles = yamlFiles.filter((f) => adoptionFileForce(f) === undefined);
  if (existsSync(forcesDir) && !forcesIsDir)
    issues.push({
      file: FORCES_DIR,
      path: '',
      message: 'is a file; expected a folder holding one forces/<id>.yaml per force',
    });
  else if (forceFiles.length === 0)
    issues.push({ file: `${FORCES_DIR}/`, path: '', message: 'holds no force files (forces/<id>.yaml)' });

  const forces: LoadedFile<ForceConfig>[] = [];
  // Every valid force in file order, parsed or taken from the index: what the cross-force rules compare.
  const members: LoadedFile<ForceFacts>[] = [];
  const indexed: LoadedFile<ForceFacts>[] = [];
  const platformSha256 = platformResult.ok ? sha256(platformResult.text) : undefined;
  const index = options.index?.platformSha256 === platformSha256 ? options.index : undefined;
  for (const name of forceFiles) {
    const rel = `${FORCES_DIR}/${name}`;
    const base = name.replace(/\.ya?ml$/i, '');
    if (!name.endsWith('.yaml')) {
      issues.push({
        file: rel,
        path: '',
        message: `force files end in .yaml; rename it to ${FORCES_DIR}/${base.toLowerCase()}.yaml`,
      });
      continue;
    }
    if (base !== base.toLowerCase()) {
      issues.push({
        file: rel,
        path: '',
        message: `force file names are the force id in lower case; rename it to ${FORCES_DIR}/${base.toLowerCase()}.yaml`,
      });
    }
    const looked = index && lookUp(index, join(forcesDir, name), rel);
    if (looked && 'indexed' in looked) {
      indexed.push(looked.indexed);
      members.push(looked.indexed);
      continue;
    }
    // A file the index was asked about is not read a second time.
    const result = looked
      ? validateTextCached(looked.text, rel, ForceSchema, 'force', cache)
      : readAndValidateCached(join(forcesDir, name), rel, ForceSchema, 'force', cache);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const force = { file: rel, config: result.value, locator: result.locator, sha256: sha256(result.text) };
    forces.push(force);
    members.push(force);
  }

  if (platformResult.ok) {
    const platform: LoadedFile<PlatformConfig> = {
      file: PLATFORM_FILE,
      config: platformResult.value,
      locator: platformResult.locator,
      sha256: platformSha256!,
    };
    issues.push(...crossFileIssues(platform, forces, members));
    const adoptions = loadAdoptions(forcesDir, adoptionFiles, members, issues, cache);
    const day = options.today === undefined ? today() : options.today;
    if (day !== null) issues.push(...sharingDateIssues(forces, day));
    const known = new Set(forces.map((f) => f.config.id));
    for (const id of options.forceIds ?? []) {
      if (id !== 'national' && id !== 'bootstrap' && !known.has(id) && !forceFiles.includes(`${id}.yaml`)) {
        issues.push({ file: `${FORCES_DIR}/${id}.yaml`, path: '', message: `--force ${id}: no such force` });
      }
    }
    cache?.save();
    if (issues.length === 0)
      return {
        dir,
        platform,
        forces,
        ...(adoptions.size > 0 ? { adoptions } : {}),
        ...(indexed.length > 0 ? { indexed } : {}),
      };
  }
  cache?.save();
  throw new ConfigError(issues);
}

function loadAdoptions(
  forcesDir: string,
  files: readonly string[],
  forces: readonly LoadedFile<ForceFacts>[],
  issues: ConfigIssue[],
  cache: ParseCache | undefined,
): Map<string, LoadedFile<AdoptionConfig>> {
  const out = new Map<string, LoadedFile<AdoptionConfig>>();
  for (const name of files) {
    const rel = `${FORCES_DIR}/${name}`;
    const id = adoptionFileForce(name)!;
    const force = forces.find((f) => f.config.id === id);
    if (!name.endsWith('.adopt.yaml') || id !== id.toLowerCase()) {
      issues.push({ file: rel, path: '', message: `adoption files are named ${FORCES_DIR}/<force id>.adopt.yaml` });
      continue;
    }
    const result = readAndValidateCached(join(forcesDir, name), rel, AdoptionSchema, 'adoption', cache);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const at = (path: PropertyKey[], pathText: string, message: string) => {
      const pos = result.locator.locate(path);
      issues.push({ file: rel, line: pos?.line, col: pos?.col, path: pathText, message });
    };
    if (!force) at([], '', `adopts for force "${id}", which has no ${FORCES_DIR}/${id}.yaml`);
    else if (result.value.force !== id) at(['force'], 'force', `must be "${id}" (the file name)`);
    else if (result.value.subscriptionId.toLowerCase() !== force.config.subscriptionId.toLowerCase())
      at(
        ['subscriptionId'],
        'subscriptionId',
        `${result.value.subscriptionId} is not ${id}'s subscription (${force.config.subscriptionId})`,
      );
    else out.set(id, { file: rel, config: result.value, locator: result.locator, sha256: sha256(result.text) });
  }
  return out;
}

/**
 * The force at `absPath` from the index, when the file reads cleanly (every check of a parsed
 * file) and its text is exactly the text the entry was written for; else the text read, to be
 * parsed; undefined when there is no entry or the file does not read cleanly (the parse reports why).
 */
function lookUp(
  index: ForceIndex,
  absPath: string,
  rel: string,
): { indexed: LoadedFile<ForceFacts> } | { text: string } | undefined {
  const entry = index.forces.get(rel);
  if (!entry) return undefined;
  const read = readConfigText(absPath);
  if (!read.ok) return undefined;
  const hash = sha256(read.text);
  if (hash !== entry.sha256) return { text: read.text };
  return { indexed: { file: rel, config: entry.facts, locator: lazyLocator(read.text), sha256: hash } };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
