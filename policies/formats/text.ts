/**
 * The default output: an aligned table a person reads in a terminal or a CI log, worst first,
 * with waived findings kept (marked WAIVED, with who approved them) so nothing is hidden.
 */
import type { CheckRun, Finding, Severity } from '../types';
import { printable } from './printable';
import { isBlocking, sortFindings, sourceText, summarise, verdictLine, waiverText } from './summary';

const HEADERS = ['SEVERITY', 'STATUS', 'RULE', 'STACK', 'RESOURCE', 'MESSAGE'] as const;

/** FAIL/UNKNOWN for findings that break the gate, WAIVED, or `below` for findings under the threshold. */
function status(finding: Finding, threshold: Severity): string {
  if (finding.waiver) return 'WAIVED';
  const word = finding.outcome === 'unknown' ? 'UNKNOWN' : 'FAIL';
  return isBlocking(finding, threshold) ? word : `${word.toLowerCase()} (below)`;
}

/** One physical line of printable text: newlines would break the columns, control characters the terminal. */
function oneLine(text: string): string {
  return printable(text.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/\t/g, ' ');
}

export function formatText(run: CheckRun, threshold: Severity): string {
  const summary = summarise(run, threshold);
  if (run.findings.length === 0) return `bluelamp check: ${verdictLine(summary)}\n`;
  const rows = sortFindings(run.findings).map((f) => {
    const where = sourceText(f);
    const notes = [where ? `[${where}]` : '', f.waiver ? `-- ${waiverText(f.waiver)}` : ''].filter(Boolean).join(' ');
    return [
      f.severity.toUpperCase(),
      status(f, threshold),
      oneLine(f.ruleId),
      oneLine(f.stack),
      oneLine(f.address),
      oneLine(notes ? `${f.message} ${notes}` : f.message),
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // The last column is not padded: trailing spaces only make diffs of the output noisy.
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(HEADERS), ...rows.map(line), '', `bluelamp check: ${verdictLine(summary)}`, ''].join('\n');
}
