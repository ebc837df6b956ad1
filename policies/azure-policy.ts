/**
 * The Azure Policy built-in index: a compact snapshot of Azure's built-in policy definitions and
 * initiatives, vendored at `policies/data/azure-policy-index.json` so a plain clone can check
 * policy assignments offline. `npm run policy-index` regenerates it from the full index
 * (Azure/azure-policy data); loaded once per process and per file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root';

/** One parameter a built-in declares. */
export interface BuiltinParameter {
  /** Present (true) when the parameter has no default: an assignment must give it. */
  readonly required?: true;
  /** The only values Azure accepts, when the definition restricts them. */
  readonly allowedValues?: readonly unknown[];
}

/** Flags are present only when true, which keeps the vendored file small. */
export interface BuiltinPolicy {
  readonly displayName: string;
  readonly deprecated?: true;
  readonly preview?: true;
  readonly parameters: Readonly<Record<string, BuiltinParameter>>;
  /**
   * Whether it deploys or modifies resources (so an assignment needs a managed identity). The
   * index records no effects; Azure names such built-ins "Deploy ...", "Configure ...", "Add ..."
   * and their files end in _Prerequisite, _Deploy, _DINE or _Modify. For an initiative: whether
   * any member does.
   */
  readonly deploysOrModifies?: true;
}

export interface BuiltinInitiative extends BuiltinPolicy {
  /** Lower-case GUIDs of the member definitions. */
  readonly members: readonly string[];
}

export interface AzurePolicyIndex {
  readonly source: { readonly repository: string; readonly commit: string; readonly note: string };
  /** Keyed by lower-case GUID. */
  readonly definitions: Readonly<Record<string, BuiltinPolicy>>;
  readonly initiatives: Readonly<Record<string, BuiltinInitiative>>;
}

export type PolicyKind = 'policyDefinitions' | 'policySetDefinitions';

export type LoadedIndex =
  { readonly ok: true; readonly index: AzurePolicyIndex } | { readonly ok: false; readonly reason: string };

/** The vendored index file. */
export function defaultAzurePolicyIndex(): string {
  return join(packageRoot(), 'policies', 'data', 'azure-policy-index.json');
}

const cache = new Map<string, LoadedIndex>();

/** The index in `file` (a failure is remembered too, so a missing file is reported once per process). */
export function loadAzurePolicyIndex(file: string): LoadedIndex {
  const hit = cache.get(file);
  if (hit) return hit;
  let loaded: LoadedIndex;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AzurePolicyIndex>;
    loaded =
      isObject(parsed.definitions) && isObject(parsed.initiatives)
        ? { ok: true, index: parsed as AzurePolicyIndex }
        : { ok: false, reason: `${file} has no "definitions" and "initiatives" objects` };
  } catch (err) {
    loaded = { ok: false, reason: `${file} cannot be read: ${(err as Error).message}` };
  }
  cache.set(file, loaded);
  return loaded;
}

/** Finds built-ins by GUID without holding the whole index. */
export interface BuiltinLookup {
  lookup(kind: PolicyKind, guid: string): BuiltinPolicy | BuiltinInitiative | undefined;
}

export type OpenedLookup =
  { readonly ok: true; readonly builtins: BuiltinLookup } | { readonly ok: false; readonly reason: string };

const lookups = new Map<string, OpenedLookup>();

/**
 * The built-ins in `file`, read one entry at a time: what the checks use. Decoding and parsing
 * the whole 2.7 MB index cost about 0.1 s of every check (node --cpu-prof, 30 November 2026)
 * although an estate assigns a handful of built-ins (7 in the bundled one). The vendored layout
 * (serializeAzurePolicyIndex: one built-in per line, definitions before initiatives) lets a
 * lookup find its line and parse only that; any other layout is parsed whole, as
 * loadAzurePolicyIndex does. Results are kept per file and GUID.
 */
export function openBuiltinLookup(file: string): OpenedLookup {
  const known = lookups.get(file);
  if (known) return known;
  let opened: OpenedLookup;
  try {
    opened = lineLookup(file, readFileSync(file));
  } catch (err) {
    opened = { ok: false, reason: `${file} cannot be read: ${(err as Error).message}` };
  }
  lookups.set(file, opened);
  return opened;
}

