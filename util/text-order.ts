/**
 * The one order Blue Lamp sorts names in (force ids, addresses, roles, rule ids): Unicode collation
 * for English, pinned. `a.localeCompare(b)` collates for the machine's own locale (LANG), so the same
 * estate synthesised on an engineer's machine set to, say, Lithuanian or Danish ordered the national
 * stack's firewall rules differently from CI ('y' sorts after 'i' in Lithuanian, 'aa' after 'z' in
 * Danish), and a plan would show changes that are not there. en-US is what Node picks when the
 * locale is C or unset, so output made on CI is unchanged.
 */
let collator: Intl.Collator | undefined;

/** Negative, zero or positive, as `a` sorts before, with or after `b`. */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator('en-US');
  return collator.compare(a, b);
}
