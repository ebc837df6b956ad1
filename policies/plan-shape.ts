/**
 * The shape of `terraform show -json` that Blue Lamp reads, checked before anything reads it: a
 * malformed or hostile plan file is refused with the field that is wrong
 * (`resource_changes[3].change.actions: expected an array`), never with a JavaScript TypeError
 * from deep inside a rule. Only the fields read are checked; terraform's others pass through.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format
 */
import { z } from 'zod';
import { printable } from './formats/printable';

const name = z.string();
const strings = z.array(z.string());

const plannedResource = z.looseObject({
  address: name,
  mode: z.string().optional(),
  type: name,
  name: z.union([z.string(), z.number()]),
  values: z.record(z.string(), z.unknown()).nullish(),
});

interface PlannedModule {
  resources?: z.infer<typeof plannedResource>[];
  child_modules?: PlannedModule[];
}
const plannedModule: z.ZodType<PlannedModule> = z.lazy(() =>
  z.looseObject({
    resources: z.array(plannedResource).optional(),
    child_modules: z.array(plannedModule).optional(),
  }),
);

interface ConfigModule {
  resources?: { address: string; mode?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}
const configModule: z.ZodType<ConfigModule> = z.lazy(() =>
  z.looseObject({
    resources: z
      .array(
        z.looseObject({
          address: name,
          mode: z.string().optional(),
          expressions: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .optional(),
    module_calls: z.record(z.string(), z.looseObject({ module: configModule.optional() })).optional(),
  }),
);

export const PlanShape = z.looseObject({
  format_version: z.string().optional(),
  planned_values: z.looseObject({ root_module: plannedModule.optional() }).optional(),
  resource_changes: z
    .array(
      z.looseObject({
        address: name,
        mode: z.string().optional(),
        type: name,
        name: z.union([z.string(), z.number()]).optional(),
        deposed: z.string().optional(),
        change: z.looseObject({ actions: strings }),
      }),
    )
    .optional(),
  output_changes: z.record(z.string(), z.looseObject({ actions: strings })).optional(),
  configuration: z.looseObject({ root_module: configModule.optional() }).optional(),
});

/** `resource_changes[3].change.actions` from a zod issue path. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Throws when `doc` is not the plan shape Blue Lamp reads, naming `file`, the first few fields
 * that are wrong and what each should be.
 */
export function assertPlanShape(doc: unknown, file: string): void {
  const result = PlanShape.safeParse(doc);
  if (result.success) return;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${fieldOf(i.path) || '(top level)'}: ${i.message.replace(/^Invalid input: /, '')}`);
  const more = result.error.issues.length > 5 ? `; and ${result.error.issues.length - 5} more` : '';
  throw new Error(`${file} is not a plan as \`terraform show -json\` writes it: ${problems.join('; ')}${more}`);
}

/**
 * Parses JSON text, or throws naming the file, line and column of the first error (JSON.parse
 * only gives a character position).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const position = /at position (\d+)/.exec(message);
    if (!position) throw new Error(`${file} is not valid JSON: ${printable(message)}`, { cause: err });
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');
    throw new Error(`${file}:${line}:${col} is not valid JSON: ${printable(reason)}`, { cause: err });
  }
}
