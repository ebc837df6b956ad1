/**
 * Tag rules across platform.yaml and the force files. Azure tag names are case-insensitive, so a
 * key that differs from another only in case is the same tag: `CLASSIFICATION` beside the
 * classification Blue Lamp writes would overwrite or break it. Everything synthesis would refuse
 * (a required tag with no value, more than 50 tags) is refused here first, with the line.
 */
import {
  FORBIDDEN_TAG_KEY_CHARACTERS,
  MANAGED_TAG_KEYS,
  MAX_POLICY_ASSIGNMENT_NAME_LENGTH,
  MAX_TAG_KEY_LENGTH,
  MAX_TAGS_PER_RESOURCE,
  requiredTagAssignmentNames,
} from '../util/azure-tags';
import type { LoadedFile } from './estate';
import type { ConfigIssue } from './errors';
import type { ForceConfig, PlatformConfig } from './schema';

type Force = LoadedFile<ForceConfig>;
type Platform = LoadedFile<PlatformConfig>;

const MANAGED = new Map<string, string>(MANAGED_TAG_KEYS.map((k) => [k.toLowerCase(), k]));

function at(file: LoadedFile<unknown>, path: PropertyKey[], pathText: string, message: string): ConfigIssue {
  const pos = file.locator.locate(path);
  return { file: file.file, line: pos?.line, col: pos?.col, path: pathText, message };
}

/** Problems with one tag key as Azure sees it: characters and length. */
function keyProblems(key: string): string | undefined {
  const bad = FORBIDDEN_TAG_KEY_CHARACTERS.exec(key);
  if (bad) return `tag name "${key}" contains "${bad[0]}", which Azure refuses in tag names (< > % & \\ ? /)`;
  if (key.length > MAX_TAG_KEY_LENGTH)
    return `tag name is ${key.length} characters; storage accounts (in every force) accept ${MAX_TAG_KEY_LENGTH}`;
  return undefined;
}

/** Keys that are the same tag to Azure as an earlier key of the same list (case-insensitive). */
function caseDuplicates(keys: readonly string[]): { key: string; index: number; first: string }[] {
  const seen = new Map<string, string>();
  const out: { key: string; index: number; first: string }[] = [];
  keys.forEach((key, index) => {
    const first = seen.get(key.toLowerCase());
    if (first !== undefined) out.push({ key, index, first });
    else seen.set(key.toLowerCase(), key);
  });
  return out;
}

