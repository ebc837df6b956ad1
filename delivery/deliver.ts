/**
 * plan, deploy and drift over the synthesised stacks. Each stack runs in its own terraform
 * processes in `cdktf.out/stacks/<stack>`, at most `parallel` stacks at once:
 *
 *   plan    init -> plan -out=tfplan -> show -json tfplan > plan.json -> check --plan plan.json
 *   deploy  the same, then apply tfplan: exactly the saved plan that was checked, and only if it passed
 *           (--saved-plan: no new plan; the tfplan a plan job left, after an approval, is re-read and re-checked)
 *   drift   init -> plan -refresh-only -detailed-exitcode -json (exit 2 = drift)
 *
 * Nothing runs against a stale cdktf.out. A stack that fails is reported with what to do; the
 * other stacks carry on and every result is kept (summary JSON beside the output, a log per stack).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Estate } from '../config/estate';
import { writeFileAtomic } from '../util/atomic';
import { checkCommandLine, spawnCheck, type PlanCheck } from './check-gate';
import { countPlanChanges, formatCounts, hasChanges, scanDrift, type DriftedResource, type PlanCounts } from './plan-json';
import { assertFresh } from './staleness';
import { DEFAULT_PARALLEL, diagnose, findTerraform, missingTerraformMessage, runBounded, runTerraform } from './terraform-runner';

export type Mode = 'plan' | 'deploy' | 'drift';

export const PLAN_FILE = 'tfplan';
export const PLAN_JSON = 'plan.json';

/** The terraform command lines, shared by the run and by --dry-run so the two cannot differ. */
export const TF = {
  init: ['init', '-input=false', '-no-color'],
  plan: ['plan', '-input=false', '-no-color', `-out=${PLAN_FILE}`],
  show: ['show', '-json', '-no-color', PLAN_FILE],
  apply: ['apply', '-input=false', '-no-color', PLAN_FILE],
  // -lock=false: a refresh-only plan that is not saved changes no state, and must not block a deploy.
  drift: ['plan', '-refresh-only', '-detailed-exitcode', '-json', '-input=false', '-lock=false'],
} as const;

export interface DeliveryOptions {
  readonly mode: Mode;
  readonly estate: Estate;
  /** Absolute path of the synthesised output (cdktf.out). */
  readonly outdir: string;
  /** Stacks to run, by name (`national` or a force id). */
  readonly stacks: readonly string[];
  /** Stacks at once. @default 2 */
  readonly parallel?: number;
  /** Print the commands instead of running them. @default false */
  readonly dryRun?: boolean;
  /** Environment for terraform. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The assurance gate on each plan. @default spawnCheck (bluelamp check --plan in a child process) */
  readonly check?: PlanCheck;
  /**
   * deploy only: apply the `tfplan` already in each stack folder (made by `bluelamp plan`, for
   * example in the job before an approval) instead of planning again. It is still converted to
   * JSON and checked first. @default false
   */
  readonly savedPlan?: boolean;
  /** Live progress lines. */
  readonly onProgress?: (line: string) => void;
}

export type StackStatus = 'planned' | 'applied' | 'no-changes' | 'check-failed' | 'failed' | 'in-sync' | 'drift';

