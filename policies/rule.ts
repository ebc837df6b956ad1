/**
 * What a rule is, and the small vocabulary rules share. A rule is a pure function of one
 * resource (ResourceRule) or of a whole stack (StackRule); it returns outcomes, never throws on
 * purpose (the engine turns a throw into a failing finding).
 */
import type { Estate } from '../config/estate';
import { UK_REGIONS } from '../util/platform-facts';
import { isUnknown, referencedAddresses, Unknown } from './terraform-json';
import type { Outcome, ResourceView, RuleMeta, SourceLocation, StackView } from './types';

/** Platform facts some rules need; from platform.yaml when the estate has one, else defaults. */
export interface RuleSettings {
  readonly allowedRegions: readonly string[];
  readonly requiredTags: readonly string[];
  readonly classifications: readonly string[];
  /** Names of hub resources allowed a public IP. */
  readonly publicIpAllowList: readonly string[];
  /** Next hop every spoke's default route must use; undefined when not known. */
  readonly firewallPrivateIp?: string;
  /** Subscription of the national hub; undefined when not known. */
  readonly hubSubscriptionId?: string;
  /** Entra tenant of the NMC; undefined when not known. */
  readonly nmcTenantId?: string;
  /** Defender plans every force must have on Standard. */
  readonly minimumDefenderPlans: readonly string[];
  /** Name of the national (hub) stack; every stack but it and bootstrap is a force stack. */
  readonly nationalStack: string;
  /** Name of the bootstrap stack (state account, pipeline identity, the deployer's grants). */
  readonly bootstrapStack: string;
  /** The Azure Policy built-in index file (see policies/azure-policy.ts); undefined: none. */
  readonly azurePolicyIndex?: string;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  allowedRegions: UK_REGIONS,
  requiredTags: ['force', 'classification', 'cost-centre', 'managed-by'],
  classifications: ['OFFICIAL', 'OFFICIAL-SENSITIVE'],
  publicIpAllowList: [],
  minimumDefenderPlans: ['CloudPosture', 'Arm', 'KeyVaults', 'StorageAccounts'],
  nationalStack: 'national',
  bootstrapStack: 'bootstrap',
};

/**
 * What a stack is, for the rules: the national hub, a force's landing zone, or bootstrap (applied
 * by hand first; it holds no workload, so the landing-zone rules - Defender, Lighthouse, the
 * workspace - do not apply to it).
 */
export type StackKind = 'national' | 'force' | 'bootstrap';

/** The kinds a rule judges when it does not say (`stackKinds`): the landing-zone stacks. */
export const LANDING_ZONE_KINDS: readonly StackKind[] = ['national', 'force'];
/** Every kind: for rules that hold for any Terraform Blue Lamp writes (residency, tags, secrets, storage). */
export const ALL_STACK_KINDS: readonly StackKind[] = ['national', 'force', 'bootstrap'];

/** The kind of a stack, by name. */
export function stackKind(name: string, settings: Pick<RuleSettings, 'nationalStack' | 'bootstrapStack'>): StackKind {
  return name === settings.nationalStack ? 'national' : name === settings.bootstrapStack ? 'bootstrap' : 'force';
}

/** Whether a rule judges stacks of this kind. */
export function ruleAppliesTo(rule: Pick<RuleBase, 'stackKinds'>, kind: StackKind): boolean {
  return (rule.stackKinds ?? LANDING_ZONE_KINDS).includes(kind);
}

export interface RuleResult {
  readonly outcome: Outcome;
  /** Why (for fail and unknown; optional otherwise). */
  readonly message?: string;
  /** Config field the offending value comes from, when it is more precise than the rule's own. */
  readonly configField?: string;
}

/** A stack rule's result for one resource (or for the stack itself, `address` = stack name). */
export interface AddressedResult extends RuleResult {
  readonly address: string;
}

export interface RuleContext {
  readonly stack: StackView;
  readonly index: StackIndex;
  readonly settings: RuleSettings;
  /** The stack's kind; rules that do not judge it are never run on it (`stackKinds`). */
  readonly kind: StackKind;
  /** `kind === 'national'`. */
  readonly isNational: boolean;
}

