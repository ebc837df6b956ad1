/**
 * `bluelamp plan`, and what `deploy` and `drift` share with it: choosing the stacks, the options, and the
 * summary a person (text) or a pipeline (JSON) reads.
 */
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { resolve } from 'node:path';
import { deliver, dryRunCommands, type DeliveryReport, type Mode } from '../../delivery/deliver';
import { driftErrorRecords, driftRecords, formatDriftRecords } from '../../delivery/drift-records';
import { writeFileAtomic } from '../../util/atomic';
import { outFileProblem } from './check';
import { formatCounts } from '../../delivery/plan-json';
import { terminalSafe } from '../../policies/formats/printable';
import { DEFAULT_PARALLEL } from '../../delivery/terraform-runner';
import { BOOTSTRAP_STACK, NATIONAL_STACK, stackNames } from '../../stacks/stack-inputs';
import {
  choiceOption,
  defineCommand,
  listOption,
  UsageError,
  type CommandContext,
  type OptionSpec,
  type ValuesOf,
} from '../command';

export const DELIVERY_OPTIONS = {
  force: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  parallel: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'saved-plan': { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  'to-sentinel': { type: 'string' },
  'run-url': { type: 'string' },
} as const satisfies OptionSpec;

const DELIVERY_FORMATS = ['text', 'json'] as const;

export const deliveryUsage = (mode: Mode) =>
  `bluelamp ${mode} ${mode === 'deploy' ? '(--force ID ... | --all)' : '[--force ID ... | --all]'} [--parallel N (1-32, default ${DEFAULT_PARALLEL})] [--dry-run] [--format text|json] [--out DIR (default cdktf.out)] [--dir PATH]\n` +
  '  --force takes force ids, "national" or "bootstrap"; --dry-run prints the commands without running them\n' +
  '  --all is national and every force, never bootstrap (an NMC engineer applies it by hand, first: docs/bootstrap.md)\n' +
  '  exit 0 all stacks ok; 1 a stack failed, failed its check' +
  (mode === 'drift' ? ', drifted' : '') +
  ' or did not run; 2 wrong usage; 130 interrupted' +
  (mode === 'deploy'
    ? '\n  with national in the selection, national deploys first and the forces only after it succeeded'
    : '') +
  (mode === 'deploy'
    ? '\n  --saved-plan applies the tfplan a previous `bluelamp plan` saved (re-checked first) instead of planning again'
    : '') +
  (mode === 'drift'
    ? '\n  --to-sentinel FILE also writes the result as BlueLampDrift_CL records (the Logs Ingestion API body; one error record if drift cannot run); --run-url URL goes in each record'
    : '');

export async function runDeliveryCommand(
  mode: Mode,
  ctx: CommandContext,
  values: ValuesOf<typeof DELIVERY_OPTIONS>,
): Promise<number> {
  const format = choiceOption(values, 'format', DELIVERY_FORMATS) ?? 'text';
  const parallelText = values.parallel ?? String(DEFAULT_PARALLEL);
  const parallel = Number(parallelText);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 32)
    throw new UsageError(`--parallel ${parallelText}: expected a whole number from 1 to 32`);
  const requested = listOption(values, 'force');
  if (mode === 'deploy' && requested.length === 0 && !values.all) {
    throw new UsageError('say what to deploy: --force ID ... (or national), or --all for every stack');
  }
  if (values.all && requested.length > 0) throw new UsageError('--all and --force together: choose one');
  if (mode === 'deploy' && requested.includes(BOOTSTRAP_STACK) && requested.some((s) => s !== BOOTSTRAP_STACK))
    throw new UsageError(BOOTSTRAP_ALONE);
  if (values['saved-plan'] && mode !== 'deploy') throw new UsageError('--saved-plan is for deploy');
  const toSentinel = values['to-sentinel'];
  const runUrl = values['run-url'] ?? '';
  if ((toSentinel !== undefined || values['run-url'] !== undefined) && mode !== 'drift')
    throw new UsageError('--to-sentinel and --run-url are for drift');
  const sentinelFile = toSentinel === undefined ? undefined : resolve(ctx.dir, toSentinel);
  if (sentinelFile) {
    const problem = outFileProblem(ctx.dir, sentinelFile, toSentinel!);
    if (problem) throw new UsageError(problem.replace(/^--out /, '--to-sentinel '));
  }
  let report: DeliveryReport;
  try {
    const estate = loadEstate(ctx.dir, { forceIds: requested.filter((s) => s !== NATIONAL_STACK) });
    // In estate order (national first), each once; `--force national` alone is the national stack alone.
    const stacks = stackNames(estate, requested.length === 0 ? undefined : requested);
    const outdir = join(ctx.dir, values.out ?? 'cdktf.out');
    const options = {
      mode,
      estate,
      outdir,
      stacks,
      parallel,
      savedPlan: Boolean(values['saved-plan']),
      onProgress: (line: string) => ctx.progress(line),
    };
    if (values['dry-run']) {
      ctx.out(dryRunCommands(options).join('\n'));
      return 0;
    }
    report = await deliver(options);
  } catch (err) {
    // Drift that cannot start at all (invalid config, stale output, no terraform) is news for the
    // SOC too: one error record, then fail exactly as before.
    if (sentinelFile && !values['dry-run'])
      writeFileAtomic(sentinelFile, formatDriftRecords(driftErrorRecords((err as Error).message, new Date(), runUrl)));
    throw err;
  }
  if (sentinelFile) writeFileAtomic(sentinelFile, formatDriftRecords(driftRecords(report, runUrl)));
  // Stack names, addresses and messages carry terraform's words: never raw escape sequences.
  if (format === 'json') ctx.out(JSON.stringify(report, null, 2));
  else ctx.out(terminalSafe(formatReport(report)));
  for (const r of report.stacks) if (r.message && r.status !== 'drift') ctx.error(terminalSafe(r.message));
  // 130: the shell's code for a run stopped by an interrupt, so a wrapper script stops too.
  return report.interrupted ? INTERRUPTED_EXIT : report.ok ? 0 : 1;
}

