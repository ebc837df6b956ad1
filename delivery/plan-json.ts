/**
 * Reading what terraform says about a stack: the saved plan as `terraform show -json` writes it,
 * and the streamed `-json` output of a refresh-only plan (drift).
 */

import { terminalSafe } from '../policies/formats/printable';
import { assertPlanShape, parseJsonText } from '../policies/plan-shape';

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly replace: number;
  /** Output values that change. */
  readonly outputs: number;
}

interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly change: { readonly actions: readonly string[] };
  }[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
}

/** Counts the changes in a `terraform show -json` plan. Throws when the text is not plan JSON. */
export function countPlanChanges(text: string): PlanCounts {
  const what = 'the output of terraform show -json';
  const doc = parseJsonText(text, what);
  assertPlanShape(doc, what);
  const plan = doc as PlanJson;
  const counts = { add: 0, change: 0, destroy: 0, replace: 0, outputs: 0 };
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.includes('delete') && actions.includes('create')) counts.replace++;
    else if (actions.includes('create')) counts.add++;
    else if (actions.includes('update')) counts.change++;
    else if (actions.includes('delete')) counts.destroy++;
  }
  counts.outputs = Object.values(plan.output_changes ?? {}).filter(
    (o) => !o.actions.every((a) => a === 'no-op'),
  ).length;
  return counts;
}

export function hasChanges(c: PlanCounts): boolean {
  return c.add + c.change + c.destroy + c.replace + c.outputs > 0;
}

export function formatCounts(c: PlanCounts): string {
  const parts = [`${c.add} to add`, `${c.change} to change`, `${c.destroy} to destroy`];
  if (c.replace > 0) parts.push(`${c.replace} to replace`);
  return parts.join(', ');
}

export interface DriftedResource {
  readonly address: string;
  /** What changed outside Terraform: `update` (changed) or `delete` (gone). */
  readonly action: string;
}

export interface DriftScan {
  readonly drifted: readonly DriftedResource[];
  /** Error diagnostics terraform reported (summary: detail). */
  readonly errors: readonly string[];
}

/** Reads the JSON lines of `terraform plan -refresh-only -json`. Lines that are not JSON are skipped. */
export function scanDrift(jsonLines: string): DriftScan {
  const drifted: DriftedResource[] = [];
  const errors: string[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let message: {
      type?: string;
      change?: { resource?: { addr?: string }; action?: string };
      diagnostic?: { severity?: string; summary?: string; detail?: string };
    };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    // Terraform's words reach a terminal and a job summary: made printable here, once.
    const text = (v: unknown) => (typeof v === 'string' ? terminalSafe(v) : undefined);
    if (message.type === 'resource_drift' && text(message.change?.resource?.addr)) {
      drifted.push({
        address: text(message.change?.resource?.addr)!,
        action: text(message.change?.action) ?? 'update',
      });
    } else if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error') {
      errors.push([text(message.diagnostic.summary), text(message.diagnostic.detail)].filter(Boolean).join(': '));
    }
  }
  return { drifted, errors };
}
