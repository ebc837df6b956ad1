/**
 * `bluelamp report` as a pure function: a check run in, the report's files out (index.html for
 * the estate, stacks/<name>.html per stack). Writing them is write.ts's job.
 */
import { createHash } from 'node:crypto';
import type { CheckRun, Severity } from '../types';
import type { DriftResults } from './drift';
import { buildModel } from './model';
import { estatePage, stackPage } from './pages';

export interface ReportFile {
  /** Relative to the report folder, forward slashes. */
  readonly path: string;
  readonly content: string;
}

export interface RenderOptions {
  /** Unwaived findings at or above it make the verdict FAIL. */
  readonly threshold: Severity;
  /** Name of the national hub stack. @default 'national' */
  readonly hubStack?: string;
  /** The last drift run, shown per stack. @default - none: the report says no drift result was found */
  readonly drift?: DriftResults;
}

export function renderReport(run: CheckRun, options: RenderOptions): ReportFile[] {
  const model = { ...buildModel(run, options.threshold, options.hubStack ?? 'national'), drift: options.drift };
  const fingerprint = createHash('sha256').update(JSON.stringify(run)).digest('hex');
  return [
    { path: 'index.html', content: estatePage(model, fingerprint) },
    ...model.stacks.map((s) => ({ path: s.page, content: stackPage(model, s, fingerprint) })),
  ];
}
