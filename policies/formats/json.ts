/**
 * Versioned JSON: the check run itself plus a summary, so a pipeline can gate on
 * `.summary.verdict` and `bluelamp report --from` can rebuild every other output from the file.
 * `schemaVersion` changes only when a field is removed or changes meaning.
 */
import type { CheckRun, Severity } from '../types';
import { sortFindings, summarise, type RunSummary } from './summary';
import { TOOL_NAME, toolVersion } from './tool';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport extends CheckRun {
  readonly tool: { readonly name: string; readonly version: string };
  readonly summary: RunSummary;
}

export function toJsonReport(run: CheckRun, threshold: Severity): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    generatedAt: run.generatedAt,
    input: run.input,
    summary: summarise(run, threshold),
    rules: run.rules,
    stacks: run.stacks,
    findings: sortFindings(run.findings),
    waivers: run.waivers,
  };
}

export function formatJson(run: CheckRun, threshold: Severity): string {
  return `${JSON.stringify(toJsonReport(run, threshold), null, 2)}\n`;
}

/**
 * Reads a check run back from JSON written by `--format json` (or a bare CheckRun), refusing a
 * schema version this build does not understand rather than guessing.
 */
export function parseCheckRun(text: string, file: string): CheckRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`);
  }
  const v = value as Partial<CheckRun> | null;
  if (!v || typeof v !== 'object') throw new Error(`${file}: expected a check run object`);
  if (v.schemaVersion !== JSON_SCHEMA_VERSION) {
    throw new Error(`${file}: schemaVersion is ${JSON.stringify(v.schemaVersion)}, this bluelamp reads ${JSON_SCHEMA_VERSION}`);
  }
  for (const key of ['rules', 'stacks', 'findings', 'waivers'] as const) {
    if (!Array.isArray(v[key])) throw new Error(`${file}: field "${key}" must be an array`);
  }
  if (typeof v.generatedAt !== 'string' || !v.input || typeof v.input.path !== 'string') {
    throw new Error(`${file}: fields "generatedAt" and "input.path" are required`);
  }
  return {
    schemaVersion: 1,
    generatedAt: v.generatedAt,
    input: v.input,
    rules: v.rules!,
    stacks: v.stacks!,
    findings: v.findings!,
    waivers: v.waivers!,
  };
}
