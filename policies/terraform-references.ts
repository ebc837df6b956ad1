/**
 * The named values a Terraform JSON string refers to: every `type.name` (any provider's resource
 * type), `data.T.N`, `ephemeral.T.N`, `var.N`, `local.N` and `module.N` in its `${...}`
 * interpolations and `%{...}` directives, read as HCL reads them rather than by pattern, so that
 * text inside quoted strings (`split("/providers/Microsoft.SecurityInsights/", ...)`), attribute
 * names after a dot, function names and for-expression variables are never taken for references.
 *
 * Grammar facts from hashicorp/hcl `hclsyntax/spec.md`: identifiers are `ID_Start (ID_Continue | '-')*`
 * (a dash is part of a name); in a template `$${` and `%%{` are a literal `${` and `%{`; quoted
 * strings inside an expression are templates again, with backslash escapes. The roots that are not
 * declarations (`count`, `each`, `self`, `path`, `terraform`) are Terraform's named values
 * (developer.hashicorp.com/terraform/language/expressions/references).
 */

export type ReferenceKind = 'resource' | 'data' | 'ephemeral' | 'var' | 'local' | 'module';

export interface TerraformReference {
  readonly kind: ReferenceKind;
  /** `azurerm_subnet.Workloads`, `data.azurerm_client_config.Current`, `var.key`, `local.tags`, `module.hub`. */
  readonly address: string;
}

/** Roots Terraform defines itself: nothing in the configuration declares them. */
const BUILT_IN_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);
/** Words of the expression and template-directive syntax. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);
const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; // a-z A-Z _
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45; // and 0-9 -
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** A number; a dot belongs to it only before a digit (`x.0.id`, the legacy index, is three parts). */
const NUMBER_RE = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEREDOC_RE = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/y;

/**
 * References in a Terraform JSON string value, a template: literal text with `${...}` and `%{...}`.
 * `bound` names iterator variables in scope (a dynamic block's label or `iterator`).
 */
export function templateReferences(text: string, bound: ReadonlySet<string> = NONE): readonly TerraformReference[] {
  // Stacks repeat the same expressions (`${azurerm_resource_group.Network_Group_1A2B.name}` in every
  // force): read each once per process. Bounded, and only without iterators in scope.
  if (bound.size === 0) {
    const known = cache.get(text);
    if (known) return known;
  }
  const scanner = new Scanner(text, bound);
  scanner.template(false);
  if (bound.size === 0) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, scanner.found);
  }
  return scanner.found;
}

const NONE: ReadonlySet<string> = new Set();
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly TerraformReference[]>();

/** References in a bare expression, as `depends_on`, `replace_triggered_by` and `import.to` write them. */
export function expressionReferences(text: string, bound: ReadonlySet<string> = NONE): readonly TerraformReference[] {
  const scanner = new Scanner(text, bound);
  scanner.expression();
  return scanner.found;
}

class Scanner {
  readonly found: TerraformReference[] = [];
  private readonly seen = new Set<string>();
  /** Copied on the first `for` that binds a name, so the caller's set is never changed. */
  private bound: ReadonlySet<string>;
  private ownBound?: Set<string>;
  private pos = 0;
  /** The last character consumed that was not white space (an identifier after `.` is an attribute). */
  private last = '';

  constructor(
    private readonly text: string,
    bound: ReadonlySet<string>,
  ) {
    this.bound = bound;
  }

