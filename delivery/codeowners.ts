/**
 * CODEOWNERS, generated from the force list so that it can never fall behind it: each force's
 * team owns its own file, the assurance team owns policies and waivers, the NMC platform team
 * owns everything else. GitHub applies the last matching pattern, so the general rule is first.
 *
 * Teams live in the repository's own organisation (GitHub honours only teams that can be given
 * write access to the repository), one team per force: `@bluelamp/force-<id>`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic';
import { forceIdsOnDisk } from './affected';

export const CODEOWNERS_FILE = 'CODEOWNERS';
export const GITHUB_ORG = 'bluelamp';
export const PLATFORM_TEAM = `@${GITHUB_ORG}/platform`;
export const ASSURANCE_TEAM = `@${GITHUB_ORG}/assurance`;
export const forceTeam = (id: string) => `@${GITHUB_ORG}/force-${id}`;

const HEADER =
  '# Generated from forces/*.yaml by scripts/write-codeowners.ts (bluelamp onboard runs it too): do not edit by hand.';

export function renderCodeowners(forceIds: readonly string[], adoptingIds: readonly string[] = []): string {
  const row = (pattern: string, owner: string) => `${pattern.padEnd(40)} ${owner}`;
  return [
    HEADER,
    '# The last matching pattern wins, so the general rule comes first.',
    '',
    '# Everything not listed below: the NMC platform engineers.',
    row('*', PLATFORM_TEAM),
    '',
    "# Each force's landing-zone choices: that force's cloud platform team.",
    ...[...forceIds].sort().map((id) => row(`/forces/${id}.yaml`, forceTeam(id))),
    '',
    ...(adoptingIds.length > 0
      ? [
          "# Existing resources a force adopts (bluelamp adopt): the force's team and the NMC platform engineers.",
          ...[...adoptingIds].sort().map((id) => row(`/forces/${id}.adopt.yaml`, `${forceTeam(id)} ${PLATFORM_TEAM}`)),
          '',
        ]
      : []),
    '# Assurance rules and every waiver (a waiver is a risk acceptance): the assurance team.',
    row('/policies/', ASSURANCE_TEAM),
    row('/policies/waivers/', ASSURANCE_TEAM),
    '',
  ].join('\n');
}

/** CODEOWNERS as it should be for the forces in `dir`. */
export function expectedCodeowners(dir: string): string {
  const forces = join(dir, 'forces');
  const adopting = existsSync(forces)
    ? readdirSync(forces)
        .filter((f) => f.endsWith('.adopt.yaml'))
        .map((f) => f.slice(0, -'.adopt.yaml'.length))
    : [];
  return renderCodeowners(forceIdsOnDisk(dir), adopting);
}

/** Rewrites `dir`/CODEOWNERS atomically; returns whether it changed. */
export function writeCodeowners(dir: string): boolean {
  const file = join(dir, CODEOWNERS_FILE);
  const text = expectedCodeowners(dir);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileAtomic(file, text);
  return true;
}

/** True when `dir` has a CODEOWNERS this generator wrote (so onboard may keep it in step). */
export function hasGeneratedCodeowners(dir: string): boolean {
  const file = join(dir, CODEOWNERS_FILE);
  return existsSync(file) && readFileSync(file, 'utf8').startsWith(HEADER);
}
