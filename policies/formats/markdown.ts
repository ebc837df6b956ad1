/**
 * A pull-request comment: the verdict, counts by severity, a table of unwaived findings worst
 * first, and waived findings in a collapsed list. GitHub refuses comments over 65,536 characters,
 * so rows stop before the limit and a notice says how many were left out and where to find them.
 * Every cell is escaped: finding messages quote config values, and a comment must not be able to
 * smuggle HTML, break the table or notify people (an `@name` or `@org/team` in a message, a
 * waiver reason or an approver would ping them on every run).
 */
import { SEVERITIES, type CheckRun, type Finding, type Severity } from '../types';
import { printable } from './printable';
import { isBlocking, rulesById, sortFindings, sourceText, summarise, verdictLine } from './summary';

/** GitHub's limit on a comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the truncation notices and closing lines. */
const RESERVE = 1_500;

/** Zero-width joiner: invisible, and GitHub no longer reads `@\u200Dname` as a mention. */
const ZWJ = '\u200D';

/**
 * An `@` that GitHub would read as a mention: not preceded by a word character (so the `@` of an
 * email address is left alone, as GitHub does) and followed by a user or organisation name.
 */
const MENTION = /(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g;

/** The text with every @-mention made inert (a zero-width joiner after the `@`). */
export function noMentions(text: string): string {
  return text.replace(MENTION, `$1@${ZWJ}`);
}

/** Text for a table cell: one line, HTML inert, Markdown punctuation literal, no @-mentions. */
export function mdCell(text: string): string {
  return noMentions(
    printable(text)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~#!])/g, '\\$1'),
  );
}

/** A code span for an identifier (address, rule id) in a table cell. */
function mdCode(text: string): string {
  return `\`${printable(text)
    .replace(/[\r\n`]+/g, ' ')
    .replace(/\|/g, '\\|')}\``;
}

const TITLE_CASE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

function findingRow(f: Finding, title: string | undefined, threshold: Severity): string {
  const sev = `${TITLE_CASE[f.severity]}${f.outcome === 'unknown' ? ' (unknown)' : ''}${isBlocking(f, threshold) ? '' : ' (below threshold)'}`;
  const where = sourceText(f);
  const rule = title ? `${mdCode(f.ruleId)} ${mdCell(title)}` : mdCode(f.ruleId);
  return `| ${sev} | ${rule} | ${mdCell(f.stack)} | ${mdCode(f.address)} | ${mdCell(f.message)} | ${where ? mdCode(where) : ''} |`;
}

function waivedRow(f: Finding): string {
  const w = f.waiver!;
  return `| ${mdCode(f.ruleId)} | ${mdCell(f.stack)} | ${mdCode(f.address)} | ${mdCell(w.reason)} | ${mdCell(w.approvedBy)} | ${mdCell(w.expires)} | ${mdCell(w.ticket)} |`;
}

/** Appends rows while they fit the budget; returns how many were left out. */
function appendWithin(lines: string[], rows: readonly string[], budget: { left: number }): number {
  for (let i = 0; i < rows.length; i++) {
    const cost = rows[i].length + 1;
    if (cost > budget.left) return rows.length - i;
    lines.push(rows[i]);
    budget.left -= cost;
  }
  return 0;
}

export function formatMarkdown(run: CheckRun, threshold: Severity, limit = GITHUB_COMMENT_LIMIT): string {
  const summary = summarise(run, threshold);
  const rules = rulesById(run);
  const findings = sortFindings(run.findings);
  const open = findings.filter((f) => !f.waiver);
  const waived = findings.filter((f) => f.waiver);
  const pass = summary.verdict === 'pass';
  const lines = [
    `## ${pass ? ':white_check_mark:' : ':x:'} Blue Lamp assurance: ${pass ? 'PASS' : 'FAIL'}`,
    '',
    mdCell(verdictLine(summary)),
    '',
    '| Severity | Unwaived | Waived |',
    '| --- | ---: | ---: |',
    ...SEVERITIES.map((s) => `| ${TITLE_CASE[s]} | ${summary.bySeverity[s].open} | ${summary.bySeverity[s].waived} |`),
    '',
    `Threshold **${threshold}** · ${summary.stacks} stacks · ${summary.resources} resources · ${summary.rules} rules · input ${mdCell(run.input.kind)} ${mdCode(run.input.path)} · generated ${mdCell(run.generatedAt)}`,
  ];
  const budget = { left: limit - RESERVE - lines.join('\n').length };
  if (open.length) {
    lines.push(
      '',
      `### Unwaived findings (${open.length})`,
      '',
      '| Severity | Rule | Stack | Resource | Finding | Source |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    const left = appendWithin(
      lines,
      open.map((f) => findingRow(f, rules.get(f.ruleId)?.title, threshold)),
      budget,
    );
    if (left)
      lines.push(
        '',
        `> **${left} more unwaived finding${left === 1 ? '' : 's'} not shown:** this comment would pass GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-GB')}-character limit. Run \`bluelamp check\` or open the HTML report for the full list.`,
      );
  }
  if (waived.length) {
    lines.push(
      '',
      `<details><summary>Waived findings (${waived.length})</summary>`,
      '',
      '| Rule | Stack | Resource | Reason | Approved by | Expires | Ticket |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    const left = appendWithin(lines, waived.map(waivedRow), budget);
    if (left) lines.push('', `${left} more waived finding${left === 1 ? '' : 's'} not shown (comment size limit).`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
