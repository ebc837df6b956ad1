/**
 * Runs terraform, one stack per process, a bounded number at once. Each run's output is kept
 * (for the stack's log) and a failure is turned into a message that names the stack and says
 * what to do: no terraform, no Azure credentials, a locked state, an unreachable registry.
 *
 * Interrupts: terraform releases its state lock only if it is allowed to stop on its own after
 * ONE interrupt; a second one makes it exit at once, lock held. So terraform runs in its own
 * process group (a Ctrl-C in the terminal does not reach it directly) and `Interrupts` forwards
 * the signals bluelamp receives, escalating: the first as SIGINT (stop cleanly, release the lock),
 * the second as SIGTERM (stop now), any further one as SIGKILL (a terraform that no longer answers),
 * while bluelamp waits for it and prints the summary.
 *
 * Timeouts: a hung terraform (a provider waiting forever on an API) must not hold a pipeline and
 * a state lock for ever. Each stack has a deadline (BLUELAMP_STACK_TIMEOUT_MINUTES, default
 * DEFAULT_STACK_TIMEOUT_MINUTES) counted from its first terraform command; a terraform still
 * running then is stopped with the same escalation, BLUELAMP_KILL_GRACE_SECONDS apart (default 30).
 */
import type { EventEmitter } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import execa from 'execa';
import { terminalSafe } from '../policies/formats/printable';
import { REQUIRED_TERRAFORM } from '../stacks/terraform-version';

export const DEFAULT_PARALLEL = 2;
/**
 * How long one stack's terraform commands may take in all. A new VPN gateway alone takes up to
 * 45 minutes to create, so plan + apply of a force stack needs well over an hour at worst.
 */
export const DEFAULT_STACK_TIMEOUT_MINUTES = 120;
/** Between the steps of stopping a terraform that does not stop: SIGINT, then SIGTERM, then SIGKILL. */
export const DEFAULT_KILL_GRACE_SECONDS = 30;
/** The signal for the n-th request to stop (1-based): INT, then TERM, then KILL. */
export const ESCALATION = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const escalation = (n: number) => ESCALATION[Math.min(n, ESCALATION.length) - 1];

/** A positive number of minutes (or seconds) from the environment, or the default; a bad value is an error. */
function positiveSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return value;
}

/** The stack timeout and kill grace in milliseconds, from the environment terraform runs with. */
export function timeouts(env: NodeJS.ProcessEnv): { stackMs: number; graceMs: number } {
  return {
    stackMs: positiveSetting(env, 'BLUELAMP_STACK_TIMEOUT_MINUTES', DEFAULT_STACK_TIMEOUT_MINUTES) * 60_000,
    graceMs: positiveSetting(env, 'BLUELAMP_KILL_GRACE_SECONDS', DEFAULT_KILL_GRACE_SECONDS) * 1000,
  };
}

