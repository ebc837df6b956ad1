import { ALL_STACK_KINDS, at, fail, notApplicable, pass, STACK_ADDRESS, type StackRule } from '../rule';
import { Unknown } from '../terraform-json';
import {
  expressionReferences,
  templateReferences,
  type ReferenceKind,
  type TerraformReference,
} from '../terraform-references';
import type { StackView } from '../types';

/** Everything a stack declares that an expression may name. */
interface Declared {
  /** `type.name` of resources, and `data.T.N`, `ephemeral.T.N`, `var.N`, `local.N`, `module.N`. */
  readonly names: ReadonlySet<string>;
  /** `azurerm.hub`: provider configurations with an alias (the default one needs no block). */
  readonly providerAliases: ReadonlySet<string>;
}

/** Where one undeclared name is used: `remote_virtual_network_id`, `depends_on[1]`. */
interface Dangling {
  readonly what: string;
  readonly path: string;
}

const KIND_LABEL: Readonly<Record<ReferenceKind, string>> = {
  resource: 'resource',
  data: 'data source',
  ephemeral: 'ephemeral resource',
  var: 'variable',
  local: 'local value',
  module: 'module',
};

const NO_BINDINGS: ReadonlySet<string> = new Set();

/**
 * The second guard behind IsolatedStack (stacks/isolated-stack.ts), which skips cdktf's pass that
 * would turn a token of another stack into remote state: such a token now reaches the JSON as a
 * raw `${azurerm_x.y.id}` naming a resource this stack does not declare, and this rule fails it.
 * A token whose address this stack also declares (force stacks are built alike) binds to the
 * stack's own resource: it reaches nothing beyond the stack's state, and the JSON cannot tell it apart.
 */
export const terraformReferencesDeclared: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-TF-001',
    title: 'A stack refers only to what it declares',
    severity: 'high',
    rationale:
      "Each stack is its own Terraform state, and one force must never read another's. A reference to a resource, data source, variable, local or provider the stack does not declare comes from another stack (cdktf would have wired it through that stack's state, Blue Lamp's stacks no longer do) or is simply broken; either way it fails the first plan, and here it is caught before one.",
    ncsc: ['3', '5.1'],
    mirrors: {},
    waivable: false,
  },
  check(ctx) {
    // Terraform makes a plan only after resolving every reference; what this rule judges is the configuration.
    if (ctx.stack.fromPlan)
      return [
        at(
          STACK_ADDRESS,
          notApplicable('a plan exists only once Terraform has resolved every reference; the configuration is judged'),
        ),
      ];
    const declared = declaredNames(ctx.stack);
    const found = new Map<string, Dangling[]>();
    const note = (holder: string) => (d: Dangling) => {
      const list = found.get(holder);
      if (list) list.push(d);
      else found.set(holder, [d]);
    };
    for (const r of ctx.stack.resources) {
      const report = note(r.address);
      scanBody(r.values, '', declared, NO_BINDINGS, report);
      if (r.lifecycle) scanLifecycle(r.lifecycle, declared, report);
      if (r.dynamic) scanDynamic(r.dynamic, 'dynamic', declared, NO_BINDINGS, report);
    }
    scanOtherBlocks(ctx.stack.otherBlocks ?? {}, declared, note);
    if (found.size === 0) return [at(STACK_ADDRESS, pass())];
    return [...found].map(([holder, list]) =>
      at(
        holder,
        fail(
          `refers to ${list.map((d) => `${d.what} at ${d.path || '(value)'}`).join(', ')}, which this stack does not declare (a reference into another stack, or a plan that fails)`,
        ),
      ),
    );
  },
};

