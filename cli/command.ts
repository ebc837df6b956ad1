import type { parseArgs, ParseArgsConfig } from 'node:util';

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
/** Option values as `parseArgs` gives them for options not known statically (any command's). */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * The values `parseArgs` gives for `options`, as node's own typings infer them: `{ plan?: string;
 * force?: string[]; all?: boolean }` for a string, a repeatable string and a boolean option.
 */
export type ValuesOf<O extends OptionSpec> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
>['values'];

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

/** A command as written with defineCommand: `run` sees values typed from its own `options`. */
export interface TypedCommand<O extends OptionSpec> extends Omit<Command, 'options' | 'run'> {
  readonly options: O;
  run(ctx: CommandContext, values: ValuesOf<O>, positionals: string[]): Promise<number>;
}

/**
 * A command whose `run` gets its option values typed from its own `options` declaration, so no
 * command casts `values.x as string`. The one assertion is here: cli/main.ts parses each
 * command's arguments with exactly that command's `options` (plus the global ones), strictly.
 */
export function defineCommand<const O extends OptionSpec>(command: TypedCommand<O>): Command {
  return { ...command, run: (ctx, values, positionals) => command.run(ctx, values as ValuesOf<O>, positionals) };
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
