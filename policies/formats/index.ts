import type { CheckRun, Severity } from '../types';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a check run in one of the output formats. (Placeholder: the outputs work fills this in.) */
export function formatRun(run: CheckRun, format: Format, _threshold: Severity): string {
  if (format === 'json') return `${JSON.stringify(run, null, 2)}\n`;
  return run.findings.map((f) => `${f.severity.toUpperCase()} ${f.ruleId} ${f.stack} ${f.address} ${f.message}${f.waiver ? ' (waived)' : ''}`).join('\n') + '\n';
}