function declaredNames(stack: StackView): Declared {
  const names = new Set<string>(stack.resources.map((r) => r.address));
  const blocks = stack.otherBlocks ?? {};
  for (const [kind, prefix] of [
    ['data', 'data'],
    ['ephemeral', 'ephemeral'],
  ] as const)
    for (const [type, byName] of entries(blocks[kind]))
      for (const [name] of entries(byName)) names.add(`${prefix}.${type}.${name}`);
  for (const [name] of entries(blocks.variable)) names.add(`var.${name}`);
  for (const locals of listOf(blocks.locals)) for (const [name] of entries(locals)) names.add(`local.${name}`);
  for (const [name] of entries(blocks.module)) names.add(`module.${name}`);
  // A `check` block's scoped data sources are declared for its own assertions.
  for (const [, check] of entries(blocks.check))
    for (const [type, byName] of entries((check as { data?: unknown } | null)?.data))
      for (const [name] of entries(byName)) names.add(`data.${type}.${name}`);
  const providerAliases = new Set<string>();
  for (const [provider, configs] of entries(blocks.provider))
    for (const config of listOf(configs)) {
      const alias = (config as { alias?: unknown } | null)?.alias;
      if (typeof alias === 'string') providerAliases.add(`${provider}.${alias}`);
    }
  return { names, providerAliases };
}

/** The top-level blocks but `resource`, each under the address a finding names it by. */
function scanOtherBlocks(
  blocks: Readonly<Record<string, unknown>>,
  declared: Declared,
  note: (holder: string) => (d: Dangling) => void,
): void {
  for (const [block, content] of Object.entries(blocks)) {
    switch (block) {
      case '//': // cdktf's metadata
      case 'terraform': // settings and backend: literals only
        break;
      case 'data':
      case 'ephemeral':
        for (const [type, byName] of entries(content))
          for (const [name, body] of entries(byName))
            scanBody(body, '', declared, NO_BINDINGS, note(`${block}.${type}.${name}`));
        break;
      case 'variable':
        for (const [name, body] of entries(content)) scanBody(body, '', declared, NO_BINDINGS, note(`var.${name}`));
        break;
      case 'locals':
        for (const locals of listOf(content))
          for (const [name, value] of entries(locals))
            scanValue(value, '', declared, NO_BINDINGS, note(`local.${name}`));
        break;
      case 'output':
      case 'module':
        for (const [name, body] of entries(content))
          scanBody(body, '', declared, NO_BINDINGS, note(`${block}.${name}`));
        break;
      case 'provider':
        for (const [provider, configs] of entries(content))
          listOf(configs).forEach((config, i) =>
            scanValue(config, '', declared, NO_BINDINGS, note(`provider.${provider}[${i}]`)),
          );
        break;
      case 'import':
      case 'moved':
        listOf(content).forEach((body, i) => {
          const report = note(`${block}[${i}]`);
          const { to, from: _from, ...rest } = (body ?? {}) as Record<string, unknown>;
          // `moved.from` names an address no longer declared, by design; `to` must exist.
          if (typeof to === 'string') checkAll(expressionReferences(to), 'to', declared, report);
          scanBody(rest, '', declared, NO_BINDINGS, report);
        });
        break;
      case 'removed': // `from` names what is no longer declared, by design
        break;
      default:
        scanValue(content, '', declared, NO_BINDINGS, note(block));
    }
  }
}

/**
 * A block's arguments: the meta-arguments (`depends_on`, `provider`, `lifecycle`, `dynamic`) as
 * Terraform reads them, everything else as values.
 */
function scanBody(
  body: unknown,
  path: string,
  declared: Declared,
  bound: ReadonlySet<string>,
  report: (d: Dangling) => void,
): void {
  if (!body || typeof body !== 'object' || Array.isArray(body) || body instanceof Unknown)
    return scanValue(body, path, declared, bound, report);
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const where = path ? `${path}.${key}` : key;
    if (key === 'depends_on') bareList(value, where, declared, bound, report);
    else if (key === 'provider' && typeof value === 'string') checkProvider(value, where, declared, report);
    else if (key === 'lifecycle' && value && typeof value === 'object') scanLifecycle(value, declared, report);
    else if (key === 'dynamic') scanDynamic(value, where, declared, bound, report);
    else scanValue(value, where, declared, bound, report);
  }
}