interface RuleBase {
  readonly meta: RuleMeta;
  /**
   * Config fields (dotted, as in sources.json) the checked values come from, most specific
   * first; the first one written in the stack's YAML is used for the finding's location.
   */
  readonly configFields?: readonly string[];
  /** Rules that only make sense on a plan (delete/replace); not applicable to synthesised configuration. */
  readonly planOnly?: boolean;
  /**
   * Kinds of stack the rule judges; the engine does not run it on others (no outcome at all).
   * @default LANDING_ZONE_KINDS (national and force stacks, not bootstrap)
   */
  readonly stackKinds?: readonly StackKind[];
}

export interface ResourceRule extends RuleBase {
  readonly scope: 'resource';
  /** Resource types the rule looks at; undefined means every resource. */
  readonly types?: readonly string[];
  check(resource: ResourceView, ctx: RuleContext): RuleResult;
}

export interface StackRule extends RuleBase {
  readonly scope: 'stack';
  check(ctx: RuleContext): readonly AddressedResult[];
}

/** A stack rule's result, for rules that judge the whole estate at once. */
export interface EstateResult extends AddressedResult {
  readonly stack: string;
  /** Where in config, when the rule locates it itself (a declared flow's YAML line, in any stack's file). */
  readonly source?: SourceLocation;
}

/** Each stack's sources.json: where each config value is written in the YAML. */
export interface SourcesFile {
  readonly file: string;
  readonly fields: Readonly<Record<string, { line: number; col: number }>>;
}

/** What an estate rule sees beyond the stacks' contexts. */
export interface EstateInputs {
  /** The estate folder (platform.yaml, forces/), when the run has one. */
  readonly dir?: string;
  /**
   * The estate's config, when the caller has already loaded it (`start` validates first), so it is
   * not parsed twice. @default loaded from `dir` by the rules that need it
   */
  readonly estate?: Estate;
  /** True when a plan is checked instead of the synthesised configuration. */
  readonly plan: boolean;
  /** Each checked stack's sources.json, by stack name. */
  readonly sources: ReadonlyMap<string, SourcesFile>;
  /** Work the estate rules of one run share, computed once by the first rule that needs it (the network proofs). */
  readonly shared: Map<unknown, unknown>;
}

/**
 * A rule over every stack checked together: Azure limits that grow with the estate (the hub's
 * peerings, DNS zone links) and the network intents (a path spans the hub and the spokes) are only
 * visible across stacks. Checking some stacks (`--force`) judges what those stacks hold.
 */
export interface EstateRule extends RuleBase {
  readonly scope: 'estate';
  check(stacks: readonly RuleContext[], inputs: EstateInputs): readonly EstateResult[];
}

export type Rule = ResourceRule | StackRule | EstateRule;

export const pass = (message?: string): RuleResult => ({ outcome: 'pass', message });
export const fail = (message: string, configField?: string): RuleResult => ({ outcome: 'fail', message, configField });
export const unknown = (message: string): RuleResult => ({ outcome: 'unknown', message });
export const notApplicable = (message?: string): RuleResult => ({ outcome: 'not-applicable', message });
export const at = (address: string, result: RuleResult): AddressedResult => ({ ...result, address });

/**
 * The value at a dotted path. Nested blocks are objects in cdk.tf.json and one-element lists in
 * plans: a list on the way down is entered through its first element. An Unknown on the way
 * down is returned as is.
 */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (isUnknown(current)) return current;
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return Array.isArray(current) && current.length === 1 && current[0] && typeof current[0] === 'object'
    ? current[0]
    : current;
}

/** Repeatable nested blocks (`security_rule`, `route`) as a list, whatever shape the JSON has. */
export function blocksAt(values: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const raw = values[key];
  if (raw === undefined || raw === null || isUnknown(raw)) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((b): b is Record<string, unknown> => Boolean(b) && typeof b === 'object' && !isUnknown(b));
}

