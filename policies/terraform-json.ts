/**
 * Reads Terraform JSON into the StackViews the rules see, whatever produced it: cdktf's
 * `cdk.tf.json` (Terraform JSON configuration) or `terraform show -json` (a saved plan).
 *
 * A value that is not known before apply becomes an Unknown: a `${...}` expression in
 * configuration, or an `after_unknown` value in a plan. Unknowns keep the expression so that a
 * rule can follow a reference (`${azurerm_subnet.Workloads.id}`) to the resource it points to.
 */
import type { ResourceView, StackView } from './types';

/** A value known only after apply. `expression` is the Terraform expression, when there is one. */
export class Unknown {
  constructor(readonly expression?: string) {}
  toString(): string {
    return this.expression ?? '(known after apply)';
  }
  toJSON(): string {
    return this.toString();
  }
}

/** The value of an attribute that is known only after apply (no expression to follow). */
export const UNKNOWN = new Unknown();

/**
 * A value from Terraform JSON as text for names and comparisons: strings as they are, numbers and
 * booleans spelled out, anything else (an object a hostile file put where a name belongs) as JSON,
 * never "[object Object]".
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Unknown) return String(value);
  return JSON.stringify(value) ?? '';
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

const EXPRESSION_RE = /\$\{/;
/** `type.name` of each resource an expression refers to (`azurerm_x.y`, never `var.` or `data.`). */
const REFERENCE_RE = /(?<![.\w])((?:azurerm|azuread|azapi|random|time|null|terraform)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/** Addresses of the resources an expression refers to, in order, without duplicates. */
export function referencedAddresses(expression: string): string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(REFERENCE_RE)) {
    const address = `${m[1]}.${m[2]}`;
    if (!out.includes(address)) out.push(address);
  }
  return out;
}

/** Replaces every string holding a `${...}` expression with an Unknown keeping the expression. */
function markExpressions(value: unknown): unknown {
  if (typeof value === 'string') return EXPRESSION_RE.test(value) ? new Unknown(value) : value;
  if (Array.isArray(value)) return value.map(markExpressions);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = markExpressions(v);
    return out;
  }
  return value;
}

/**
 * Blocks written as `dynamic "security_rule" { for_each = ... }` exist only after expansion: each
 * becomes an Unknown element of its block list, beside any static blocks, so a rule can never
 * read a resource with dynamic rules as one with none.
 */
function withDynamicBlocks(values: Record<string, unknown>, dynamic: unknown): Record<string, unknown> {
  if (!dynamic || typeof dynamic !== 'object') return values;
  const out = { ...values };
  for (const [block, spec] of Object.entries(dynamic as Record<string, unknown>)) {
    const forEach = (spec as { for_each?: unknown } | undefined)?.for_each;
    const existing = out[block];
    const list: unknown[] =
      existing === undefined || existing === null ? [] : Array.isArray(existing) ? (existing as unknown[]) : [existing];
    out[block] = [
      ...list,
      new Unknown(
        `dynamic "${block}" for_each ${typeof forEach === 'string' ? forEach : JSON.stringify(forEach ?? null)}`,
      ),
    ];
  }
  return out;
}

interface TerraformConfigJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  [block: string]: unknown;
}

/** A StackView from a parsed `cdk.tf.json` document. */
export function stackFromConfig(name: string, doc: unknown): StackView {
  const json = (doc ?? {}) as TerraformConfigJson;
  const resources: ResourceView[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [resourceName, body] of Object.entries(byName ?? {})) {
      const { '//': meta, lifecycle, dynamic, ...attributes } = body ?? {};
      const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      resources.push({
        address: `${type}.${resourceName}`,
        type,
        name: resourceName,
        values: withDynamicBlocks(markExpressions(attributes) as Record<string, unknown>, dynamic),
        constructPath: typeof path === 'string' ? path : undefined,
        lifecycle: lifecycle && typeof lifecycle === 'object' ? (lifecycle as Record<string, unknown>) : undefined,
        ...(dynamic && typeof dynamic === 'object'
          ? { dynamic: markExpressions(dynamic) as Record<string, unknown> }
          : {}),
      });
    }
  }
  const { resource: _resources, ...otherBlocks } = json;
  return { name, resources, otherBlocks: markExpressions(otherBlocks) as Record<string, unknown> };
}

