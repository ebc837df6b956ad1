/**
 * Renders a commented force file. Used by the sample-estate generator and by `bluelamp onboard`,
 * so that a new force starts from the same documented layout as the bundled ones.
 */
import { createHash } from 'node:crypto';
import type { ForceConfig } from './schema';
import { visibleText } from './literal-text';

export const FORCE_SCHEMA_COMMENT = '# yaml-language-server: $schema=../config/json-schema/force.schema.json';

/**
 * A deterministic placeholder GUID for `id` and `purpose`. The all-zero first groups make it
 * obvious on sight that it is not a real tenant, subscription or group.
 */
export function placeholderGuid(id: string, purpose: string): string {
  const h = createHash('sha256').update(`${id}:${purpose}`).digest('hex');
  return `00000000-0000-4000-8000-${h.slice(0, 12)}`;
}

export interface TemplateInput {
  readonly id: string;
  readonly name: string;
  readonly addressSpace: string;
  readonly region?: ForceConfig['region'];
  readonly classification?: ForceConfig['classification'];
  readonly costCentre?: string;
  readonly office365?: boolean;
  readonly box?: { enterpriseId: string };
  readonly evidence?: boolean;
  readonly connectivity?: ForceConfig['network']['connectivity'];
  readonly defenderAdditionalPlans?: readonly string[];
  readonly readerGroups?: number;
  readonly operatorGroups?: number;
  readonly adminGroups?: number;
  readonly monthlyGbp?: number;
  readonly loggingRetentionDays?: number;
  readonly evidenceRetentionDays?: number;
  /** Evidence-sharing agreements, written as services.evidenceStore.sharing. */
  readonly evidenceSharing?: ForceConfig['services']['evidenceStore']['sharing'];
  /**
   * Write the standard flows: each site to the workloads over HTTPS (when there are sites) and the
   * workloads to the police and government estate on the internet over HTTPS, through the firewall.
   */
  readonly standardFlows?: boolean;
  /** A one-line note written at the top (for example "placeholder identifiers: replace before deploying"). */
  readonly headerNote?: string;
}

const q = (s: string) => JSON.stringify(s);
/**
 * Text for a `#` comment: one line whatever it holds, so it cannot end the comment and start
 * YAML, and no invisible or bidirectional characters (from an inventory's names) to change what
 * the reviewer reads.
 */
export const commentText = (s: string) => visibleText(s);

