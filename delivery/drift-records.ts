/**
 * Drift results in the shape of the SOC's BlueLampDrift_CL table (constructs/drift-table.ts): one
 * record per stack per run, the body the pipeline posts to the Logs Ingestion API. Each drifted
 * resource carries its type and whether the SOC treats it as security-relevant, so the analytics
 * rule and a reader of the table agree on what matters.
 */
import { DRIFT_COLUMNS, resourceTypeOf, securityCategoryOf } from '../constructs/drift-table';

export { resourceTypeOf };
import type { DeliveryReport } from './deliver';

export interface DriftRecordResource {
  readonly address: string;
  /** Terraform resource type (`azurerm_network_security_group`). */
  readonly type: string;
  /** `update` (changed outside Terraform) or `delete` (gone). */
  readonly action: string;
  /** What it guards, when the SOC treats its drift as a security event (`firewall`). */
  readonly securityCategory?: string;
}

/** One row of BlueLampDrift_CL. Keys are the table's columns, in its order. */
export interface DriftRecord {
  readonly TimeGenerated: string;
  readonly RunId: string;
  readonly Stack: string;
  readonly Status: string;
  readonly DriftedCount: number;
  readonly SecurityDriftCount: number;
  readonly Drifted: readonly DriftRecordResource[];
  readonly Message: string;
  readonly RunUrl: string;
}

/** Longest Message sent: enough for terraform's diagnosis, well inside a Log Analytics string. */
export const MAX_MESSAGE = 4000;

function resource(address: string, action: string): DriftRecordResource {
  const category = securityCategoryOf(address);
  return { address, type: resourceTypeOf(address), action, ...(category ? { securityCategory: category } : {}) };
}

const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

/** The records for one drift run: a row per stack, stamped with the run's time. */
export function driftRecords(report: DeliveryReport, runUrl = ''): DriftRecord[] {
  if (report.mode !== 'drift') throw new Error(`driftRecords needs a drift run, not ${report.mode}`);
  return report.stacks.map((s) => {
    const drifted = (s.drifted ?? []).map((d) => resource(d.address, d.action));
    return {
      TimeGenerated: report.generatedAt,
      RunId: report.generatedAt,
      Stack: s.stack,
      Status: s.status,
      DriftedCount: drifted.length,
      SecurityDriftCount: drifted.filter((d) => d.securityCategory).length,
      Drifted: drifted,
      Message: clip(s.message ?? ''),
      RunUrl: runUrl,
    };
  });
}

/** The single record that says drift did not run at all (stale output, no terraform, no login). */
export function driftErrorRecords(message: string, at: Date, runUrl = ''): DriftRecord[] {
  const time = at.toISOString();
  return [
    {
      TimeGenerated: time,
      RunId: time,
      Stack: '(all)',
      Status: 'error',
      DriftedCount: 0,
      SecurityDriftCount: 0,
      Drifted: [],
      Message: clip(message),
      RunUrl: runUrl,
    },
  ];
}

/** The Logs Ingestion API body: a JSON array of records, columns in the table's order. */
export function formatDriftRecords(records: readonly DriftRecord[]): string {
  const columns = DRIFT_COLUMNS.map(([name]) => name);
  const ordered = records.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
