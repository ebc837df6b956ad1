/**
 * One stack's run of plan, deploy or drift, in its folder `cdktf.out/stacks/<stack>` (see deliver.ts
 * for the order across stacks):
 *
 *   plan    init -> plan -out=tfplan -> show -json tfplan > plan.json -> check --plan plan.json
 *   deploy  the same, then apply tfplan: exactly the saved plan that was checked, and only if it passed
 *           (--saved-plan: no new plan; the tfplan a plan job left, after an approval, is re-read and re-checked)
 *   drift   init -> plan -refresh-only -detailed-exitcode -json (exit 2 = drift)
 *
 * Each mode is its own function; StackJob holds what they share (the log, the steps, how a run ends).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../util/atomic';
import { spawnCheck } from './check-gate';
import type { DeliveryOptions, Mode, StackResult, StackStatus } from './deliver';
import { countPlanChanges, hasChanges, scanDrift, type PlanCounts } from './plan-json';
import { diagnose, type Interrupts, runTerraform, type serialised } from './terraform-runner';

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

/** What every stack of one run shares. */
export interface StackRun {
  readonly bin: string;
  readonly env: NodeJS.ProcessEnv;
  readonly options: DeliveryOptions;
  readonly progress: (line: string) => void;
  readonly interrupts: Interrupts;
  /** Runs inits one at a time. */
  readonly init: ReturnType<typeof serialised>;
}

