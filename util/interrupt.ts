/**
 * What a long command (synth, diff) does when it is interrupted: Ctrl-C, or SIGTERM from a
 * cancelled CI job. The first signal stops its child processes and makes the run throw
 * InterruptedError at its next step, so every `finally` removes its temporary folders and git
 * worktrees. A second signal means "now": the registered synchronous cleanups run and the
 * process exits 130. (plan, deploy and drift have their own handling for terraform's state
 * locks: delivery/terraform-runner.ts.)
 */
import type { EventEmitter } from 'node:events';

/** The exit code of a run stopped by an interrupt (the shell's 128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

export class InterruptedError extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}; temporary files were removed and nothing was written`);
    this.name = 'InterruptedError';
  }
}

/** Anything that can be stopped: a forked worker, an execa child. */
export interface Killable {
  kill(signal?: NodeJS.Signals | number): boolean;
}

export interface InterruptScopeOptions {
  /** Where SIGINT and SIGTERM come from. @default process */
  readonly source?: EventEmitter;
  /** Called with a line for the user when a signal arrives. @default nothing */
  readonly onNotice?: (line: string) => void;
  /** What a second signal does after the cleanups. @default process.exit(130) */
  readonly forceExit?: () => void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export class InterruptScope {
  /** The first signal received. */
  signal?: string;
  private count = 0;
  private readonly children = new Set<Killable>();
  private readonly cleanups = new Set<() => void>();
  private readonly listeners = new Set<(signal: string) => void>();
  private readonly source: EventEmitter;
  private readonly handler = (signal: string) => this.receive(signal);

  constructor(private readonly options: InterruptScopeOptions = {}) {
    this.source = options.source ?? process;
    for (const s of SIGNALS) this.source.on(s, this.handler);
  }

  /** Stops listening: the default handling of the signals is back. */
  stop(): void {
    for (const s of SIGNALS) this.source.off(s, this.handler);
  }

  get interrupted(): boolean {
    return this.signal !== undefined;
  }

  /** Throws InterruptedError once a signal has arrived: call it between steps. */
  check(): void {
    if (this.signal) throw new InterruptedError(this.signal);
  }

  /** A child to stop (SIGTERM) on the first signal; returns the function that forgets it. */
  track(child: Killable): () => void {
    this.children.add(child);
    if (this.signal) child.kill('SIGTERM');
    return () => this.children.delete(child);
  }

  /** A synchronous cleanup for a forced exit (second signal); returns the function that forgets it. */
  cleanup(fn: () => void): () => void {
    this.cleanups.add(fn);
    return () => this.cleanups.delete(fn);
  }

  /** Called once on the first signal (to reject a pending wait). */
  onInterrupt(fn: (signal: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private receive(signal: string): void {
    this.count++;
    if (this.count === 1) {
      this.signal = signal;
      this.options.onNotice?.(`${signal}: stopping; removing temporary files (interrupt again to stop at once)`);
      for (const child of this.children) child.kill('SIGTERM');
      for (const fn of this.listeners) fn(signal);
      return;
    }
    this.options.onNotice?.(`${signal} again: stopping at once`);
    for (const child of this.children) child.kill('SIGKILL');
    for (const fn of this.cleanups) {
      try {
        fn();
      } catch {
        // Best effort: the next run sweeps what is left.
      }
    }
    (this.options.forceExit ?? (() => process.exit(INTERRUPTED_EXIT_CODE)))();
  }
}
