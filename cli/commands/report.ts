import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { runCheck } from '../../policies/engine';
import { parseCheckRun } from '../../policies/formats/json';
import { DEFAULT_THRESHOLD, summarise, verdictLine } from '../../policies/formats/summary';
import { renderReport } from '../../policies/report/render';
import { reportDirProblem, writeReport } from '../../policies/report/write';
import { SEVERITIES, type CheckRun, type Severity } from '../../policies/types';
import { choiceOption, listOption, UsageError, type CommandContext, type Command } from '../command';

export const DEFAULT_REPORT_DIR = 'reports';

/** Renders and writes the report; returns the index path as the user should see it. */
export function writeAssuranceReport(
  ctx: CommandContext,
  run: CheckRun,
  threshold: Severity,
  out: string | undefined,
): string {
  const index = writeReport(renderReport(run, { threshold }), resolve(ctx.dir, out ?? DEFAULT_REPORT_DIR));
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
    );
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the static HTML assurance report (estate page and a page per force) for a reviewer to sign off.',
  usage:
    'bluelamp report [--out DIR] [--from RUN.json | --force ID ... | --plan FILE] [--severity critical|high|medium|low] [--outdir DIR] [--dir PATH] [--quiet]',
  options: {
    out: { type: 'string', short: 'o' },
    from: { type: 'string' },
    force: { type: 'string', multiple: true },
    plan: { type: 'string' },
    severity: { type: 'string' },
    outdir: { type: 'string' },
  },
  async run(ctx, values) {
    const threshold = choiceOption(values, 'severity', SEVERITIES) ?? DEFAULT_THRESHOLD;
    const from = values.from as string | undefined;
    if (from && (values.plan || listOption(values, 'force').length))
      throw new UsageError('--from renders a saved check run; it cannot be combined with --force or --plan');
    // A refused --out is wrong usage (exit 2), found before any work is done.
    const outProblem = reportDirProblem(resolve(ctx.dir, (values.out as string | undefined) ?? DEFAULT_REPORT_DIR));
    if (outProblem) throw new UsageError(outProblem);
    const run = from
      ? parseCheckRun(readSavedRun(resolve(ctx.dir, from), from), from)
      : runCheck({
          dir: ctx.dir,
          outdir: values.outdir as string | undefined,
          plan: values.plan as string | undefined,
          forces: listOption(values, 'force'),
        });
    const index = writeAssuranceReport(ctx, run, threshold, values.out as string | undefined);
    ctx.progress(`report: ${verdictLine(summarise(run, threshold))}`);
    ctx.out(index);
    return 0;
  },
};
