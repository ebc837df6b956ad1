/**
 * Versioned JSON: the check run itself plus a summary, so a pipeline can gate on
 * `.summary.verdict` and `bluelamp report --from` can rebuild every other output from the file.
 * `schemaVersion` changes only when a field is removed or changes meaning.
 */
import { z } from 'zod';
import { SEVERITIES, type CheckRun, type Severity } from '../types';
import { sortFindings, summarise, type RunSummary } from './summary';
import { TOOL_NAME, toolVersion } from '../../util/package-root';

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

const location = z.looseObject({
  file: z.string(),
  line: z.number().int().positive().optional(),
  col: z.number().int().positive().optional(),
});
const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const waiver = z.looseObject({
  rule: z.string(),
  resource: z.string(),
  reason: z.string(),
  approvedBy: z.string(),
  approvedOn: z.string(),
  expires: z.string(),
  ticket: z.string(),
  source: location,
});

/**
 * What `--from` accepts: the fields every output reads, checked, so a hand-edited or truncated
 * file is refused with the field that is wrong rather than crashing a renderer half-way.
 */
const CheckRunFile = z.looseObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  generatedAt: z.string(),
  input: z.looseObject({ kind: z.enum(['synth', 'plan']), path: z.string() }),
  rules: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      severity,
      rationale: z.string(),
      ncsc: z.array(z.string()),
      mirrors: z.record(z.string(), z.array(z.string())),
      waivable: z.boolean(),
    }),
  ),
  stacks: z.array(
    z.looseObject({
      name: z.string().min(1),
      source: z.string().optional(),
      resources: z.array(
        z.looseObject({ address: z.string(), type: z.string(), constructPath: z.string().optional() }),
      ),
      addressSpaces: z.array(z.string()).optional(),
      sharing: z
        .array(
          z.looseObject({
            address: z.string(),
            partner: z.string(),
            reference: z.string(),
            container: z.string(),
            prefix: z.string().optional(),
            endsAt: z.string(),
            approvedOn: z.string(),
            approvedBy: z.string(),
          }),
        )
        .optional(),
    }),
  ),
  findings: z.array(
    z.looseObject({
      ruleId: z.string(),
      severity,
      outcome: z.enum(['fail', 'unknown']),
      stack: z.string().min(1),
      address: z.string(),
      constructPath: z.string().optional(),
      message: z.string(),
      source: location.optional(),
      waiver: waiver.optional(),
    }),
  ),
  waivers: z.array(waiver),
});

/**
 * Reads a check run back from JSON written by `--format json` (or a bare CheckRun), refusing a
 * schema version this build does not understand, or a field of the wrong shape, rather than guessing.
 */
export function parseCheckRun(text: string, file: string): CheckRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`, { cause: err });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${file}: expected a check run object`);
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== JSON_SCHEMA_VERSION) {
    throw new Error(`${file}: schemaVersion is ${JSON.stringify(version)}, this bluelamp reads ${JSON_SCHEMA_VERSION}`);
  }
  const parsed = CheckRunFile.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map(
      (i) =>
        `${
          i.path
            .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
            .join('')
            .replace(/^\./, '') || '(top level)'
        }: ${i.message}`,
    );
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new Error(`${file}: not a check run bluelamp can read: ${problems.join('; ')}${more}`);
  }
  const v = parsed.data;
  return {
    schemaVersion: 1,
    generatedAt: v.generatedAt,
    input: v.input,
    rules: v.rules,
    stacks: v.stacks,
    findings: v.findings,
    waivers: v.waivers,
  };
}
