/**
 * plan, deploy and drift over the synthesised stacks. Each stack runs in its own terraform
 * processes in `cdktf.out/stacks/<stack>`, at most `parallel` stacks at once:
 *
 *   plan    init -> plan -out=tfplan -> show -json tfplan > plan.json -> check --plan plan.json
 *   deploy  the same, then apply tfplan: exactly the saved plan that was checked, and only if it passed
 *           (--saved-plan: no new plan; the tfplan a plan job left, after an approval, is re-read and re-checked)
 *   drift   init -> plan -refresh-only -detailed-exitcode -json (exit 2 = drift)
 *
 * Order: a deploy that includes the national stack deploys it first, alone, and the forces only
 * once it has succeeded (their hub-side peering and DNS links need the hub). Inits run one at a
 * time (they share terraform's plugin cache, which is not safe for concurrent use).
 *
 * Nothing runs against a stale cdktf.out, and a saved plan is applied only to the cdk.tf.json it
 * was made from. A stack that fails is reported with what to do; the other stacks carry on and
 * every result is kept (summary JSON beside the output, a log per stack). An interrupt is
 * forwarded once to terraform (see terraform-runner.ts), and the summary is still written.
 */
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Estate } from '../config/estate';
import { NATIONAL_STACK } from '../stacks/stack-inputs';
import { writeFileAtomic } from '../util/atomic';
import { checkCommandLine, spawnCheck, type PlanCheck } from './check-gate';
import {
  countPlanChanges,
  formatCounts,
  hasChanges,
  scanDrift,
  type DriftedResource,
  type PlanCounts,
} from './plan-json';
import { assertFresh } from './staleness';
import {
  DEFAULT_PARALLEL,
  diagnose,
  findTerraform,
  Interrupts,
  missingTerraformMessage,
  runBounded,
  runTerraform,
  serialised,
} from './terraform-runner';

export type Mode = 'plan' | 'deploy' | 'drift';

export const PLAN_FILE = 'tfplan';
export const PLAN_JSON = 'plan.json';
/** Beside tfplan: the SHA-256 of the cdk.tf.json it was planned from, so a saved plan is never applied to other config. */
export const PLAN_SOURCE = 'tfplan.source';
/** How long plan and apply wait for a state lock held by another run (a deploy, a PR plan) before failing. */
export const LOCK_TIMEOUT = '10m';

/** The terraform command lines, shared by the run and by --dry-run so the two cannot differ. */
export const TF = {
  init: ['init', '-input=false', '-no-color'],
  plan: ['plan', '-input=false', '-no-color', `-lock-timeout=${LOCK_TIMEOUT}`, `-out=${PLAN_FILE}`],
  show: ['show', '-json', '-no-color', PLAN_FILE],
  apply: ['apply', '-input=false', '-no-color', `-lock-timeout=${LOCK_TIMEOUT}`, PLAN_FILE],
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
  /** Where SIGINT and SIGTERM come from. @default process */
  readonly signals?: EventEmitter;
}

export type StackStatus =
  'planned' | 'applied' | 'no-changes' | 'check-failed' | 'failed' | 'in-sync' | 'drift' | 'interrupted' | 'skipped';

export interface StackResult {
  readonly stack: string;
  readonly status: StackStatus;
  /** False for failed, check-failed, drift, interrupted and skipped. */
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
  /** The stack's terraform output (not the plan JSON), relative to the estate folder; '' when nothing ran. */
  readonly logFile: string;
}

