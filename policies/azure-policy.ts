/**
 * The Azure Policy built-in index (`../shared/azure-policy/` beside the repository): loaded once
 * per process and per folder, and only the file a lookup needs (the initiatives file is 7 MB).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../util/package-root';

export interface BuiltinPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly deprecated: boolean;
  readonly preview?: boolean;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export type PolicyKind = 'policyDefinitions' | 'policySetDefinitions';

const FILES: Record<PolicyKind, string> = {
  policyDefinitions: 'builtin-policy-definitions.json',
  policySetDefinitions: 'builtin-policy-set-definitions.json',
};

const cache = new Map<string, Map<string, BuiltinPolicy>>();

/** The default index folder: `../shared/azure-policy` relative to the repository root. */
export function defaultAzurePolicyDir(): string | undefined {
  const dir = resolve(packageRoot(), '..', 'shared', 'azure-policy');
  return existsSync(join(dir, FILES.policyDefinitions)) ? dir : undefined;
}

/** The built-ins of one kind, keyed by lower-case GUID; undefined when the index is absent. */
export function builtinIndex(dir: string, kind: PolicyKind): ReadonlyMap<string, BuiltinPolicy> | undefined {
  const key = `${dir}\0${kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = join(dir, FILES[kind]);
  if (!existsSync(file)) return undefined;
  const entries = JSON.parse(readFileSync(file, 'utf8')) as (BuiltinPolicy & { name: string })[];
  const map = new Map<string, BuiltinPolicy>();
  for (const e of entries) {
    const guid = e.name.toLowerCase();
    // The index repeats some definitions (sovereign-cloud copies); keep the non-deprecated one.
    const existing = map.get(guid);
    if (!existing || (existing.deprecated && !e.deprecated)) map.set(guid, e);
  }
  cache.set(key, map);
  return map;
}

const BUILTIN_ID_RE = /^\/providers\/Microsoft\.Authorization\/(policyDefinitions|policySetDefinitions)\/([0-9a-fA-F-]{36})$/i;

/** Splits a built-in definition id; undefined when it is not a tenant-level built-in id. */
export function parseBuiltinId(id: string): { kind: PolicyKind; guid: string } | undefined {
  const m = BUILTIN_ID_RE.exec(id);
  if (!m) return undefined;
  const kind = m[1].toLowerCase() === 'policysetdefinitions' ? 'policySetDefinitions' : 'policyDefinitions';
  return { kind, guid: m[2].toLowerCase() };
}
