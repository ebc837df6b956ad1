/**
 * Incremental synthesis: a stack whose inputs (the synthesis code, platform.yaml, its own config:
 * the fingerprint bluelamp.json records as inputsSha256) are unchanged since a previous synth is
 * copied from that output instead of being synthesised again.
 *
 * A previous output is trusted only as far as it proves itself: bluelamp.json must come from this
 * tool at this version with this synthesis code, and each stack's Terraform JSON, its cdktf manifest
 * entry and its resource count must hash to the outputSha256 recorded beside its inputs. Anything
 * else (unreadable JSON, another version, a hand-edited cdk.tf.json, a manifest from elsewhere) is
 * synthesised again, and the reason is reported. The bytes are read once, checked, and those very
 * bytes are written: a file changed between the check and the copy cannot slip through.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Estate } from '../config/estate';
import { TOOL_NAME, toolVersion } from '../util/package-root';
import { codeSha256, ESTATE_MANIFEST, stackInputsSha256, type EstateManifest } from './stack-inputs';

/** The Terraform JSON file of a stack, as cdktf lays it out. */
export const STACK_JSON = 'cdk.tf.json';

/** One stack taken from a previous output, checked against its recorded fingerprints. */
export interface ReusedStack {
  readonly cdkTfJson: Buffer;
  /** The stack's entry in cdktf's manifest.json. */
  readonly manifestEntry: unknown;
  /** cdktf's manifest.json fields other than `stacks` and `outdir` (the library version). */
  readonly manifestBase: Record<string, unknown>;
  readonly resources: number;
}

export interface Reuse {
  readonly stacks: ReadonlyMap<string, ReusedStack>;
  /** Why stacks that could have been reused were not (a corrupted or foreign output). */
  readonly refused: readonly string[];
}

/**
 * The fingerprint of one stack's output: its Terraform JSON, its manifest entry, the manifest's
 * other fields and its resource count. Recorded in bluelamp.json as outputSha256.
 */
export function outputSha256(
  cdkTfJson: Buffer | string,
  manifestEntry: unknown,
  manifestBase: Record<string, unknown>,
  resources: number,
): string {
  return createHash('sha256')
    .update(cdkTfJson)
    .update('\0')
    .update(JSON.stringify(manifestEntry) ?? 'undefined')
    .update('\0')
    .update(JSON.stringify(manifestBase))
    .update(`\0${resources}`)
    .digest('hex');
}

/** cdktf's manifest without `stacks` and `outdir` (outdir names the folder, not what is in it). */
export function manifestBaseOf(manifest: Record<string, unknown>): Record<string, unknown> {
  const { stacks: _stacks, outdir: _outdir, ...base } = manifest;
  return base;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A file's bytes, or undefined when it is missing or cannot be read (a folder, no permission, removed meanwhile). */
function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the previous output folder `from` can give for `names`, each stack checked (see the file comment). */
export function loadReusable(from: string, estate: Estate, names: readonly string[]): Reuse {
  const stacks = new Map<string, ReusedStack>();
  if (!existsSync(join(from, ESTATE_MANIFEST))) return { stacks, refused: [] };
  const recorded = readJson(join(from, ESTATE_MANIFEST)) as Partial<EstateManifest> | undefined;
  const manifest = readJson(join(from, 'manifest.json'));
  const foreign = (why: string): Reuse => ({ stacks, refused: [`${from}: ${why}; synthesising every stack`] });
  if (!isRecord(recorded) || !isRecord(recorded.stacks)) return foreign(`${ESTATE_MANIFEST} is not readable`);
  if (recorded.schemaVersion !== 1 || recorded.tool?.name !== TOOL_NAME || recorded.tool.version !== toolVersion())
    return foreign(`${ESTATE_MANIFEST} was not written by this version of ${TOOL_NAME}`);
  // A different synthesis code or toolchain: every stack's inputs differ. Not a fault, nothing to say.
  if (recorded.codeSha256 !== codeSha256()) return { stacks, refused: [] };
  if (!isRecord(manifest) || !isRecord(manifest.stacks)) return foreign('manifest.json is not readable');
  const base = manifestBaseOf(manifest);
  const refused: string[] = [];
  for (const name of names) {
    const entry = (recorded.stacks as Record<string, unknown>)[name];
    if (!isRecord(entry) || entry.inputsSha256 !== stackInputsSha256(estate, name)) continue;
    const file = join(from, 'stacks', name, STACK_JSON);
    const cdkTfJson = readBytes(file);
    const resources = entry.resources;
    const manifestEntry = manifest.stacks[name];
    if (
      cdkTfJson === undefined ||
      typeof resources !== 'number' ||
      manifestEntry === undefined ||
      entry.outputSha256 !== outputSha256(cdkTfJson, manifestEntry, base, resources)
    ) {
      refused.push(`${name}: the output in ${from} does not match its recorded fingerprint; synthesising it again`);
      continue;
    }
    stacks.set(name, { cdkTfJson, manifestEntry, manifestBase: base, resources });
  }
  return { stacks, refused };
}