export interface DeliveryReport {
  readonly schemaVersion: 1;
  readonly mode: Mode;
  readonly generatedAt: string;
  readonly parallel: number;
  readonly ok: boolean;
  /** The signal that stopped the run early, if one did. */
  readonly interrupted?: string;
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
    lines.push(`# ${stack}`);
    if (options.mode === 'deploy' && stack !== NATIONAL_STACK && options.stacks.includes(NATIONAL_STACK)) {
      lines.push('#   (starts only after national has deployed)');
    }
    lines.push(tf(TF.init));
    if (options.mode === 'drift') {
      lines.push(`${tf(TF.drift)}   # exit 2 = drift`);
      continue;
    }
    const planJson = join(stackDir, PLAN_JSON);
    if (!options.savedPlan) lines.push(tf(TF.plan));
    lines.push(`${tf(TF.show)} > ${planJson}`);
    const check = checkCommandLine({ stack, planFile: planJson, dir: rel(options.estate.dir) }).slice(1);
    lines.push(`node ${relative(process.cwd(), check[0])} ${check.slice(1).join(' ')}`);
    if (options.mode === 'deploy')
      lines.push(`${tf(TF.apply)}   # only when the check passes and the plan has changes`);
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
  const interrupts = new Interrupts(options.signals ?? process, progress);
  const run: StackRun = { bin, env, options, progress, interrupts, init: serialised() };
  const total = options.stacks.length;
  let done = 0;
  const one = async (stack: string) => {
    const result = await runStack(stack, run);
    done++;
    progress(
      `[${done}/${total}] ${stack}: ${result.status}${result.counts ? ` (${formatCounts(result.counts)})` : ''} in ${(result.durationMs / 1000).toFixed(1)}s`,
    );
    return result;
  };
  progress(`${options.mode}: ${total} stack${total === 1 ? '' : 's'}, ${parallel} at a time`);
  interrupts.start();
  let results: StackResult[];
  try {
    const nationalFirst = options.mode === 'deploy' && options.stacks.includes(NATIONAL_STACK) && total > 1;
    if (nationalFirst) {
      progress(`${NATIONAL_STACK} first: the force stacks' hub-side peering and DNS links need the hub`);
      const national = await one(NATIONAL_STACK);
      const forces = options.stacks.filter((s) => s !== NATIONAL_STACK);
      const rest = national.ok
        ? await runBounded(forces, parallel, one)
        : forces.map((stack) =>
            notRun(
              stack,
              `${stack}: not deployed because the national stack did not deploy (its hub-side peering and DNS links need the hub). Fix national, then deploy again`,
            ),
          );
      results = [national, ...rest];
    } else {
      results = await runBounded(options.stacks, parallel, one);
    }
  } finally {
    interrupts.stop();
  }
  const report: DeliveryReport = {
    schemaVersion: 1,
    mode: options.mode,
    generatedAt: new Date().toISOString(),
    parallel,
    ok: results.every((r) => r.ok),
    ...(interrupts.signal ? { interrupted: interrupts.signal } : {}),
    stacks: results,
  };
  writeFileAtomic(reportFile(options.outdir, options.mode), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

interface StackRun {
  readonly bin: string;
  readonly env: NodeJS.ProcessEnv;
  readonly options: DeliveryOptions;
  readonly progress: (line: string) => void;
  readonly interrupts: Interrupts;
  /** Runs inits one at a time. */
  readonly init: ReturnType<typeof serialised>;
}

/** A stack that was never started. */
function notRun(stack: string, message: string): StackResult {
  return {
    stack,
    status: 'skipped',
    ok: false,
    message,
    steps: [],
    startedAt: new Date().toISOString(),
    durationMs: 0,
    logFile: '',
  };
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Thrown inside a stack's run when an interrupt means its next step must not start. */
class Stopped extends Error {}

async function runStack(stack: string, run: StackRun): Promise<StackResult> {
  const { options, interrupts } = run;
  if (interrupts.interrupted)
    return notRun(stack, `${stack}: not started: the run was interrupted (${interrupts.signal})`);
  const cwd = join(options.outdir, 'stacks', stack);
  const shownCwd = relative(options.estate.dir, cwd);
  const logPath = join(cwd, `bluelamp-${options.mode}.log`);
  const started = Date.now();
  const log: string[] = [];
  const steps: { name: string; exitCode: number; durationMs: number }[] = [];
  const finish = (status: StackStatus, extra: Partial<StackResult> = {}): StackResult => {
    writeFileSync(logPath, log.join('\n'));
    const ok = status === 'planned' || status === 'applied' || status === 'no-changes' || status === 'in-sync';
    return {
      stack,
      status,
      ok,
      steps,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      logFile: relative(options.estate.dir, logPath),
      ...extra,
    };
  };
  const tf = async (name: string, args: readonly string[], { logStdout = true } = {}) => {
    if (interrupts.interrupted) throw new Stopped(name);
    run.progress(`${stack}: ${name}`);
    const result = await runTerraform(run.bin, cwd, args, run.env, interrupts);
    steps.push({ name, exitCode: result.exitCode, durationMs: result.durationMs });
    // The plan JSON holds the prior state (keys, connection strings): it stays in plan.json, never in the log.
    const stdout = logStdout ? result.stdout : `(${result.stdout.length} characters of output not logged)`;
    log.push(
      `$ terraform ${args.join(' ')}   (exit ${result.exitCode}, ${result.durationMs} ms)`,
      stdout,
      result.stderr,
    );
    if (result.exitCode !== 0 && interrupts.interrupted) throw new Stopped(name);
    return result;
  };
  const failed = (step: string, output: string, extra: Partial<StackResult> = {}) =>
    finish('failed', { ...extra, message: diagnose(stack, step, output) });

  try {
    const init = await run.init(() => tf('init', TF.init));
    if (init.exitCode !== 0) return failed('init', `${init.stdout}\n${init.stderr}`);

    if (options.mode === 'drift') {
      const drift = await tf('plan -refresh-only', TF.drift);
      const scan = scanDrift(drift.stdout);
      if (drift.exitCode === 0) return finish('in-sync', { drifted: [] });
      if (drift.exitCode === 2) {
        return finish('drift', {
          drifted: scan.drifted,
          message: `${stack}: ${scan.drifted.length} resource${scan.drifted.length === 1 ? '' : 's'} changed outside Terraform`,
        });
      }
      return failed('plan -refresh-only', `${scan.errors.join('\n')}\n${drift.stderr}`);
    }

    const source = sha256(readFileSync(join(cwd, 'cdk.tf.json')));
    rmSync(join(cwd, PLAN_JSON), { force: true });
    if (options.savedPlan && options.mode === 'deploy') {
      if (!existsSync(join(cwd, PLAN_FILE))) {
        return finish('failed', {
          message: `${stack}: no saved plan in ${shownCwd}/${PLAN_FILE}; run bluelamp plan --force ${stack} first (or deploy without --saved-plan)`,
        });
      }
      const planned = existsSync(join(cwd, PLAN_SOURCE)) ? readFileSync(join(cwd, PLAN_SOURCE), 'utf8').trim() : '';
      if (planned !== source) {
        return finish('failed', {
          message: `${stack}: the saved plan in ${shownCwd}/${PLAN_FILE} was ${planned ? 'made from a different cdk.tf.json' : `made without ${PLAN_SOURCE} (which cdk.tf.json it came from is unknown)`}; not applied. Plan again: bluelamp plan --force ${stack}`,
        });
      }
    } else {
      // Never leave an older plan where a failed run could have been expected to write a new one.
      rmSync(join(cwd, PLAN_FILE), { force: true });
      rmSync(join(cwd, PLAN_SOURCE), { force: true });
      const plan = await tf('plan', TF.plan);
      if (plan.exitCode !== 0) return failed('plan', `${plan.stdout}\n${plan.stderr}`);
      writeFileAtomic(join(cwd, PLAN_SOURCE), `${source}\n`);
    }
    const show = await tf('show -json', TF.show, { logStdout: false });
    if (show.exitCode !== 0) return failed('show -json', show.stderr);
    const counts = countPlanChanges(show.stdout);
    const planFile = join(cwd, PLAN_JSON);
    writeFileAtomic(planFile, show.stdout);

    if (interrupts.interrupted) throw new Stopped('check --plan');
    run.progress(`${stack}: check --plan`);
    const verdict = await (options.check ?? spawnCheck)({ stack, planFile, dir: options.estate.dir });
    log.push('$ bluelamp check --plan plan.json', verdict.output, verdict.error ?? '');
    if (verdict.error)
      return finish('failed', {
        counts,
        message: `${stack}: the check could not run on the plan, so it is ${options.mode === 'deploy' ? 'not applied' : 'not approved'}: ${verdict.error}`,
      });
    if (!verdict.passed) {
      const what = options.mode === 'deploy' ? 'not applied' : 'it would be refused by deploy';
      return finish('check-failed', {
        counts,
        checkOutput: verdict.output,
        message: `${stack}: the plan fails the assurance check (${what}). Fix the config or the constructs, or ask the assurance team for a waiver`,
      });
    }
    if (options.mode === 'plan')
      return finish(hasChanges(counts) ? 'planned' : 'no-changes', { counts, checkOutput: verdict.output });
    if (!hasChanges(counts)) return finish('no-changes', { counts });

    const apply = await tf('apply', TF.apply);
    if (apply.exitCode !== 0) return failed('apply', `${apply.stdout}\n${apply.stderr}`, { counts });
    return finish('applied', { counts });
  } catch (err) {
    if (err instanceof Stopped) {
      const step = err.message;
      const lockHint = `If terraform could not release its state lock (the log says "Error releasing the state lock"), unlock it once no other run is active: terraform -chdir=${shownCwd} force-unlock <LOCK_ID>`;
      const ranStep = steps.length > 0 && steps[steps.length - 1].name === step;
      return finish('interrupted', {
        message: ranStep
          ? `${stack}: terraform ${step} was interrupted (${interrupts.signal})${step === 'apply' ? '; some changes may have been applied: run bluelamp plan on this stack to see where it stands' : ''}. ${lockHint}`
          : `${stack}: stopped before ${step} (${interrupts.signal})`,
      });
    }
    return finish('failed', { message: `${stack}: ${(err as Error).message}` });
  }
}
