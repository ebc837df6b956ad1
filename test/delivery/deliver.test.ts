import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { loadEstate } from '../../config/estate';
import type { CheckVerdict, PlanCheck } from '../../delivery/check-gate';
import { deliver, reportFile, type DeliveryOptions, type Mode } from '../../delivery/deliver';
import { StaleOutputError } from '../../delivery/staleness';
import { BOOTSTRAP_STACK } from '../../stacks/stack-inputs';
import { ESTATE_MANIFEST, type EstateManifest } from '../../stacks/synthesize';
import { removeDir, tempEstate } from '../helpers/estate';
import {
  FAKE_TERRAFORM_DIR,
  writeFakeSynthOutput,
  writeFakeTerraformAnswers,
  type FakeScript,
} from '../helpers/fake-terraform';
import { captureIo } from './git-repo';

/** A cdktf.out as synth leaves it, bootstrap included (`synth --force bootstrap` adds it). */
const writeSynthOutput = (dir: string, outdir: string) => writeFakeSynthOutput(dir, outdir, true);

/** One line of the fake terraform's log, in the order things happened (see test/fixtures/fake-terraform). */
interface TfEvent {
  stack: string;
  /** init, plan, refresh (plan -refresh-only), show or apply. */
  sub: string;
  args: string[];
  event: 'start' | 'end' | 'signal';
  exit?: number;
  signal?: string;
}

/** How long the fake terraform holds a call open for a condition that never comes, before failing it by name. */
const AWAIT_LIMIT_MS = 60_000;

/** Polls until `condition` holds; fails naming `what` if it never does (a bound for a broken run, not a timing assertion). */
async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const givingUpAt = Date.now() + AWAIT_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > givingUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Every test starts terraform processes (the fake, a node script): allow for a loaded 2-core machine.
jest.setTimeout(2 * AWAIT_LIMIT_MS);

