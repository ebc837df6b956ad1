/**
 * Configuration problems carry the file (relative to the estate folder), the line and column,
 * and the dotted field path, so that a force team can go straight to the line to fix.
 */

export interface ConfigIssue {
  /** File path relative to the estate folder, for example `forces/essex.yaml`. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly col?: number;
  /** Dotted field path (`network.addressSpace`, `identity.readers[1]`), empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** Keys and values from a file can hold ESC sequences; a terminal must see them written out, not run them. */
function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Formats one issue as `forces/essex.yaml:14:5 network.addressSpace: message`, on one line. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.col ?? 1}` : issue.file;
  return visible(issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`);
}

/** Thrown when configuration is invalid; holds every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `${issues.length} configuration problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Formats a path of keys and indexes as `services.box.enterpriseId` or `identity.readers[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