/** A stack that was never started. */
export function notRun(stack: string, message: string): StackResult {
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

/** One stack's run: its folder, its log and steps so far, and how it ends. */
class StackJob {
  readonly cwd: string;
  /** The stack folder relative to the estate, for messages. */
  readonly shownCwd: string;
  private readonly logPath: string;
  private readonly started = Date.now();
  private readonly log: string[] = [];
  private readonly steps: { name: string; exitCode: number; durationMs: number }[] = [];

  constructor(
    readonly stack: string,
    readonly run: StackRun,
  ) {
    this.cwd = join(run.options.outdir, 'stacks', stack);
    this.shownCwd = relative(run.options.estate.dir, this.cwd);
    this.logPath = join(this.cwd, `bluelamp-${run.options.mode}.log`);
  }

  get mode(): Mode {
    return this.run.options.mode;
  }

  /** Runs one terraform step, logging it; throws Stopped when an interrupt came first or stopped it. */
  async tf(name: string, args: readonly string[], { logStdout = true } = {}) {
    const { run, stack } = this;
    if (run.interrupts.interrupted) throw new Stopped(name);
    run.progress(`${stack}: ${name}`);
    const result = await runTerraform(run.bin, this.cwd, args, run.env, run.interrupts);
    this.steps.push({ name, exitCode: result.exitCode, durationMs: result.durationMs });
    // The plan JSON holds the prior state (keys, connection strings): it stays in plan.json, never in the log.
    const stdout = logStdout ? result.stdout : `(${result.stdout.length} characters of output not logged)`;
    this.log.push(
      `$ terraform ${args.join(' ')}   (exit ${result.exitCode}, ${result.durationMs} ms)`,
      stdout,
      result.stderr,
    );
    if (result.exitCode !== 0 && run.interrupts.interrupted) throw new Stopped(name);
    return result;
  }

  /** Adds lines to the stack's log that did not come from terraform. */
  note(...lines: string[]): void {
    this.log.push(...lines);
  }

  /** Writes the stack's log and returns its result. */
  finish(status: StackStatus, extra: Partial<StackResult> = {}): StackResult {
    writeFileSync(this.logPath, this.log.join('\n'));
    const ok = status === 'planned' || status === 'applied' || status === 'no-changes' || status === 'in-sync';
    return {
      stack: this.stack,
      status,
      ok,
      steps: this.steps,
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      logFile: relative(this.run.options.estate.dir, this.logPath),
      ...extra,
    };
  }

  /** A terraform step failed: say why and what to do. */
  failed(step: string, output: string, extra: Partial<StackResult> = {}): StackResult {
    return this.finish('failed', { ...extra, message: diagnose(this.stack, step, output) });
  }

  /** The result for an error thrown during the run: an interrupt, or anything else as a failure. */
  caught(err: unknown): StackResult {
    const { stack } = this;
    if (!(err instanceof Stopped)) return this.finish('failed', { message: `${stack}: ${(err as Error).message}` });
    const step = err.message;
    const signal = this.run.interrupts.signal;
    const lockHint = `If terraform could not release its state lock (the log says "Error releasing the state lock"), unlock it once no other run is active: terraform -chdir=${this.shownCwd} force-unlock <LOCK_ID>`;
    const ranStep = this.steps.length > 0 && this.steps[this.steps.length - 1].name === step;
    return this.finish('interrupted', {
      message: ranStep
        ? `${stack}: terraform ${step} was interrupted (${signal})${step === 'apply' ? '; some changes may have been applied: run bluelamp plan on this stack to see where it stands' : ''}. ${lockHint}`
        : `${stack}: stopped before ${step} (${signal})`,
    });
  }
}

/** Runs one stack through its mode's steps; never throws (a failure is its result). */
export async function runStack(stack: string, run: StackRun): Promise<StackResult> {
  if (run.interrupts.interrupted)
    return notRun(stack, `${stack}: not started: the run was interrupted (${run.interrupts.signal})`);
  const job = new StackJob(stack, run);
  try {
    const init = await run.init(() => job.tf('init', TF.init));
    if (init.exitCode !== 0) return job.failed('init', `${init.stdout}\n${init.stderr}`);
    switch (run.options.mode) {
      case 'drift':
        return await checkDrift(job);
      case 'plan':
        return await planAndCheck(job);
      case 'deploy':
        return await deployStack(job);
    }
  } catch (err) {
    return job.caught(err);
  }
}

/** drift: a refresh-only plan; exit 2 means something changed outside Terraform. */
async function checkDrift(job: StackJob): Promise<StackResult> {
  const drift = await job.tf('plan -refresh-only', TF.drift);
  const scan = scanDrift(drift.stdout);
  if (drift.exitCode === 0) return job.finish('in-sync', { drifted: [] });
  if (drift.exitCode === 2) {
    return job.finish('drift', {
      drifted: scan.drifted,
      message: `${job.stack}: ${scan.drifted.length} resource${scan.drifted.length === 1 ? '' : 's'} changed outside Terraform`,
    });
  }
  return job.failed('plan -refresh-only', `${scan.errors.join('\n')}\n${drift.stderr}`);
}

/** plan: a new plan, shown as JSON and checked. */
async function planAndCheck(job: StackJob): Promise<StackResult> {
  const refused = await makePlan(job);
  if (refused) return refused;
  const checked = await showAndCheck(job);
  if ('refused' in checked) return checked.refused;
  const { counts, checkOutput } = checked;
  return job.finish(hasChanges(counts) ? 'planned' : 'no-changes', { counts, checkOutput });
}

/** deploy: a new plan (or, with --saved-plan, the one already there), checked, then applied as it stands. */
async function deployStack(job: StackJob): Promise<StackResult> {
  const refused = job.run.options.savedPlan ? refuseSavedPlan(job) : await makePlan(job);
  if (refused) return refused;
  const checked = await showAndCheck(job);
  if ('refused' in checked) return checked.refused;
  const { counts } = checked;
  if (!hasChanges(counts)) return job.finish('no-changes', { counts });
  const apply = await job.tf('apply', TF.apply);
  if (apply.exitCode !== 0) return job.failed('apply', `${apply.stdout}\n${apply.stderr}`, { counts });
  return job.finish('applied', { counts });
}

/** The SHA-256 of the stack's cdk.tf.json; also clears the plan JSON of an earlier run. */
function planSource(job: StackJob): string {
  const source = sha256(readFileSync(join(job.cwd, 'cdk.tf.json')));
  rmSync(join(job.cwd, PLAN_JSON), { force: true });
  return source;
}

/** Plans into tfplan, recording which cdk.tf.json it came from; a result only when the plan failed. */
async function makePlan(job: StackJob): Promise<StackResult | undefined> {
  const source = planSource(job);
  // Never leave an older plan where a failed run could have been expected to write a new one.
  rmSync(join(job.cwd, PLAN_FILE), { force: true });
  rmSync(join(job.cwd, PLAN_SOURCE), { force: true });
  const plan = await job.tf('plan', TF.plan);
  if (plan.exitCode !== 0) return job.failed('plan', `${plan.stdout}\n${plan.stderr}`);
  writeFileAtomic(join(job.cwd, PLAN_SOURCE), `${source}\n`);
  return undefined;
}

/** A result refusing the saved tfplan when it is missing or was made from other config; undefined when it may be used. */
function refuseSavedPlan(job: StackJob): StackResult | undefined {
  const { stack, cwd, shownCwd } = job;
  const source = planSource(job);
  if (!existsSync(join(cwd, PLAN_FILE))) {
    return job.finish('failed', {
      message: `${stack}: no saved plan in ${shownCwd}/${PLAN_FILE}; run bluelamp plan --force ${stack} first (or deploy without --saved-plan)`,
    });
  }
  const planned = existsSync(join(cwd, PLAN_SOURCE)) ? readFileSync(join(cwd, PLAN_SOURCE), 'utf8').trim() : '';
  if (planned !== source) {
    return job.finish('failed', {
      message: `${stack}: the saved plan in ${shownCwd}/${PLAN_FILE} was ${planned ? 'made from a different cdk.tf.json' : `made without ${PLAN_SOURCE} (which cdk.tf.json it came from is unknown)`}; not applied. Plan again: bluelamp plan --force ${stack}`,
    });
  }
  return undefined;
}

/** Shows tfplan as plan.json and runs the assurance check on it: the counts when it passes, else the refusal. */
async function showAndCheck(
  job: StackJob,
): Promise<{ readonly counts: PlanCounts; readonly checkOutput: string } | { readonly refused: StackResult }> {
  const { stack, run, mode } = job;
  const show = await job.tf('show -json', TF.show, { logStdout: false });
  if (show.exitCode !== 0) return { refused: job.failed('show -json', show.stderr) };
  const counts = countPlanChanges(show.stdout);
  const planFile = join(job.cwd, PLAN_JSON);
  writeFileAtomic(planFile, show.stdout);

  if (run.interrupts.interrupted) throw new Stopped('check --plan');
  run.progress(`${stack}: check --plan`);
  const verdict = await (run.options.check ?? spawnCheck)({ stack, planFile, dir: run.options.estate.dir });
  job.note('$ bluelamp check --plan plan.json', verdict.output, verdict.error ?? '');
  if (verdict.error) {
    return {
      refused: job.finish('failed', {
        counts,
        message: `${stack}: the check could not run on the plan, so it is ${mode === 'deploy' ? 'not applied' : 'not approved'}: ${verdict.error}`,
      }),
    };
  }
  if (!verdict.passed) {
    const what = mode === 'deploy' ? 'not applied' : 'it would be refused by deploy';
    return {
      refused: job.finish('check-failed', {
        counts,
        checkOutput: verdict.output,
        message: `${stack}: the plan fails the assurance check (${what}). Fix the config or the constructs, or ask the assurance team for a waiver`,
      }),
    };
  }
  return { counts, checkOutput: verdict.output };
}
