/**
 * CSV for spreadsheets (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or line
 * break). A cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with a
 * single quote: finding messages quote config values, and config is not trusted to be harmless.
 */
import type { CheckRun, Finding, Severity } from '../types';
import { printable } from './printable';
import { isBlocking, rulesById, sortFindings } from './summary';

const COLUMNS = [
  'severity',
  'outcome',
  'status',
  'rule',
  'title',
  'ncsc',
  'stack',
  'address',
  'constructPath',
  'message',
  'sourceFile',
  'sourceLine',
  'waiverReason',
  'waiverApprovedBy',
  'waiverApprovedOn',
  'waiverExpires',
  'waiverTicket',
] as const;

/** Neutralises spreadsheet formulas, then quotes per RFC 4180. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : printable(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function status(finding: Finding, threshold: Severity): string {
  if (finding.waiver) return 'waived';
  return isBlocking(finding, threshold) ? 'blocking' : 'below-threshold';
}

export function formatCsv(run: CheckRun, threshold: Severity): string {
  const rules = rulesById(run);
  const rows = sortFindings(run.findings).map((f) => {
    const rule = rules.get(f.ruleId);
    const w = f.waiver;
    return [
      f.severity,
      f.outcome,
      status(f, threshold),
      f.ruleId,
      rule?.title,
      rule?.ncsc.join(' '),
      f.stack,
      f.address,
      f.constructPath,
      f.message,
      f.source?.file,
      f.source?.line,
      w?.reason,
      w?.approvedBy,
      w?.approvedOn,
      w?.expires,
      w?.ticket,
    ];
  });
  return [COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
