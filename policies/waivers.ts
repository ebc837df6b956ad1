/**
 * Waivers: signed-off, time-limited exceptions to a rule for named resources of one force,
 * written by the assurance team in `policies/waivers/<force-id>.yaml`.
 *
 * They are validated like force config (zod + the yaml document API, file:line:col errors), and
 * better than the tools they are modelled on: each carries an approver, a ticket and an expiry at
 * most a year after approval; an expired waiver, or one that matches nothing, is itself a finding;
 * residency and internet-facing management ports can never be waived.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../config/errors';
import { readAndValidate } from '../config/yaml-file';
import { londonDay } from '../util/london-time';
import { ruleById } from './pack';
import type { RuleMeta, WaiverRef } from './types';

/** The longest a waiver may run from its approval. */
export const MAX_WAIVER_MONTHS = 12;

/**
 * How much of a stack one waiver may cover. A pattern is judged by what it matches, not by how
 * it is spelt: `*E*` looks narrow and matched 71 of a stack's 128 resources. A waiver that matches
 * more than WAIVER_MATCH_FLOOR resources and more than MAX_WAIVER_SHARE of its stack's resources
 * (addresses or construct paths) is refused: it waives nothing and is itself a finding (BL-WVR-003).
 * The floor lets a small stack's waiver name its few resources of one kind.
 */
export const MAX_WAIVER_SHARE = 0.1;
export const WAIVER_MATCH_FLOOR = 5;

/** The most resources one waiver may match in a stack of `resources` resources. */
export function maxWaiverMatches(resources: number): number {
  return Math.max(WAIVER_MATCH_FLOOR, Math.floor(resources * MAX_WAIVER_SHARE));
}

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** zod's ISO date checks the calendar too (no 2026-02-30); the message says which part is wrong. */
const isoDate = () =>
  z.iso.date({
    error: (issue) =>
      typeof issue.input === 'string' && ISO_DATE_RE.test(issue.input)
        ? 'is not a real calendar date'
        : 'must be a date written YYYY-MM-DD',
  });

/** Words a reviewer would not accept as a reason. */
const PLACEHOLDER_RE =
  /^(?:todo|tbc|tbd|n\/?a|none|temp(?:orary)?|test(?:ing)?|fix later|see ticket|as discussed|approved|ok)\b/i;

/** A reason is a real sentence: enough words to explain why, not a placeholder. */
export function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  const words = text.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w));
  if (text.length < 30 || words.length < 6)
    return 'must be a real sentence explaining why the risk is accepted (at least 6 words and 30 characters)';
  if (PLACEHOLDER_RE.test(text))
    return `"${text.split(/\s+/)[0]}" is a placeholder, not a reason; say why the risk is accepted and what mitigates it`;
  return undefined;
}

