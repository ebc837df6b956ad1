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
      "Each stack is its own Terraform state, and one force must never read another's. A reference to a resource, data source, variable, local or provider the stack does not declare comes from another stack (the synthesiser would once have read it from that stack's state; Blue Lamp's stacks no longer do) or is simply broken; either way it fails the first plan, and here it is caught before one.",
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
    const walker = new Walker(declaredNames(ctx.stack));
    for (const r of ctx.stack.resources) {
      walker.holder = r.address;
      walker.body(r.values, NO_BINDINGS);
      if (r.lifecycle) walker.lifecycle(r.lifecycle);
      if (r.dynamic) walker.inside('dynamic', () => walker.dynamic(r.dynamic, NO_BINDINGS));
    }
    walker.otherBlocks(ctx.stack.otherBlocks ?? {});
    if (walker.found.size === 0) return [at(STACK_ADDRESS, pass())];
    return [...walker.found].map(([holder, list]) =>
      at(
        holder,
        fail(
          `refers to ${list.join(', ')}, which this stack does not declare (a reference into another stack, or a plan that fails)`,
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

/**
 * Walks a stack's blocks for expressions, keeping the path to the current value as a list that is
 * joined only for a finding (most values hold no reference, and the stack has thousands).
 */
class Walker {
  /** Each holder's findings: `resource azurerm_x.y at remote_virtual_network_id`. */
  readonly found = new Map<string, string[]>();
  /** The resource or block being walked: a finding's address. */
  holder = '';
  private readonly path: (string | number)[] = [];

  constructor(private readonly declared: Declared) {}

  inside(key: string | number, walk: () => void): void {
    this.path.push(key);
    walk();
    this.path.pop();
  }

  /** The top-level blocks but `resource`, each under the address a finding names it by. */
  otherBlocks(blocks: Readonly<Record<string, unknown>>): void {
    for (const block of Object.keys(blocks)) {
      const content = blocks[block];
      switch (block) {
        case '//': // cdktf's metadata
        case 'terraform': // settings and backend: literals only
        case 'removed': // `from` names what is no longer declared, by design
          break;
        case 'data':
        case 'ephemeral':
          for (const [type, byName] of entries(content))
            for (const [name, body] of entries(byName)) this.block(`${block}.${type}.${name}`, body);
          break;
        case 'variable':
          for (const [name, body] of entries(content)) this.block(`var.${name}`, body);
          break;
        case 'locals':
          for (const locals of listOf(content))
            for (const [name, value] of entries(locals)) {
              this.holder = `local.${name}`;
              this.value(value, NO_BINDINGS);
            }
          break;
        case 'output':
        case 'module':
          for (const [name, body] of entries(content)) this.block(`${block}.${name}`, body);
          break;
        case 'provider':
          for (const [provider, configs] of entries(content))
            listOf(configs).forEach((config, i) => {
              this.holder = `provider.${provider}[${i}]`;
              this.value(config, NO_BINDINGS);
            });
          break;
        case 'import':
        case 'moved':
          listOf(content).forEach((body, i) => {
            const { to, from: _from, ...rest } = (body ?? {}) as Record<string, unknown>;
            this.holder = `${block}[${i}]`;
            // `moved.from` names an address no longer declared, by design; `to` must exist.
            if (typeof to === 'string') this.inside('to', () => this.check(expressionReferences(to)));
            this.body(rest, NO_BINDINGS);
          });
          break;
        default:
          this.holder = block;
          this.value(content, NO_BINDINGS);
      }
    }
  }

  private block(holder: string, body: unknown): void {
    this.holder = holder;
    this.body(body, NO_BINDINGS);
  }

  /**
   * A block's arguments: the meta-arguments (`depends_on`, `provider`, `lifecycle`, `dynamic`) as
   * Terraform reads them, everything else as values.
   */
  body(body: unknown, bound: ReadonlySet<string>): void {
    if (!body || typeof body !== 'object' || Array.isArray(body) || body instanceof Unknown)
      return this.value(body, bound);
    const fields = body as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      this.path.push(key);
      if (key === 'depends_on') this.bareList(value, bound);
      else if (key === 'provider' && typeof value === 'string') this.provider(value);
      else if (key === 'lifecycle' && value && typeof value === 'object') {
        this.path.pop();
        this.lifecycle(value);
        continue;
      } else if (key === 'dynamic') this.dynamic(value, bound);
      else this.value(value, bound);
      this.path.pop();
    }
  }

  /** Any value: each expression in it, at any depth; a nested `dynamic` block with its iterator. */
  value(value: unknown, bound: ReadonlySet<string>): void {
    if (value instanceof Unknown) {
      if (value.expression) this.check(templateReferences(value.expression, bound));
    } else if (typeof value === 'string') {
      // Every Terraform JSON string is a template (stackFromConfig marks those with `${`, not lifecycle's or `%{`).
      if (value.includes('${') || value.includes('%{')) this.check(templateReferences(value, bound));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || (typeof item !== 'object' && typeof item !== 'string')) continue;
        this.path.push(i);
        this.value(item, bound);
        this.path.pop();
      }
    } else if (value && typeof value === 'object') {
      const fields = value as Record<string, unknown>;
      // for-in over plain JSON objects: no key array per object (thousands per stack).
      for (const key in fields) {
        const v = fields[key];
        if (v === null || (typeof v !== 'object' && typeof v !== 'string')) continue;
        this.path.push(key);
        if (key === 'dynamic') this.dynamic(v, bound);
        else this.value(v, bound);
        this.path.pop();
      }
    }
  }

  /**
   * `dynamic "setting" { for_each = ..., iterator = "s", content { ... } }`: the content names its
   * iterator (`s.value`, or `setting.value` without `iterator`) as a variable of its own.
   */
  dynamic(dynamic: unknown, bound: ReadonlySet<string>): void {
    for (const [label, spec] of entries(dynamic)) {
      const { content, iterator, ...rest } = (spec ?? {}) as Record<string, unknown>;
      this.path.push(label);
      this.value(rest, bound);
      // The iterator is named by `iterator` when set, else by the block's label (and then only by that).
      const inner = new Set(bound).add(typeof iterator === 'string' ? iterator : label);
      this.inside('content', () => this.body(content, inner));
      this.path.pop();
    }
  }

  /** `lifecycle`: `ignore_changes` names attributes, not values; `replace_triggered_by` is bare references. */
  lifecycle(lifecycle: object): void {
    this.path.push('lifecycle');
    for (const [key, value] of Object.entries(lifecycle)) {
      if (key === 'ignore_changes') continue;
      this.path.push(key);
      if (key === 'replace_triggered_by') this.bareList(value, NO_BINDINGS);
      else this.value(value, NO_BINDINGS);
      this.path.pop();
    }
    this.path.pop();
  }

  /** A list of bare references (`azurerm_x.y`, as `depends_on` writes them), or `${...}` ones. */
  private bareList(value: unknown, bound: ReadonlySet<string>): void {
    listOf(value).forEach((entry, i) =>
      this.inside(i, () => {
        if (typeof entry === 'string') this.check(expressionReferences(entry, bound));
        else this.value(entry, bound);
      }),
    );
  }

  /** `provider = "azurerm.hub"` needs a provider block with that alias; a bare `azurerm` is the default one. */
  private provider(value: string): void {
    const text = value.startsWith('${') && value.endsWith('}') ? value.slice(2, -1) : value;
    if (text.includes('.') && !this.declared.providerAliases.has(text)) this.report(`provider configuration ${text}`);
  }

  private check(refs: readonly TerraformReference[]): void {
    for (const ref of refs)
      if (!this.declared.names.has(ref.address)) this.report(`${KIND_LABEL[ref.kind]} ${ref.address}`);
  }

  private report(what: string): void {
    let where = '';
    for (const part of this.path) where += typeof part === 'number' ? `[${part}]` : where ? `.${part}` : part;
    const line = `${what} at ${where || '(value)'}`;
    const list = this.found.get(this.holder);
    if (list) list.push(line);
    else this.found.set(this.holder, [line]);
  }
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