interface PlanModule {
  resources?: PlanResource[];
  child_modules?: PlanModule[];
}
interface PlanResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  values?: Record<string, unknown>;
  sensitive_values?: unknown;
}
interface PlanChange {
  address: string;
  mode?: string;
  type: string;
  name: string;
  /** Set on an old object a create_before_destroy replace left behind; it is only ever deleted. */
  deposed?: string;
  change?: {
    actions?: string[];
    before?: unknown;
    after?: unknown;
    after_unknown?: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
  };
}
interface ConfigModule {
  resources?: { address: string; mode?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}
interface PlanJson {
  format_version?: string;
  planned_values?: { root_module?: PlanModule };
  resource_changes?: PlanChange[];
  configuration?: { root_module?: ConfigModule };
  [key: string]: unknown;
}

/** True when a parsed document is `terraform show -json` output rather than configuration. */
export function isPlanJson(doc: unknown): boolean {
  return Boolean(doc && typeof doc === 'object' && ('resource_changes' in doc || 'planned_values' in doc));
}

/**
 * A StackView from a parsed `terraform show -json` plan. Values come from `change.after`, with
 * `after_unknown` marked Unknown (carrying the reference from the configuration when there is
 * one); resources the plan deletes keep their `before` values and the `delete` action.
 */
export function stackFromPlan(
  name: string,
  doc: unknown,
  constructPaths: ReadonlyMap<string, string> = new Map(),
): StackView {
  const plan = (doc ?? {}) as PlanJson;
  const major = typeof plan.format_version === 'string' ? Number(plan.format_version.split('.')[0]) : undefined;
  // The format's own rule: reject a major version it does not know (fields may have changed meaning).
  if (major !== undefined && major !== 1)
    throw new Error(
      `plan format_version ${plan.format_version} is not supported (expected 1.x from \`terraform show -json\`)`,
    );
  const expressions = new Map<string, Record<string, unknown>>();
  const collect = (mod: ConfigModule | undefined, prefix: string): void => {
    for (const r of mod?.resources ?? []) {
      if (r.mode === undefined || r.mode === 'managed') expressions.set(`${prefix}${r.address}`, r.expressions ?? {});
    }
    for (const [name, call] of Object.entries(mod?.module_calls ?? {}))
      collect(call.module, `${prefix}module.${name}.`);
  };
  collect(plan.configuration?.root_module, '');
  const hasConfiguration = plan.configuration?.root_module !== undefined;
  const resources: ResourceView[] = [];
  const seen = new Set<string>();
  for (const rc of plan.resource_changes ?? []) {
    if ((rc.mode && rc.mode !== 'managed') || rc.deposed) continue;
    const actions = rc.change?.actions ?? ['no-op'];
    // `forget` (a `removed` block) keeps the object in Azure but stops managing it: like a delete, nothing will be applied.
    const deleting = actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
    const source = (deleting ? rc.change?.before : rc.change?.after) ?? {};
    const config = expressions.get(configAddress(rc.address));
    const values = deleting
      ? (source as Record<string, unknown>)
      : (mergeUnknown(source, rc.change?.after_unknown, config) as Record<string, unknown>);
    const sensitive = sensitiveStrings(source, deleting ? rc.change?.before_sensitive : rc.change?.after_sensitive);
    seen.add(rc.address);
    resources.push({
      address: rc.address,
      type: rc.type,
      name: rc.name,
      values: values ?? {},
      constructPath: constructPaths.get(rc.address) ?? constructPaths.get(configAddress(rc.address)),
      actions,
      ...(sensitive.length ? { sensitiveValues: sensitive } : {}),
      ...(hasConfiguration ? { derivedAttributes: derivedAttributes(config) } : {}),
    });
  }
  // Plans without resource_changes (for example a plan with no changes) still list planned values.
  const walk = (mod: PlanModule | undefined): void => {
    for (const r of mod?.resources ?? []) {
      if ((r.mode && r.mode !== 'managed') || seen.has(r.address)) continue;
      const sensitive = sensitiveStrings(r.values, r.sensitive_values);
      resources.push({
        address: r.address,
        type: r.type,
        name: r.name,
        values: r.values ?? {},
        constructPath: constructPaths.get(r.address) ?? constructPaths.get(configAddress(r.address)),
        ...(sensitive.length ? { sensitiveValues: sensitive } : {}),
        ...(hasConfiguration
          ? { derivedAttributes: derivedAttributes(expressions.get(configAddress(r.address))) }
          : {}),
      });
    }
    for (const child of mod?.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module);
  return { name, resources, fromPlan: true };
}

/** `module.x[0].azurerm_y.z["a"]` -> `module.x.azurerm_y.z` (configuration addresses carry no index). */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g, '');
}

