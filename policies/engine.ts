/**
 * The assurance engine: reads synthesised stacks (or a plan), runs every rule over every
 * resource and stack, locates each finding in the force YAML, and applies waivers.
 *
 * Each document is parsed once and each stack indexed once; rules share the index (a large check run
 * by policies/parallel-check.ts reads the stacks a second time, in the child that runs the stack
 * rules). A rule that throws becomes a failing finding for that rule and resource, never a crash.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PLATFORM_FILE, type Estate } from '../config/estate';
import { ConfigError } from '../config/errors';
import { PlatformSchema, type PlatformConfig } from '../config/schema';
import { readAndValidate } from '../config/yaml-file';
import { defaultAzurePolicyIndex } from './azure-policy';
import { RULES } from './pack';
import { ASSIGNMENT_TYPES, sharedAccess } from './evidence-sharing';
import {
  DEFAULT_SETTINGS,
  ruleAppliesTo,
  StackIndex,
  stackKind,
  STACK_ADDRESS,
  type AddressedResult,
  type EstateInputs,
  type EstateResult,
  type EstateRule,
  type Rule,
  type RuleContext,
  type RuleResult,
  type RuleSettings,
  type SourcesFile,
} from './rule';
import { assertPlanShape, parseJsonText } from './plan-shape';
import { configAddress, isPlanJson, stackFromConfig, stackFromPlan } from './terraform-json';
import {
  SEVERITIES,
  type CheckRun,
  type Finding,
  type ResourceView,
  type SourceLocation,
  type StackInventory,
  type StackView,
} from './types';
import {
  isExpired,
  loadWaivers,
  MAX_WAIVER_SHARE,
  maxWaiverMatches,
  WAIVER_MATCH_FLOOR,
  WAIVER_RULES,
  waiverRef,
  type LoadedWaiver,
} from './waivers';
import { networkFlowVerdicts } from './network-intents';
import { compareText } from '../util/text-order';

export interface CheckOptions {
  /** The estate folder (platform.yaml, forces/, cdktf.out/). */
  readonly dir: string;
  /** Synth output folder. @default `<dir>/cdktf.out` */
  readonly outdir?: string;
  /** A `terraform show -json` plan file to check instead of the synthesised configuration. */
  readonly plan?: string;
  /** Only these stacks (force ids, or `national`). @default every stack */
  readonly forces?: readonly string[];
  /** Folder of `<force-id>.yaml` waivers. @default `<dir>/policies/waivers` */
  readonly waiversDir?: string;
  /** The date waivers are judged against. @default now */
  readonly now?: Date;
  /** Platform facts. @default read from `<dir>/platform.yaml` when present, else built-in defaults */
  readonly settings?: Partial<RuleSettings>;
  /** @default the whole pack */
  readonly rules?: readonly Rule[];
  /**
   * The estate's config in `dir`, when the caller has already loaded it, so it is not parsed again.
   * @default loaded from `dir` when a rule needs it
   */
  readonly estate?: Estate;
}

export interface LoadedStack {
  readonly view: StackView;
  readonly sources?: SourcesFile;
}

export function runCheck(options: CheckOptions): CheckRun {
  const prepared = prepareCheck(options, checkSettings(options));
  const stackFindings = checkStacks(prepared.stacks, prepared.rules, prepared.settings);
  return completeCheck(prepared, stackFindings, checkEstateOf(prepared));
}

/**
 * A check's inputs, read: what runCheck does before any rule runs. policies/parallel-check.ts runs
 * the same phases with the stack rules in a child process.
 */
export interface PreparedCheck {
  readonly options: CheckOptions;
  readonly dir: string;
  readonly now: Date;
  readonly settings: RuleSettings;
  readonly rules: readonly Rule[];
  readonly outdir: string;
  readonly stacks: readonly LoadedStack[];
  readonly waivers: readonly LoadedWaiver[];
}

/** The rules' platform facts for a check: from the estate given, else platform.yaml, then the caller's. */
export function checkSettings(options: CheckOptions): RuleSettings {
  return {
    ...(options.estate
      ? settingsFromPlatformConfig(options.estate.platform.config)
      : settingsFromPlatform(resolve(options.dir))),
    ...options.settings,
  };
}

