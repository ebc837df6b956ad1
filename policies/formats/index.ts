/**
 * Every machine- and human-readable output of `bluelamp check`. Each is a pure function of a
 * CheckRun and the severity threshold, so the same run always renders the same way in every format.
 */
import type { CheckRun, Severity } from '../types';
import { formatCsv } from './csv';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

/** `sarif` is the file for GitHub code scanning (waived findings left out); `sarif-full` keeps them as suppressions. */
export const FORMATS = ['text', 'json', 'sarif', 'sarif-full', 'junit', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a check run in one output format; `threshold` decides what counts as failing. */
export function formatRun(run: CheckRun, format: Format, threshold: Severity): string {
  switch (format) {
    case 'text':
      return formatText(run, threshold);
    case 'json':
      return formatJson(run, threshold);
    case 'sarif':
      return formatSarif(run, 'upload');
    case 'sarif-full':
      return formatSarif(run, 'full');
    case 'junit':
      return formatJunit(run, threshold);
    case 'markdown':
      return formatMarkdown(run, threshold);
    case 'csv':
      return formatCsv(run, threshold);
  }
}
