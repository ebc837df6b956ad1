/**
 * What the report pages show, worked out once from the check run: per-stack counts and verdicts,
 * page file names, waiver status against the run's own date (so the same run always renders the
 * same report), and findings grouped by NCSC principle.
 */
import { principleNumber, TOP_LEVEL_PRINCIPLES } from '../ncsc';
import { isBlocking, rulesById, sortFindings, summarise, type RunSummary } from '../formats/summary';
import type { CheckRun, Finding, RuleMeta, Severity, StackInventory, WaiverRef } from '../types';
import type { DriftResults } from './drift';
import { compareText } from '../../util/text-order';

/** Waivers expiring within this many days of the run are highlighted. */
export const EXPIRY_WARNING_DAYS = 30;

export interface StackModel {
  readonly stack: StackInventory;
  /** Page path relative to the report root, e.g. `stacks/essex.html`. */
  readonly page: string;
  readonly isHub: boolean;
  readonly findings: readonly Finding[];
  readonly summary: RunSummary;
}

export type WaiverStatus = 'expired' | 'expiring' | 'active';

export interface WaiverModel {
  readonly waiver: WaiverRef;
  readonly status: WaiverStatus;
  /** Days from the run to expiry (negative when expired). */
  readonly daysLeft: number;
  /** Findings this waiver covers in the run. */
  readonly matched: number;
  /** Stacks whose findings it covers, or whose waiver file it is in. */
  readonly stacks: readonly string[];
}

export interface PrincipleGroup {
  /** "1".."14", or "" for rules that name no principle. */
  readonly principle: string;
  readonly rules: readonly RuleMeta[];
  readonly findings: readonly Finding[];
}

export interface ReportModel {
  readonly run: CheckRun;
  readonly threshold: Severity;
  readonly summary: RunSummary;
  readonly stacks: readonly StackModel[];
  readonly hub?: StackModel;
  readonly waivers: readonly WaiverModel[];
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /** The last drift run, when the report was given one. */
  readonly drift?: DriftResults;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'stack'
  );
}

function sameWaiver(a: WaiverRef, b: WaiverRef): boolean {
  return (
    a.rule === b.rule && a.resource === b.resource && a.source.file === b.source.file && a.source.line === b.source.line
  );
}

const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, toDate: string): number {
  const from = Date.parse(fromIso.slice(0, 10));
  const to = Date.parse(toDate.slice(0, 10));
  return Number.isNaN(from) || Number.isNaN(to) ? Number.NaN : Math.round((to - from) / DAY_MS);
}

/** `policies/waivers/essex.yaml` -> `essex`. */
function waiverFileStack(file: string): string {
  return (file.split(/[\\/]/).pop() ?? '').replace(/\.ya?ml$/, '');
}

export function buildModel(run: CheckRun, threshold: Severity, hubStack: string): ReportModel {
  const findings = sortFindings(run.findings);
  const used = new Set<string>();
  const stackNames = [...new Set([...run.stacks.map((s) => s.name), ...findings.map((f) => f.stack)])];
  const stacks = stackNames.map((name): StackModel => {
    const stack = run.stacks.find((s) => s.name === name) ?? { name, resources: [] };
    let page = `stacks/${slug(name)}.html`;
    for (let n = 2; used.has(page); n++) page = `stacks/${slug(name)}-${n}.html`;
    used.add(page);
    const mine = findings.filter((f) => f.stack === name);
    return {
      stack,
      page,
      isHub: name === hubStack,
      findings: mine,
      summary: summarise({ findings: mine, stacks: [stack], rules: run.rules }, threshold),
    };
  });
  const waivers = run.waivers.map((waiver): WaiverModel => {
    const covered = findings.filter((f) => f.waiver && sameWaiver(f.waiver, waiver));
    const daysLeft = daysBetween(run.generatedAt, waiver.expires);
    const fromFile = waiverFileStack(waiver.source.file);
    return {
      waiver,
      daysLeft,
      status: !(daysLeft >= 0) ? 'expired' : daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'active',
      matched: covered.length,
      stacks: [...new Set([...covered.map((f) => f.stack), ...(stackNames.includes(fromFile) ? [fromFile] : [])])],
    };
  });
  return {
    run,
    threshold,
    summary: summarise(run, threshold),
    stacks,
    hub: stacks.find((s) => s.isHub),
    waivers: waivers.sort((a, b) => a.daysLeft - b.daysLeft || compareText(a.waiver.rule, b.waiver.rule)),
    rules: rulesById(run),
  };
}

/**
 * Findings under each top-level principle their rule serves (a finding can appear under more
 * than one), with the rules that cover the principle, so a principle with no rules shows as a gap.
 */
export function byPrinciple(model: ReportModel, findings: readonly Finding[]): PrincipleGroup[] {
  const principlesOf = (rule: RuleMeta | undefined): string[] => {
    const tops = (rule?.ncsc ?? []).map(principleNumber).filter((p): p is string => Boolean(p));
    return tops.length ? [...new Set(tops)] : [''];
  };
  const groups = [...TOP_LEVEL_PRINCIPLES, ''].map((principle) => ({
    principle,
    rules: [] as RuleMeta[],
    findings: [] as Finding[],
  }));
  const group = (p: string) => groups.find((g) => g.principle === p)!;
  for (const rule of model.run.rules) for (const p of principlesOf(rule)) group(p).rules.push(rule);
  for (const f of findings) for (const p of principlesOf(model.rules.get(f.ruleId))) group(p).findings.push(f);
  return groups.filter((g) => g.principle !== '' || g.findings.length > 0);
}

export function blocking(model: ReportModel, finding: Finding): boolean {
  return isBlocking(finding, model.threshold);
}
