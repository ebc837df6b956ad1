/**
 * Synthesises the estate into cdktf's layout (`<outdir>/stacks/<stack>/cdk.tf.json` and
 * `<outdir>/manifest.json`) atomically: everything is written to a temporary sibling folder and
 * moved into place only when every stack has synthesised, so a failed run never leaves a
 * half-written or stale estate that could be deployed.
 *
 * Stacks are synthesised in batches, each in a fresh App, so memory stays bounded and cost is
 * linear in the number of forces.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeDirAtomic } from '../util/atomic';
import type { Estate } from '../config/estate';
import { buildEstateApp, stackNames } from './estate-app';
import { NATIONAL_STACK, vpnTerminations } from './national-stack';

/** Written beside manifest.json: what the output was made from, so later steps can detect staleness. */
export const ESTATE_MANIFEST = 'bluelamp.json';
/** Written in each stack folder: where each config value is written in the source YAML. */
export const SOURCES_FILE = 'sources.json';

export interface SynthOptions {
  /** Output folder. */
  readonly outdir: string;
  /** Only these stacks: force ids, and `national` for the national stack. Default: every stack. */
  readonly forceIds?: readonly string[];
  /** Stacks per App: bounds memory. */
  readonly batchSize?: number;
  /** Called with a short line after each stack. */
  readonly onProgress?: (line: string) => void;
}

export interface StackSummary {
  readonly name: string;
  readonly resources: number;
  /** Config file the stack is made from, relative to the estate folder. */
  readonly source: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: readonly StackSummary[];
}

interface CdktfManifest {
  version: string;
  outdir: string;
  hclOutput?: boolean;
  stacks: Record<string, unknown>;
}

export function synthesizeEstate(estate: Estate, options: SynthOptions): SynthResult {
  const outdir = resolve(options.outdir);
  const names = stackNames(estate, options.forceIds);
  const batchSize = options.batchSize ?? 25;
  const summaries: StackSummary[] = [];
  writeDirAtomic(outdir, (tmp) => {
    let manifest: CdktfManifest | undefined;
    for (let start = 0; start < names.length; start += batchSize) {
      const batch = names.slice(start, start + batchSize);
      buildEstateApp(estate, tmp, batch).synth();
      const written = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8')) as CdktfManifest;
      manifest = manifest ? { ...manifest, stacks: { ...manifest.stacks, ...written.stacks } } : written;
      for (const name of batch) {
        const summary = summarise(estate, tmp, name);
        summaries.push(summary);
        options.onProgress?.(`synth ${name} (${summaries.length}/${names.length}): ${summary.resources} resources`);
      }
    }
    if (!manifest) throw new Error('no stacks to synthesise');
    manifest.outdir = basename(outdir);
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(join(tmp, ESTATE_MANIFEST), JSON.stringify(estateManifest(estate, summaries), null, 2));
  });
  return { outdir, stacks: summaries };
}

function summarise(estate: Estate, tmp: string, name: string): StackSummary {
  const stackDir = join(tmp, 'stacks', name);
  const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const loaded = name === NATIONAL_STACK ? estate.platform : estate.forces.find((f) => f.config.id === name)!;
  writeFileSync(join(stackDir, SOURCES_FILE), JSON.stringify({ file: loaded.file, fields: loaded.locator.allScalarPositions() }));
  return { name, resources, source: loaded.file };
}

/**
 * The input fingerprint of one stack: the code that synthesises it and the config it is made from
 * (a force: platform.yaml and its own file; the national stack: platform.yaml and the forces' VPN
 * sites, which its gateway terminates). `bluelamp.json` records it per stack, so deploy can refuse
 * output that no longer matches the config or the code.
 */
export function stackInputsSha256(estate: Estate, name: string): string {
  const inputs = [codeSha256(), estate.platform.sha256];
  if (name === NATIONAL_STACK) {
    inputs.push(createHash('sha256').update(JSON.stringify(vpnTerminations(estate.forces.map((f) => f.config)))).digest('hex'));
  } else {
    const force = estate.forces.find((f) => f.config.id === name);
    if (!force) throw new Error(`no force "${name}" in the estate`);
    inputs.push(force.sha256);
  }
  return createHash('sha256').update(inputs.join(':')).digest('hex');
}

let cachedCodeSha: string | undefined;

/**
 * A fingerprint of the synthesis code (config/, stacks/, constructs/ as they run: compiled
 * JavaScript from dist/, or TypeScript under the tests) and the versions of cdktf and the provider.
 */
export function codeSha256(): string {
  if (cachedCodeSha) return cachedCodeSha;
  const hash = createHash('sha256');
  const root = join(__dirname, '..');
  for (const folder of ['config', 'stacks', 'constructs']) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(js|ts)$/.test(f)).sort()) {
      hash.update(`${folder}/${file}\0`).update(readFileSync(join(dir, file))).update('\0');
    }
  }
  for (const pkg of ['cdktf', '@cdktf/provider-azurerm']) {
    hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}\0`);
  }
  cachedCodeSha = hash.digest('hex');
  return cachedCodeSha;
}

/** Contents of `bluelamp.json`. */
export interface EstateManifest {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'bluelamp'; readonly version: string };
  readonly platformSha256: string;
  /** Fingerprint of the synthesis code and provider versions (see codeSha256). */
  readonly codeSha256: string;
  readonly stacks: Record<string, { readonly source: string; readonly resources: number; readonly inputsSha256: string }>;
}

function estateManifest(estate: Estate, stacks: readonly StackSummary[]): EstateManifest {
  return {
    schemaVersion: 1,
    tool: { name: 'bluelamp', version: toolVersion() },
    platformSha256: estate.platform.sha256,
    codeSha256: codeSha256(),
    stacks: Object.fromEntries(
      stacks.map((s) => [s.name, { source: s.source, resources: s.resources, inputsSha256: stackInputsSha256(estate, s.name) }]),
    ),
  };
}

/** The package version; from dist/stacks or from stacks/ when run by the tests. */
function toolVersion(): string {
  for (const up of [['..', '..'], ['..']]) {
    const file = join(__dirname, ...up, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}
