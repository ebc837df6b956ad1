/**
 * The "Shared with" section of a force page: which partners can read which evidence, until when,
 * and on whose approval, counted in days from the run (so the same run renders the same page).
 */
import type { StackInventory } from '../types';
import { html, type Html } from './html';
import { daysBetween, EXPIRY_WARNING_DAYS } from './model';

export function sharingSection(stack: StackInventory, generatedAt: string): Html {
  const shares = stack.sharing ?? [];
  if (shares.length === 0) return html`<p class="muted">No evidence is shared with partners outside the force.</p>`;
  return html`<p>
      Partners read evidence through read-only, time-bound access (Storage Blob Data Reader, PIM, private link only);
      every read is logged to the force's Sentinel workspace.
    </p>
    <table class="sharing">
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col">Scope</th>
          <th scope="col">Expires</th>
          <th scope="col" class="num">Days left</th>
          <th scope="col">Approved</th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        ${shares.map((s) => {
          const days = daysBetween(generatedAt, s.endsAt);
          const status = days < 0 ? 'expired' : days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'active';
          return html`<tr class="${status}" data-sharing-status="${status}">
            <td>${s.partner}</td>
            <td>
              <code>${s.container}/${s.prefix ?? ''}</code
              >${s.prefix ? '' : html` <span class="muted">(whole container)</span>`}
            </td>
            <td>${s.endsAt.slice(0, 10)}</td>
            <td class="num">
              ${Number.isNaN(days) ? '?' : days < 0 ? html`<span class="badge expired">ended</span>` : days}
            </td>
            <td>${s.approvedBy}<br /><span class="muted">${s.approvedOn}</span></td>
            <td>${s.reference}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}