  /** Literal text up to the end (or, when `quoted`, up to the closing `"`), entering each interpolation. */
  template(quoted: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const ch = t[this.pos];
      if (quoted && ch === '"') {
        this.pos++;
        return;
      }
      if (quoted && ch === '\\') {
        this.pos += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && t[this.pos + 1] === ch && t[this.pos + 2] === '{') {
        this.pos += 3; // `$${` / `%%{`: literal
        continue;
      }
      if ((ch === '$' || ch === '%') && t[this.pos + 1] === '{') {
        this.pos += 2;
        this.last = '';
        this.expression('}');
        continue;
      }
      this.pos++;
    }
  }

  /** An expression up to its unmatched `close` (consumed), or to the end. */
  expression(close?: string): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const ch = t[this.pos];
      const code = t.charCodeAt(this.pos);
      if (isSpace(code)) {
        this.pos++;
      } else if (ch === '"') {
        this.pos++;
        this.template(true);
        this.last = '"';
      } else if (ch === '#' || (ch === '/' && t[this.pos + 1] === '/')) {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end;
      } else if (ch === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else if (ch === '<' && t[this.pos + 1] === '<' && this.heredoc()) {
        this.last = '"';
      } else if (code >= 48 && code <= 57) {
        NUMBER_RE.lastIndex = this.pos;
        this.pos += NUMBER_RE.exec(t)?.[0].length ?? 1;
        this.last = '0';
      } else if (isIdentStart(code)) {
        this.identifier();
      } else {
        this.pos++;
        this.last = ch;
        if (ch === '(' || ch === '[' || ch === '{') depth++;
        else if (ch === ')' || ch === ']' || ch === '}') {
          if (depth === 0 && ch === close) return;
          depth--;
        }
      }
    }
  }

  /** `<<EOF ... EOF`: its body is a template. False when `<<` does not start one. */
  private heredoc(): boolean {
    HEREDOC_RE.lastIndex = this.pos;
    const m = HEREDOC_RE.exec(this.text);
    if (!m) return false;
    const bodyStart = this.pos + m[0].length;
    const closing = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
    const rest = this.text.slice(bodyStart);
    const end = closing.exec(rest);
    const body = end ? rest.slice(0, end.index) : rest;
    const inner = new Scanner(body, this.bound);
    inner.template(false);
    for (const r of inner.found) this.add(r.kind, r.address);
    this.pos = end ? bodyStart + end.index + end[0].length : this.text.length;
    return true;
  }

  private readIdentifier(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && isIdentPart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The identifier after `.` (white space allowed around the dot), or undefined when none follows. */
  private dotted(): string | undefined {
    const save = this.pos;
    this.skipSpace();
    if (this.text[this.pos] === '.') {
      this.pos++;
      this.skipSpace();
      if (isIdentStart(this.text.charCodeAt(this.pos))) return this.readIdentifier();
    }
    this.pos = save;
    return undefined;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** The next two characters after white space. */
  private peek(): string {
    let i = this.pos;
    while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
    return this.text.slice(i, i + 2);
  }

  private identifier(): void {
    const afterDot = this.last === '.';
    const name = this.readIdentifier();
    this.last = 'a';
    if (afterDot) return; // an attribute of something already read
    const next = this.peek();
    if (next === '::') {
      // A provider-defined function, `provider::azurerm::normalise_resource_id(...)`.
      while (this.text.startsWith('::', this.pos) && isIdentStart(this.text.charCodeAt(this.pos + 2))) {
        this.pos += 2;
        this.readIdentifier();
      }
      return;
    }
    if (next.startsWith('(')) return; // a function call
    if (name === 'for') return this.forVariables();
    if (KEYWORDS.has(name) || BUILT_IN_ROOTS.has(name) || this.bound.has(name)) return;
    if (name === 'var' || name === 'local' || name === 'module') {
      const n = this.dotted();
      if (n) this.add(name, `${name}.${n}`);
      return;
    }
    if (name === 'data' || name === 'ephemeral') {
      const type = this.dotted();
      const n = type && this.dotted();
      if (n) this.add(name, `${name}.${type}.${n}`);
      return;
    }
    const resourceName = this.dotted();
    if (resourceName) this.add('resource', `${name}.${resourceName}`);
  }

  /** `for k, v in ...`: k and v are the expression's own variables from here on. */
  private forVariables(): void {
    for (;;) {
      this.skipSpace();
      if (!isIdentStart(this.text.charCodeAt(this.pos))) return;
      const name = this.readIdentifier();
      if (name === 'in') return;
      this.ownBound ??= new Set(this.bound);
      this.ownBound.add(name);
      this.bound = this.ownBound;
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
    }
  }

  private add(kind: ReferenceKind, address: string): void {
    if (this.seen.has(address)) return;
    this.seen.add(address);
    this.found.push({ kind, address });
  }
}