/** A string list attribute, with a single string promoted to a list. */
export function stringsAt(values: Record<string, unknown>, key: string): unknown[] {
  const raw = values[key];
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

/** Describes a value for a message: `"TLS1_0"`, `${var.x}` or `missing`. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (isUnknown(value)) return `${value.toString()} (known only after apply)`;
  return JSON.stringify(value);
}

/**
 * Checks a boolean attribute that must have the secure value. `providerDefault` is what azurerm
 * uses when the attribute is absent.
 */
export function expectBoolean(
  resource: ResourceView,
  key: string,
  secure: boolean,
  providerDefault: boolean,
): RuleResult {
  const value = resource.values[key];
  if (isUnknown(value)) return unknown(`${key} is ${show(value)}`);
  if (value === undefined) {
    return providerDefault === secure
      ? pass(`${key} not set; provider default ${providerDefault}`)
      : fail(`${key} is not set and defaults to ${providerDefault}; set it to ${secure}`);
  }
  return value === secure ? pass() : fail(`${key} is ${show(value)}; must be ${secure}`);
}

/** Lower-case, no spaces: "UK South" -> "uksouth". */
export function normaliseRegion(location: string): string {
  return location.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Lookups over one stack, built once per stack and shared by every rule. */
export class StackIndex {
  readonly byAddress = new Map<string, ResourceView>();
  private readonly byType = new Map<string, ResourceView[]>();
  private referrers?: Map<string, ResourceView[]>;
  /** Plan input: resources by their known (lower-cased) Azure id. */
  private ids?: Map<string, ResourceView>;

  constructor(readonly stack: StackView) {
    for (const r of stack.resources) {
      this.byAddress.set(r.address, r);
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
  }

  ofType(...types: string[]): readonly ResourceView[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /**
   * The resource a value refers to, when it is in this stack: a reference (`${azurerm_x.y.id}`)
   * in configuration, or in a plan (where references are already resolved) the literal id of a
   * resource the plan knows, or a path under it.
   */
  resolve(value: unknown): ResourceView | undefined {
    if (typeof value === 'string') return this.byLiteralId(value);
    if (!isUnknown(value) || !value.expression) return undefined;
    for (const address of referencedAddresses(value.expression)) {
      const target = this.byAddress.get(address);
      if (target) return target;
    }
    return undefined;
  }

  /** Resources of the given types whose attribute `key` refers to `target`. */
  referrersOf(target: ResourceView, types: readonly string[], key?: string): ResourceView[] {
    const all = this.referrerMap().get(target.address) ?? [];
    return all.filter(
      (r) => types.includes(r.type) && (key === undefined || this.refersTo(r.values[key], target.address)),
    );
  }

  /** True when a value is (or contains) a reference to `address`. */
  refersTo(value: unknown, address: string): boolean {
    const found = new Set<string>();
    this.collectReferences(value, found);
    return found.has(address);
  }

  private byLiteralId(text: string): ResourceView | undefined {
    if (!text.startsWith('/')) return undefined;
    if (!this.ids) {
      this.ids = new Map();
      for (const r of this.stack.resources)
        if (typeof r.values.id === 'string' && r.values.id.startsWith('/')) this.ids.set(r.values.id.toLowerCase(), r);
    }
    if (this.ids.size === 0) return undefined;
    // `<account id>/blobServices/default` is the account's: try the id, then each parent path.
    let path = text.toLowerCase();
    while (path.length > 1) {
      const hit = this.ids.get(path);
      if (hit) return hit;
      path = path.slice(0, path.lastIndexOf('/'));
    }
    return undefined;
  }

  private collectReferences(value: unknown, into: Set<string>): void {
    if (value instanceof Unknown) {
      if (value.expression) for (const a of referencedAddresses(value.expression)) into.add(a);
    } else if (typeof value === 'string') {
      const target = this.byLiteralId(value);
      if (target) into.add(target.address);
    } else if (Array.isArray(value)) {
      for (const v of value) this.collectReferences(v, into);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) this.collectReferences(v, into);
    }
  }

  private referrerMap(): Map<string, ResourceView[]> {
    if (this.referrers) return this.referrers;
    const map = new Map<string, ResourceView[]>();
    for (const r of this.stack.resources) {
      const targets = new Set<string>();
      this.collectReferences(r.values, targets);
      for (const t of targets) {
        if (t === r.address) continue;
        const list = map.get(t);
        if (list) list.push(r);
        else map.set(t, [r]);
      }
    }
    this.referrers = map;
    return map;
  }
}

/** The address stack-level findings use when no single resource is at fault (something is missing). */
export const STACK_ADDRESS = '(stack)';