/** How serializeAzurePolicyIndex starts the file: the source on one line, then one built-in per line. */
const VENDORED_HEAD = Buffer.from('{\n  "source": {"');
const DEFINITIONS_OPEN = Buffer.from('\n  "definitions": {\n');
const INITIATIVES_OPEN = Buffer.from('\n  "initiatives": {\n');

function lineLookup(file: string, bytes: Buffer): OpenedLookup {
  const whole = (): OpenedLookup => {
    const loaded = loadAzurePolicyIndex(file);
    return loaded.ok
      ? { ok: true, builtins: { lookup: (kind, guid) => lookupBuiltin(loaded.index, kind, guid) } }
      : loaded;
  };
  const definitions = bytes.indexOf(DEFINITIONS_OPEN);
  const initiatives = bytes.indexOf(INITIATIVES_OPEN);
  const vendoredLayout = bytes.subarray(0, VENDORED_HEAD.length).equals(VENDORED_HEAD);
  if (!vendoredLayout || definitions < 0 || initiatives < definitions) return whole();
  const found = new Map<string, BuiltinPolicy | BuiltinInitiative | undefined>();
  let fallback: OpenedLookup | undefined;
  const lookup = (kind: PolicyKind, guid: string): BuiltinPolicy | BuiltinInitiative | undefined => {
    const key = `${kind}/${guid.toLowerCase()}`;
    if (found.has(key)) return found.get(key);
    const [from, to] = kind === 'policySetDefinitions' ? [initiatives, bytes.length] : [definitions, initiatives];
    // A GUID is hex and hyphens only (parseBuiltinId): no JSON escaping can hide it.
    const start = /^[0-9a-f-]{36}$/.test(guid.toLowerCase())
      ? bytes.indexOf(`\n    "${guid.toLowerCase()}": `, from)
      : -1;
    let entry: BuiltinPolicy | BuiltinInitiative | undefined;
    if (start >= 0 && start < to) {
      const end = bytes.indexOf(0x0a, start + 1);
      const line = bytes
        .toString('utf8', start + 1, end < 0 ? bytes.length : end)
        .trim()
        .replace(/,$/, '');
      try {
        entry = (JSON.parse(`{${line}}`) as Record<string, BuiltinPolicy | BuiltinInitiative>)[guid.toLowerCase()];
      } catch {
        // Not one built-in per line after all: the file is read whole.
        fallback ??= whole();
        if (!fallback.ok) throw new Error(fallback.reason);
        entry = fallback.builtins.lookup(kind, guid);
      }
    }
    found.set(key, entry);
    return entry;
  };
  return { ok: true, builtins: { lookup } };
}

/** The built-in of `kind` with this GUID (any case), or undefined. */
export function lookupBuiltin(
  index: AzurePolicyIndex,
  kind: PolicyKind,
  guid: string,
): BuiltinPolicy | BuiltinInitiative | undefined {
  const table = kind === 'policySetDefinitions' ? index.initiatives : index.definitions;
  const key = guid.toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const BUILTIN_ID_RE =
  /^\/providers\/Microsoft\.Authorization\/(policyDefinitions|policySetDefinitions)\/([0-9a-fA-F-]{36})$/i;

/** Splits a built-in definition id; undefined when it is not a tenant-level built-in id. */
export function parseBuiltinId(id: string): { kind: PolicyKind; guid: string } | undefined {
  const m = BUILTIN_ID_RE.exec(id);
  if (!m) return undefined;
  const kind = m[1].toLowerCase() === 'policysetdefinitions' ? 'policySetDefinitions' : 'policyDefinitions';
  return { kind, guid: m[2].toLowerCase() };
}

/** The built-in a full definition id names, or undefined (not a built-in id, or not in the index). */
export function lookupBuiltinId(index: AzurePolicyIndex, id: string): BuiltinPolicy | BuiltinInitiative | undefined {
  const parsed = parseBuiltinId(id);
  return parsed && lookupBuiltin(index, parsed.kind, parsed.guid);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
