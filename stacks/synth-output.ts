/**
 * Which folders synth may replace. Kept free of cdktf so that the CLI can refuse a wrong `--out`
 * before it loads the synthesis machinery.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasMarker, type OwnerMarker } from '../util/owned-dir';
import { TOOL_NAME } from '../util/package-root';
import { ESTATE_MANIFEST, type EstateManifest } from './stack-inputs';

/**
 * Written first into every output folder synth creates: the only proof that a folder is synth's
 * to replace (a manifest.json proves nothing; cdktf, browser extensions and web apps write one).
 */
export const SYNTH_OWNER: OwnerMarker = {
  file: '.bluelamp-synth',
  signature: 'bluelamp synth output, format 1',
  note: 'Written by bluelamp synth: the next bluelamp synth replaces this whole folder. Keep no other files here.',
};

/**
 * What synth output written before the marker existed holds at its top level (delivery adds its
 * run summaries): such a folder, with a bluelamp.json that names bluelamp, is still synth's.
 */
const LEGACY_ENTRIES = new Set([
  'manifest.json',
  ESTATE_MANIFEST,
  'stacks',
  'bluelamp-plan.json',
  'bluelamp-deploy.json',
  'bluelamp-drift.json',
]);

/**
 * Why synth may not replace `outdir` (it replaces the folder whole), or undefined: it must be
 * absent, empty, or a folder synth wrote (its marker, or an older synth's output and nothing else).
 */
export function synthOutdirProblem(outdir: string, shown: string = outdir): string | undefined {
  let isDir: boolean;
  try {
    isDir = statSync(outdir).isDirectory();
  } catch {
    return undefined; // absent
  }
  if (!isDir) return `--out ${shown} is a file; --out takes a folder for the Terraform JSON`;
  const entries = readdirSync(outdir);
  if (entries.length === 0 || hasMarker(outdir, SYNTH_OWNER) || isLegacyOutput(outdir, entries)) return undefined;
  return `--out ${shown} is not empty and was not written by bluelamp synth (it has no ${SYNTH_OWNER.file} marker); choose another folder (synth replaces it whole), or empty it yourself`;
}

function isLegacyOutput(outdir: string, entries: readonly string[]): boolean {
  if (!entries.every((e) => LEGACY_ENTRIES.has(e)) || !entries.includes(ESTATE_MANIFEST)) return false;
  try {
    const manifest = JSON.parse(readFileSync(join(outdir, ESTATE_MANIFEST), 'utf8')) as Partial<EstateManifest>;
    return manifest.tool?.name === TOOL_NAME && manifest.schemaVersion === 1;
  } catch {
    return false;
  }
}
