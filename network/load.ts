/**
 * The estate's network as `reach` and `check` see it: every synthesised stack (or a plan in place
 * of its stack), the ExpressRoute site ranges from config (Terraform does not hold them: the
 * circuit announces them over BGP), and each stack's sources.json to point rules at YAML lines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Estate } from '../config/estate';
import { isPlanJson, stackFromConfig, stackFromPlan } from '../policies/terraform-json';
import type { SourceLocation, StackView } from '../policies/types';
import { Network } from './evaluate';
import type { ConfigRef } from './model';
import { buildNetworkModel, type DeclaredOnPremises } from './parse';

export interface SourcesFile {
  readonly file: string;
  readonly fields: Readonly<Record<string, { line: number; col: number }>>;
}

/** The sources.json of each stack, by stack name. */
export type SourcesByStack = ReadonlyMap<string, SourcesFile>;

/** ExpressRoute sites of each force, for the model (VPN sites are in Terraform as local network gateways). */
export function declaredOnPremises(estate: Estate | undefined): DeclaredOnPremises[] {
  return (estate?.forces ?? []).flatMap((f) =>
    f.config.network.connectivity.type === 'expressroute'
      ? f.config.network.connectivity.sites.map((s) => ({
          stack: f.config.id,
          label: `${f.config.id}-${s.name}`,
          prefixes: s.addressSpaces,
        }))
      : [],
  );
}

/** Reads every stack under `outdir/stacks`, with a plan (when given) standing in for its stack. */
export function readStacks(outdir: string, plan?: string): { stacks: StackView[]; sources: Map<string, SourcesFile> } {
  const dir = join(outdir, 'stacks');
  if (!existsSync(dir)) throw new Error(`no synthesised stacks in ${dir}; run \`bluelamp synth\` first`);
  const names = readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, 'cdk.tf.json')))
    .sort();
  const sources = new Map<string, SourcesFile>();
  const stacks = names.map((name) => {
    const file = join(dir, name, 'sources.json');
    if (existsSync(file)) sources.set(name, JSON.parse(readFileSync(file, 'utf8')) as SourcesFile);
    return stackFromConfig(name, readJson(join(dir, name, 'cdk.tf.json')));
  });
  if (!plan) return { stacks, sources };
  const doc = readJson(plan);
  if (!isPlanJson(doc)) throw new Error(`${plan} is not a \`terraform show -json\` plan`);
  const planned = basename(plan).replace(/\.(plan\.)?json$/, '');
  const name = names.includes(planned) ? planned : basename(join(plan, '..'));
  if (!names.includes(name))
    throw new Error(`${plan}: name the plan after its stack (<stack>.json, one of ${names.slice(0, 3).join(', ')}...)`);
  return { stacks: stacks.map((s) => (s.name === name ? stackFromPlan(name, doc, new Map()) : s)), sources };
}

export function loadNetwork(stacks: readonly StackView[], estate: Estate | undefined): Network {
  return new Network(buildNetworkModel(stacks, declaredOnPremises(estate)));
}

/** The YAML line a generated rule was declared on. */
export function locateConfig(sources: SourcesByStack, ref: ConfigRef | undefined): SourceLocation | undefined {
  if (!ref) return undefined;
  const file = sources.get(ref.stack);
  if (!file) return undefined;
  const exact = file.fields[ref.field];
  if (exact) return { file: file.file, line: exact.line, col: exact.col };
  const prefix = Object.keys(file.fields).find((k) => k.startsWith(`${ref.field}.`) || k.startsWith(`${ref.field}[`));
  return prefix ? { file: file.file, ...file.fields[prefix] } : { file: file.file };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}
