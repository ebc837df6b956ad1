/**
 * runCheck on two cores: a child process (policies/check-worker.ts) runs the stack rules while
 * this process reads the stacks and runs the estate rules (the network proofs), then the waivers
 * and the run are made here as runCheck makes them. The findings are the same, in the same order:
 * test/policies/parallel-check.test.ts compares the two runs' JSON.
 *
 * Why: after synthesis a whole-estate check was one busy core and one idle one. At 1,000 forces the
 * stack rules and the estate rules are each about 5 s of CPU (node --cpu-prof, 30 November 2026);
 * below PARALLEL_CHECK_FROM_STACKS the second process costs more than it saves.
 */
import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkEstateOf,
  checkSettings,
  checkStacks,
  completeCheck,
  prepareCheck,
  runCheck,
  type CheckOptions,
} from './engine';
import type { StackCheckReply, StackCheckRequest } from './check-worker';
import type { CheckRun, Finding } from './types';

/**
 * Stacks from which the child pays for itself. It loads the rules and reads every stack again, and
 * two busy processes slow each other on a 2-core machine: measured side by side there (farm-bench, 5
 * pairs, 30 November 2026), the check took 1.11 x the time of one process at 400 forces and 0.89 x
 * at 1,000 (7.6 s against 8.8 s).
 */
export const PARALLEL_CHECK_FROM_STACKS = 800;

const DEFAULT_WORKER = join(__dirname, 'check-worker.js');

export interface ParallelCheckOptions {
  /** The compiled worker. @default check-worker.js beside this file (none when running from sources) */
  readonly workerScript?: string;
  /** Stacks from which a child is used. @default PARALLEL_CHECK_FROM_STACKS */
  readonly fromStacks?: number;
  /** Told why the stack rules ran in this process after all (the child could not start or failed). */
  readonly onNotice?: (line: string) => void;
}

/**
 * The same run as runCheck(options). A plan, a caller's own rules (functions cannot be sent to a
 * child), a small estate or no compiled worker: runCheck itself.
 */
export async function runCheckInParallel(
  options: CheckOptions,
  parallel: ParallelCheckOptions = {},
): Promise<CheckRun> {
  const script = parallel.workerScript ?? DEFAULT_WORKER;
  const outdir = resolve(options.dir, options.outdir ?? 'cdktf.out');
  if (options.plan || options.rules || !existsSync(script)) return runCheck(options);
  if (synthesisedStacks(outdir, options.forces) < (parallel.fromStacks ?? PARALLEL_CHECK_FROM_STACKS))
    return runCheck(options);

  const settings = checkSettings(options);
  const child = stackChecksInChild(script, { outdir, forces: options.forces, settings });
  // A rejection is read below; until then it must not count as unhandled.
  child.catch(() => undefined);
  const prepared = prepareCheck(options, settings);
  const estate = checkEstateOf(prepared);
  const names = prepared.stacks.map((s) => s.view.name);
  let stackFindings: readonly Finding[];
  try {
    const reply = await child;
    if (reply.names.length !== names.length || reply.names.some((n, i) => n !== names[i]))
      throw new Error('it read a different set of stacks (the output folder changed during the check)');
    stackFindings = reply.findings;
  } catch (err) {
    parallel.onNotice?.(`check: the stack rules ran in this process: ${(err as Error).message}`);
    stackFindings = checkStacks(prepared.stacks, prepared.rules, prepared.settings);
  }
  return completeCheck(prepared, stackFindings, estate);
}

/** How many stack folders the output holds (all, or those named): what decides whether a child is worth it. */
function synthesisedStacks(outdir: string, forces: readonly string[] | undefined): number {
  if (forces?.length) return forces.length;
  try {
    return readdirSync(join(outdir, 'stacks')).length;
  } catch {
    return 0; // runCheck says what is missing
  }
}

function stackChecksInChild(
  script: string,
  request: StackCheckRequest,
): Promise<Extract<StackCheckReply, { kind: 'done' }>> {
  return new Promise((resolveReply, rejectReply) => {
    const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    let reply: StackCheckReply | undefined;
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('message', (m: StackCheckReply) => (reply = m));
    child.on('error', (err) => rejectReply(err));
    child.on('close', (code, signal) => {
      if (reply?.kind === 'done') resolveReply(reply);
      else
        rejectReply(
          new Error(
            reply?.kind === 'error'
              ? reply.message
              : `the stack-rule worker stopped (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`,
          ),
        );
    });
    child.send(request);
  });
}
