/**
 * The last drift run per stack, for the report: read from the summary `bluelamp drift` leaves
 * (cdktf.out/bluelamp-drift.json, or the drift job's artifact), when there is one. The report
 * shows it beside the check so a reviewer sees whether what was checked is still what runs.
 */
import { readFileSync } from 'node:fs';
import { securityCategoryOf } from '../../constructs/drift-table';
import { html, type Html } from './html';

export interface StackDrift {
  readonly stack: string;
  /** `in-sync`, `drift`, `failed`, `interrupted` or `skipped`. */
  readonly status: string;
  readonly drifted: readonly { readonly address: string; readonly action: string }[];
  /** Drifted resources the SOC treats as security-relevant. */
  readonly security: number;
  readonly message?: string;
}

export interface DriftResults {
  /** When the drift run ended (ISO time). */
  readonly generatedAt: string;
  readonly stacks: ReadonlyMap<string, StackDrift>;
  /** Where it was read from, as shown to the reader. */
  readonly source: string;
}

/** Parses the drift summary JSON; throws naming the file when it is not one. */
export function parseDriftResults(text: string, source: string): DriftResults {
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}; give the bluelamp-drift.json that \`bluelamp drift\` writes`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  const run = json as { mode?: unknown; generatedAt?: unknown; stacks?: unknown };
  if (run.mode !== 'drift') fail('not the result of a drift run');
  if (typeof run.generatedAt !== 'string' || !Array.isArray(run.stacks)) fail('no generatedAt and stacks');
  const stacks = new Map<string, StackDrift>();
  for (const s of run.stacks as { stack?: unknown; status?: unknown; drifted?: unknown; message?: unknown }[]) {
    if (typeof s.stack !== 'string' || typeof s.status !== 'string') fail('a stack without a name or status');
    const drifted = (Array.isArray(s.drifted) ? s.drifted : [])
      .filter(
        (d): d is { address: string; action?: unknown } => typeof (d as { address?: unknown }).address === 'string',
      )
      .map((d) => ({ address: d.address, action: typeof d.action === 'string' ? d.action : 'update' }));
    stacks.set(s.stack as string, {
      stack: s.stack as string,
      status: s.status as string,
      drifted,
      security: drifted.filter((d) => securityCategoryOf(d.address)).length,
      ...(typeof s.message === 'string' ? { message: s.message } : {}),
    });
  }
  return { generatedAt: run.generatedAt as string, stacks, source };
}

export function readDriftResults(path: string, shown: string): DriftResults {
  return parseDriftResults(readFileSync(path, 'utf8'), shown);
}

function label(d: StackDrift): string {
  if (d.status === 'in-sync') return 'in sync';
  if (d.status === 'drift')
    return `${d.drifted.length} drifted${d.security ? `, ${d.security} security-relevant` : ''}`;
  return `not checked (${d.status})`;
}

/** The badge for one stack in the estate's stacks table. */
export function driftCell(results: DriftResults | undefined, stack: string): Html {
  const d = results?.stacks.get(stack);
  if (!d) return html`<span class="muted">no result</span>`;
  const kind = d.status === 'in-sync' ? 'pass' : d.status === 'drift' ? (d.security ? 'fail' : 'expiring') : 'unknown';
  return html`<span class="badge ${kind}" data-drift="${d.status}">${label(d)}</span>`;
}

/** The estate page's note on where the drift column comes from. */
export function driftNote(results: DriftResults | undefined): Html {
  return results
    ? html`<p class="muted">
        Drift: the last <code>bluelamp drift</code> run, ${results.generatedAt} (from <code>${results.source}</code>).
      </p>`
    : html`<p class="muted">
        Drift: no drift results were found for this report (run <code>bluelamp drift</code>, or give
        <code>bluelamp report --drift FILE</code>).
      </p>`;
}

/** A stack page's section: the last drift run and what changed outside Terraform. */
export function driftSection(results: DriftResults | undefined, stack: string): Html {
  const d = results?.stacks.get(stack);
  if (!results || !d) return html`<p class="muted">No drift result for this stack in this report.</p>`;
  return html`<p>
      Last drift check ${results.generatedAt}:
      ${driftCell(results, stack)}${d.message && d.status !== 'drift' ? html` <span class="muted">${d.message}</span>` : ''}
    </p>
    ${
      d.drifted.length
        ? html`<ul class="drifted">
            ${d.drifted.map((r) => html`<li><code>${r.address}</code> <span class="muted">${r.action === 'delete' ? 'deleted' : 'changed'} outside Terraform${securityCategoryOf(r.address) ? ` (${securityCategoryOf(r.address)})` : ''}</span></li>`)}
          </ul>`
        : ''
    }`;
}