/**
 * The string values a plan marks sensitive (`after_sensitive` mirrors `after` with `true` at each
 * sensitive value, or is `true` for the whole object). `terraform show -json` prints them in the
 * clear, so findings must never repeat them.
 */
function sensitiveStrings(values: unknown, marks: unknown): string[] {
  const out: string[] = [];
  const all = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(all);
    else if (v && typeof v === 'object') Object.values(v).forEach(all);
  };
  const walk = (v: unknown, m: unknown): void => {
    if (m === true) all(v);
    else if (Array.isArray(m)) m.forEach((mi, i) => walk(Array.isArray(v) ? v[i] : undefined, mi));
    else if (m && typeof m === 'object')
      for (const [k, mk] of Object.entries(m))
        walk(v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined, mk);
  };
  walk(values, marks);
  return [...new Set(out.filter((s) => s.length > 0))];
}

/**
 * Attribute paths (`admin_password`, `site_config[0].app_settings`) whose configuration is an
 * expression with references rather than a constant: their planned values are computed (from a
 * variable, a data source, another resource), not literals written in the code.
 */
function derivedAttributes(expressions: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const walk = (e: unknown, path: string): void => {
    if (Array.isArray(e)) e.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (e && typeof e === 'object') {
      if (Array.isArray((e as { references?: unknown }).references)) out.push(path);
      else if (!('constant_value' in e)) for (const [k, v] of Object.entries(e)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(expressions ?? {}, '');
  return out;
}

/** Overlays `after_unknown` on `after`: each `true` becomes an Unknown, with the configured reference if any. */
function mergeUnknown(after: unknown, unknown: unknown, expressions: unknown): unknown {
  if (unknown === true) return new Unknown(referenceOf(expressions));
  if (Array.isArray(unknown)) {
    const base: unknown[] = Array.isArray(after) ? [...(after as unknown[])] : [];
    unknown.forEach((u, i) => {
      base[i] = mergeUnknown(base[i], u, Array.isArray(expressions) ? expressions[i] : expressions);
    });
    return base;
  }
  if (unknown && typeof unknown === 'object') {
    const base: Record<string, unknown> =
      after && typeof after === 'object' && !Array.isArray(after) ? { ...(after as Record<string, unknown>) } : {};
    for (const [k, u] of Object.entries(unknown)) {
      const expr =
        expressions && typeof expressions === 'object' && !Array.isArray(expressions)
          ? (expressions as Record<string, unknown>)[k]
          : undefined;
      base[k] = mergeUnknown(base[k], u, expr);
    }
    return base;
  }
  return after;
}

/** The first resource reference of a configuration expression, as `${type.name.attr}`. */
function referenceOf(expression: unknown): string | undefined {
  const node: unknown = Array.isArray(expression) ? (expression as unknown[])[0] : expression;
  const refs = (node as { references?: unknown } | undefined)?.references;
  if (!Array.isArray(refs)) return undefined;
  const first = refs.find((r): r is string => typeof r === 'string' && referencedAddresses(r).length > 0);
  return first ? `\${${first}}` : undefined;
}