export function prepareCheck(options: CheckOptions, settings: RuleSettings): PreparedCheck {
  const dir = resolve(options.dir);
  const now = options.now ?? new Date();
  const outdir = resolve(dir, options.outdir ?? 'cdktf.out');
  const stacks = options.plan
    ? [loadPlan(resolve(dir, options.plan), outdir, options.forces)]
    : loadSynth(outdir, options.forces);
  const waivers = loadWaivers(resolve(dir, options.waiversDir ?? join('policies', 'waivers')), dir, now);
  return { options, dir, now, settings, rules: options.rules ?? RULES, outdir, stacks, waivers };
}

/** The estate rules' findings, and the map they shared work in (the network flows are read from it). */
export interface EstateCheck {
  readonly findings: readonly Finding[];
  readonly shared: Map<unknown, unknown>;
}

export function checkEstateOf(prepared: PreparedCheck): EstateCheck {
  const { options, dir, stacks, rules, settings } = prepared;
  const shared = new Map<unknown, unknown>();
  const findings = checkEstate(stacks, rules, settings, {
    dir,
    estate: options.estate,
    plan: Boolean(options.plan),
    shared,
  });
  return { findings, shared };
}

/** The run from the stack rules' findings (in the order of the stacks) and the estate rules'. */
export function completeCheck(
  prepared: PreparedCheck,
  stackFindings: readonly Finding[],
  estateCheck: EstateCheck,
): CheckRun {
  const { options, dir, now, settings, rules, outdir, stacks, waivers } = prepared;
  const findings = [...stackFindings, ...estateCheck.findings];
  const networkFlows = networkFlowVerdicts(estateCheck.shared);
  const checkedStacks = new Set(stacks.map((s) => s.view.name));
  // A whole-estate check also judges waiver files named for no stack (a mistyped force id): they match nothing.
  // Bootstrap's are left to its own check: it is synthesised only when named, so a whole estate never holds it.
  const wholeEstate = !options.plan && !options.forces?.length;
  const applied = applyWaivers(
    findings,
    waivers.filter((w) => checkedStacks.has(w.stack) || (wholeEstate && w.stack !== settings.bootstrapStack)),
    now,
    checkedStacks,
    new Map(stacks.map((s) => [s.view.name, s.view.resources])),
  );

  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    // Relative to the estate folder, so reports and SARIF locations are the same on every machine.
    input: {
      kind: options.plan ? 'plan' : 'synth',
      path: relativePath(dir, options.plan ? resolve(dir, options.plan) : outdir),
    },
    rules: [...rules.map((r) => r.meta), ...WAIVER_RULES],
    stacks: stacks.map(inventory),
    findings: sortFindings(applied),
    waivers: waivers.map(waiverRef),
    ...(networkFlows ? { networkFlows } : {}),
  };
}

/** The stack rules' findings over every stack, in the order of the stacks (what completeCheck takes). */
export function checkStacks(stacks: readonly LoadedStack[], rules: readonly Rule[], settings: RuleSettings): Finding[] {
  return stacks.flatMap((stack) => checkStack(stack, rules, settings));
}

/** Runs the rules over one stack and returns its findings (fail and unknown outcomes). */
export function checkStack(stack: LoadedStack, rules: readonly Rule[], settings: RuleSettings): Finding[] {
  const ctx = ruleContext(stack.view, settings);
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const { resource, address, result } of evaluateRule(rule, ctx)) {
      if (result.outcome !== 'fail' && result.outcome !== 'unknown') continue;
      findings.push({
        ruleId: rule.meta.id,
        severity: rule.meta.severity,
        outcome: result.outcome,
        stack: stack.view.name,
        address,
        constructPath: resource?.constructPath,
        message: redact(result.message ?? rule.meta.title, resource),
        source: locate(
          stack.sources,
          result.configField ? [result.configField, ...(rule.configFields ?? [])] : rule.configFields,
        ),
      });
    }
  }
  return findings;
}

/**
 * Runs the estate rules over every stack checked at once. `inputs`: the estate folder, whether a
 * plan is checked, and the map the rules share work in (runCheck reads the network flows from it).
 */
