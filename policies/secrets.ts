/**
 * Walks every string in a stack (resources and the other top-level blocks) for the secret rules.
 * Messages name where a secret is and never repeat it.
 */
import { at, fail, pass, STACK_ADDRESS, type AddressedResult, type RuleContext } from './rule';
import { Unknown } from './terraform-json';
import type { StackView } from './types';

export interface StringSite {
  /** Resource address, or the top-level block (`provider`, `variable`...). */
  readonly address: string;
  /** Dotted attribute path inside it. */
  readonly path: string;
  /** Last key on the path (`client_secret`), or '' inside a list. */
  readonly key: string;
  readonly text: string;
  /** True when the string is a Terraform expression (`${...}`). */
  readonly expression: boolean;
}

/** Each stack's string sites, walked once per check run although four secret rules scan them. */
const sitesOf = new WeakMap<StackView, readonly StringSite[]>();

/** Every string in the stack, with where it is. */
export function stringSites(ctx: RuleContext): readonly StringSite[] {
  const known = sitesOf.get(ctx.stack);
  if (known) return known;
  const out: StringSite[] = [];
  const walk = (address: string, value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') out.push({ address, path, key, text: value, expression: false });
    else if (value instanceof Unknown) {
      if (value.expression) out.push({ address, path, key, text: value.expression, expression: true });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(address, v, `${path}[${i}]`, key));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(address, v, path ? `${path}.${k}` : k, k);
    }
  };
  for (const r of ctx.stack.resources) {
    if (!r.derivedAttributes?.length) {
      walk(r.address, r.values, '', '');
      continue;
    }
    // A plan resolves every expression: values the code computes (from Key Vault, a variable) are not literals in it.
    const derived = r.derivedAttributes;
    const isDerived = (path: string) =>
      derived.some((d) => path === d || path.startsWith(`${d}.`) || path.startsWith(`${d}[`));
    const before = out.length;
    walk(r.address, r.values, '', '');
    const kept = out.splice(before).filter((site) => !isDerived(site.path));
    out.push(...kept);
  }
  for (const [block, body] of Object.entries(ctx.stack.otherBlocks ?? {})) walk(block, body, '', '');
  sitesOf.set(ctx.stack, out);
  return out;
}

/** Runs a detector over every string; one finding per resource (or block), a pass when nothing is found. */
export function scanStack(ctx: RuleContext, detect: (site: StringSite) => string | undefined): AddressedResult[] {
  const found = new Map<string, string[]>();
  for (const site of stringSites(ctx)) {
    const what = detect(site);
    if (!what) continue;
    const list = found.get(site.address) ?? [];
    list.push(`${what} at ${site.path || '(value)'}`);
    found.set(site.address, list);
  }
  if (found.size === 0) return [at(STACK_ADDRESS, pass())];
  return [...found].map(([address, list]) => at(address, fail(list.join('; '))));
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
