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
  steps?: { uses?: string; with?: Record<string, string>; run?: string }[];
  uses?: string;
  with?: Record<string, string>;
  strategy?: { matrix?: unknown };
  outputs?: Record<string, string>;
  environment?: { name: string };
  if?: string;
};
type Workflow = { permissions?: Record<string, string>; env?: Record<string, string>; jobs: Record<string, Job> };

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
          JSON.stringify(job.strategy?.matrix ?? ''),
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
        `${file}: ${/task: (\w+)@/.exec(read(file).replace(/task: (NodeTool|AzureCLI|PublishTestResults)@/g, ''))?.[1] ?? 'built-in tasks only'}`,
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
});
