import type { ParseArgsConfig } from 'node:util';

/** What every command gets: the estate folder and where to write. */
export interface CommandContext {
  /** Absolute path of the estate folder (`--dir`, default the current directory). */
  readonly dir: string;
  readonly quiet: boolean;
  /** Results (reports, JSON) go to stdout. */
  out(text: string): void;
  /** Progress and messages go to stderr; silenced by --quiet. */
  progress(line: string): void;
  /** Errors go to stderr, even with --quiet. */
  error(line: string): void;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Command {
  readonly name: string;
  /** One line for `bluelamp --help`. */
  readonly summary: string;
  /** Usage text for `bluelamp <name> --help`. */
  readonly usage: string;
  readonly options: OptionSpec;
  readonly allowPositionals?: boolean;
  /** True for commands that never write files (their error summary does not say "nothing was written"). */
  readonly readOnly?: boolean;
  /** Returns the exit code. */
  run(ctx: CommandContext, values: OptionValues, positionals: string[]): Promise<number>;
}

/** A mistake in how the command was called: exit code 2 with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The values of a repeatable string option (`--force a --force b` or `--force a,b`). */
export function listOption(values: OptionValues, name: string): string[] {
  const raw = values[name];
  const list = Array.isArray(raw) ? raw : raw === undefined || typeof raw === 'boolean' ? [] : [raw];
  return list
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * A string option that must be one of `choices`; undefined when it was not given. Every command
 * checks its closed-list options here, so they all word the mistake the same way.
 */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = String(raw);
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${value}"`);
  return value as T;
}
