/**
 * SARIF 2.1.0 for GitHub code scanning. Each finding points at the line of the force YAML its
 * value comes from when known (that is where a force team fixes it), otherwise at the synthesised
 * Terraform JSON; the stack and Terraform address ride along as a logical location.
 *
 * Waivers. GitHub code scanning ignores `suppressions` (a suppressed result becomes an open
 * alert), so the file for upload (`--format sarif`) leaves waived findings out: GitHub shows the
 * unwaived ones only, and closes an alert once its finding is waived. The count left out is in the
 * run's properties (`waivedResultsOmitted`). `--format sarif-full` keeps every finding, waived ones
 * as accepted external suppressions carrying the waiver's justification: the audit record, for
 * tools that honour suppressions, never for upload. SARIF 2.1.0 (3.27.23) wants `suppressions` on
 * every result of a run or on none, so both files give every result one: `[]` (not suppressed)
 * or the waiver.
 *
 * GitHub rejects a run with more than 25,000 results. Beyond that the results are cut,
 * deterministically and worst first (unwaived before waived, then by severity, failures before
 * unknowns), and the cut is recorded in the run's properties and as a tool notification.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEVERITIES, type CheckRun, type Finding, type RuleMeta, type Severity, type SourceLocation } from '../types';
import { ncscLabel, principleUrl } from '../ncsc';
import { rulesById, sortFindings } from './summary';
import { packageRoot, TOOL_NAME, toolVersion } from '../../util/package-root';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/**
 * Where a SARIF reader learns about the tool (`tool.driver.informationUri`): the `homepage` of
 * package.json, or its `repository` when that is an https URL, so the address is written once,
 * where npm and GitHub read it too. Neither is set while the project has no public home, and then
 * the field is left out rather than guessed: a toolComponent needs only `name` (the OASIS SARIF
 * 2.1.0 schema, test/fixtures/schemas/), and GitHub code scanning reads the driver's name,
 * version, semanticVersion and rules, not informationUri (docs.github.com, "SARIF support for
 * code scanning", toolComponent object). Pure.
 */
export function toolInformationUri(pkg: { homepage?: unknown; repository?: unknown }): string | undefined {
  const repository =
    typeof pkg.repository === 'object' && pkg.repository !== null
      ? (pkg.repository as { url?: unknown }).url
      : pkg.repository;
  for (const candidate of [pkg.homepage, repository]) {
    if (typeof candidate !== 'string') continue;
    // npm writes `git+https://...git`; a viewer wants the page.
    const url = candidate.replace(/^git\+/, '').replace(/\.git$/, '');
    if (/^https:\/\/[^\s/]+\/\S*$/.test(url)) return url;
  }
  return undefined;
}

function packageJson(): { homepage?: unknown; repository?: unknown } {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** What a SARIF file holds: `upload` leaves waived findings out (for GitHub), `full` keeps them as suppressions. */
export type SarifScope = 'upload' | 'full';
/** GitHub code scanning refuses a SARIF run with more results than this. */
export const GITHUB_SARIF_RESULT_LIMIT = 25_000;

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's scale: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/**
 * SARIF and GitHub want forward-slashed paths relative to the repository root. An absolute path
 * (a plan outside the repository) becomes a file:// URI: valid SARIF, though GitHub cannot place it.
 */
function uriOf(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function physicalLocation(source: SourceLocation) {
  return {
    artifactLocation: { uri: uriOf(source.file) },
    // GitHub requires a start line; a whole-file location is reported on line 1.
    region: { startLine: source.line ?? 1, ...(source.col ? { startColumn: source.col } : {}) },
  };
}

/** Where a finding with no config source lives: the plan, or the stack's cdk.tf.json. */
function synthesisedFile(run: CheckRun, stack: string): SourceLocation {
  const base = run.input.path.replace(/[\\/]$/, '');
  return { file: run.input.kind === 'plan' ? base : `${base}/stacks/${stack}/cdk.tf.json` };
}

/** `Storage accounts refuse public network access` -> `StorageAccountsRefusePublicNetworkAccess`. */
function pascalName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function mirrorsText(rule: RuleMeta): string[] {
  const m = rule.mirrors;
  return [
    m.checkov?.length ? `Checkov: ${m.checkov.join(', ')}` : '',
    m.trivy?.length ? `Trivy: ${m.trivy.join(', ')}` : '',
    m.cis?.length ? `CIS Azure: ${m.cis.join(', ')}` : '',
    m.azurePolicy?.length ? `Azure Policy: ${m.azurePolicy.join(', ')}` : '',
  ].filter(Boolean);
}

function ruleDescriptor(rule: RuleMeta) {
  const principles = rule.ncsc.map(ncscLabel);
  const mirrors = mirrorsText(rule);
  const text = [
    rule.rationale,
    `NCSC cloud security principles: ${principles.join('; ') || 'none'}.`,
    ...mirrors.map((m) => `Mirrors ${m}.`),
  ].join('\n');
  const markdown = [
    rule.rationale,
    '',
    `**NCSC cloud security principles:** ${rule.ncsc.map((p) => `[${ncscLabel(p)}](${principleUrl(p)})`).join(', ') || 'none'}`,
    ...(mirrors.length ? ['', `**Mirrors:** ${mirrors.join('; ')}`] : []),
    ...(rule.waivable ? [] : ['', 'This rule cannot be waived.']),
  ].join('\n');
  return {
    id: rule.id,
    name: pascalName(rule.title) || rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text, markdown },
    helpUri: principleUrl(rule.ncsc[0] ?? ''),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'azure', 'terraform', ...rule.ncsc.map((p) => `ncsc-${p}`)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      ncsc: rule.ncsc,
      mirrors: rule.mirrors,
      waivable: rule.waivable,
    },
  };
}