describe('plan, deploy and drift against a fake terraform', () => {
  let dir: string;
  let outdir: string;
  let logFile: string;
  let checked: string[];
  let answerFolders = 0;

  beforeAll(() => {
    dir = tempEstate();
    outdir = join(dir, 'cdktf.out');
    writeSynthOutput(dir, outdir);
  });
  afterAll(() => removeDir(dir));
  beforeEach(() => {
    logFile = join(dir, `calls-${Date.now()}-${Math.random()}.jsonl`);
    writeFileSync(logFile, '');
    checked = [];
  });

  const passingCheck: PlanCheck = ({ stack, planFile }) => {
    checked.push(stack);
    expect(existsSync(planFile)).toBe(true);
    return Promise.resolve({ passed: true, output: '' });
  };

  const run = (mode: Mode, script: FakeScript = {}, extra: Partial<DeliveryOptions> = {}) =>
    deliver({
      mode,
      estate: loadEstate(dir),
      outdir,
      stacks: ['national', 'alpha', 'bravo'],
      check: passingCheck,
      env: {
        ...process.env,
        PATH: `${FAKE_TERRAFORM_DIR}:${process.env.PATH}`,
        FAKE_TF_LOG: logFile,
        FAKE_TF_ANSWERS: writeFakeTerraformAnswers(join(dir, `answers-${++answerFolders}`), script),
        FAKE_TF_AWAIT_LIMIT_MS: String(AWAIT_LIMIT_MS),
      },
      ...extra,
    });

  const events = (): TfEvent[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TfEvent);
  /** Every terraform call, in the order they started. */
  const calls = (): TfEvent[] => events().filter((e) => e.event === 'start');
  /** The log as `<stack> <sub> <event>` lines, to assert what happened before what. */
  const timeline = (): string[] => events().map((e) => `${e.stack} ${e.sub} ${e.event}`);
  const signalsTo = (stack: string) =>
    events()
      .filter((e) => e.event === 'signal' && e.stack === stack)
      .map((e) => e.signal);
  const call = (stack: string, sub: string) => calls().find((c) => c.stack === stack && c.sub === sub)!;
  const subcommands = (stack: string) =>
    calls()
      .filter((c) => c.stack === stack)
      .map((c) => c.args[0]);

  it('plans each stack, saves the plan JSON and checks it', async () => {
    const report = await run('plan');
    expect(report.ok).toBe(true);
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
      ['national', 'planned'],
      ['alpha', 'planned'],
      ['bravo', 'planned'],
    ]);
    expect(report.stacks[1].counts).toMatchObject({ add: 1, change: 0, destroy: 0 });
    expect(subcommands('alpha')).toEqual(['init', 'plan', 'show']);
    expect(checked.sort()).toEqual(['alpha', 'bravo', 'national']);
    expect(
      JSON.parse(readFileSync(join(outdir, 'stacks', 'alpha', 'plan.json'), 'utf8')).resource_changes,
    ).toHaveLength(1);
    expect(JSON.parse(readFileSync(reportFile(outdir, 'plan'), 'utf8')).stacks).toHaveLength(3);
  });

  it('deploys by applying exactly the saved plan that was checked', async () => {
    const report = await run('deploy');
    expect(report.stacks.every((s) => s.status === 'applied')).toBe(true);
    expect(subcommands('bravo')).toEqual(['init', 'plan', 'show', 'apply']);
    const apply = calls().find((c) => c.stack === 'bravo' && c.args[0] === 'apply')!;
    expect(apply.args).toEqual(['apply', '-input=false', '-no-color', '-lock-timeout=10m', 'tfplan']);
    expect(call('bravo', 'plan').args).toEqual([
      'plan',
      '-input=false',
      '-no-color',
      '-lock-timeout=10m',
      '-out=tfplan',
    ]);
  });

  it('deploys the national stack first and the forces only after it has applied', async () => {
    const report = await run('deploy', {}, { parallel: 3 });
    expect(report.stacks.map((s) => s.status)).toEqual(['applied', 'applied', 'applied']);
    const order = timeline();
    const nationalApplied = order.indexOf('national apply end');
    expect(nationalApplied).toBeGreaterThan(-1);
    for (const force of ['alpha', 'bravo'])
      expect(order.indexOf(`${force} init start`)).toBeGreaterThan(nationalApplied);
  });

  it('does not start the forces when the national stack fails to deploy', async () => {
    const report = await run('deploy', {
      national: { apply: { exit: 1, stderr: 'Error: creating Virtual Network "vnet-hub"' } },
    });
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
      ['national', 'failed'],
      ['alpha', 'skipped'],
      ['bravo', 'skipped'],
    ]);
    expect(report.stacks[1].message).toContain('alpha: not deployed because the national stack did not deploy');
    expect(calls().filter((c) => c.stack !== 'national')).toEqual([]);
  });

  it('plans the national stack alongside the forces (only deploy waits for it)', async () => {
    // Each plan is held until all three have started, so the run can only succeed if they ran together.
    const report = await run('plan', { '*': { plan: { awaitStarts: { plan: 3 } } } }, { parallel: 3 });
    expect(report.stacks.map((s) => [s.stack, s.status, s.message])).toEqual([
      ['national', 'planned', undefined],
      ['alpha', 'planned', undefined],
      ['bravo', 'planned', undefined],
    ]);
  });

  it('runs one init at a time (the plugin cache is not safe for concurrent inits) and the plans in parallel', async () => {
    // Each init is held until the test releases it, one at a time; each plan until all three have started.
    const gates = join(dir, `gates-${Math.random()}`);
    mkdirSync(gates);
    const progress: string[] = [];
    const pending = run(
      'plan',
      { '*': { init: { awaitFile: join(gates, '{stack}') }, plan: { awaitStarts: { plan: 3 } } } },
      { parallel: 3, onProgress: (l) => progress.push(l) },
    );
    const initsStarted = () => progress.filter((l) => l.endsWith(': init')).map((l) => l.split(':')[0]);
    for (let n = 1; n <= 3; n++) {
      await waitFor(`init number ${n} to start`, () => calls().filter((c) => c.sub === 'init').length >= n);
      // An init is running and held: no other stack may have started one meanwhile.
      expect(initsStarted()).toHaveLength(n);
      writeFileSync(join(gates, initsStarted()[n - 1]), '');
    }
    const report = await pending;
    expect(report.stacks.map((s) => [s.stack, s.status, s.message])).toEqual([
      ['national', 'planned', undefined],
      ['alpha', 'planned', undefined],
      ['bravo', 'planned', undefined],
    ]);
    const inits = timeline().filter((e) => e.includes(' init '));
    expect(inits.map((e) => e.split(' ')[2])).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    rmSync(gates, { recursive: true });
  });

  it('on an interrupt, passes one SIGINT to each running terraform, starts nothing new and still reports', async () => {
    const signals = new EventEmitter();
    const progress: string[] = [];
    const pending = run(
      'deploy',
      { '*': { plan: { awaitFile: join(dir, 'never-created') } } },
      { stacks: ['alpha', 'bravo'], parallel: 1, signals, onProgress: (l) => progress.push(l) },
    );
    // The fake logs "start" once its signal handlers are in place.
    await waitFor("alpha's plan to start", () => calls().some((c) => c.stack === 'alpha' && c.sub === 'plan'));
    signals.emit('SIGTERM', 'SIGTERM');
    const report = await pending;
    expect(report.interrupted).toBe('SIGTERM');
    expect(signalsTo('alpha')).toEqual(['SIGINT']);
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
      ['alpha', 'interrupted'],
      ['bravo', 'skipped'],
    ]);
    expect(report.stacks[0].message).toContain('alpha: terraform plan was interrupted (SIGTERM)');
    expect(report.stacks[0].message).toContain('force-unlock');
    expect(calls().filter((c) => c.stack === 'bravo' || c.args[0] === 'apply')).toEqual([]);
    expect(JSON.parse(readFileSync(reportFile(outdir, 'deploy'), 'utf8')).interrupted).toBe('SIGTERM');
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('refuses a saved plan made from another cdk.tf.json', async () => {
    await run('plan', {}, { stacks: ['alpha'] });
    const tfJson = join(outdir, 'stacks', 'alpha', 'cdk.tf.json');
    writeFileSync(tfJson, '{"resource":{}}');
    try {
      writeFileSync(logFile, '');
      const report = await run('deploy', {}, { stacks: ['alpha'], savedPlan: true });
      expect(report.stacks[0].status).toBe('failed');
      expect(report.stacks[0].message).toContain(
        'alpha: the saved plan in cdktf.out/stacks/alpha/tfplan was made from a different cdk.tf.json; not applied',
      );
      expect(subcommands('alpha')).not.toContain('apply');
    } finally {
      writeFileSync(tfJson, '{}');
    }
  });

  it('keeps the plan JSON (it holds the prior state) out of the stack log', async () => {
    const secret = JSON.stringify({
      format_version: '1.2',
      prior_state: { values: { primary_access_key: 'c2VjcmV0LWtleQ==' } },
      resource_changes: [],
    });
    const report = await run('plan', { alpha: { show: { stdout: secret } } }, { stacks: ['alpha'] });
    expect(report.stacks[0].status).toBe('no-changes');
    const log = readFileSync(join(dir, report.stacks[0].logFile), 'utf8');
    expect(log).toContain('$ terraform show -json');
    expect(log).not.toContain('c2VjcmV0LWtleQ==');
  });

  it('does not apply when the check cannot run on the plan', async () => {
    const report = await run(
      'deploy',
      {},
      {
        stacks: ['alpha'],
        check: () =>
          Promise.resolve({ passed: false, output: '', error: 'dist/cli/main.js not found: run npm run build' }),
      },
    );
    expect(report.stacks[0]).toMatchObject({ status: 'failed', ok: false });
    expect(report.stacks[0].message).toContain('alpha: the check could not run on the plan, so it is not applied');
    expect(subcommands('alpha')).not.toContain('apply');
  });

  it('applies a plan saved by an earlier run without planning again, after checking it', async () => {
    await run('plan', {}, { stacks: ['alpha'] });
    rmSync(join(outdir, 'stacks', 'bravo', 'tfplan'), { force: true });
    writeFileSync(logFile, '');
    checked = [];
    const report = await run('deploy', {}, { stacks: ['alpha', 'bravo'], savedPlan: true });
    expect(subcommands('alpha')).toEqual(['init', 'show', 'apply']);
    expect(checked).toContain('alpha');
    const bravo = report.stacks.find((s) => s.stack === 'bravo')!;
    expect(bravo).toMatchObject({ status: 'failed' });
    expect(bravo.message).toContain('bravo: no saved plan');
  });

  it('refuses to apply a stack whose plan fails the check, and still deploys the others', async () => {
    const report = await run(
      'deploy',
      {},
      {
        check: ({ stack }) =>
          Promise.resolve(
            stack === 'alpha'
              ? { passed: false, output: 'HIGH BL-NET-001 alpha azurerm_network_security_rule.ssh' }
              : { passed: true, output: '' },
          ),
      },
    );
    expect(report.ok).toBe(false);
    const alpha = report.stacks.find((s) => s.stack === 'alpha')!;
    expect(alpha.status).toBe('check-failed');
    expect(alpha.message).toContain('alpha: the plan fails the assurance check (not applied)');
    expect(subcommands('alpha')).not.toContain('apply');
    expect(subcommands('bravo')).toContain('apply');
  });

  it('keeps going when a stack fails, naming it and what to do about a locked state', async () => {
    const lock =
      'Error: Error acquiring the state lock\n\nLock Info:\n  ID:        4f1c2a9e-1111-2222-3333-444455556666\n  Operation: OperationTypeApply\n';
    const report = await run('deploy', { bravo: { plan: { exit: 1, stderr: lock } } });
    expect(report.ok).toBe(false);
    const bravo = report.stacks.find((s) => s.stack === 'bravo')!;
    expect(bravo.status).toBe('failed');
    expect(bravo.message).toContain('bravo: terraform plan failed: the state is locked');
    expect(bravo.message).toContain('force-unlock 4f1c2a9e-1111-2222-3333-444455556666');
    expect(report.stacks.filter((s) => s.status === 'applied').map((s) => s.stack)).toEqual(['national', 'alpha']);
    expect(readFileSync(join(dir, bravo.logFile), 'utf8')).toContain('Error acquiring the state lock');
  });

  it('says how to log in when terraform finds no Azure credentials', async () => {
    const noLogin =
      'Error: building AzureRM Client: please ensure you have installed Azure CLI version 2.0.79 or newer. Please run `az login`.';
    const report = await run('plan', { alpha: { init: { exit: 1, stderr: noLogin } } });
    const alpha = report.stacks.find((s) => s.stack === 'alpha')!;
    expect(alpha.message).toContain('alpha: terraform init failed: no usable Azure credentials');
    expect(alpha.message).toContain('ARM_USE_OIDC=true');
  });

  it.each([1, 2, 3])('runs %i stack(s) at once, never more', async (parallel) => {
    const stacks = ['national', 'alpha', 'bravo'];
    // Each stack's check is held until `parallel` stacks (or all that are left) are in it, so the run
    // can only finish if that many ran together.
    const held: ((verdict: CheckVerdict) => void)[] = [];
    let released = 0;
    let giveUp: NodeJS.Timeout | undefined;
    const check: PlanCheck = () =>
      new Promise((resolve) => {
        held.push(resolve);
        if (held.length === Math.min(parallel, stacks.length - released)) {
          clearTimeout(giveUp);
          giveUp = undefined;
          released += held.length;
          for (const release of held.splice(0)) release({ passed: true, output: '' });
        } else {
          giveUp ??= setTimeout(() => {
            const error = `only ${held.length} stack(s) reached the check together`;
            for (const release of held.splice(0)) release({ passed: false, output: '', error });
          }, AWAIT_LIMIT_MS);
        }
      });
    // Stacks running, from the progress lines in the order they were written: a stack starts with
    // "<stack>: init" and ends with "[n/3] <stack>: <status>".
    const running = new Set<string>();
    let mostAtOnce = 0;
    const onProgress = (line: string) => {
      const started = /^(\w+): init$/.exec(line);
      const ended = /^\[\d+\/\d+\] (\w+): /.exec(line);
      if (started) running.add(started[1]);
      if (ended) running.delete(ended[1]);
      mostAtOnce = Math.max(mostAtOnce, running.size);
    };
    const report = await run('plan', {}, { parallel, check, onProgress });
    expect(report.stacks.map((s) => s.message ?? s.status)).toEqual(['planned', 'planned', 'planned']);
    expect(mostAtOnce).toBe(parallel);
  });

  it('reports drifted resources from a refresh-only plan (exit 2)', async () => {
    const drift = [
      {
        type: 'resource_drift',
        change: { resource: { addr: 'azurerm_network_security_group.alpha' }, action: 'update' },
      },
      { type: 'change_summary', changes: { add: 0, change: 0, remove: 0, operation: 'plan' } },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n');
    const report = await run('drift', { alpha: { refresh: { exit: 2, stdout: drift } } });
    expect(report.stacks.map((s) => s.status)).toEqual(['in-sync', 'drift', 'in-sync']);
    expect(report.stacks[1].drifted).toEqual([{ address: 'azurerm_network_security_group.alpha', action: 'update' }]);
    expect(calls().find((c) => c.stack === 'alpha' && c.args[0] === 'plan')!.args).toEqual(
      expect.arrayContaining(['-refresh-only', '-detailed-exitcode', '-json']),
    );
  });

  it('stops before running anything when terraform is not installed', async () => {
    await expect(run('plan', {}, { env: { PATH: '/nonexistent' } })).rejects.toThrow('terraform not found on PATH');
  });

  it('says how to synthesise bootstrap when it is missing: plain synth leaves it out', async () => {
    rmSync(join(outdir, 'stacks', BOOTSTRAP_STACK), { recursive: true });
    try {
      const attempt = run('plan', {}, { stacks: [BOOTSTRAP_STACK] });
      await expect(attempt).rejects.toThrow(
        'bootstrap: not in cdktf.out (synthesise it: bluelamp synth --force bootstrap)',
      );
      expect(calls()).toEqual([]);
    } finally {
      writeSynthOutput(dir, outdir);
    }
  });

  it('refuses a cdktf.out that no longer matches the config', async () => {
    const file = join(dir, 'forces', 'alpha.yaml');
    const original = readFileSync(file, 'utf8');
    appendFileSync(file, '# changed after synth\n');
    try {
      const attempt = run('deploy');
      await expect(attempt).rejects.toThrow(StaleOutputError);
      await expect(attempt).rejects.toThrow(
        /alpha: cdktf.out is stale \(forces\/alpha.yaml changed since it was synthesised\)\nrun bluelamp synth/,
      );
      expect(calls()).toEqual([]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('refuses output synthesised by other code, naming the code as the cause', async () => {
    const manifestFile = join(dir, 'cdktf.out', ESTATE_MANIFEST);
    const original = readFileSync(manifestFile, 'utf8');
    writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(original), codeSha256: 'an-older-build' }));
    try {
      // The per-stack fingerprint includes the code, so a stack synthesised by older code no longer matches either.
      const manifest = JSON.parse(original) as EstateManifest;
      const older = {
        ...manifest,
        codeSha256: 'an-older-build',
        stacks: Object.fromEntries(
          Object.entries(manifest.stacks).map(([k, v]) => [k, { ...v, inputsSha256: 'older' }]),
        ),
      };
      writeFileSync(manifestFile, JSON.stringify(older));
      await expect(run('deploy')).rejects.toThrow(
        /alpha: cdktf.out is stale \(the Blue Lamp code or provider version changed since it was synthesised\)/,
      );
      expect(calls()).toEqual([]);
    } finally {
      writeFileSync(manifestFile, original);
    }
  });

  describe('through the CLI', () => {
    const cli = async (...args: string[]) => {
      const { io, sink } = captureIo(dir);
      const code = await main(args, sink);
      return { code, ...io };
    };

    it('prints the commands with --dry-run and runs nothing', async () => {
      const result = await cli('deploy', '--force', 'alpha', '--dry-run');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('terraform -chdir=cdktf.out/stacks/alpha init -input=false -no-color');
      expect(result.stdout).toContain(
        'terraform -chdir=cdktf.out/stacks/alpha show -json -no-color tfplan > cdktf.out/stacks/alpha/plan.json',
      );
      expect(result.stdout).toMatch(/check --plan cdktf.out\/stacks\/alpha\/plan.json/);
      expect(result.stdout).toContain(
        'terraform -chdir=cdktf.out/stacks/alpha apply -input=false -no-color -lock-timeout=10m tfplan',
      );
      expect(result.stdout).not.toContain('bravo');
    });

    it('selects only the national stack with --force national', async () => {
      const result = await cli('deploy', '--force', 'national', '--dry-run');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n').filter((l) => l.startsWith('# '))).toEqual(['# national']);
    });

    it('runs each selected stack once, national first, whatever order they are given in', async () => {
      const result = await cli('deploy', '--force', 'bravo,national', '--force', 'bravo', '--dry-run');
      expect(result.stdout.split('\n').filter((l) => /^# \w/.test(l))).toEqual(['# national', '# bravo']);
      expect(result.stdout).toContain('#   (starts only after national has deployed)');
    });

    it('leaves bootstrap out of --all: it is applied by hand, first', async () => {
      const result = await cli('deploy', '--all', '--dry-run');
      expect(result.code).toBe(0);
      const stacks = result.stdout.split('\n').filter((l) => /^# \w/.test(l));
      expect(stacks).toEqual(['# national', '# alpha', '# bravo']);
    });

    it('plans and deploys bootstrap when named alone, saying it runs as the engineer, not the pipeline', async () => {
      for (const mode of ['plan', 'deploy']) {
        const result = await cli(mode, '--force', 'bootstrap', '--dry-run');
        expect(result.code).toBe(0);
        expect(result.stdout.split('\n').filter((l) => /^# \w/.test(l))).toEqual(['# bootstrap']);
        expect(result.stdout).toContain('runs as you (through PIM: Owner on the state and hub subscriptions');
        expect(result.stdout).toContain('terraform -chdir=cdktf.out/stacks/bootstrap plan');
      }
    });

    it('refuses to deploy bootstrap together with other stacks, saying why', async () => {
      const result = await cli('deploy', '--force', 'bootstrap', '--force', 'national', '--dry-run');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('deploy bootstrap on its own');
      expect(result.stderr).toContain('grants the roles the other stacks are deployed with');
    });

    it('will not deploy without being told which stacks', async () => {
      const result = await cli('deploy');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--force ID ... (or national), or --all');
    });

    it('exits 1 naming the missing terraform', async () => {
      const path = process.env.PATH;
      process.env.PATH = '/nonexistent';
      try {
        const result = await cli('plan', '--force', 'alpha');
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('terraform not found on PATH');
      } finally {
        process.env.PATH = path;
      }
    });
  });
});
