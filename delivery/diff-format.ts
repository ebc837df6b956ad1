/**
 * The diff as a reviewer reads it: text in a terminal, Markdown as a pull-request comment
 * (a summary table, then a collapsible section per stack, security-relevant changes first, those
 * to adopted resources before the rest: delivery/adopted-diff.ts).
 */
import { counts, type AttributeChange, type ResourceChange, type StackDiff } from './tf-diff';
import { compareText } from '../util/text-order';

export const DIFF_COMMENT_MARKER = '<!-- bluelamp-diff -->';
/** GitHub refuses comments over 65,536 characters; leave room for the closing note. */
const MAX_MARKDOWN = 60_000;
/** Attribute lines shown per added or removed resource that is not security-relevant. */
const QUIET_ATTRIBUTES = 0;
const MAX_ATTRIBUTES = 25;

export interface DiffHeader {
  /** The base ref. */
  readonly base: string;
  /** How the base was synthesised, in a few words. */
  readonly strategy: string;
  /** Forces whose file was deleted. */
  readonly removed: readonly string[];
}

const SIGN = { added: '+', removed: '-', changed: '~' } as const;

function show(value: unknown): string {
  const text = value === undefined ? '(none)' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function attributeLine(c: AttributeChange): string {
  if (!('before' in c)) return `${c.path} = ${show(c.after)}`;
  if (!('after' in c)) return `${c.path} (was ${show(c.before)})`;
  return `${c.path}: ${show(c.before)} -> ${show(c.after)}`;
}

/** Which attribute lines to print for a change: all of a change, and of a security-relevant addition or removal. */
function shownAttributes(c: ResourceChange): readonly AttributeChange[] {
  const limit = c.kind === 'changed' || c.security ? MAX_ATTRIBUTES : QUIET_ATTRIBUTES;
  return c.attributes.slice(0, limit);
}

const changed = (diffs: readonly StackDiff[]) => diffs.filter((d) => d.status !== 'unchanged');

export function formatDiffText(diffs: readonly StackDiff[], header: DiffHeader): string {
  const shown = changed(diffs);
  const lines = [
    `bluelamp diff against ${header.base}, base synthesised ${header.strategy}: ${shown.length === 0 ? 'no changes to any stack' : `${shown.length} stack${shown.length === 1 ? '' : 's'} changed`}`,
  ];
  for (const id of header.removed)
    lines.push(`! force ${id} removed from config: its resources stay in its state until destroyed deliberately`);
  for (const diff of shown) {
    const c = counts(diff);
    lines.push(
      '',
      `== ${diff.stack}${diff.status === 'changed' ? '' : ` (stack ${diff.status})`}: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.security} security-relevant`,
    );
    for (const change of diff.changes) {
      const flag = change.security ? `! [${change.security}] ` : '  ';
      lines.push(
        `${flag}${SIGN[change.kind]} ${change.address}${change.constructPath ? `  (${change.constructPath})` : ''}${change.adopted ? '  [adopted]' : ''}${change.likelyReplacement ? '  [likely replaced]' : ''}`,
      );
      const attrs = shownAttributes(change);
      for (const a of attrs) lines.push(`      ${attributeLine(a)}`);
      if (attrs.length > 0 && attrs.length < change.attributes.length)
        lines.push(`      ... ${change.attributes.length - attrs.length} more`);
    }
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function formatDiffMarkdown(diffs: readonly StackDiff[], header: DiffHeader): string {
  const shown = changed(diffs);
  const out = [
    DIFF_COMMENT_MARKER,
    `### Blue Lamp diff against ${code(header.base)}`,
    '',
    `_Base synthesised ${header.strategy}._`,
    '',
  ];
  for (const id of header.removed)
    out.push(
      `> [!WARNING]\n> Force **${id}** is removed from config. Its resources stay in its Terraform state until they are destroyed deliberately.`,
      '',
    );
  if (shown.length === 0) {
    out.push('No stack changes.');
    return out.join('\n');
  }
  out.push('| Stack | Added | Removed | Changed | Security-relevant |', '|---|---:|---:|---:|---:|');
  for (const diff of shown) {
    const c = counts(diff);
    out.push(
      `| ${diff.stack}${diff.status === 'changed' ? '' : ` (${diff.status})`} | ${c.added} | ${c.removed} | ${c.changed} | ${c.security > 0 ? `**${c.security}**` : '0'} |`,
    );
  }
  // Stacks with security-relevant changes first, so that a long diff loses the quiet ones.
  const ordered = [...shown].sort((a, b) => counts(b).security - counts(a).security || compareText(a.stack, b.stack));
  const sections = ordered.map((diff) => {
    const security = diff.changes.filter((c) => c.security);
    const other = diff.changes.filter((c) => !c.security);
    const lines = [
      '',
      `<details${security.length > 0 ? ' open' : ''}><summary><b>${diff.stack}</b>: ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}${security.length > 0 ? `, ${security.length} security-relevant` : ''}</summary>`,
      '',
    ];
    if (security.length > 0) lines.push('**Security-relevant**', '', ...table(security, true), '');
    if (other.length > 0) lines.push('**Other changes**', '', ...table(other, false), '');
    lines.push('</details>');
    return { stack: diff.stack, text: lines.join('\n') };
  });
  // Whole sections only, so the comment never ends inside a table or an open <details>.
  let text = out.join('\n');
  const omitted: string[] = [];
  for (const section of sections) {
    if (omitted.length === 0 && text.length + section.text.length <= MAX_MARKDOWN) text += `\n${section.text}`;
    else omitted.push(section.stack);
  }
  if (omitted.length > 0) {
    text += `\n\n> [!NOTE]\n> ${omitted.length} stack${omitted.length === 1 ? '' : 's'} not shown here (comment size limit): ${omitted.join(', ')}. Run \`bluelamp diff --base ${header.base}\` for the full diff.`;
  }
  return text;
}

function table(changes: readonly ResourceChange[], withCategory: boolean): string[] {
  const rows = [
    withCategory ? '| | Resource | Why it matters | Attributes |' : '| | Resource | Attributes |',
    withCategory ? '|---|---|---|---|' : '|---|---|---|',
  ];
  for (const c of changes) {
    const attrs = shownAttributes(c)
      .map((a) => code(attributeLine(a)))
      .join('<br>');
    const more =
      shownAttributes(c).length < c.attributes.length && shownAttributes(c).length > 0
        ? `<br>... ${c.attributes.length - shownAttributes(c).length} more`
        : '';
    const resource = `${code(c.address)}${c.adopted ? ' **adopted**' : ''}${c.likelyReplacement ? ' **likely replaced**' : ''}`;
    const cols = withCategory
      ? [SIGN[c.kind], resource, c.security ?? '', attrs + more]
      : [SIGN[c.kind], resource, attrs + more];
    rows.push(`| ${cols.map(cell).join(' | ')} |`);
  }
  return rows;
}
