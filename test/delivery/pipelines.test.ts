import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../cli/commands';
import { REQUIRED_TERRAFORM } from '../../stacks/terraform-version';

const ROOT = join(__dirname, '..', '..');
const WORKFLOWS = readdirSync(join(ROOT, '.github', 'workflows')).map((f) => join('.github', 'workflows', f));
const AZURE_PIPELINES = readdirSync(join(ROOT, 'pipelines')).map((f) => join('pipelines', f));
const GLOBAL_FLAGS = ['dir', 'quiet', 'help'];

type Job = {
  needs?: string | string[];
  permissions?: Record<string, string>;
  'runs-on'?: string | string[];
  env?: Record<string, string>;
  steps?: { uses?: string; with?: Record<string, string | boolean>; run?: string }[];
  uses?: string;
  with?: Record<string, string>;
  strategy?: { matrix?: unknown };
  outputs?: Record<string, string>;
  environment?: { name: string };
  if?: string;
};
type Workflow = {
  on?: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const workflow = (file: string) => parse(read(file)) as Workflow;
const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const permission = (wf: Workflow, job: Job, name: string) => (job.permissions ?? wf.permissions ?? {})[name];
const uses = (job: Job, action: string) => (job.steps ?? []).some((s) => s.uses?.startsWith(action));

/** Major.minor of a version, for comparison. */
const version = (v: string) => v.split('.').slice(0, 2).map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b] = [version(v), version(min)];
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
};

