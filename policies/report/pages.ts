/** The estate page (index.html) and the page per stack. */
import { plural } from '../formats/summary';
import { SEVERITIES } from '../types';
import { sharingSection } from './sharing';
import { driftCell, driftNote, driftSection } from './drift';
import { html, type Html } from './html';
import type { ReportModel, StackModel } from './model';
import { estateNetworkSvg, stackNetworkSvg } from './network';
import { estateFlowsTable, forceFlowsTable } from './flows';
import {
  findingsTable,
  inventorySummary,
  inventoryTables,
  page,
  principlesSection,
  provenance,
  scrollTable,
  signOff,
  summaryCards,
  verdictBanner,
  waiversSection,
} from './sections';
import { compareText } from '../../util/text-order';

function stacksTable(model: ReportModel): Html {
  return scrollTable(
    'Stacks',
    html`<table class="stacks">
      <thead>
        <tr>
          <th scope="col">Stack</th>
          <th scope="col">Made from</th>
          <th scope="col" class="num">Resources</th>
          ${SEVERITIES.map((s) => html`<th scope="col" class="num sev">${s}</th>`)}
          <th scope="col" class="num">Waived</th>
          <th scope="col">Verdict</th>
          <th scope="col">Drift</th>
        </tr>
      </thead>
      <tbody>
        ${model.stacks.map(
          (s) =>
            html`<tr data-stack="${s.stack.name}">
              <td><a href="${s.page}">${s.stack.name}</a>${s.isHub ? html` <span class="muted">(hub)</span>` : ''}</td>
              <td><code>${s.stack.source ?? ''}</code></td>
              <td class="num">${s.stack.resources.length}</td>
              ${SEVERITIES.map((sev) => html`<td class="num">${s.summary.bySeverity[sev].open || ''}</td>`)}
              <td class="num">${s.summary.waived || ''}</td>
              <td><span class="badge ${s.summary.verdict}">${s.summary.verdict}</span></td>
              <td>${driftCell(model.drift, s.stack.name)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

function rulesTable(model: ReportModel): Html {
  return scrollTable(
    'Rules applied',
    html`<table>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Severity</th>
          <th scope="col">Title and rationale</th>
          <th scope="col">NCSC</th>
          <th scope="col">Waivable</th>
        </tr>
      </thead>
      <tbody>
        ${[...model.run.rules]
          .sort((a, b) => compareText(a.id, b.id))
          .map(
            (r) =>
              html`<tr>
                <td><code class="rule-id">${r.id}</code></td>
                <td><span class="badge ${r.severity}">${r.severity}</span></td>
                <td class="prose"><strong>${r.title}</strong><br /><span class="muted">${r.rationale}</span></td>
                <td>${r.ncsc.join(', ')}</td>
                <td>${r.waivable ? 'yes' : 'no'}</td>
              </tr>`,
          )}
      </tbody>
    </table>`,
  );
}

export function estatePage(model: ReportModel, fingerprint: string): string {
  const { summary, run } = model;
  const spokes = model.stacks.filter((s) => !s.isHub);
  const resources = run.stacks.flatMap((s) => s.resources);
  const body = html`<section id="summary">
      <h2>Summary</h2>
      ${verdictBanner(summary)}
      ${summaryCards(summary, [
        { label: 'Stacks', value: summary.stacks, key: 'stacks' },
        { label: 'Resources', value: summary.resources, key: 'resources' },
        { label: 'Rules', value: summary.rules, key: 'rules' },
      ])}
      ${stacksTable(model)} ${driftNote(model.drift)}
    </section>
    <section id="network">
      <h2>Network</h2>
      <p class="muted">
        The national hub and ${plural(spokes.length, 'force spoke')} with their address spaces. Select a spoke to open
        its page.
      </p>
      <div class="network">${estateNetworkSvg(model.hub, spokes)}</div>
      <h3>Declared flows</h3>
      ${estateFlowsTable(run.networkFlows, (force) => model.stacks.find((s) => s.stack.name === force)?.page)}
    </section>
    <section id="principles">
      <h2>Findings by NCSC cloud security principle</h2>
      <p class="muted">
        A finding is listed under every principle its rule serves. Dashed boxes are principles no rule in this pack
        covers.
      </p>
      ${principlesSection(model, [...model.stacks.flatMap((s) => s.findings)], { showStack: true, root: '' })}
    </section>
    <section id="waivers">
      <h2>Waivers</h2>
      ${waiversSection(model.waivers)}
    </section>
    <section id="inventory">
      <h2>Resource inventory by category</h2>
      ${inventorySummary(resources)}
    </section>
    <section id="rules">
      <h2>Rules applied</h2>
      ${rulesTable(model)}
    </section>
    <section id="about">
      <h2>About this report</h2>
      ${provenance(model, fingerprint, `the estate (${plural(summary.stacks, 'stack')})`)} ${signOff('the estate')}
    </section>`;
  return page({
    title: 'Estate assurance report',
    subtitle: `${plural(summary.stacks, 'stack')} · generated ${run.generatedAt}`,
    root: '',
    body,
    model,
  });
}

export function stackPage(model: ReportModel, stack: StackModel, fingerprint: string): string {
  const kind = stack.isHub ? 'National hub' : 'Force';
  const waivers = model.waivers.filter((w) => w.stacks.includes(stack.stack.name));
  const network = stack.isHub
    ? estateNetworkSvg(
        stack,
        model.stacks.filter((s) => !s.isHub),
        '../',
      )
    : stackNetworkSvg(model.hub, stack, '../');
  const body = html`<section id="summary">
      <h2>Summary</h2>
      ${verdictBanner(stack.summary)}
      ${summaryCards(stack.summary, [{ label: 'Resources', value: stack.stack.resources.length, key: 'resources' }])}
      ${stack.stack.source ? html`<p>Made from <code>${stack.stack.source}</code>.</p>` : ''}
    </section>
    <section id="network">
      <h2>Network</h2>
      <div class="network">${network}</div>
      ${
        stack.isHub
          ? ''
          : html`<h3>Declared flows</h3>
              ${forceFlowsTable(model.run.networkFlows, stack.stack.name)}`
      }
    </section>
    <section id="drift">
      <h2>Drift</h2>
      ${driftSection(model.drift, stack.stack.name)}
    </section>
    <section id="principles">
      <h2>Findings by NCSC cloud security principle</h2>
      ${stack.findings.length ? principlesSection(model, stack.findings, { showStack: false, root: '../' }) : html`<p>No findings: every rule passed or did not apply.</p>`}
    </section>
    <section id="all-findings">
      <h2>All findings, worst first</h2>
      ${findingsTable(model, stack.findings, { showStack: false, root: '../' })}
    </section>
    <section id="waivers">
      <h2>Waivers</h2>
      ${waiversSection(waivers)}
    </section>
    ${
      stack.isHub
        ? ''
        : html`<section id="shared-with">
            <h2>Evidence shared with partners</h2>
            ${sharingSection(stack.stack, model.run.generatedAt)}
          </section>`
    }
    <section id="inventory">
      <h2>Resource inventory by category</h2>
      ${inventoryTables(stack.stack.resources)}
    </section>
    <section id="about">
      <h2>About this report</h2>
      ${provenance(model, fingerprint, `${kind.toLowerCase()} stack ${stack.stack.name}`)}
      ${signOff(`${kind.toLowerCase()} ${stack.stack.name}`)}
    </section>`;
  return page({
    title: `${kind}: ${stack.stack.name}`,
    subtitle: `${plural(stack.findings.length, 'finding')} · generated ${model.run.generatedAt}`,
    root: '../',
    body,
    model,
  });
}