export interface TerraformRun {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** The terraform binary: `BLUELAMP_TERRAFORM` when set, else the first `terraform` on PATH. */
export function findTerraform(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env.BLUELAMP_TERRAFORM;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'terraform');
    if (isAbsolute(candidate) && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function missingTerraformMessage(env: NodeJS.ProcessEnv): string {
  return env.BLUELAMP_TERRAFORM
    ? `terraform not found at ${env.BLUELAMP_TERRAFORM} (BLUELAMP_TERRAFORM): point it at the terraform binary, or unset it to use PATH`
    : `terraform not found on PATH: install Terraform ${REQUIRED_TERRAFORM} (https://developer.hashicorp.com/terraform/install; in CI hashicorp/setup-terraform), or set BLUELAMP_TERRAFORM to the binary`;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * What bluelamp does when it is interrupted (Ctrl-C, or SIGTERM from a cancelled CI job): each
 * signal is forwarded to every running terraform as one SIGINT; no new stack or step starts.
 * Listens only between `start()` and `stop()`, so the CLI's default handling is back afterwards.
 */
export class Interrupts {
  /** The first signal received, or undefined. */
  signal?: string;
  /** How many signals were received. */
  count = 0;
  private readonly running = new Set<execa.ExecaChildProcess>();
  private readonly handler = (signal: string) => this.receive(signal);
  /** When each stack (by its folder) must be done: set by its first terraform command. */
  private readonly deadlines = new Map<string, number>();

  constructor(
    private readonly source: EventEmitter = process,
    private readonly onNotice: (line: string) => void = () => undefined,
  ) {}

  start(): void {
    for (const s of SIGNALS) this.source.on(s, this.handler);
  }

  stop(): void {
    for (const s of SIGNALS) this.source.off(s, this.handler);
  }

  get interrupted(): boolean {
    return this.signal !== undefined;
  }

  track(child: execa.ExecaChildProcess): void {
    this.running.add(child);
    const forget = () => this.running.delete(child);
    child.then(forget, forget);
  }

  /** The deadline of the stack in `cwd`: `now + stackMs` the first time it is asked for. */
  deadline(cwd: string, stackMs: number, now = Date.now()): number {
    let at = this.deadlines.get(cwd);
    if (at === undefined) {
      at = now + stackMs;
      this.deadlines.set(cwd, at);
    }
    return at;
  }

  private receive(signal: string): void {
    this.signal ??= signal;
    this.count++;
    const n = this.running.size;
    const forward = escalation(this.count);
    if (this.count === 1) {
      this.onNotice(
        `${signal}: asking ${n} running terraform process${n === 1 ? '' : 'es'} to stop cleanly (so they release their state locks); no new stack will start. A second interrupt stops them at once and may leave a state locked.`,
      );
    } else if (forward === 'SIGTERM') {
      this.onNotice(
        `${signal} again: stopping terraform at once (SIGTERM); a state may stay locked (the summary says how to unlock it). A third interrupt kills it.`,
      );
    } else {
      this.onNotice(`${signal} again: killing terraform (SIGKILL); a state may stay locked`);
    }
    for (const child of this.running) child.kill(forward);
  }
}

/** Runs `fn` calls one at a time, in the order they were asked for (terraform init shares the plugin cache, which is not safe for concurrent use). */
export function serialised(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Runs `terraform <args>` in `cwd`; never throws for a non-zero exit. With `interrupts`, terraform
 * runs in its own process group and receives interrupts only through them (see the file comment).
 */
export async function runTerraform(
  bin: string,
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  interrupts?: Interrupts,
): Promise<TerraformRun> {
  const started = Date.now();
  const { stackMs, graceMs } = timeouts(env);
  const deadline = interrupts ? interrupts.deadline(cwd, stackMs, started) : started + stackMs;
  const child = execa(bin, [...args], {
    cwd,
    env: { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
    detached: interrupts !== undefined,
  });
  interrupts?.track(child);
  const timer = stopAtDeadline(child, deadline - started, graceMs);
  const result = await child;
  const timedOut = timer.stop();
  const spawnError =
    result.failed && result.exitCode === undefined
      ? String((result as { message?: string }).message ?? 'could not start')
      : '';
  const timeoutError = timedOut
    ? `Error: ${TIMEOUT_MARK} ${Math.round(stackMs / 60_000)} minutes (BLUELAMP_STACK_TIMEOUT_MINUTES); stopped with ${timedOut}`
    : '';
  return {
    args,
    exitCode: timedOut ? result.exitCode || 1 : (result.exitCode ?? 1),
    stdout: result.stdout,
    stderr: [result.stderr, spawnError, timeoutError].filter(Boolean).join('\n'),
    durationMs: Date.now() - started,
  };
}

const TIMEOUT_MARK = "terraform did not finish within the stack's timeout of";

/**
 * Stops `child` once `afterMs` have passed: SIGINT, then SIGTERM and SIGKILL `graceMs` apart
 * while it keeps running. `stop()` cancels what is left and says the last signal sent, if any.
 */
function stopAtDeadline(
  child: execa.ExecaChildProcess,
  afterMs: number,
  graceMs: number,
): { stop(): string | undefined } {
  let sent: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const step = (n: number) => {
    sent = escalation(n);
    child.kill(sent);
    if (n < ESCALATION.length) timer = setTimeout(() => step(n + 1), graceMs);
  };
  timer = setTimeout(() => step(1), Math.max(0, afterMs));
  return {
    stop() {
      clearTimeout(timer);
      return sent;
    },
  };
}

/**
 * What went wrong with a terraform run, and what to do about it, from terraform's own words.
 * `stack` and `step` name where it happened.
 */
export function diagnose(stack: string, step: string, rawOutput: string): string {
  // Terraform's words reach a terminal, a job summary and the SOC: no escape sequences from them.
  const output = terminalSafe(rawOutput);
  const message = diagnoseOutput(stack, step, output);
  // An apply that fails before it holds the lock has changed nothing; any other may have changed some.
  const beforeChanges = /Error acquiring the state lock|Saved plan is stale|Failed to load .* as a plan file/i.test(
    output,
  );
  return step === 'apply' && !beforeChanges ? `${message}. ${partlyApplied(stack)}` : message;
}

function diagnoseOutput(stack: string, step: string, output: string): string {
  const where = `${stack}: terraform ${step} failed`;
  if (output.includes(TIMEOUT_MARK)) {
    const detail = output.slice(output.indexOf(TIMEOUT_MARK)).split('\n')[0];
    return `${where}: ${detail}. It may have held the state lock: once no other run is active, unlock it if needed (terraform -chdir=cdktf.out/stacks/${stack} force-unlock <LOCK_ID>)`;
  }
  if (/Error acquiring the state lock/i.test(output)) {
    const id = /ID:\s+([0-9a-f-]{8,})/i.exec(output)?.[1];
    return `${where}: the state is locked by another run. Wait for it to finish; if a run crashed and no other is active, unlock it: terraform -chdir=cdktf.out/stacks/${stack} force-unlock ${id ?? '<LOCK_ID>'}`;
  }
  if (
    /az login|AADSTS\d+|building (ARM|AzureRM) (Config|Client)|obtain(ing)? (a|an access) token|authori[sz]er|ARM_CLIENT_ID|ARM_USE_OIDC|DefaultAzureCredential|Azure CLI|could not acquire access token/i.test(
      output,
    )
  ) {
    return `${where}: no usable Azure credentials. Locally run \`az login\` (and \`az account set\`); in CI log in by OIDC and set ARM_USE_OIDC=true, ARM_CLIENT_ID, ARM_TENANT_ID and ARM_SUBSCRIPTION_ID`;
  }
  if (
    /Failed to query available provider packages|could not connect to registry|Failed to install provider|registry\.terraform\.io/i.test(
      output,
    )
  ) {
    return `${where}: providers could not be installed (is the registry reachable?). Use a provider mirror or TF_PLUGIN_CACHE_DIR with the providers already in it`;
  }
  if (/Backend configuration changed|Backend initialization required/i.test(output)) {
    return `${where}: the state backend in cdk.tf.json differs from the one this folder was initialised with. If platform.yaml's stateBackend or the state key changed on purpose, migrate the state by hand (terraform -chdir=cdktf.out/stacks/${stack} init -migrate-state); otherwise delete cdktf.out/stacks/${stack}/.terraform and run again`;
  }
  if (/Saved plan is stale/i.test(output)) {
    return `${where}: the state changed after the plan was made. Run bluelamp deploy again to plan afresh`;
  }
  const errors = output
    .split('\n')
    // terraform's box-drawing margin (as escapes: the bundles stay ASCII, util/code-cache.ts).
    .map((l) => l.replace(/^[\u2502\u2577\u2575\s]+/, '').trim())
    .filter((l) => /^Error:/.test(l));
  const detail = errors.length > 0 ? errors.slice(0, 3).join('; ') : lastLines(output, 3);
  return `${where}: ${detail || 'no output'} (full output in the stack's log)`;
}

/** What to tell the user about an apply that did not complete: some changes may already be in Azure. */
export function partlyApplied(stack: string): string {
  return `The apply did not complete, so ${stack} may be partly applied: some resources may have been created, changed or deleted. Do not retry blindly: run bluelamp plan --force ${stack} to see where it stands, review that plan, then deploy again`;
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}

/**
 * Maps `items` through `fn` with at most `parallel` calls in flight; results keep the input order.
 * `fn` turns its own failures into results (it must not reject), so one failed stack never hides the others.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  parallel: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
  return results;
}
