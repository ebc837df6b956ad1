import { EventEmitter } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type execa from 'execa';
import { diagnose, Interrupts, runTerraform, timeouts } from '../../delivery/terraform-runner';
import { removeDir } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

/**
 * A terraform that never finishes and ignores SIGINT and SIGTERM, recording each signal. A shell
 * script, so its handlers are in place within milliseconds of the start (a node one first needs a
 * node start-up, seconds on a loaded machine), long before the deadline. The sleep runs in the
 * background with its output elsewhere, so each signal is recorded at once and the killed script
 * leaves no pipe open.
 */
const STUBBORN = `#!/bin/sh
trap 'echo SIGINT >>"$STUBBORN_LOG"' INT
trap 'echo SIGTERM >>"$STUBBORN_LOG"' TERM
echo started >>"$STUBBORN_LOG"
while :; do
  sleep 1 </dev/null >/dev/null 2>&1 &
  wait $!
done
`;

// Starts terraform's stand-in and waits for its deadline: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe('a hung terraform', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-tf-timeout-'));
    writeFileSync(join(dir, 'terraform'), STUBBORN);
    chmodSync(join(dir, 'terraform'), 0o755);
  });
  afterEach(() => removeDir(dir));

  it("is stopped at the stack's deadline: SIGINT, then SIGTERM, then SIGKILL, and the failure says so", async () => {
    const log = join(dir, 'signals.log');
    writeFileSync(log, '');
    const env = {
      PATH: process.env.PATH,
      STUBBORN_LOG: log,
      BLUELAMP_STACK_TIMEOUT_MINUTES: '0.05', // 3 s: time for the script to start and trap the signals, even on a loaded machine
      BLUELAMP_KILL_GRACE_SECONDS: '0.5',
    };
    const result = await runTerraform(
      join(dir, 'terraform'),
      dir,
      ['apply', 'tfplan'],
      env,
      new Interrupts(new EventEmitter()),
    );
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['started', 'SIGINT', 'SIGTERM']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("terraform did not finish within the stack's timeout of 0 minutes");
    expect(result.stderr).toContain('stopped with SIGKILL');
    const message = diagnose('essex', 'apply', result.stderr);
    expect(message).toContain("essex: terraform apply failed: terraform did not finish within the stack's timeout");
    expect(message).toContain('force-unlock');
    expect(message).toContain('essex may be partly applied');
  });

  it('counts the deadline per stack from its first command, not per command', () => {
    const interrupts = new Interrupts(new EventEmitter());
    expect(interrupts.deadline('/out/stacks/essex', 1000, 5000)).toBe(6000);
    expect(interrupts.deadline('/out/stacks/essex', 1000, 5900)).toBe(6000);
    expect(interrupts.deadline('/out/stacks/kent', 1000, 5900)).toBe(6900);
  });

  it('reads the timeout settings, with defaults, and refuses a bad value', () => {
    expect(timeouts({})).toEqual({ stackMs: 120 * 60_000, graceMs: 30_000 });
    expect(timeouts({ BLUELAMP_STACK_TIMEOUT_MINUTES: '45' }).stackMs).toBe(45 * 60_000);
    expect(() => timeouts({ BLUELAMP_STACK_TIMEOUT_MINUTES: 'soon' })).toThrow(
      /BLUELAMP_STACK_TIMEOUT_MINUTES=soon: expected a positive number/,
    );
    expect(() => timeouts({ BLUELAMP_KILL_GRACE_SECONDS: '0' })).toThrow(/expected a positive number/);
  });
});

describe('repeated interrupts', () => {
  it('escalate what reaches terraform: SIGINT, then SIGTERM, then SIGKILL', () => {
    const signals = new EventEmitter();
    const notices: string[] = [];
    const interrupts = new Interrupts(signals, (line) => notices.push(line));
    const sent: string[] = [];
    const child = Object.assign(new Promise<never>(() => undefined), {
      kill: (signal: string) => {
        sent.push(signal);
        return true;
      },
    }) as unknown as execa.ExecaChildProcess;
    interrupts.track(child);
    interrupts.start();
    try {
      for (const s of ['SIGINT', 'SIGINT', 'SIGTERM', 'SIGINT']) signals.emit(s, s);
    } finally {
      interrupts.stop();
    }
    expect(sent).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGKILL']);
    expect(interrupts.signal).toBe('SIGINT');
    expect(notices[1]).toContain('SIGTERM');
    expect(notices[2]).toContain('SIGKILL');
  });
});

describe('a failed apply', () => {
  it('says the stack may be partly applied and what to do, unless it failed before changing anything', () => {
    expect(diagnose('kent', 'apply', 'Error: creating Virtual Network Gateway: context deadline exceeded')).toMatch(
      /kent: terraform apply failed: Error: creating Virtual Network Gateway.*kent may be partly applied.*bluelamp plan --force kent/,
    );
    const locked = diagnose('kent', 'apply', 'Error: Error acquiring the state lock\n  ID: 0b1c2d3e-aaaa');
    expect(locked).toContain('the state is locked by another run');
    expect(locked).not.toContain('partly applied');
    expect(diagnose('kent', 'plan', 'Error: bad')).not.toContain('partly applied');
  });
});