export function checkEstate(
  stacks: readonly LoadedStack[],
  rules: readonly Rule[],
  settings: RuleSettings,
  inputs: Partial<Omit<EstateInputs, 'sources'>> = {},
): Finding[] {
  const estateRules = rules.filter((r): r is EstateRule => r.scope === 'estate');
  if (estateRules.length === 0) return [];
  const allContexts = stacks.map((s) => ruleContext(s.view, settings));
  const estate: EstateInputs = {
    dir: inputs.dir,
    estate: inputs.estate,
    plan: inputs.plan ?? false,
    shared: inputs.shared ?? new Map(),
    sources: new Map(stacks.flatMap((s) => (s.sources ? [[s.view.name, s.sources] as const] : []))),
  };
  const findings: Finding[] = [];
  for (const rule of estateRules) {
    const contexts = allContexts.filter((c) => ruleAppliesTo(rule, c.kind));
    let results: readonly EstateResult[];
    try {
      results = rule.check(contexts, estate);
    } catch (err) {
      results = [{ stack: settings.nationalStack, address: STACK_ADDRESS, ...threw(err) }];
    }
    for (const result of results) {
      if (result.outcome !== 'fail' && result.outcome !== 'unknown') continue;
      const stack = stacks.find((s) => s.view.name === result.stack);
      findings.push({
        ruleId: rule.meta.id,
        severity: rule.meta.severity,
        outcome: result.outcome,
        stack: result.stack,
        address: result.address,
        message: result.message ?? rule.meta.title,
        source: result.source ?? locate(stack?.sources, result.configField ? [result.configField] : rule.configFields),
      });
    }
  }
  return findings;
}

/** Each stack's context, built once per run although both the stack rules and the estate rules need it. */
const contexts = new WeakMap<StackView, RuleContext>();

export function ruleContext(stack: StackView, settings: RuleSettings): RuleContext {
  const known = contexts.get(stack);
  if (known?.settings === settings) return known;
  const kind = stackKind(stack.name, settings);
  const ctx: RuleContext = { stack, index: new StackIndex(stack), settings, kind, isNational: kind === 'national' };
  contexts.set(stack, ctx);
  return ctx;
}

export interface Evaluation {
  readonly address: string;
  readonly resource?: ResourceView;
  readonly result: RuleResult;
}

/** Plan contexts without the resources the plan deletes, for the rules that judge what will exist. */
const liveContexts = new WeakMap<RuleContext, RuleContext>();

/**
 * The context a rule judges: for a plan, every rule but the plan-only ones sees the stack as it
 * will be after apply, so a deleted NSG association or private endpoint no longer counts.
 */
function contextFor(rule: Rule, ctx: RuleContext): RuleContext {
  if (rule.planOnly || !ctx.stack.resources.some(isDeleteOnly)) return ctx;
  let live = liveContexts.get(ctx);
  if (!live) {
    live = ruleContext({ ...ctx.stack, resources: ctx.stack.resources.filter((r) => !isDeleteOnly(r)) }, ctx.settings);
    liveContexts.set(ctx, live);
  }
  return live;
}

/** Every outcome of one rule over one stack (passes included); a throw becomes a fail. */
export function evaluateRule(rule: Rule, planCtx: RuleContext): Evaluation[] {
  const isPlan = planCtx.stack.resources.some((r) => r.actions !== undefined);
  if (rule.planOnly && !isPlan) return [];
  if (rule.scope === 'estate' || !ruleAppliesTo(rule, planCtx.kind)) return [];
  const ctx = contextFor(rule, planCtx);
  if (rule.scope === 'resource') {
    const candidates = rule.types ? ctx.index.ofType(...rule.types) : ctx.stack.resources;
    return candidates
      .filter((resource) => rule.planOnly || !isDeleteOnly(resource))
      .map((resource) => ({ address: resource.address, resource, result: guard(() => rule.check(resource, ctx)) }));
  }
  let results: readonly AddressedResult[];
  try {
    results = rule.check(ctx);
  } catch (err) {
    results = [{ address: STACK_ADDRESS, ...threw(err) }];
  }
  return results.map((result) => ({
    address: result.address,
    resource: planCtx.index.byAddress.get(result.address),
    result,
  }));
}

