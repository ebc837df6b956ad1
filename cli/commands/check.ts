import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { runCheck } from '../../policies/engine';
import { FORMATS, formatRun, type Format } from '../../policies/formats';
import { DEFAULT_THRESHOLD, isBlocking } from '../../policies/formats/summary';
import { SEVERITIES, type Severity } from '../../policies/types';
import { writeFileAtomic } from '../../util/atomic';
import { listOption, UsageError, type Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Run the assurance rules over the synthesised stacks (or a plan); exit 1 on unwaived findings.',
  usage:
    'bluelamp check [--force ID ...] [--plan FILE] [--format text|json|sarif|junit|markdown|csv] [--out FILE] [--severity critical|high|medium|low] [--outdir DIR] [--dir PATH] [--quiet]',
  options: {
    force: { type: 'string', multiple: true },
    plan: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    severity: { type: 'string' },
    outdir: { type: 'string' },
  },
  async run(ctx, values) {
    const format = (values.format ?? 'text') as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);
    const threshold = (values.severity ?? DEFAULT_THRESHOLD) as string;
    if (!(SEVERITIES as readonly string[]).includes(threshold)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}; got "${threshold}"`);
    const started = process.hrtime.bigint();
    const run = runCheck({
      dir: ctx.dir,
      outdir: values.outdir as string | undefined,
      plan: values.plan as string | undefined,
      forces: listOption(values, 'force'),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rendered = formatRun(run, format as Format, threshold as Severity);
    if (values.out) {
      const target = resolve(ctx.dir, values.out as string);
      const problem = outFileProblem(ctx.dir, target, values.out as string);
      if (problem) throw new UsageError(problem);
      try {
        writeFileAtomic(target, rendered);
      } catch (err) {
        throw new Error(`cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    } else {
      ctx.out(rendered);
    }
    const blocking = run.findings.filter((f) => isBlocking(f, threshold as Severity)).length;
    const waived = run.findings.filter((f) => f.waiver).length;
    const resources = run.stacks.reduce((n, s) => n + s.resources.length, 0);
    ctx.progress(
      `check: ${run.stacks.length} stacks, ${resources} resources, ${run.rules.length} rules in ${ms.toFixed(0)} ms; ` +
        `${run.findings.length} findings (${waived} waived), ${blocking} blocking at ${threshold} or above` +
        (values.out ? `; written to ${values.out as string}` : ''),
    );
    return blocking > 0 ? 1 : 0;
  },
};

/**
 * `--out` must not overwrite the estate's own inputs: the config a force team edits, the waivers
 * the assurance team signs, or the Terraform JSON being checked.
 */
export function outFileProblem(estateDir: string, target: string, shown: string): string | undefined {
  if (existsSync(target) && statSync(target).isDirectory()) return `--out ${shown} is a folder; --out takes a file name`;
  const rel = relative(estateDir, target).split(sep).join('/');
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const protectedInput = rel === 'platform.yaml' || /^(forces|policies|cdktf\.out|config)\//.test(rel);
  if (inside && protectedInput) return `--out ${shown} would overwrite the estate's own files (${rel}); write the report elsewhere, such as check.sarif`;
  return undefined;
}
