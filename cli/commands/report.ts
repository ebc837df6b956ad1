import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { runCheck } from '../../policies/engine';
import { parseCheckRun } from '../../policies/formats/json';
import { DEFAULT_THRESHOLD, summarise, verdictLine } from '../../policies/formats/summary';
import { reportFile } from '../../delivery/deliver';
import { readDriftResults, type DriftResults } from '../../policies/report/drift';
import { renderReport } from '../../policies/report/render';
import { reportDirProblem, writeReport } from '../../policies/report/write';
import { SEVERITIES, type CheckRun, type Severity } from '../../policies/types';
import { choiceOption, defineCommand, listOption, UsageError, type CommandContext } from '../command';

export const DEFAULT_REPORT_DIR = 'reports';

/**
 * The last drift run to show: `--drift FILE` when given (an error if unreadable), else the summary
 * `bluelamp drift` left in the synth folder, if there is one and it reads (a warning if not).
 */
export function findDriftResults(
  ctx: CommandContext,
  explicit: string | undefined,
  outdir: string | undefined,
): DriftResults | undefined {
  if (explicit) {
    const path = resolve(ctx.dir, explicit);
    if (!existsSync(path))
      throw new Error(`--drift ${explicit}: no such file; give the bluelamp-drift.json that \`bluelamp drift\` writes`);
    return readDriftResults(path, explicit);
  }
  const path = reportFile(resolve(ctx.dir, outdir ?? 'cdktf.out'), 'drift');
  if (!existsSync(path)) return undefined;
  try {
    return readDriftResults(path, relative(ctx.dir, path) || path);
  } catch (err) {
    ctx.error(`warning: drift results not shown: ${(err as Error).message}`);
    return undefined;
  }
}

/** Renders and writes the report; returns the index path as the user should see it. */
export function writeAssuranceReport(
  ctx: CommandContext,
  run: CheckRun,
  threshold: Severity,
  out: string | undefined,
  drift?: DriftResults,
): string {
  const index = writeReport(renderReport(run, { threshold, drift }), resolve(ctx.dir, out ?? DEFAULT_REPORT_DIR));
  const rel = relative(ctx.dir, index);
  return rel.startsWith('..') || isAbsolute(rel) ? index : rel;
}

function readSavedRun(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `--from ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? (err as Error).message)}; give the JSON written by \`bluelamp check --format json --out FILE\``,
      { cause: err },
    );
  }
}

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'Write the static HTML assurance report (estate page and a page per force) for a reviewer to sign off.',
  usage:
    'bluelamp report [--out DIR] [--from RUN.json | --force ID ... | --plan FILE] [--drift DRIFT.json] [--severity critical|high|medium|low] [--outdir DIR] [--dir PATH] [--quiet]\n' +
    '  --drift shows the last drift run per stack (default: cdktf.out/bluelamp-drift.json when present)',
  options: {
    out: { type: 'string', short: 'o' },
    from: { type: 'string' },
    force: { type: 'string', multiple: true },
    plan: { type: 'string' },
    severity: { type: 'string' },
    outdir: { type: 'string' },
    drift: { type: 'string' },
  },
  run(ctx, values) {
    const threshold = choiceOption(values, 'severity', SEVERITIES) ?? DEFAULT_THRESHOLD;
    const from = values.from;
    if (from && (values.plan || listOption(values, 'force').length))
      throw new UsageError('--from renders a saved check run; it cannot be combined with --force or --plan');
    // A refused --out is wrong usage (exit 2), found before any work is done.
    const outProblem = reportDirProblem(resolve(ctx.dir, values.out ?? DEFAULT_REPORT_DIR));
    if (outProblem) throw new UsageError(outProblem);
    const run = from
      ? parseCheckRun(readSavedRun(resolve(ctx.dir, from), from), from)
      : runCheck({
          dir: ctx.dir,
          outdir: values.outdir,
          plan: values.plan,
          forces: listOption(values, 'force'),
        });
    const drift = findDriftResults(ctx, values.drift, values.outdir);
    const index = writeAssuranceReport(ctx, run, threshold, values.out, drift);
    ctx.progress(`report: ${verdictLine(summarise(run, threshold))}`);
    ctx.out(index);
    return Promise.resolve(0);
  },
});
