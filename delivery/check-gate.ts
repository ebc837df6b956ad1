/**
 * The assurance gate between plan and apply: `bluelamp check --plan` over the plan JSON of one
 * stack. It runs as a separate process (the CLI entry point imports delivery, so delivery must
 * not import the CLI back), which also means it checks exactly the file on disk.
 */
import execa from 'execa';
import { cliScript } from '../util/package-root';

export interface CheckVerdict {
  /** True only when the check ran and found nothing at or above its threshold. */
  readonly passed: boolean;
  /** What the check printed (its findings), for the stack's summary. */
  readonly output: string;
  /** Set when the check could not run at all (as opposed to finding problems). */
  readonly error?: string;
}

export interface PlanCheckInput {
  readonly stack: string;
  /** Absolute path of the stack's plan JSON. */
  readonly planFile: string;
  /** Estate folder (for waivers and source lines). */
  readonly dir: string;
}

export type PlanCheck = (input: PlanCheckInput) => Promise<CheckVerdict>;

/** The command line of the check for one plan (shown by --dry-run). */
export function checkCommandLine(input: PlanCheckInput, entry = cliScript() ?? 'dist/cli/main.js'): string[] {
  return [process.execPath, entry, 'check', '--plan', input.planFile, '--dir', input.dir, '--quiet'];
}

/** Runs `bluelamp check --plan FILE` in a child process: exit 0 passes, 1 fails, anything else is an error. */
export const spawnCheck: PlanCheck = async (input) => {
  const entry = cliScript();
  if (!entry) return { passed: false, output: '', error: 'dist/cli/main.js not found: run npm run build' };
  const [node, ...args] = checkCommandLine(input, entry);
  const result = await execa(node, args, { reject: false, all: true });
  const output = (result.all ?? '').trim();
  if (result.exitCode === 0) return { passed: true, output };
  if (result.exitCode === 1) return { passed: false, output };
  return {
    passed: false,
    output,
    error: `bluelamp check exited ${result.exitCode ?? 'abnormally'}: ${output.split('\n').slice(-3).join(' / ')}`,
  };
};