describe('pipelines', () => {
  it.each([...WORKFLOWS, ...AZURE_PIPELINES])(
    '%s parses and calls only bluelamp commands, options and scripts that exist',
    (file) => {
      const text = read(file);
      expect(() => parse(text)).not.toThrow();
      const calls = [...text.matchAll(/\.\/bin\/bluelamp (\w+)([^|>\n&;]*)/g)];
      for (const [, name, rest] of calls) {
        const command = COMMANDS.find((c) => c.name === name);
        expect(command).toBeDefined();
        for (const [, flag] of rest.matchAll(/--([a-z-]+)/g)) {
          expect([...Object.keys(command!.options), ...GLOBAL_FLAGS]).toContain(flag);
        }
      }
      for (const [, script] of text.matchAll(/node dist\/scripts\/([\w-]+)\.js/g)) {
        expect(existsSync(join(ROOT, 'scripts', `${script}.ts`))).toBe(true);
      }
    },
  );

  it.each(WORKFLOWS)(
    '%s: every needed job exists and every fromJSON matrix reads an output the job declares',
    (file) => {
      const wf = workflow(file);
      for (const [name, job] of Object.entries(wf.jobs)) {
        for (const need of needsOf(job))
          expect(`${name} needs ${need}: ${Object.keys(wf.jobs).includes(need)}`).toBe(`${name} needs ${need}: true`);
        const matrix = /fromJSON\(needs\.([\w-]+)\.outputs\.([\w-]+)\)/.exec(
          typeof job.strategy?.matrix === 'string' ? job.strategy.matrix : '',
        );
        if (matrix) {
          expect(needsOf(job)).toContain(matrix[1]);
          expect(Object.keys(wf.jobs[matrix[1]].outputs ?? {})).toContain(matrix[2]);
        }
      }
    },
  );

  it.each(WORKFLOWS)('%s: a job that logs in to Azure may request an OIDC token, and its caller grants it', (file) => {
    const wf = workflow(file);
    for (const job of Object.values(wf.jobs)) {
      if (uses(job, 'azure/login')) expect(permission(wf, job, 'id-token')).toBe('write');
      if (job.uses?.startsWith('./')) {
        const called = workflow(job.uses.slice(2));
        if (Object.values(called.jobs).some((j) => uses(j, 'azure/login')))
          expect(permission(wf, job, 'id-token')).toBe('write');
      }
    }
  });

  it.each(WORKFLOWS)('%s pins a Terraform the stacks accept', (file) => {
    const wf = workflow(file);
    if (!read(file).includes('setup-terraform')) return;
    expect(atLeast(wf.env!.TF_VERSION, REQUIRED_TERRAFORM.replace(/^>=\s*/, ''))).toBe(true);
  });

  it('pins a Terraform the stacks accept in Azure DevOps', () => {
    const pinned = /TF_VERSION: '([\d.]+)'/.exec(read('pipelines/templates-setup.yml'))![1];
    expect(atLeast(pinned, REQUIRED_TERRAFORM.replace(/^>=\s*/, ''))).toBe(true);
  });

  it.each(['.github/workflows/drift.yml', 'pipelines/drift.yml'])(
    '%s posts the records bluelamp drift writes for the SOC, not rows of its own making',
    (file) => {
      const text = read(file);
      expect(text).toMatch(/bluelamp drift [^\n]*--to-sentinel records\.json/);
      expect(text).toContain('rm -f records.json');
      expect(text).toContain('--data-binary @records.json');
      expect(text).toContain('/streams/Custom-BlueLampDrift_CL?api-version=2023-01-01');
      // The only hand-made record is the fallback for a crash before bluelamp could write any.
      expect(text.match(/jq [^\n]*> records\.json|'\[\{TimeGenerated[^\n]*> records\.json/g)).toHaveLength(1);
      expect(text).toContain('test -s records.json ||');
    },
  );

  it('installs Terraform in Azure DevOps by script, checksum checked, with no Marketplace task', () => {
    const setup = parse(read('pipelines/templates-setup.yml')) as { steps: Record<string, unknown>[] };
    const conditional = setup.steps.find((s) => Object.keys(s)[0].startsWith('${{ if eq(parameters.terraform'))!;
    const [install] = Object.values(conditional)[0] as { bash: string; env: Record<string, string> }[];
    // The pipeline sets -euo pipefail, so a checksum mismatch stops the step before unzip.
    const lines = install.bash.split('\n');
    const check = lines.findIndex((l) => /sha256sum -c -$/.test(l));
    expect(lines[0]).toBe('set -euo pipefail');
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(lines.findIndex((l) => l.startsWith('unzip')));
    expect(install.env.TF_SHA256_LINUX_AMD64).toMatch(/^[0-9a-f]{64}$/);
    expect(install.env.TF_SHA256_LINUX_ARM64).toMatch(/^[0-9a-f]{64}$/);
    // Both CI systems install the same Terraform.
    for (const file of WORKFLOWS.filter((f) => read(f).includes('setup-terraform')))
      expect(`${file}: ${workflow(file).env!.TF_VERSION}`).toBe(`${file}: ${install.env.TF_VERSION}`);
    for (const file of AZURE_PIPELINES)
      expect(
        `${file}: ${/task: (\w+)@/.exec(read(file).replace(/task: (NodeTool|AzureCLI|PublishTestResults|Cache)@/g, ''))?.[1] ?? 'built-in tasks only'}`,
      ).toBe(`${file}: built-in tasks only`);
  });

  it.each([...WORKFLOWS, ...AZURE_PIPELINES])(
    '%s never uploads a plan unencrypted (it holds the prior state: keys, connection strings)',
    (file) => {
      const text = read(file);
      const uploaded = [
        ...[
          ...text.matchAll(
            /upload-artifact@v\d+\n\s+(?:if: .*\n\s+)?with:\n(?:\s+\w[\w-]*: .*\n)*?\s+path: (\|\n(?:\s{12,}.*\n)+|.*)/g,
          ),
        ].map((m) => m[1]),
        ...[...text.matchAll(/- publish: (.*)/g)].map((m) => m[1]),
      ]
        .flatMap((p) => p.split('\n'))
        .map((p) => p.replace(/^\|/, '').trim())
        .filter(Boolean);
      for (const path of uploaded) {
        expect(path).not.toMatch(/plan\.json$|\/tfplan$|\/stacks\/[^/]+\/?$/); // the plan, or a whole stack folder
      }
    },
  );

  it('pull requests: SARIF to code scanning, the diff as a comment, a plan per affected stack by OIDC with no stored secret', () => {
    const pr = workflow('.github/workflows/pull-request.yml');
    const sarif = Object.values(pr.jobs).find((j) => uses(j, 'github/codeql-action/upload-sarif'))!;
    expect(permission(pr, sarif, 'security-events')).toBe('write');
    const comment = Object.values(pr.jobs).find((j) => uses(j, 'actions/github-script'))!;
    expect(permission(pr, comment, 'pull-requests')).toBe('write');
    expect(pr.jobs.plan.strategy!.matrix).toBe('${{ fromJSON(needs.validate.outputs.matrix) }}');
    expect(permission(pr, pr.jobs.plan, 'id-token')).toBe('write');
    expect(JSON.stringify(pr)).not.toMatch(/secrets\./);
  });

  it("pull requests keep Blue Lamp's cache per pull request, starting from the base branch's, which deploy only saves", () => {
    const pr = workflow('.github/workflows/pull-request.yml');
    const deploy = workflow('.github/workflows/deploy.yml');
    const step = (job: Job, action: string) => (job.steps ?? []).find((st) => st.uses?.startsWith(action));
    const orderIn = (job: Job, pattern: RegExp) =>
      (job.steps ?? []).findIndex((st) => pattern.test(st.run ?? st.uses ?? ''));
    const paths = (s: { with?: Record<string, string | boolean> } | undefined) =>
      String(s?.with?.path ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    // The default cache folder (util/user-cache.ts), in the runner's home, and synth's own output (ignored by git).
    const cached = ['~/.cache/bluelamp', 'cdktf.out'];

    const review = step(pr.jobs.validate, 'actions/cache@');
    expect(paths(review)).toEqual(cached);
    expect(String(review!.with!.key)).toContain('${{ github.event.pull_request.number }}');
    // Its own earlier pushes first, then the branch it merges into.
    expect(String(review!.with!['restore-keys']).trim().split('\n')).toEqual([
      'bluelamp-${{ runner.os }}-pr${{ github.event.pull_request.number }}-',
      'bluelamp-${{ runner.os }}-${{ github.base_ref }}-',
    ]);
    expect(orderIn(pr.jobs.validate, /^actions\/cache@/)).toBeLessThan(orderIn(pr.jobs.validate, /bluelamp pr /));

    // The full check's synth reuses unchanged stacks from the same cache, and saves nothing.
    const check = step(pr.jobs.check, 'actions/cache/restore@');
    expect(paths(check)).toEqual(cached);
    expect(check!.with!['restore-keys']).toBe(review!.with!['restore-keys']);
    expect(orderIn(pr.jobs.check, /^actions\/cache/)).toBeLessThan(orderIn(pr.jobs.check, /bluelamp synth/));

    // Deploy saves what it synthesised afresh, under the key prefix reviews fall back to; it never restores one.
    const saved = step(deploy.jobs.prepare, 'actions/cache/save@');
    expect(paths(saved)).toEqual(cached); // the same paths, or the saved cache is not the restored one
    expect(saved!.with!.key).toBe('bluelamp-${{ runner.os }}-${{ github.ref_name }}-${{ github.sha }}');
    expect(orderIn(deploy.jobs.prepare, /bluelamp synth/)).toBeLessThan(
      orderIn(deploy.jobs.prepare, /^actions\/cache/),
    );
    expect(step(deploy.jobs.prepare, 'actions/cache@') ?? step(deploy.jobs.prepare, 'actions/cache/restore@')).toBe(
      undefined,
    );

    // Azure Pipelines: one template, two Cache@2 tasks (one path each), beside the checkout and in it.
    const template = read('pipelines/templates-cache.yml');
    expect(template).toContain('path: $(Pipeline.Workspace)/bluelamp-cache'); // beside s/, the checkout
    expect(template).toContain('path: $(System.DefaultWorkingDirectory)/cdktf.out');
    const ado = read('pipelines/pull-request.yml');
    const uses = [...ado.matchAll(/- template: templates-cache\.yml\s+parameters:\s+scope: (\S+)\s+fallback: (\S+)/g)];
    expect(uses.map((m) => [m[1], m[2]])).toEqual([
      ['pr$(System.PullRequest.PullRequestId)', '$(System.PullRequest.TargetBranchName)'],
      ['pr$(System.PullRequest.PullRequestId)', '$(System.PullRequest.TargetBranchName)'],
    ]);
    for (const command of ['validate', 'pr --base', 'synth']) {
      const script =
        new RegExp(`- script: \\./bin/bluelamp ${command}[\\s\\S]*?(?=\\n {10}- |\\n\\n)`).exec(ado)?.[0] ?? '';
      expect(script).toContain('BLUELAMP_CACHE_DIR: $(Pipeline.Workspace)/bluelamp-cache');
    }
    const adoDeploy = read('pipelines/deploy.yml');
    // A branch's scope with no fallback: only this commit's key, which does not exist before the run.
    expect(adoDeploy).toMatch(
      /- template: templates-cache\.yml\s+parameters:\s+scope: \$\(Build\.SourceBranchName\)\n(?!\s+fallback)/,
    );
    expect(adoDeploy).toMatch(/bluelamp synth[\s\S]*?BLUELAMP_CACHE_DIR: \$\(Pipeline\.Workspace\)\/bluelamp-cache/);
  });

  it('deploy: national first, then the forces, each applying its saved plan behind the production environment', () => {
    const deploy = workflow('.github/workflows/deploy.yml');
    const apply = workflow('.github/workflows/apply-stack.yml');
    expect(deploy.jobs['apply-national']).toMatchObject({
      uses: './.github/workflows/apply-stack.yml',
      with: { stack: 'national' },
    });
    expect(needsOf(deploy.jobs['apply-national'])).toContain('plan');
    expect(needsOf(deploy.jobs.apply)).toEqual(expect.arrayContaining(['plan', 'apply-national']));
    expect(deploy.jobs.apply.if).toContain("needs.apply-national.result == 'success'");
    expect(deploy.jobs.apply.strategy!.matrix).toBe('${{ fromJSON(needs.prepare.outputs.forces) }}');
    expect(apply.jobs.apply.environment!.name).toBe('production');
    expect(JSON.stringify(apply.jobs.apply.steps)).toContain('--saved-plan');
  });

  it.each(['.github/workflows/deploy.yml', 'pipelines/deploy.yml'])(
    '%s takes "every stack" from what synth wrote, never from forces/*.yaml (an adoption file is no force, bootstrap is applied by hand)',
    (file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text).toContain('cdktf.out/manifest.json');
      expect(text).not.toMatch(/ls forces\//);
    },
  );

  it('deploy says when the force index is stale, and never fails on it (it only makes reviews slower)', () => {
    for (const file of ['.github/workflows/deploy.yml', 'pipelines/deploy.yml']) {
      const lines = read(file)
        .split('\n')
        .filter((l) => l.includes('bluelamp index'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /\.\/bin\/bluelamp index --check \|\| echo "(::warning |##vso\[task\.logissue type=warning\])/,
      );
    }
  });

  it('deploy refuses a requested stack it does not deploy, naming it (bootstrap, a typo)', () => {
    const prepare = workflow('.github/workflows/deploy.yml').jobs.prepare;
    const script = (prepare.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(script).toMatch(/unknown=.*\$e\.include/);
    expect(script).toMatch(/::error::not a stack this workflow deploys: \$\{unknown\}/);
  });

  it.each([...WORKFLOWS])(
    '%s never puts an expression inside a run: script (values reach scripts through env:)',
    (file) => {
      for (const [name, job] of Object.entries(workflow(file).jobs))
        for (const step of job.steps ?? [])
          if (step.run !== undefined)
            expect(`${name}: ${step.run.includes('${{') ? step.run : 'ok'}`).toBe(`${name}: ok`);
    },
  );

  it.each(AZURE_PIPELINES)(
    '%s never pastes a $(macro) into script text (values reach scripts through env:)',
    (file) => {
      const scripts: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object')
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'script' || key === 'inlineScript' || key === 'bash') && typeof value === 'string')
              scripts.push(value);
            else walk(value);
          }
      };
      walk(parse(read(file)));
      // Every pipeline runs scripts; a template may hold only tasks.
      if (!/templates-/.test(file)) expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script.match(/\$\([A-Za-z_][\w.-]*\)/g) ?? []).toEqual([]);
    },
  );

  describe('pull requests: untrusted code never meets credentials before approval', () => {
    const prWorkflows = WORKFLOWS.filter((f) => {
      const on = workflow(f).on ?? {};
      return 'pull_request' in on || 'pull_request_target' in on;
    });
    const PR_HEAD_SHA = '${{ github.event.pull_request.head.sha }}';
    /** Steps that run the repository's code: npm, the CLI, node scripts, any shell. */
    const runsCode = (job: Job) => (job.steps ?? []).some((s) => s.run !== undefined);
    const checksOut = (job: Job) => (job.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout'));
    const credentialed = (wf: Workflow, job: Job) =>
      permission(wf, job, 'id-token') === 'write' ||
      uses(job, 'azure/login') ||
      Object.keys(job.env ?? {}).some((k) => k.startsWith('ARM_'));

    it('finds the pull-request workflow', () => {
      expect(prWorkflows).toEqual([join('.github', 'workflows', 'pull-request.yml')]);
    });

    it.each(prWorkflows)('%s: no pull_request_target (it would run PR code with the base branch secrets)', (file) => {
      expect(Object.keys(workflow(file).on ?? {})).not.toContain('pull_request_target');
    });

    it.each(prWorkflows)(
      '%s: a job with Azure credentials waits for an environment and runs the pinned, validated commit',
      (file) => {
        const wf = workflow(file);
        const jobs = Object.entries(wf.jobs).filter(([, job]) => credentialed(wf, job));
        expect(jobs.map(([name]) => name)).toEqual(['plan']);
        for (const [, job] of jobs) {
          expect(job.environment?.name).toBe('pr-plan');
          const checkouts = checksOut(job);
          expect(checkouts.length).toBeGreaterThan(0);
          for (const c of checkouts) expect(c.with?.ref).toBe(PR_HEAD_SHA);
          // It builds what it plans from that commit itself, not from an artifact an untrusted job made.
          expect((job.steps ?? []).some((s) => s.uses?.startsWith('actions/download-artifact'))).toBe(false);
        }
      },
    );

    it.each(prWorkflows)(
      '%s: every job without approval runs on a GitHub-hosted runner with no id-token and no write token in .git',
      (file) => {
        const wf = workflow(file);
        for (const [name, job] of Object.entries(wf.jobs)) {
          if (job.environment) continue;
          expect(`${name}: ${String(job['runs-on'])}`).toBe(`${name}: ubuntu-latest`);
          expect(`${name}: id-token ${permission(wf, job, 'id-token') ?? 'none'}`).toBe(`${name}: id-token none`);
          for (const c of checksOut(job))
            expect(`${name}: ${String(c.with?.['persist-credentials'])}`).toBe(`${name}: false`);
        }
      },
    );

    it.each(prWorkflows)(
      '%s: jobs that run PR code hold only a read token; jobs with a write permission run no PR code',
      (file) => {
        const wf = workflow(file);
        for (const [name, job] of Object.entries(wf.jobs)) {
          if (job.environment) continue;
          const writes = Object.entries(job.permissions ?? wf.permissions ?? {})
            .filter(([, level]) => level === 'write')
            .map(([scope]) => scope);
          if (runsCode(job)) expect(`${name}: ${writes.join(',')}`).toBe(`${name}: `);
          if (writes.length > 0) {
            expect(`${name} checks out: ${checksOut(job).length}`).toBe(`${name} checks out: 0`);
            expect(`${name} runs code: ${runsCode(job)}`).toBe(`${name} runs code: false`);
          }
        }
      },
    );

    it('Azure DevOps: the review stage runs on Microsoft-hosted agents without credentials; the plan waits for approval', () => {
      type AdoStep = {
        task?: string;
        checkout?: string;
        env?: Record<string, string>;
        inputs?: Record<string, unknown>;
      };
      type AdoJob = {
        job?: string;
        deployment?: string;
        environment?: string;
        dependsOn?: string | string[];
        steps?: AdoStep[];
        strategy?: { runOnce?: { deploy?: { steps?: AdoStep[] } } };
      };
      type AdoStage = { stage: string; pool?: { vmImage?: string; name?: string }; jobs: AdoJob[] };
      const pipeline = parse(read('pipelines/pull-request.yml')) as { pool?: unknown; stages: AdoStage[] };
      expect(pipeline.pool).toBeUndefined(); // no default: each stage says where it runs
      const stepsOf = (job: AdoJob) => [...(job.steps ?? []), ...(job.strategy?.runOnce?.deploy?.steps ?? [])];
      const usesCredentials = (step: AdoStep) =>
        step.task?.startsWith('AzureCLI') === true ||
        step.task?.startsWith('AzurePowerShell') === true ||
        step.inputs?.azureSubscription !== undefined;
      const review = pipeline.stages.find((s) => s.stage === 'review')!;
      expect(review.pool).toEqual({ vmImage: 'ubuntu-latest' });
      for (const job of review.jobs) {
        expect(stepsOf(job).some(usesCredentials)).toBe(false);
        const token = stepsOf(job).some((s) => Object.values(s.env ?? {}).includes('$(System.AccessToken)'));
        // The one job holding the build token checks nothing out and runs none of the PR's code.
        if (token) expect([job.job, stepsOf(job)[0]]).toEqual(['comment', { checkout: 'none' }]);
      }
      const credentialed = pipeline.stages.filter((s) => s.jobs.some((j) => stepsOf(j).some(usesCredentials)));
      expect(credentialed.map((s) => s.stage)).toEqual(['plan']);
      const [plan] = credentialed;
      const gate = plan.jobs.find((j) => j.deployment !== undefined);
      expect(gate?.environment).toBe('bluelamp-pr-plan');
      for (const job of plan.jobs.filter((j) => stepsOf(j).some(usesCredentials)))
        expect([job.dependsOn].flat()).toContain(gate!.deployment);
    });
  });
});