export function renderForceYaml(input: TemplateInput): string {
  const guids = (purpose: string, count: number) =>
    Array.from({ length: count }, (_, i) => `    - ${placeholderGuid(input.id, `${purpose}-${i}`)}   # placeholder`);
  const groupList = (purpose: string, count: number) => (count > 0 ? ['', ...guids(purpose, count)].join('\n') : ' []');
  const c = input.connectivity ?? { type: 'none' as const, sites: [] };
  const lines: string[] = [
    FORCE_SCHEMA_COMMENT,
    `# ${commentText(input.name)}: Blue Lamp landing-zone choices. Owned by the force platform team; see docs/configuration.md.`,
  ];
  if (input.headerNote) lines.push(`# ${commentText(input.headerNote)}`);
  lines.push(
    `id: ${input.id}`,
    `name: ${q(input.name)}`,
    `tenantId: ${placeholderGuid(input.id, 'tenant')}         # placeholder: the force's Entra tenant`,
    `subscriptionId: ${placeholderGuid(input.id, 'subscription')}   # placeholder: the landing-zone subscription`,
    `region: ${input.region ?? 'uksouth'}`,
    `classification: ${input.classification ?? 'OFFICIAL'}`,
    `costCentre: ${q(input.costCentre ?? `${input.id.toUpperCase()}-ICT-CLOUD`)}`,
    '',
    'network:',
    `  addressSpace: ${input.addressSpace}   # allocated from the national pool; do not change without the NMC`,
    '  connectivity:',
    `    type: ${c.type}`,
  );
  if (c.sites.length > 0) {
    lines.push('    sites:');
    for (const site of c.sites) {
      lines.push(`      - name: ${site.name}`, `        addressSpaces: [${site.addressSpaces.join(', ')}]`);
      if (site.gatewayAddress)
        lines.push(`        gatewayAddress: ${site.gatewayAddress}   # placeholder (documentation range)`);
    }
  } else {
    lines.push('    sites: []');
  }
  if (c.expressRouteCircuitId) lines.push(`    expressRouteCircuitId: ${c.expressRouteCircuitId}   # placeholder`);
  if (input.standardFlows) lines.push(...standardFlowLines(c.sites.length > 0));
  lines.push(
    '',
    '# Entra group object ids in the force tenant. Admins are PIM-eligible only, never standing Owner.',
    'identity:',
    `  readers:${groupList('readers', input.readerGroups ?? 1)}`,
    `  operators:${groupList('operators', input.operatorGroups ?? 1)}`,
    `  admins:${groupList('admins', input.adminGroups ?? 1)}`,
    '',
    'services:',
    '  office365:',
    `    enabled: ${input.office365 ?? false}`,
  );
  if (input.office365) lines.push('    workloads: [exchange, sharepoint, teams]');
  lines.push('  box:', `    enabled: ${Boolean(input.box)}`);
  if (input.box) lines.push(`    enterpriseId: ${q(input.box.enterpriseId)}   # placeholder`);
  lines.push('  evidenceStore:', `    enabled: ${input.evidence ?? false}`);
  if (input.evidence) {
    lines.push(
      `    retentionDays: ${input.evidenceRetentionDays ?? 2555}   # WORM period; cannot be shortened once locked`,
      '    coolAfterDays: 90',
      '    archiveAfterDays: 365',
    );
    if (input.evidenceSharing && input.evidenceSharing.length > 0) {
      lines.push(
        '    # Partners who may read evidence: read-only, until expires, over private link (docs/evidence-sharing.md).',
        '    sharing:',
      );
      for (const a of input.evidenceSharing) {
        lines.push(
          `      - id: ${a.id}`,
          `        partner: ${q(a.partner)}`,
          `        partnerTenantId: ${a.partnerTenantId}   # placeholder: the partner's Entra tenant`,
          `        guestGroupId: ${a.guestGroupId}   # placeholder: group of the partner's guests in the force tenant`,
          '        shares:',
          ...a.shares.map((s) =>
            s.prefix
              ? `          - { container: ${s.container}, prefix: ${q(s.prefix)} }`
              : `          - { container: ${s.container} }`,
          ),
          `        expires: ${a.expires}`,
          `        approvedBy: ${q(a.approvedBy)}`,
          `        approvedOn: ${a.approvedOn}`,
          `        reference: ${q(a.reference)}`,
        );
      }
    }
  }
  lines.push(
    '',
    'logging:',
    `  retentionDays: ${input.loggingRetentionDays ?? 365}`,
    '  flowLogRetentionDays: 90',
    '',
    'defender:',
    `  additionalPlans: [${(input.defenderAdditionalPlans ?? []).join(', ')}]   # on top of the national minimum`,
    '',
    'budget:',
    `  monthlyGbp: ${input.monthlyGbp ?? 5000}`,
    '  alertThresholds: [50, 80, 100]',
    '',
    'contacts:',
    `  securityEmail: security@${input.id}.police.example`,
    `  platformEmail: cloud-platform@${input.id}.police.example`,
    `  budgetEmails: [finance@${input.id}.police.example]`,
    '',
  );
  return lines.join('\n');
}

/** The standard flows every bundled force declares (docs/network.md). */
function standardFlowLines(hasSites: boolean): string[] {
  const lines = ['  # What may flow; everything else is denied (docs/network.md).', '  flows:'];
  if (hasSites)
    lines.push(
      '    - name: sites-to-workloads-https',
      '      from: sites',
      '      to: workloads',
      '      ports: [443]',
    );
  lines.push(
    '    - name: workloads-to-internet-https',
    '      from: workloads',
    '      to: internet',
    '      ports: [443]',
    '      fqdns: ["*.police.uk", "*.gov.uk"]',
  );
  return lines;
}
