/**
 * What every output says about a check run: counts, the verdict at a severity threshold, and a
 * stable order of findings. One place, so the text table, SARIF, JUnit and the HTML report can
 * never disagree about whether a run passed.
 */
import { SEVERITIES, type CheckRun, type Finding, type RuleMeta, type Severity, type WaiverRef } from '../types';
import { compareText } from '../../util/text-order';

/** The threshold `check`, `report` and `start` use unless told otherwise: any unwaived finding fails. */
export const DEFAULT_THRESHOLD: Severity = 'low';

/** 0 for critical, 3 for low: lower is worse. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** An unwaived finding at or above the threshold: it makes the check fail. */
export function isBlocking(finding: Finding, threshold: Severity): boolean {
  return !finding.waiver && severityRank(finding.severity) <= severityRank(threshold);
}

export interface SeverityCounts {
  /** Unwaived findings. */
  readonly open: number;
  readonly waived: number;
}

export interface RunSummary {
  readonly threshold: Severity;
  readonly verdict: 'pass' | 'fail';
  readonly stacks: number;
  readonly resources: number;
  readonly rules: number;
  readonly findings: number;
  readonly open: number;
  readonly waived: number;
  /** Unwaived findings at or above the threshold. */
  readonly blocking: number;
  /** Unwaived findings whose value could not be known before apply. */
  readonly unknown: number;
  readonly bySeverity: Readonly<Record<Severity, SeverityCounts>>;
}

export function summarise(run: Pick<CheckRun, 'findings' | 'stacks' | 'rules'>, threshold: Severity): RunSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { open: 0, waived: 0 }])) as Record<
    Severity,
    { open: number; waived: number }
  >;
  let blocking = 0;
  let unknown = 0;
  for (const finding of run.findings) {
    const counts = bySeverity[finding.severity];
    if (finding.waiver) counts.waived += 1;
    else counts.open += 1;
    if (isBlocking(finding, threshold)) blocking += 1;
    if (!finding.waiver && finding.outcome === 'unknown') unknown += 1;
  }
  const waived = run.findings.filter((f) => f.waiver).length;
  return {
    threshold,
    verdict: blocking > 0 ? 'fail' : 'pass',
    stacks: run.stacks.length,
    resources: run.stacks.reduce((n, s) => n + s.resources.length, 0),
    rules: run.rules.length,
    findings: run.findings.length,
    open: run.findings.length - waived,
    waived,
    blocking,
    unknown,
    bySeverity,
  };
}

/** Worst first, then by stack, rule and address: every output lists findings in the same order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      Number(Boolean(a.waiver)) - Number(Boolean(b.waiver)) ||
      compareText(a.stack, b.stack) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.address, b.address),
  );
}

/** Rule metadata by id. Findings about waivers themselves may name a rule the pack does not list. */
export function rulesById(run: Pick<CheckRun, 'rules'>): ReadonlyMap<string, RuleMeta> {
  return new Map(run.rules.map((r) => [r.id, r]));
}

/** `forces/essex.yaml:14:5`, or undefined when the finding has no config source. */
export function sourceText(finding: Finding): string | undefined {
  const s = finding.source;
  if (!s) return undefined;
  return s.line ? `${s.file}:${s.line}${s.col ? `:${s.col}` : ''}` : s.file;
}

/** One line naming a waiver's authority: `waived (TICKET, approved by A on D, expires E): reason`. */
export function waiverText(waiver: WaiverRef): string {
  return `waived (${waiver.ticket}, approved by ${waiver.approvedBy} on ${waiver.approvedOn}, expires ${waiver.expires}): ${waiver.reason}`;
}

/** `3 findings`, `1 finding`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `2 critical, 1 high` (open findings only; severities with none left out), or `none`. */
export function severityBreakdown(summary: RunSummary): string {
  const parts = SEVERITIES.filter((s) => summary.bySeverity[s].open > 0).map(
    (s) => `${summary.bySeverity[s].open} ${s}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}

/** The closing line of every human-readable output. */
export function verdictLine(summary: RunSummary): string {
  const head =
    summary.findings === 0
      ? `no findings from ${plural(summary.rules, 'rule')} over ${plural(summary.stacks, 'stack')} (${plural(summary.resources, 'resource')})`
      : `${plural(summary.open, 'unwaived finding')} (${severityBreakdown(summary)}), ${summary.waived} waived, over ${plural(summary.stacks, 'stack')}`;
  const verdict =
    summary.verdict === 'pass'
      ? `PASS at threshold ${summary.threshold}`
      : `FAIL at threshold ${summary.threshold}: ${plural(summary.blocking, 'unwaived finding')} at or above ${summary.threshold}`;
  return `${head}; ${verdict}`;
}
