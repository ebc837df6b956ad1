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
import type { EventEmitter } from 'node:events';
import { join, relative } from 'node:path';
import type { Estate } from '../config/estate';
import { BOOTSTRAP_STACK, NATIONAL_STACK } from '../stacks/stack-inputs';
import { writeFileAtomic } from '../util/atomic';
import { checkCommandLine, type PlanCheck } from './check-gate';
import { formatCounts, type DriftedResource, type PlanCounts } from './plan-json';
import { assertFresh } from './staleness';
import { notRun, PLAN_JSON, runStack, TF, type StackRun } from './stack-run';
import {
  DEFAULT_PARALLEL,
  findTerraform,
  Interrupts,
  missingTerraformMessage,
  runBounded,
  serialised,
} from './terraform-runner';

export type Mode = 'plan' | 'deploy' | 'drift';

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

/**
 * Bootstrap runs with the credentials of whoever runs it: the pipeline identity cannot grant itself
 * roles (and cannot sign in to the force tenants), so it is an NMC engineer with Owner through PIM.
 * The very first apply, before the state account exists, is by hand with local state (docs/bootstrap.md).
 */
export const BOOTSTRAP_NOTE =
  'runs as you (through PIM: Owner on the state and hub subscriptions, User Access Administrator on each consented force subscription), not as the pipeline; the first apply, before the state account exists, is by hand: docs/bootstrap.md';

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
    if (stack === BOOTSTRAP_STACK && options.mode !== 'drift') lines.push(`#   ${BOOTSTRAP_NOTE}`);
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
  if (options.stacks.includes(BOOTSTRAP_STACK) && options.mode !== 'drift')
    progress(`${BOOTSTRAP_STACK}: ${BOOTSTRAP_NOTE}`);
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