export interface StackResult {
  readonly stack: string;
  readonly status: StackStatus;
  /** False for failed, check-failed and drift. */
  readonly ok: boolean;
  /** What went wrong and what to do (names the stack). */
  readonly message?: string;
  readonly counts?: PlanCounts;
  readonly drifted?: readonly DriftedResource[];
  /** What the check printed on the plan. */
  readonly checkOutput?: string;
  readonly steps: readonly { readonly name: string; readonly exitCode: number; readonly durationMs: number }[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** The stack's full terraform output, relative to the estate folder. */
  readonly logFile: string;
}

export interface DeliveryReport {
  readonly schemaVersion: 1;
  readonly mode: Mode;
  readonly generatedAt: string;
  readonly parallel: number;
  readonly ok: boolean;
  readonly stacks: readonly StackResult[];
}

/** Where the summary of the last run of `mode` is kept. */
export const reportFile = (outdir: string, mode: Mode) => join(outdir, `bluelamp-${mode}.json`);

/** The commands a run would execute, one block per stack. Still refuses a stale cdktf.out. */
export function dryRunCommands(options: DeliveryOptions): string[] {
  assertFresh(options.estate, options.outdir, options.stacks);
  const rel = (p: string) => relative(options.estate.dir, p) || '.';
  const lines: string[] = [];
  for (const stack of options.stacks) {
    const stackDir = rel(join(options.outdir, 'stacks', stack));
    const tf = (args: readonly string[]) => `terraform -chdir=${stackDir} ${args.join(' ')}`;
    lines.push(`# ${stack}`, tf(TF.init));
    if (options.mode === 'drift') {
      lines.push(`${tf(TF.drift)}   # exit 2 = drift`);
      continue;
    }
    const planJson = join(stackDir, PLAN_JSON);
    if (!options.savedPlan) lines.push(tf(TF.plan));
    lines.push(`${tf(TF.show)} > ${planJson}`);
    const check = checkCommandLine({ stack, planFile: planJson, dir: rel(options.estate.dir) }).slice(1);
    lines.push(`node ${relative(process.cwd(), check[0])} ${check.slice(1).join(' ')}`);
    if (options.mode === 'deploy') lines.push(`${tf(TF.apply)}   # only when the check passes and the plan has changes`);
  }
  return lines;
}

/** Runs the stacks; throws only before any stack starts (stale output, no terraform). */
export async function deliver(options: DeliveryOptions): Promise<DeliveryReport> {
  const env = options.env ?? process.env;
  assertFresh(options.estate, options.outdir, options.stacks);
  const bin = findTerraform(env);
  if (!bin) throw new Error(missingTerraformMessage(env));
  const parallel = options.parallel ?? DEFAULT_PARALLEL;
  const progress = options.onProgress ?? (() => undefined);
  let done = 0;
  progress(`${options.mode}: ${options.stacks.length} stack${options.stacks.length === 1 ? '' : 's'}, ${parallel} at a time`);
  const results = await runBounded(options.stacks, parallel, async (stack) => {
    const result = await runStack(stack, bin, env, options, progress);
    done++;
    progress(`[${done}/${options.stacks.length}] ${stack}: ${result.status}${result.counts ? ` (${formatCounts(result.counts)})` : ''} in ${(result.durationMs / 1000).toFixed(1)}s`);
    return result;
  });
  const report: DeliveryReport = {
    schemaVersion: 1,
    mode: options.mode,
    generatedAt: new Date().toISOString(),
    parallel,
    ok: results.every((r) => r.ok),
    stacks: results,
  };
  writeFileAtomic(reportFile(options.outdir, options.mode), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

async function runStack(stack: string, bin: string, env: NodeJS.ProcessEnv, options: DeliveryOptions, progress: (line: string) => void): Promise<StackResult> {
  const cwd = join(options.outdir, 'stacks', stack);
  const logPath = join(cwd, `bluelamp-${options.mode}.log`);
  const started = Date.now();
  const log: string[] = [];
  const steps: { name: string; exitCode: number; durationMs: number }[] = [];
  const finish = (status: StackStatus, extra: Partial<StackResult> = {}): StackResult => {
    writeFileSync(logPath, log.join('\n'));
    const ok = status !== 'failed' && status !== 'check-failed' && status !== 'drift';
    return { stack, status, ok, steps, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, logFile: relative(options.estate.dir, logPath), ...extra };
  };
  const tf = async (name: string, args: readonly string[]) => {
    progress(`${stack}: ${name}`);
    const run = await runTerraform(bin, cwd, args, env);
    steps.push({ name, exitCode: run.exitCode, durationMs: run.durationMs });
    log.push(`$ terraform ${args.join(' ')}   (exit ${run.exitCode}, ${run.durationMs} ms)`, run.stdout, run.stderr);
    return run;
  };

  try {
    const init = await tf('init', TF.init);
    if (init.exitCode !== 0) return finish('failed', { message: diagnose(stack, 'init', `${init.stdout}\n${init.stderr}`) });

    if (options.mode === 'drift') {
      const drift = await tf('plan -refresh-only', TF.drift);
      const scan = scanDrift(drift.stdout);
      if (drift.exitCode === 0) return finish('in-sync', { drifted: [] });
      if (drift.exitCode === 2) {
        return finish('drift', { drifted: scan.drifted, message: `${stack}: ${scan.drifted.length} resource${scan.drifted.length === 1 ? '' : 's'} changed outside Terraform` });
      }
      return finish('failed', { message: diagnose(stack, 'plan -refresh-only', `${scan.errors.join('\n')}\n${drift.stderr}`) });
    }

    rmSync(join(cwd, PLAN_JSON), { force: true });
    if (options.savedPlan && options.mode === 'deploy') {
      if (!existsSync(join(cwd, PLAN_FILE))) {
        return finish('failed', { message: `${stack}: no saved plan in ${relative(options.estate.dir, cwd)}/${PLAN_FILE}; run bluelamp plan --force ${stack} first (or deploy without --saved-plan)` });
      }
    } else {
      // Never leave an older plan where a failed run could have been expected to write a new one.
      rmSync(join(cwd, PLAN_FILE), { force: true });
      const plan = await tf('plan', TF.plan);
      if (plan.exitCode !== 0) return finish('failed', { message: diagnose(stack, 'plan', `${plan.stdout}\n${plan.stderr}`) });
    }
    const show = await tf('show -json', TF.show);
    if (show.exitCode !== 0) return finish('failed', { message: diagnose(stack, 'show -json', `${show.stdout}\n${show.stderr}`) });
    const counts = countPlanChanges(show.stdout);
    const planFile = join(cwd, PLAN_JSON);
    writeFileAtomic(planFile, show.stdout);

    progress(`${stack}: check --plan`);
    const verdict = await (options.check ?? spawnCheck)({ stack, planFile, dir: options.estate.dir });
    log.push('$ bluelamp check --plan plan.json', verdict.output, verdict.error ?? '');
    if (verdict.error) return finish('failed', { counts, message: `${stack}: the check could not run on the plan: ${verdict.error}` });
    if (!verdict.passed) {
      const what = options.mode === 'deploy' ? 'not applied' : 'it would be refused by deploy';
      return finish('check-failed', { counts, checkOutput: verdict.output, message: `${stack}: the plan fails the assurance check (${what}). Fix the config or the constructs, or ask the assurance team for a waiver` });
    }
    if (options.mode === 'plan') return finish(hasChanges(counts) ? 'planned' : 'no-changes', { counts, checkOutput: verdict.output });
    if (!hasChanges(counts)) return finish('no-changes', { counts });

    const apply = await tf('apply', TF.apply);
    if (apply.exitCode !== 0) return finish('failed', { counts, message: diagnose(stack, 'apply', `${apply.stdout}\n${apply.stderr}`) });
    return finish('applied', { counts });
  } catch (err) {
    return finish('failed', { message: `${stack}: ${(err as Error).message}` });
  }
}
