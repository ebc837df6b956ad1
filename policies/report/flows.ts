/**
 * Declared network flows in the report: per force on the estate page (beside the network picture)
 * and in full, with the verdict of each, on a force's page.
 */
import { html, type Html } from './html';
import type { NetworkFlowVerdict } from '../types';

const where = (f: NetworkFlowVerdict) =>
  f.source ? `${f.source.file}${f.source.line ? `:${f.source.line}` : ''}` : undefined;

/** Every flow of one force: what it joins, the verdict and why. */
export function forceFlowsTable(flows: readonly NetworkFlowVerdict[] | undefined, force: string): Html {
  if (!flows)
    return html`<p class="muted">
      Flows were not checked in this run (the hub stack or the config was not part of it).
    </p>`;
  const mine = flows.filter((f) => f.force === force);
  if (mine.length === 0) return html`<p class="muted">No declared flows: everything is denied.</p>`;
  return html`<table class="flows">
    <thead>
      <tr>
        <th>Flow</th>
        <th>From, to, protocol</th>
        <th>Verdict</th>
        <th>Why</th>
      </tr>
    </thead>
    <tbody>
      ${mine.map(
        (f) =>
          html`<tr>
            <td><code>${f.name}</code>${where(f) ? html`<br /><span class="muted">${where(f)}</span>` : ''}</td>
            <td>${f.summary}</td>
            <td>${f.allowed ? 'allowed' : html`<strong>denied</strong>`}</td>
            <td>${f.detail}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** One row per force: its declared flows, each marked allowed or denied. */
export function estateFlowsTable(
  flows: readonly NetworkFlowVerdict[] | undefined,
  pageOf: (force: string) => string | undefined,
): Html {
  if (!flows) return html``;
  const forces = [...new Set(flows.map((f) => f.force))].sort();
  const denied = flows.filter((f) => !f.allowed).length;
  return html`<p>
      ${flows.length} declared flows across ${forces.length} forces;
      ${denied === 0 ? 'every one is allowed end to end.' : html`<strong>${denied} denied</strong> (see the force pages).`}
    </p>
    <table class="flows">
      <thead>
        <tr>
          <th>Force</th>
          <th>Declared flows (verdict)</th>
        </tr>
      </thead>
      <tbody>
        ${forces.map((force) => {
          const page = pageOf(force);
          return html`<tr>
            <td>${page ? html`<a href="${page}">${force}</a>` : force}</td>
            <td>
              ${flows
                .filter((f) => f.force === force)
                .map(
                  (f, i) =>
                    html`${i ? ', ' : ''}<span title="${f.summary}">${f.name}</span>
                      (${f.allowed ? 'allowed' : html`<strong>denied</strong>`})`,
                )}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}
