import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { runCheck } from '../../policies/engine';
import { FORMATS, formatRun } from '../../policies/formats';
import { DEFAULT_THRESHOLD, summarise } from '../../policies/formats/summary';
import { SEVERITIES } from '../../policies/types';
import { writeFileAtomic } from '../../util/atomic';
import { choiceOption, listOption, UsageError, type Command, type CommandContext } from '../command';
import { loadEstate } from '../../config/estate';
import { assertFresh, StaleOutputError } from '../../delivery/staleness';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Run the assurance rules over the synthesised stacks (or a plan); exit 1 on unwaived findings.',
  usage:
    'bluelamp check [--force ID ...] [--plan FILE] [--format text|json|sarif|sarif-full|junit|markdown|csv] [--out FILE] [--severity critical|high|medium|low] [--outdir DIR] [--dir PATH] [--quiet]',
  options: {
    force: { type: 'string', multiple: true },
    plan: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    severity: { type: 'string' },
    outdir: { type: 'string' },
  },
  run(ctx, values) {
    const format = choiceOption(values, 'format', FORMATS) ?? 'text';
    const threshold = choiceOption(values, 'severity', SEVERITIES) ?? DEFAULT_THRESHOLD;
    const started = process.hrtime.bigint();
    const run = runCheck({
      dir: ctx.dir,
      outdir: values.outdir as string | undefined,
      plan: values.plan as string | undefined,
      forces: listOption(values, 'force'),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!values.plan)
      warnIfStale(
        ctx,
        resolve(ctx.dir, (values.outdir as string | undefined) ?? 'cdktf.out'),
        run.stacks.map((st) => st.name),
      );
    const rendered = formatRun(run, format, threshold);
    if (values.out) {
      const target = resolve(ctx.dir, values.out as string);
      const problem = outFileProblem(ctx.dir, target, values.out as string);
      if (problem) throw new UsageError(problem);
      try {
        writeFileAtomic(target, rendered);
      } catch (err) {
        throw new Error(`cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
          cause: err,
        });
      }
    } else {
      ctx.out(rendered);
    }
    const summary = summarise(run, threshold);
    ctx.progress(
      `check: ${summary.stacks} stacks, ${summary.resources} resources, ${summary.rules} rules in ${ms.toFixed(0)} ms; ` +
        `${summary.findings} findings (${summary.waived} waived), ${summary.blocking} blocking at ${threshold} or above` +
        (values.out ? `; written to ${values.out as string}` : ''),
    );
    return Promise.resolve(summary.blocking > 0 ? 1 : 0);
  },
};

/**
 * `--out` must not overwrite the estate's own inputs: the config a force team edits, the waivers
 * the assurance team signs, or the Terraform JSON being checked.
 */
export function outFileProblem(estateDir: string, target: string, shown: string): string | undefined {
  if (existsSync(target) && statSync(target).isDirectory())
    return `--out ${shown} is a folder; --out takes a file name`;
  const rel = relative(estateDir, target).split(sep).join('/');
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const protectedInput = rel === 'platform.yaml' || /^(forces|policies|cdktf\.out|config)\//.test(rel);
  if (inside && protectedInput)
    return `--out ${shown} would overwrite the estate's own files (${rel}); write the report elsewhere, such as check.sarif`;
  return undefined;
}

/**
 * Checking Terraform JSON that no longer matches the config would sign off the wrong thing: say
 * so (on stderr, even with --quiet). Only a warning, because check also serves estates whose
 * config is not beside the output; plan and deploy refuse stale output outright.
 */
function warnIfStale(ctx: CommandContext, outdir: string, stacks: readonly string[]): void {
  if (!existsSync(resolve(ctx.dir, 'platform.yaml'))) return;
  try {
    assertFresh(loadEstate(ctx.dir), outdir, stacks);
  } catch (err) {
    if (err instanceof StaleOutputError) {
      // One line per reason, naming the stacks, rather than 44 identical lines after a code change.
      const byReason = new Map<string, string[]>();
      for (const problem of err.problems) {
        const m = /^(\S+): .*? \((.*)\)$/.exec(problem);
        const [stack, reason] = m ? [m[1], m[2]] : [problem, ''];
        byReason.set(reason, [...(byReason.get(reason) ?? []), stack]);
      }
      for (const [reason, stacks] of byReason) {
        ctx.error(
          `warning: the Terraform JSON checked is stale for ${stacks.join(', ')}${reason ? ` (${reason})` : ''}; run bluelamp synth`,
        );
      }
    }
    // Invalid config is validate's job; the check itself stands on the JSON.
  }
}