/** A message with every value the plan marks sensitive replaced, so no output ever prints one. */
function redact(message: string, resource: ResourceView | undefined): string {
  let out = message;
  for (const secret of resource?.sensitiveValues ?? []) out = out.split(secret).join('(sensitive value)');
  return out;
}

function guard(fn: () => RuleResult): RuleResult {
  try {
    return fn();
  } catch (err) {
    return threw(err);
  }
}

function threw(err: unknown): RuleResult {
  return { outcome: 'fail', message: `the rule failed on this resource: ${(err as Error)?.message ?? String(err)}` };
}

/** A resource the plan deletes (or forgets) and does not recreate. */
function isDeleteOnly(r: ResourceView): boolean {
  return r.actions !== undefined && r.actions.length === 1 && (r.actions[0] === 'delete' || r.actions[0] === 'forget');
}

/** The first config field the stack's YAML writes; else the YAML file itself. */
function locate(sources: SourcesFile | undefined, fields: readonly string[] | undefined): SourceLocation | undefined {
  if (!sources) return undefined;
  for (const field of fields ?? []) {
    const exact = sources.fields[field];
    if (exact) return { file: sources.file, line: exact.line, col: exact.col };
    // A mapping or list field (`tags`, `identity.admins`): point at its first value.
    const prefix = Object.keys(sources.fields).find((k) => k.startsWith(`${field}.`) || k.startsWith(`${field}[`));
    if (prefix) return { file: sources.file, ...sources.fields[prefix] };
  }
  return { file: sources.file };
}

/** How many of its stack's resources a waiver's pattern matches (by address or construct path). */
function waiverBreadth(w: LoadedWaiver, resources: readonly ResourceView[]): number {
  return resources.filter(
    (r) => w.matcher.test(r.address) || (r.constructPath !== undefined && w.matcher.test(r.constructPath)),
  ).length;
}

/**
 * Marks waived findings, and adds findings for expired waivers, waivers that match nothing, and
 * waivers whose pattern matches too much of their stack (those waive nothing).
 */
function applyWaivers(
  findings: readonly Finding[],
  allWaivers: readonly LoadedWaiver[],
  now: Date,
  stacks: ReadonlySet<string>,
  resourcesByStack: ReadonlyMap<string, readonly ResourceView[]>,
): Finding[] {
  const [expiredMeta, unusedMeta, broadMeta] = WAIVER_RULES;
  const tooBroad: Finding[] = [];
  const waivers = allWaivers.filter((w) => {
    const resources = resourcesByStack.get(w.stack) ?? [];
    const matched = waiverBreadth(w, resources);
    if (matched <= maxWaiverMatches(resources.length)) return true;
    tooBroad.push({
      ruleId: broadMeta.id,
      severity: broadMeta.severity,
      outcome: 'fail',
      stack: w.stack,
      address: w.resource,
      message: `the waiver of ${w.rule} for ${w.resource} (ticket ${w.ticket}) matches ${matched} of the ${resources.length} resources of ${w.stack}, more than a waiver may cover (${maxWaiverMatches(resources.length)}: ${MAX_WAIVER_SHARE * 100}% of the stack, at least ${WAIVER_MATCH_FLOOR}); it waives nothing. Name the resources it covers`,
      source: w.source,
    });
    return false;
  });
  const used = new Set<LoadedWaiver>();
  const out = findings.map((f) => {
    const waiver = waivers.find(
      (w) =>
        w.stack === f.stack &&
        w.rule === f.ruleId &&
        !isExpired(w, now) &&
        (w.matcher.test(f.address) || (f.constructPath !== undefined && w.matcher.test(f.constructPath))),
    );
    if (!waiver) return f;
    used.add(waiver);
    return { ...f, waiver: waiverRef(waiver) };
  });
  out.push(...tooBroad);
  for (const w of waivers) {
    if (isExpired(w, now)) {
      out.push({
        ruleId: expiredMeta.id,
        severity: expiredMeta.severity,
        outcome: 'fail',
        stack: w.stack,
        address: w.resource,
        message: `the waiver of ${w.rule} for ${w.resource} expired on ${w.expires} (ticket ${w.ticket}); renew it with a new approval or fix the finding`,
        source: w.source,
      });
    } else if (!used.has(w)) {
      out.push({
        ruleId: unusedMeta.id,
        severity: unusedMeta.severity,
        outcome: 'fail',
        stack: w.stack,
        address: w.resource,
        message: stacks.has(w.stack)
          ? `the waiver of ${w.rule} for ${w.resource} (ticket ${w.ticket}) matches no finding; remove it or correct the resource`
          : `the waiver of ${w.rule} for ${w.resource} (ticket ${w.ticket}) is in ${w.source.file}, but there is no stack "${w.stack}"; name the file after the force id`,
        source: w.source,
      });
    }
  }
  return out;
}