export const WaiverSchema = z
  .strictObject({
    rule: z
      .string()
      .regex(/^BL-[A-Z]+-\d{3}$/, { message: 'must be a rule id such as BL-STG-003 (see `bluelamp rules`)' })
      .superRefine((id, ctx) => {
        const rule = ruleById(id);
        if (!rule) ctx.addIssue({ code: 'custom', message: `no rule ${id}; see \`bluelamp rules\`` });
        else if (!rule.meta.waivable)
          ctx.addIssue({ code: 'custom', message: `${id} (${rule.meta.title}) cannot be waived` });
      }),
    resource: z
      .string()
      .min(1)
      .max(512)
      .describe('Terraform address or glob (* and ?), or a construct path.')
      .superRefine((glob, ctx) => {
        if (isCatchAll(glob))
          ctx.addIssue({
            code: 'custom',
            message: `"${glob}" would match any resource; name a resource type, address or construct path`,
          });
      }),
    reason: z.string().superRefine((v, ctx) => {
      const problem = reasonProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    approvedBy: z.string().min(3).max(200).describe('Name and role of the approver (for example the force SIRO).'),
    approvedOn: isoDate(),
    expires: isoDate(),
    ticket: z.string().min(2).max(100).describe('Change or risk ticket reference.'),
  })
  .superRefine((w, ctx) => {
    if (!ISO_DATE_RE.test(w.approvedOn) || !ISO_DATE_RE.test(w.expires)) return;
    if (w.expires <= w.approvedOn)
      ctx.addIssue({ code: 'custom', path: ['expires'], message: `must be after approvedOn (${w.approvedOn})` });
    const limit = addMonths(w.approvedOn, MAX_WAIVER_MONTHS);
    if (w.expires > limit)
      ctx.addIssue({
        code: 'custom',
        path: ['expires'],
        message: `is more than ${MAX_WAIVER_MONTHS} months after approvedOn; the latest allowed is ${limit}`,
      });
  });

export const WaiverFileSchema = z
  .strictObject({ waivers: z.array(WaiverSchema).describe('Exceptions for this force, each signed off.') })
  .describe('Blue Lamp waivers for one force (policies/waivers/<force-id>.yaml).');

export type Waiver = z.infer<typeof WaiverSchema>;

/** A loaded waiver: where it is written, and its resource pattern compiled once. */
export interface LoadedWaiver extends WaiverRef {
  readonly stack: string;
  readonly matcher: RegExp;
}

/** `YYYY-MM-DD` plus n calendar months (clamped to the month's last day). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A glob (`*` any run of characters, `?` one) as an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Addresses no real waiver means to cover: a glob that matches one of them matches anything. */
const UNRELATED = [
  'azurerm_zz_unrelated.Zz_Unrelated_00000000',
  'module.zz.azurerm_zz_unrelated.zz[0]',
  'zz/Unrelated/Resource',
  '(stack)',
];

/** True for a glob such as `*`, `*.*` or `azurerm_*` that would waive the rule for the whole force. */
export function isCatchAll(glob: string): boolean {
  const re = globToRegExp(glob);
  return glob !== '(stack)' && UNRELATED.some((a) => re.test(a));
}

/** The waiver has expired once its `expires` day is over in London. */
export function isExpired(waiver: Pick<WaiverRef, 'expires'>, now: Date): boolean {
  return londonDay(now) > waiver.expires;
}

/**
 * Loads and validates every `<force-id>.yaml` in `dir` (relative paths in messages are from
 * `baseDir`). Throws ConfigError listing every problem in every file.
 */
export function loadWaivers(dir: string, baseDir: string, now: Date): LoadedWaiver[] {
  if (!existsSync(dir)) return [];
  const issues: ConfigIssue[] = [];
  const loaded: LoadedWaiver[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = relative(baseDir, abs) || name;
    // Nothing in the folder is silently ignored: a waiver under the wrong name would not apply.
    if (NOT_WAIVERS.test(name)) continue;
    const misnamed = waiverFileNameProblem(name, abs);
    if (misnamed) {
      issues.push({ file: rel, path: '', message: misnamed });
      continue;
    }
    const result = readAndValidate(abs, rel, WaiverFileSchema);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const stack = name.replace(/\.yaml$/, '');
    const today = londonDay(now);
    result.value.waivers.forEach((w, i) => {
      const pos = result.locator.locate(['waivers', i]);
      if (w.approvedOn > today) {
        const at = result.locator.locate(['waivers', i, 'approvedOn']);
        issues.push({
          file: rel,
          line: at?.line,
          col: at?.col,
          path: `waivers[${i}].approvedOn`,
          message: `${w.approvedOn} is in the future`,
        });
      }
      loaded.push({
        ...w,
        stack,
        matcher: globToRegExp(w.resource),
        source: { file: rel, line: pos?.line, col: pos?.col },
      });
    });
  }
  if (issues.length) throw new ConfigError(issues);
  return loaded;
}

/** Files of the waivers folder that are not waivers and are meant to be there. */
const NOT_WAIVERS = /^(?:README\.md|\.gitkeep|\.gitignore)$/;

/**
 * Why a name in the waivers folder is not a waiver file (`<force-id>.yaml`, lower case, a regular
 * file), or undefined for a waiver file.
 */
function waiverFileNameProblem(name: string, abs: string): string | undefined {
  const stem = name.replace(/\.[^.]*$/, '');
  const suggestion = `${stem.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.yaml`;
  if (!lstatSync(abs).isFile())
    return 'is not a waiver file: the waivers folder holds one <force-id>.yaml file per force';
  if (!/\.ya?ml$/i.test(name))
    return `is not a waiver file (waivers are <force-id>.yaml); rename it to ${suggestion} or remove it`;
  if (!/^[a-z0-9-]+\.yaml$/.test(name))
    return `waiver files are named after the force id in lower case and end in .yaml; rename it to ${suggestion}`;
  return undefined;
}

/** The public record of a waiver (what findings and outputs carry). */
export function waiverRef(w: LoadedWaiver): WaiverRef {
  const { stack: _stack, matcher: _matcher, ...ref } = w;
  return ref;
}

/** Rules about waivers themselves (findings the engine raises, not rules over resources). */
export const WAIVER_RULES: readonly RuleMeta[] = [
  {
    id: 'BL-WVR-001',
    title: 'Waivers are renewed or removed before they expire',
    severity: 'medium',
    rationale:
      'An expired waiver no longer covers its finding; it is reported so the risk is re-approved or the resource fixed.',
    ncsc: ['4'],
    mirrors: {},
    waivable: false,
  },
  {
    id: 'BL-WVR-002',
    title: 'Every waiver matches a finding',
    severity: 'low',
    rationale:
      'A waiver that matches nothing is stale (fixed, renamed or mistyped) and would silently cover a future finding; remove or correct it.',
    ncsc: ['4'],
    mirrors: {},
    waivable: false,
  },
  {
    id: 'BL-WVR-003',
    title: 'Every waiver names specific resources',
    severity: 'high',
    rationale: `A waiver is judged by what it matches, not by how it is spelt: one that matches more than ${WAIVER_MATCH_FLOOR} resources and more than ${MAX_WAIVER_SHARE * 100}% of its stack waives a rule for much of a force; it is refused and waives nothing.`,
    ncsc: ['4'],
    mirrors: {},
    waivable: false,
  },
];
