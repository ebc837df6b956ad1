/**
 * `bluelamp`: the command line for the whole flow. Every command works on the estate folder in
 * the current directory or `--dir PATH` (a folder with platform.yaml and forces/).
 *
 * Exit codes: 0 success; 1 invalid input or failed checks; 2 wrong usage.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, formatIssue } from '../config/errors';
import { UsageError, type Command, type CommandContext } from './command';
import { nearest } from '../config/suggest';
import { INTERRUPTED_EXIT_CODE, InterruptedError } from '../util/interrupt';
import { COMMANDS } from './commands';
import { toolVersion } from '../util/package-root';

const GLOBAL_OPTIONS = {
  dir: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'bluelamp: per-force secure Azure landing zones for UK policing',
    '',
    'Usage: bluelamp <command> [options]     (bluelamp <command> --help for its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options: --dir PATH (estate folder, default .), --quiet (no progress on stderr)',
    'Exit codes: 0 ok, 1 invalid input or failed checks, 2 wrong usage',
  ].join('\n');
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** Runs the CLI; returns the exit code (never throws, never prints a stack trace unless BLUELAMP_DEBUG is set). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    // No command is wrong usage: the help goes to stderr so that nothing lands in a piped result.
    io.stderr(`${helpText()}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? `${topic.summary}\nUsage: ${topic.usage}\n` : `${helpText()}\n`);
    return 0;
  }
  if (name === '--version') {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const hint = nearest(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.stderr(`bluelamp: unknown command "${name}"${hint ? `; did you mean "${hint}"?` : ''}\n\n${helpText()}\n`);
    return 2;
  }
  return runCommand(command, rest, io);
}

/** Parses `argv` strictly with the command's options and the global ones. */
function parseCommandArgs(command: Command, argv: string[]) {
  return parseArgs({
    args: argv,
    options: { ...command.options, ...GLOBAL_OPTIONS },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
}

async function runCommand(command: Command, argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommandArgs>;
  try {
    parsed = parseCommandArgs(command, argv);
  } catch (err) {
    io.stderr(`bluelamp ${command.name}: ${parseArgsMessage(err as Error, command)}\nUsage: ${command.usage}\n`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout(`${command.summary}\nUsage: ${command.usage}\n`);
    return 0;
  }
  const quiet = Boolean(values.quiet);
  const dir = resolve(io.cwd, values.dir ?? '.');
  const dirProblem = values.dir === undefined ? undefined : folderProblem(dir);
  if (dirProblem) {
    io.stderr(`bluelamp ${command.name}: --dir ${values.dir}: ${dirProblem}\nUsage: ${command.usage}\n`);
    return 2;
  }
  const ctx: CommandContext = {
    dir,
    quiet,
    out: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    progress: (line) => {
      if (!quiet) io.stderr(`${line}\n`);
    },
    error: (line) => io.stderr(`${line}\n`),
  };
  try {
    return await command.run(ctx, values, parsed.positionals);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const issue of err.issues) io.stderr(`${formatIssue(issue)}\n`);
      io.stderr(
        `bluelamp ${command.name}: ${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} found${command.readOnly ? '' : '; nothing was written'}\n`,
      );
      return 1;
    }
    if (err instanceof InterruptedError) {
      io.stderr(`bluelamp ${command.name}: ${err.message}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    if (err instanceof UsageError) {
      io.stderr(`bluelamp ${command.name}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    io.stderr(`bluelamp ${command.name}: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.BLUELAMP_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 1;
  }
}

/** Why `--dir` cannot be the estate folder, or undefined when it can. */
function folderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory()
      ? undefined
      : 'is a file; --dir takes the estate folder (the one holding platform.yaml and forces/)';
  } catch {
    return 'no such folder; --dir takes the estate folder (the one holding platform.yaml and forces/)';
  }
}

/** node:util's parse errors, with a "did you mean" for a mistyped option. */
function parseArgsMessage(err: Error, command: Command): string {
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(err.message);
  if (!unknown) return err.message;
  const known = Object.keys({ ...GLOBAL_OPTIONS, ...command.options });
  const hint = nearest(unknown[2], known);
  return `unknown option ${unknown[1]}${unknown[2]}${hint ? `; did you mean --${hint}?` : ''}`;
}

/**
 * Runs the CLI as a process. A reader that stops early (`bluelamp check --format json | head`)
 * closes stdout: that is not an error worth a stack trace, so the process just ends.
 */
export function runAsProcess(argv: string[]): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runAsProcess(process.argv.slice(2));