export const INTERRUPTED_EXIT = 130;

/**
 * Why bootstrap is deployed on its own: it grants the roles every other stack is deployed with, so
 * it must be applied (and its role assignments propagated) before them, and by a person holding
 * Owner through PIM, never by the pipeline identity it grants (docs/bootstrap.md).
 */
export const BOOTSTRAP_ALONE =
  'deploy bootstrap on its own (--force bootstrap and nothing else): it grants the roles the other stacks are deployed with, so it is applied first, by an NMC engineer holding Owner through PIM, not by the pipeline (docs/bootstrap.md)';

/** The text summary: one line per stack, then the drifted resources and the check findings. */
export function formatReport(report: DeliveryReport): string {
  const failed = report.stacks.filter((s) => !s.ok).length;
  const lines = [
    `${report.mode}: ${report.stacks.length} stack${report.stacks.length === 1 ? '' : 's'}, ${report.stacks.length - failed} ok, ${failed} ${report.mode === 'drift' ? 'drifted or failed' : 'failed or not run'} (${report.parallel} at a time)${report.interrupted ? `; interrupted by ${report.interrupted}` : ''}`,
  ];
  const width = Math.max(...report.stacks.map((s) => s.stack.length), 5);
  for (const s of report.stacks) {
    const detail = s.counts ? formatCounts(s.counts) : s.drifted ? `${s.drifted.length} drifted` : '';
    lines.push(
      `  ${s.stack.padEnd(width)}  ${s.status.padEnd(12)}  ${detail.padEnd(42)}  ${(s.durationMs / 1000).toFixed(1)}s  ${s.logFile}`,
    );
  }
  for (const s of report.stacks) {
    if (s.drifted && s.drifted.length > 0) {
      lines.push(
        '',
        `${s.stack}: changed outside Terraform`,
        ...s.drifted.map((d) => `  ${d.action.padEnd(7)} ${d.address}`),
      );
    }
    if (s.status === 'check-failed' && s.checkOutput)
      lines.push('', `${s.stack}: check findings on the plan`, ...s.checkOutput.split('\n').map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'Plan each stack with terraform and check the plan (the gate deploy applies).',
  usage: deliveryUsage('plan'),
  options: DELIVERY_OPTIONS,
  run: (ctx, values) => runDeliveryCommand('plan', ctx, values),
});
