import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { runCheckInParallel } from '../../policies/parallel-check';
import { FORMATS, formatRun } from '../../policies/formats';
import { DEFAULT_THRESHOLD, summarise } from '../../policies/formats/summary';
import { SEVERITIES } from '../../policies/types';
import { writeFileAtomic } from '../../util/atomic';
import { realPathOf } from '../../util/real-path';
import { choiceOption, defineCommand, listOption, UsageError, type CommandContext, type ValuesOf } from '../command';
import { loadEstate } from '../../config/estate';
import { assertFresh, StaleOutputError } from '../../delivery/staleness';

const CHECK_OPTIONS = {
  force: { type: 'string', multiple: true },
  plan: { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  severity: { type: 'string' },
  outdir: { type: 'string' },
} as const;

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Run the assurance rules over the synthesised stacks (or a plan); exit 1 on unwaived findings.',
  usage:
    'bluelamp check [--force ID ...] [--plan FILE] [--format text|json|sarif|sarif-full|junit|markdown|csv] [--out FILE] [--severity critical|high|medium|low] [--outdir DIR] [--dir PATH] [--quiet]',
  options: CHECK_OPTIONS,
  run: (ctx, values) => runCheckCommand(ctx, values),
});

async function runCheckCommand(ctx: CommandContext, values: ValuesOf<typeof CHECK_OPTIONS>): Promise<number> {
  const format = choiceOption(values, 'format', FORMATS) ?? 'text';
  const threshold = choiceOption(values, 'severity', SEVERITIES) ?? DEFAULT_THRESHOLD;
  // A refused --out is wrong usage (exit 2), found before any work is done.
  const out = values.out;
  const target = out ? resolve(ctx.dir, out) : undefined;
  if (target && out) {
    const inputs = [
      resolve(ctx.dir, values.outdir ?? 'cdktf.out'),
      ...(values.plan ? [resolve(ctx.dir, values.plan)] : []),
    ];
    const problem = outFileProblem(ctx.dir, target, out, inputs);
    if (problem) throw new UsageError(problem);
  }
  const started = process.hrtime.bigint();
  const run = await runCheckInParallel(
    { dir: ctx.dir, outdir: values.outdir, plan: values.plan, forces: listOption(values, 'force') },
    { onNotice: (line) => ctx.progress(line) },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!values.plan)
    warnIfStale(
      ctx,
      resolve(ctx.dir, values.outdir ?? 'cdktf.out'),
      run.stacks.map((st) => st.name),
    );
  const rendered = formatRun(run, format, threshold);
  if (target) {
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
      (values.out ? `; written to ${values.out}` : ''),
  );
  return summary.blocking > 0 ? 1 : 0;
}

/**
 * `--out` must not overwrite the estate's own inputs: the config a force team edits, the waivers
 * the assurance team signs, the Terraform JSON or plan being checked (`inputs`: files or folders),
 * or the repository's git folder. Paths are compared where they really lead, so a symbolic link
 * (`out -> forces`, `report.json -> platform.yaml`) is judged by its target.
 */
export function outFileProblem(
  estateDir: string,
  target: string,
  shown: string,
  inputs: readonly string[] = [],
): string | undefined {
  if (existsSync(target) && statSync(target).isDirectory())
    return `--out ${shown} is a folder; --out takes a file name`;
  const real = realPathOf(target);
  const within = (folder: string) => {
    const rel = relative(realPathOf(folder), real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const rel = relative(realPathOf(estateDir), real).split(sep).join('/');
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const protectedInput = rel === 'platform.yaml' || /^(forces|policies|cdktf\.out|config|\.git)\//.test(rel);
  if ((inside && protectedInput) || inputs.some(within))
    return `--out ${shown} would overwrite the estate's own files (${inside ? rel : real}); write the report elsewhere, such as check.sarif`;
  return undefined;
}

/** Stacks named in a stale warning before the rest are counted: a code change makes every stack stale. */
const STALE_NAMED = 10;

/** `a, b, c` or, past `limit`, the first `limit` and how many more. */
export function namedUpTo(names: readonly string[], limit: number): string {
  return names.length <= limit
    ? names.join(', ')
    : `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
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
          `warning: the Terraform JSON checked is stale for ${namedUpTo(stacks, STALE_NAMED)}${reason ? ` (${reason})` : ''}; run bluelamp synth`,
        );
      }
    }
    // Invalid config is validate's job; the check itself stands on the JSON.
  }
}