function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  return findings.sort(
    (a, b) =>
      compareText(a.stack, b.stack) ||
      rank(a) - rank(b) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.address, b.address),
  );
}

function inventory(stack: LoadedStack): StackInventory {
  const addressSpaces = stack.view.resources
    .filter((r) => r.type === 'azurerm_virtual_network')
    .flatMap((r): unknown[] => (Array.isArray(r.values.address_space) ? (r.values.address_space as unknown[]) : []))
    .filter((a): a is string => typeof a === 'string');
  const hasAssignments = stack.view.resources.some((r) => (ASSIGNMENT_TYPES as readonly string[]).includes(r.type));
  const sharing = hasAssignments ? sharedAccess(new StackIndex(stack.view)) : [];
  return {
    name: stack.view.name,
    source: stack.sources?.file,
    resources: stack.view.resources.map((r) => ({ address: r.address, type: r.type, constructPath: r.constructPath })),
    addressSpaces,
    ...(sharing.length > 0 ? { sharing } : {}),
  };
}

// ---------------------------------------------------------------- inputs

/** The synthesised stacks in `outdir` (all, or `forces`), each parsed with its sources.json. */
export function loadSynth(outdir: string, forces: readonly string[] | undefined): LoadedStack[] {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`no synthesised stacks in ${stacksDir}; run \`bluelamp synth\` first`);
  const names = readdirSync(stacksDir)
    .filter((n) => existsSync(join(stacksDir, n, 'cdk.tf.json')))
    .sort();
  const wanted = forces && forces.length ? names.filter((n) => forces.includes(n)) : names;
  const missing = (forces ?? []).filter((f) => !names.includes(f));
  if (missing.length)
    throw new Error(`no synthesised stack for ${missing.join(', ')} in ${stacksDir}; run \`bluelamp synth\``);
  return wanted.map((name) => ({
    view: stackFromConfig(name, readJson(join(stacksDir, name, 'cdk.tf.json'))),
    sources: readSources(join(stacksDir, name)),
  }));
}

function loadPlan(planPath: string, outdir: string, forces: readonly string[] | undefined): LoadedStack {
  const doc = readJson(planPath);
  if (!isPlanJson(doc))
    throw new Error(`${planPath} is not a \`terraform show -json\` plan (no resource_changes or planned_values)`);
  assertPlanShape(doc, planPath);
  const name = planStack(planPath, doc, outdir, forces);
  const stackDir = join(outdir, 'stacks', name);
  // The plan has no construct paths or lifecycle settings: take them from the synthesised stack when it is there.
  const config = existsSync(join(stackDir, 'cdk.tf.json'))
    ? stackFromConfig(name, readJson(join(stackDir, 'cdk.tf.json')))
    : undefined;
  const byAddress = new Map(config?.resources.map((r) => [r.address, r]) ?? []);
  const paths = new Map(
    [...byAddress].filter(([, r]) => r.constructPath).map(([a, r]) => [a, r.constructPath as string]),
  );
  const view = stackFromPlan(name, doc, paths);
  const resources = view.resources.map((r) => {
    const lifecycle = byAddress.get(configAddress(r.address))?.lifecycle;
    return lifecycle ? { ...r, lifecycle } : r;
  });
  return {
    view: { ...view, resources, otherBlocks: config?.otherBlocks },
    sources: existsSync(stackDir) ? readSources(stackDir) : undefined,
  };
}

/**
 * Which stack a plan is of, and so whose waivers apply to it. A plan at `stacks/<stack>/plan.json`
 * (where plan and deploy write it) or named `<stack>.plan.json` is that stack's; `--force` may
 * name the stack of a plan kept elsewhere, but never contradict the plan: a different stack folder
 * or file name, or a provider subscription other than the named stack's, is refused (otherwise
 * `check --plan essex --force kent` judged Essex's plan with Kent's waivers).
 */