/** A finding whose rule is not in the pack (a problem with a waiver file, say) still needs a descriptor. */
function placeholderRule(finding: Finding): RuleMeta {
  return {
    id: finding.ruleId,
    title: finding.ruleId,
    severity: finding.severity,
    rationale: finding.message,
    ncsc: [],
    mirrors: {},
    waivable: false,
  };
}

/** Stable across runs and line moves: GitHub matches alerts on it. */
function fingerprint(finding: Finding): string {
  return createHash('sha256')
    .update(`${finding.ruleId}\0${finding.stack}\0${finding.address}`)
    .digest('hex')
    .slice(0, 32);
}

function result(run: CheckRun, finding: Finding, ruleIndex: number) {
  const w = finding.waiver;
  const prefix = finding.outcome === 'unknown' ? 'Could not be verified before apply: ' : '';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${prefix}${finding.message} (stack ${finding.stack}, resource ${finding.address})` },
    locations: [
      {
        physicalLocation: physicalLocation(finding.source ?? synthesisedFile(run, finding.stack)),
        logicalLocations: [
          { name: finding.address, fullyQualifiedName: `${finding.stack}/${finding.address}`, kind: 'resource' },
        ],
      },
    ],
    partialFingerprints: { 'bluelampFinding/v1': fingerprint(finding) },
    properties: {
      stack: finding.stack,
      address: finding.address,
      outcome: finding.outcome,
      severity: finding.severity,
      ...(finding.constructPath ? { constructPath: finding.constructPath } : {}),
    },
    // Every result carries `suppressions` (SARIF 3.27.23: all results of a run or none): [] is "not suppressed".
    suppressions: w
      ? [
          {
            kind: 'external',
            status: 'accepted',
            justification: `${w.reason} Approved by ${w.approvedBy} on ${w.approvedOn}; expires ${w.expires}; ticket ${w.ticket}.`,
            location: { physicalLocation: physicalLocation(w.source) },
            properties: { approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires, ticket: w.ticket },
          },
        ]
      : [],
  };
}

/**
 * The findings to report, in output order, and how many were left out to stay within `limit`.
 * What is kept is the worst: unwaived before waived, then by severity, failures before unknowns;
 * ties keep the output order (severity, stack, rule, address), so the cut is the same every run.
 */
function withinLimit(findings: readonly Finding[], limit: number): { kept: Finding[]; omitted: Finding[] } {
  const ordered = sortFindings(findings);
  if (ordered.length <= limit) return { kept: ordered, omitted: [] };
  const position = new Map(ordered.map((f, i) => [f, i]));
  const worst = [...ordered].sort(
    (a, b) =>
      Number(Boolean(a.waiver)) - Number(Boolean(b.waiver)) ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      Number(a.outcome === 'unknown') - Number(b.outcome === 'unknown') ||
      position.get(a)! - position.get(b)!,
  );
  const keep = new Set(worst.slice(0, limit));
  return { kept: ordered.filter((f) => keep.has(f)), omitted: ordered.filter((f) => !keep.has(f)) };
}

/** Run properties and a notification that say what was cut, so a reader knows the list is partial. */
function truncation(total: number, omitted: readonly Finding[], limit: number) {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, omitted.filter((f) => f.severity === s).length]));
  const waived = omitted.filter((f) => f.waiver).length;
  const max = limit.toLocaleString('en-GB');
  const leftOut = SEVERITIES.filter((s) => bySeverity[s] > 0)
    .map((s) => `${bySeverity[s]} ${s}`)
    .join(', ');
  const text =
    `${omitted.length} of ${total} findings are not in this file: GitHub code scanning rejects a run with more than ${max} results, ` +
    `so the worst ${max} are kept (unwaived before waived, then by severity). Left out: ${leftOut}${waived ? ` (${waived} of them waived)` : ''}. ` +
    'Run `bluelamp check` or open the HTML report for the full list.';
  return {
    properties: {
      truncated: true,
      resultLimit: limit,
      totalResults: total,
      omittedResults: omitted.length,
      omittedBySeverity: bySeverity,
      omittedWaived: waived,
    },
    notification: { level: 'warning' as const, message: { text } },
  };
}

export function toSarif(run: CheckRun, scope: SarifScope = 'upload', limit = GITHUB_SARIF_RESULT_LIMIT) {
  const known = rulesById(run);
  const rules: RuleMeta[] = [...run.rules];
  for (const f of run.findings) {
    if (!known.has(f.ruleId) && !rules.some((r) => r.id === f.ruleId)) rules.push(placeholderRule(f));
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const findings = scope === 'upload' ? run.findings.filter((f) => !f.waiver) : run.findings;
  const waivedOmitted = run.findings.length - findings.length;
  const { kept, omitted } = withinLimit(findings, limit);
  const cut = omitted.length > 0 ? truncation(findings.length, omitted, limit) : undefined;
  const informationUri = toolInformationUri(packageJson());
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(informationUri ? { informationUri } : {}),
            version: toolVersion(),
            semanticVersion: toolVersion(),
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: run.generatedAt,
            ...(cut ? { toolExecutionNotifications: [cut.notification] } : {}),
          },
        ],
        results: kept.map((f) => result(run, f, index.get(f.ruleId)!)),
        properties: {
          input: run.input,
          ...(scope === 'upload' ? { waivedResultsOmitted: waivedOmitted } : {}),
          ...(cut ? cut.properties : {}),
        },
      },
    ],
  };
}

export function formatSarif(run: CheckRun, scope: SarifScope = 'upload'): string {
  return `${JSON.stringify(toSarif(run, scope), null, 2)}\n`;
}