/** Any value: each expression in it, at any depth; a nested `dynamic` block with its iterator. */
function scanValue(
  value: unknown,
  path: string,
  declared: Declared,
  bound: ReadonlySet<string>,
  report: (d: Dangling) => void,
): void {
  if (value instanceof Unknown) {
    if (value.expression) checkAll(templateReferences(value.expression, bound), path, declared, report);
  } else if (typeof value === 'string') {
    // Every Terraform JSON string is a template (stackFromConfig marks those with `${`, not lifecycle's or `%{`).
    if (value.includes('${') || value.includes('%{'))
      checkAll(templateReferences(value, bound), path, declared, report);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanValue(v, `${path}[${i}]`, declared, bound, report));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const where = path ? `${path}.${key}` : key;
      if (key === 'dynamic') scanDynamic(v, where, declared, bound, report);
      else scanValue(v, where, declared, bound, report);
    }
  }
}

/**
 * `dynamic "setting" { for_each = ..., iterator = "s", content { ... } }`: the content names its
 * iterator (`s.value`, or `setting.value` without `iterator`) as a variable of its own.
 */
function scanDynamic(
  dynamic: unknown,
  path: string,
  declared: Declared,
  bound: ReadonlySet<string>,
  report: (d: Dangling) => void,
): void {
  for (const [label, spec] of entries(dynamic)) {
    const { content, iterator, ...rest } = (spec ?? {}) as Record<string, unknown>;
    scanValue(rest, `${path}.${label}`, declared, bound, report);
    // The iterator is named by `iterator` when set, else by the block's label (and then only by that).
    const inner = new Set(bound).add(typeof iterator === 'string' ? iterator : label);
    scanBody(content, `${path}.${label}.content`, declared, inner, report);
  }
}

/** `lifecycle`: `ignore_changes` names attributes, not values; `replace_triggered_by` is bare references. */
function scanLifecycle(lifecycle: object, declared: Declared, report: (d: Dangling) => void): void {
  for (const [key, value] of Object.entries(lifecycle)) {
    if (key === 'ignore_changes') continue;
    const where = `lifecycle.${key}`;
    if (key === 'replace_triggered_by') bareList(value, where, declared, NO_BINDINGS, report);
    else scanValue(value, where, declared, NO_BINDINGS, report);
  }
}

/** A list of bare references (`azurerm_x.y`, as `depends_on` writes them), or `${...}` ones. */
function bareList(
  value: unknown,
  path: string,
  declared: Declared,
  bound: ReadonlySet<string>,
  report: (d: Dangling) => void,
): void {
  listOf(value).forEach((entry, i) => {
    const where = `${path}[${i}]`;
    if (typeof entry === 'string') checkAll(expressionReferences(entry, bound), where, declared, report);
    else scanValue(entry, where, declared, bound, report);
  });
}

/** `provider = "azurerm.hub"` needs a provider block with that alias; a bare `azurerm` is the default one. */
function checkProvider(value: string, path: string, declared: Declared, report: (d: Dangling) => void): void {
  const text = value.startsWith('${') && value.endsWith('}') ? value.slice(2, -1) : value;
  if (text.includes('.') && !declared.providerAliases.has(text))
    report({ what: `provider configuration ${text}`, path });
}

function checkAll(
  refs: readonly TerraformReference[],
  path: string,
  declared: Declared,
  report: (d: Dangling) => void,
): void {
  for (const ref of refs)
    if (!declared.names.has(ref.address)) report({ what: `${KIND_LABEL[ref.kind]} ${ref.address}`, path });
}

function entries(value: unknown): [string, unknown][] {
  return value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown)
    ? Object.entries(value)
    : [];
}

/** A block written once or as a list (Terraform JSON accepts both). */
function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
