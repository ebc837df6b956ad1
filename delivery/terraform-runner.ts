/**
 * Runs terraform, one stack per process, a bounded number at once. Each run's output is kept
 * (for the stack's log) and a failure is turned into a message that names the stack and says
 * what to do: no terraform, no Azure credentials, a locked state, an unreachable registry.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import execa from 'execa';

export const DEFAULT_PARALLEL = 2;

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
    : 'terraform not found on PATH: install Terraform >= 1.6 (https://developer.hashicorp.com/terraform/install; in CI hashicorp/setup-terraform), or set BLUELAMP_TERRAFORM to the binary';
}

/** Runs `terraform <args>` in `cwd`; never throws for a non-zero exit. */
export async function runTerraform(bin: string, cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<TerraformRun> {
  const started = Date.now();
  const result = await execa(bin, [...args], {
    cwd,
    env: { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
  });
  const spawnError = result.failed && result.exitCode === undefined ? String((result as { message?: string }).message ?? 'could not start') : '';
  return {
    args,
    exitCode: result.exitCode ?? 1,
    stdout: result.stdout,
    stderr: spawnError ? `${result.stderr}\n${spawnError}` : result.stderr,
    durationMs: Date.now() - started,
  };
}

/**
 * What went wrong with a terraform run, and what to do about it, from terraform's own words.
 * `stack` and `step` name where it happened.
 */
export function diagnose(stack: string, step: string, output: string): string {
  const where = `${stack}: terraform ${step} failed`;
  if (/Error acquiring the state lock/i.test(output)) {
    const id = /ID:\s+([0-9a-f-]{8,})/i.exec(output)?.[1];
    return `${where}: the state is locked by another run. Wait for it to finish; if a run crashed and no other is active, unlock it: terraform -chdir=cdktf.out/stacks/${stack} force-unlock ${id ?? '<LOCK_ID>'}`;
  }
  if (/az login|AADSTS\d+|building (ARM|AzureRM) (Config|Client)|obtain(ing)? (a|an access) token|authori[sz]er|ARM_CLIENT_ID|ARM_USE_OIDC|DefaultAzureCredential|Azure CLI|could not acquire access token/i.test(output)) {
    return `${where}: no usable Azure credentials. Locally run \`az login\` (and \`az account set\`); in CI log in by OIDC and set ARM_USE_OIDC=true, ARM_CLIENT_ID, ARM_TENANT_ID and ARM_SUBSCRIPTION_ID`;
  }
  if (/Failed to query available provider packages|could not connect to registry|Failed to install provider|registry\.terraform\.io/i.test(output)) {
    return `${where}: providers could not be installed (is the registry reachable?). Use a provider mirror or TF_PLUGIN_CACHE_DIR with the providers already in it`;
  }
  if (/Saved plan is stale/i.test(output)) {
    return `${where}: the state changed after the plan was made. Run bluelamp deploy again to plan afresh`;
  }
  const errors = output
    .split('\n')
    .map((l) => l.replace(/^[│╷╵\s]+/, '').trim())
    .filter((l) => /^Error:/.test(l));
  const detail = errors.length > 0 ? errors.slice(0, 3).join('; ') : lastLines(output, 3);
  return `${where}: ${detail || 'no output'} (full output in the stack's log)`;
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}

/**
 * Maps `items` through `fn` with at most `parallel` calls in flight; results keep the input order.
 * `fn` turns its own failures into results (it must not reject), so one failed stack never hides the others.
 */
export async function runBounded<T, R>(items: readonly T[], parallel: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
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
