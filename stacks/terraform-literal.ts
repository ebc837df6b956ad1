/**
 * The second wall behind config/literal-text.ts: config is plain data, so every string in it
 * (map keys included) is escaped for Terraform's template syntax before it becomes a construct
 * prop. Terraform then reads `$${` as the two characters `${` and `%%{` as `%{`: the text reaches
 * Azure exactly as written and is never evaluated, even if validation were bypassed or a future
 * field escaped it.
 *
 * It is applied where config enters the construct tree (each stack's constructor), not to the
 * synthesised JSON: there, cdktf's own references (`${azurerm_x.y.id}`) cannot be told from text.
 * Escaping is exact (`$${` in the config comes out as `$${` after Terraform reads `$$${`).
 * The one form no escape can stop (cdktf's number references) makes synthesis fail instead.
 * Strings that cdktf itself escapes (arguments of `Fn.*` calls) end up escaped twice, which only
 * shows an extra `$`: never an expression.
 */

import { cdktfNumberToken } from '../config/literal-text';

/** `text` with every `${` and `%{` escaped, so Terraform reads it literally. */
export function escapeTerraformTemplate(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` itself means one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * cdktf replaces its reference markers (`TfToken[`, and numbers in its token encoding) wherever
 * they appear in a string, and no escape stops it: such text is refused (validation refuses it
 * first, with the line).
 */
function literal(text: string): string {
  const token = cdktfNumberToken(text) ?? (text.includes('TfToken[') ? 'TfToken[' : undefined);
  if (token)
    throw new Error(`config text "${token}" has the form of a synthesis library reference; it cannot be synthesised`);
  return text;
}

/** A deep copy of plain config data with every string, and every map key, escaped for Terraform. */
export function terraformLiterals<T>(value: T): T {
  return escapeDeep(value, 0) as T;
}

function escapeDeep(value: unknown, depth: number): unknown {
  if (depth > 100) throw new Error('terraformLiterals: config nested more than 100 levels deep');
  if (typeof value === 'string') return escapeTerraformTemplate(literal(value));
  if (Array.isArray(value)) return value.map((item) => escapeDeep(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
      throw new Error('terraformLiterals: config must be plain data (objects, arrays, strings, numbers, booleans)');
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [escapeTerraformTemplate(k), escapeDeep(v, depth + 1)]),
    );
  }
  return value;
}