function planStack(planPath: string, doc: unknown, outdir: string, forces: readonly string[] | undefined): string {
  if (forces && forces.length > 1)
    throw new Error(`--plan checks the plan of one stack; give at most one --force (got ${forces.join(', ')})`);
  const named = forces?.[0];
  const inStackFolder = basename(dirname(dirname(planPath))) === 'stacks' ? basename(dirname(planPath)) : undefined;
  const fromFileName = basename(planPath).replace(/\.(plan\.)?json$/, '');
  const known = (stack: string) => existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'));
  const evidence = inStackFolder ?? (known(fromFileName) ? fromFileName : undefined);
  if (named && evidence && named !== evidence)
    throw new Error(
      `${planPath} is the plan of ${evidence}, but --force names ${named}: a plan is checked against its own stack's waivers; drop --force or check ${named}'s plan`,
    );
  const name = named ?? evidence ?? fromFileName;
  if (named && !evidence && known(named)) {
    const planned = planSubscription(doc);
    const configured = configSubscription(readJson(join(outdir, 'stacks', named, 'cdk.tf.json')));
    if (planned && configured && planned !== configured)
      throw new Error(
        `${planPath} plans subscription ${planned}, but stack ${named} deploys to ${configured}: the plan is not ${named}'s, so its waivers do not apply`,
      );
  }
  return name;
}

/** The default azurerm provider's subscription in a plan's configuration, when it is a constant. */
function planSubscription(doc: unknown): string | undefined {
  const providers = (doc as { configuration?: { provider_config?: Record<string, unknown> } }).configuration
    ?.provider_config;
  const azurerm = providers?.azurerm as
    { expressions?: { subscription_id?: { constant_value?: unknown } } } | undefined;
  const value = azurerm?.expressions?.subscription_id?.constant_value;
  return typeof value === 'string' ? value : undefined;
}

/** The default (unaliased) azurerm provider's subscription in a cdk.tf.json. */
function configSubscription(doc: unknown): string | undefined {
  const blocks = (doc as { provider?: { azurerm?: unknown } }).provider?.azurerm;
  const list = Array.isArray(blocks) ? (blocks as unknown[]) : [blocks];
  const main = list.find((b) => b && typeof b === 'object' && !('alias' in b)) as
    { subscription_id?: unknown } | undefined;
  return typeof main?.subscription_id === 'string' ? main.subscription_id : undefined;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  return parseJsonText(text, file);
}

function readSources(stackDir: string): SourcesFile | undefined {
  const file = join(stackDir, 'sources.json');
  if (!existsSync(file)) return undefined;
  const parsed = readJson(file) as Partial<SourcesFile>;
  return typeof parsed.file === 'string' && parsed.fields && typeof parsed.fields === 'object'
    ? (parsed as SourcesFile)
    : undefined;
}

/** Rule settings from platform.yaml (validated like `bluelamp validate` does); defaults without one. */
export function settingsFromPlatform(dir: string): RuleSettings {
  const file = join(dir, PLATFORM_FILE);
  if (!existsSync(file)) return { ...DEFAULT_SETTINGS, azurePolicyIndex: defaultAzurePolicyIndex() };
  const result = readAndValidate(file, PLATFORM_FILE, PlatformSchema);
  if (!result.ok) throw new ConfigError(result.issues);
  return settingsFromPlatformConfig(result.value);
}

/** The rules' platform facts from an already validated platform.yaml. */
export function settingsFromPlatformConfig(p: PlatformConfig): RuleSettings {
  return {
    ...DEFAULT_SETTINGS,
    azurePolicyIndex: defaultAzurePolicyIndex(),
    allowedRegions: p.regions.allowed,
    requiredTags: p.tags.required,
    publicIpAllowList: p.hub.publicIpAllowList,
    firewallPrivateIp: p.hub.firewallPrivateIp,
    hubSubscriptionId: p.hub.subscriptionId,
    nmcTenantId: p.nmc.tenantId,
    minimumDefenderPlans: p.defender.minimumPlans,
  };
}

function relativePath(dir: string, path: string): string {
  const rel = relative(dir, path).split(sep).join('/');
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