export function tagIssues(platform: Platform, forces: readonly Force[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const p = platform.config;
  const common = Object.keys(p.tags.common);
  const commonLower = new Map(common.map((k) => [k.toLowerCase(), k]));

  // platform.yaml tags.common
  for (const key of common) {
    const path = ['tags', 'common', key];
    const problem = keyProblems(key);
    if (problem) issues.push(at(platform, path, `tags.common.${key}`, problem));
    const managed = MANAGED.get(key.toLowerCase());
    if (managed && !(managed === 'managed-by' && key === managed)) {
      issues.push(
        at(
          platform,
          path,
          `tags.common.${key}`,
          `"${key}" is the ${managed} tag, which Blue Lamp sets on every resource; remove it`,
        ),
      );
    }
  }
  for (const d of caseDuplicates(common).filter((d) => !MANAGED.has(d.key.toLowerCase()))) {
    issues.push(
      at(
        platform,
        ['tags', 'common', d.key],
        `tags.common.${d.key}`,
        `"${d.key}" and "${d.first}" are one tag to Azure (tag names ignore case); keep one`,
      ),
    );
  }

  // platform.yaml tags.required
  const required = p.tags.required;
  required.forEach((key, i) => {
    const problem = keyProblems(key);
    if (problem) issues.push(at(platform, ['tags', 'required', i], `tags.required[${i}]`, problem));
    const names = requiredTagAssignmentNames(key);
    if (names.resourceGroups.length > MAX_POLICY_ASSIGNMENT_NAME_LENGTH) {
      issues.push(
        at(
          platform,
          ['tags', 'required', i],
          `tags.required[${i}]`,
          `"${key}" is too long for its guardrail policy assignment name ${names.resourceGroups} (${MAX_POLICY_ASSIGNMENT_NAME_LENGTH} characters at most)`,
        ),
      );
    }
  });
  const slugs = new Map<string, string>();
  const duplicated = new Set<number>();
  required.forEach((key, i) => {
    const { slug } = requiredTagAssignmentNames(key);
    const first = slugs.get(slug);
    if (first !== undefined) {
      duplicated.add(i);
      issues.push(
        at(
          platform,
          ['tags', 'required', i],
          `tags.required[${i}]`,
          first.toLowerCase() === key.toLowerCase()
            ? `"${key}" and "${first}" are one tag to Azure (tag names ignore case); keep one`
            : `"${key}" and "${first}" give the same guardrail policy assignment (bl-tag-${slug}); rename one`,
        ),
      );
    } else slugs.set(slug, key);
  });
  // The national stack carries the common tags and the managed ones; nothing else can fill a required tag there.
  required.forEach((key, i) => {
    const managed = MANAGED_TAG_KEYS.includes(key as (typeof MANAGED_TAG_KEYS)[number]);
    if (!managed && !duplicated.has(i) && p.tags.common[key] === undefined) {
      issues.push(
        at(
          platform,
          ['tags', 'required', i],
          `tags.required[${i}]`,
          `"${key}" has no value on the national stack's resources; add it to tags.common`,
        ),
      );
    }
  });
  const nationalCount = new Set([...common, ...MANAGED_TAG_KEYS]).size;
  if (nationalCount > MAX_TAGS_PER_RESOURCE) {
    issues.push(
      at(
        platform,
        ['tags', 'common'],
        'tags.common',
        `with the ${MANAGED_TAG_KEYS.length} tags Blue Lamp sets, every resource would carry ${nationalCount} tags; Azure allows ${MAX_TAGS_PER_RESOURCE}`,
      ),
    );
  }

  // forces/<id>.yaml tags
  const requiredLower = new Map(required.map((k) => [k.toLowerCase(), k]));
  for (const force of forces) {
    const keys = Object.keys(force.config.tags);
    for (const key of keys) {
      const path = ['tags', key];
      const pathText = `tags.${key}`;
      const problem = keyProblems(key);
      if (problem) issues.push(at(force, path, pathText, problem));
      const lower = key.toLowerCase();
      const managed = MANAGED.get(lower);
      const commonKey = commonLower.get(lower);
      const requiredKey = requiredLower.get(lower);
      if (managed) {
        issues.push(
          at(
            force,
            path,
            pathText,
            `"${key}" is the ${managed} tag, which Blue Lamp sets from ${managed === 'managed-by' ? 'platform.yaml' : 'this file'}; remove it`,
          ),
        );
      } else if (commonKey !== undefined && commonKey !== key) {
        issues.push(
          at(
            force,
            path,
            pathText,
            `"${key}" and "${commonKey}" (platform.yaml tags.common) are one tag to Azure (tag names ignore case); write it "${commonKey}"`,
          ),
        );
      } else if (requiredKey !== undefined && requiredKey !== key) {
        issues.push(
          at(
            force,
            path,
            pathText,
            `"${key}" and the required tag "${requiredKey}" are one tag to Azure (tag names ignore case); write it "${requiredKey}"`,
          ),
        );
      }
    }
    for (const d of caseDuplicates(keys)) {
      issues.push(
        at(
          force,
          ['tags', d.key],
          `tags.${d.key}`,
          `"${d.key}" and "${d.first}" are one tag to Azure (tag names ignore case); keep one`,
        ),
      );
    }
    const count = new Set([...common, ...keys, ...MANAGED_TAG_KEYS]).size;
    if (count > MAX_TAGS_PER_RESOURCE) {
      issues.push(
        at(
          force,
          ['tags'],
          'tags',
          `with platform.yaml tags.common and the ${MANAGED_TAG_KEYS.length} tags Blue Lamp sets, every resource would carry ${count} tags; Azure allows ${MAX_TAGS_PER_RESOURCE}`,
        ),
      );
    }
  }
  return issues;
}
