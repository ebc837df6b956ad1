/**
 * The network picture: the national hub and the force spokes with their address spaces, as
 * inline SVG (no script, no external assets). The estate view arranges spokes on a circle with
 * labels radiating outward, so 43 or 100 forces stay legible; a force page shows hub and spoke.
 */
import { html, trusted, type Html } from './html';
import type { StackModel } from './model';

const FONT = 'font-family="Segoe UI,Roboto,Helvetica,Arial,sans-serif"';

function spaces(stack: StackModel): string {
  const list = stack.stack.addressSpaces ?? [];
  return list.length ? list.join(', ') : 'no virtual network';
}

function colour(stack: StackModel): string {
  return stack.summary.verdict === 'pass' ? '#166534' : '#b91c1c';
}

function hubNode(hub: StackModel | undefined, cx: number, cy: number, href?: string): Html {
  const label = hub ? hub.stack.name : 'hub not in this run';
  const node = html`<circle
      cx="${cx}"
      cy="${cy}"
      r="62"
      fill="#0b2545"
      stroke="${hub ? colour(hub) : '#94a3b8'}"
      stroke-width="4"
    />
    <text x="${cx}" y="${cy - 12}" text-anchor="middle" fill="#fff" font-size="14" font-weight="700">NMC hub</text>
    <text x="${cx}" y="${cy + 6}" text-anchor="middle" fill="#cfe0f5" font-size="11">${label}</text>
    <text x="${cx}" y="${cy + 22}" text-anchor="middle" fill="#cfe0f5" font-size="11">${hub ? spaces(hub) : ''}</text>`;
  return href ? html`<a href="${href}">${node}</a>` : node;
}

function legend(x: number, y: number): Html {
  return html`<g font-size="11" fill="#1b2330" transform="translate(${x.toFixed(1)} 0)">
    <circle cx="20" cy="${y}" r="6" fill="#fff" stroke="#166534" stroke-width="3" /><text x="32" y="${y + 4}"
      >passes at the threshold</text
    >
    <circle cx="180" cy="${y}" r="6" fill="#fff" stroke="#b91c1c" stroke-width="3" /><text x="192" y="${y + 4}"
      >has blocking findings</text
    >
    <line x1="330" y1="${y}" x2="360" y2="${y}" stroke="#94a3b8" stroke-width="1.5" /><text x="366" y="${y + 4}"
      >peering to the hub</text
    ></g
  >`;
}

/** Hub in the centre, every spoke on a circle; each spoke links to its force page. */
export function estateNetworkSvg(hub: StackModel | undefined, spokes: readonly StackModel[], pageBase = ''): Html {
  const radius = Math.max(140, spokes.length * 7.2);
  // Room for the longest label radiating out from the circle (about 6.3 px a character at 11 px).
  const longest = Math.max(10, ...spokes.map((s) => s.stack.name.length + 1 + spaces(s).length));
  const labelRoom = 24 + longest * 6.3;
  const size = Math.ceil(2 * (radius + labelRoom));
  const c = size / 2;
  const items = spokes.map((spoke, i) => {
    const angle = (2 * Math.PI * i) / Math.max(spokes.length, 1) - Math.PI / 2;
    const x = c + radius * Math.cos(angle);
    const y = c + radius * Math.sin(angle);
    const degrees = (angle * 180) / Math.PI;
    const leftSide = Math.cos(angle) < 0;
    const lx = c + (radius + 12) * Math.cos(angle);
    const ly = c + (radius + 12) * Math.sin(angle);
    const rotate = leftSide ? degrees + 180 : degrees;
    const fmt = (n: number) => n.toFixed(1);
    return html`<line x1="${fmt(c)}" y1="${fmt(c)}" x2="${fmt(x)}" y2="${fmt(y)}" stroke="#94a3b8" stroke-width="1.2" />
      <a href="${pageBase}${spoke.page}"
        ><circle cx="${fmt(x)}" cy="${fmt(y)}" r="6" fill="#fff" stroke="${colour(spoke)}" stroke-width="3"
          ><title>${spoke.stack.name}: ${spaces(spoke)}</title></circle
        >
        <text
          x="${fmt(lx)}"
          y="${fmt(ly)}"
          dy="4"
          font-size="11"
          fill="#1b2330"
          text-anchor="${leftSide ? 'end' : 'start'}"
          transform="rotate(${fmt(rotate)} ${fmt(lx)} ${fmt(ly)})"
          ><tspan font-weight="600">${spoke.stack.name}</tspan> <tspan fill="#5b6675">${spaces(spoke)}</tspan></text
        ></a
      >`;
  });
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${size} ${size + 30}"
    width="${size}"
    height="${size + 30}"
    role="group"
    aria-label="Hub and spoke network: ${spokes.length} force spokes"
    ${trusted(FONT)}
  >
    <title>Hub and spoke network</title>
    ${items} ${hubNode(hub, c, c, hub ? `${pageBase}${hub.page}` : undefined)} ${legend(size / 2 - 240, size + 14)}
  </svg>`;
}

/** One force: the hub on the left, the spoke on the right, the peering between. */
export function stackNetworkSvg(hub: StackModel | undefined, spoke: StackModel, pageBase = ''): Html {
  const list = spoke.stack.addressSpaces ?? [];
  const boxHeight = Math.max(70, 46 + list.length * 16);
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 640 ${Math.max(170, boxHeight + 60)}"
    width="640"
    height="${Math.max(170, boxHeight + 60)}"
    role="group"
    aria-label="Network: ${spoke.stack.name} peered to the hub"
    ${trusted(FONT)}
  >
    <title>${spoke.stack.name} and the hub</title>
    <line x1="140" y1="80" x2="400" y2="80" stroke="#94a3b8" stroke-width="2" stroke-dasharray="6 4" />
    <text x="270" y="72" text-anchor="middle" font-size="11" fill="#5b6675">VNet peering</text>
    ${hubNode(hub, 80, 80, hub ? `${pageBase}${hub.page}` : undefined)}
    <rect
      x="400"
      y="${80 - boxHeight / 2}"
      width="220"
      height="${boxHeight}"
      rx="8"
      fill="#fff"
      stroke="${colour(spoke)}"
      stroke-width="3"
    />
    <text x="510" y="${80 - boxHeight / 2 + 22}" text-anchor="middle" font-size="14" font-weight="700" fill="#1b2330">
      ${spoke.stack.name}
    </text>
    ${(list.length ? list : ['no virtual network']).map((space, i) => html`<text x="510" y="${80 - boxHeight / 2 + 44 + i * 16}" text-anchor="middle" font-size="12" fill="#5b6675">${space}</text>`)}
  </svg>`;
}
