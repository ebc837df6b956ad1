/**
 * What each stack is made from, as fingerprints: the synthesis code, platform.yaml, the force's
 * own file, and for the national stack the forces' VPN sites. Kept free of cdktf and the provider
 * so that check and deploy can test for stale output without loading the synthesis machinery.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Estate } from '../config/estate';
import type { ForceConfig } from '../config/schema';
import { codeFingerprint } from '../util/code-fingerprint';
import { SYNTHESIS_CODE_FOLDERS } from '../util/package-root';
import { installedToolchainVersions } from '../util/toolchain';

export const NATIONAL_STACK = 'national';
/**
 * The bootstrap stack (stacks/bootstrap-stack.ts): synthesised only when named (`--force bootstrap`),
 * as it is applied once by hand before everything else (docs/bootstrap.md).
 */
export const BOOTSTRAP_STACK = 'bootstrap';

/** Written beside manifest.json: what the output was made from, so later steps can detect staleness. */
export const ESTATE_MANIFEST = 'bluelamp.json';

/**
 * The stacks to synthesise: the national stack, then one per force, by name. With a selection,
 * only the stacks named in it (`national` names the national stack).
 */
export function stackNames(
  estate: Estate | { readonly forces: readonly ForceConfig[] },
  selection?: readonly string[],
): string[] {
  const ids = estate.forces.map((f) => ('config' in f ? f.config.id : f.id));
  const all = [NATIONAL_STACK, ...ids];
  if (!selection || selection.length === 0) return all;
  return [
    ...(selection.includes(BOOTSTRAP_STACK) ? [BOOTSTRAP_STACK] : []),
    ...all.filter((name) => selection.includes(name)),
  ];
}

/** What the national stack takes from one force: the VPN sites its hub gateway terminates. */
export interface VpnTermination {
  readonly forceId: string;
  readonly addressSpace: string;
  readonly sites: ForceConfig['network']['connectivity']['sites'];
}

/**
 * The only part of the force configs the national stack reads. Its fingerprint and `affected`
 * use this, so a force change that does not touch VPN does not touch the national stack.
 */
export function vpnTerminations(forces: readonly Pick<ForceConfig, 'id' | 'network'>[]): VpnTermination[] {
  return forces
    .filter((f) => f.network.connectivity.type === 'vpn')
    .map((f) => ({ forceId: f.id, addressSpace: f.network.addressSpace, sites: f.network.connectivity.sites }));
}

/**
 * The input fingerprint of one stack: the code that synthesises it and the config it is made from
 * (a force: platform.yaml and its own file; the national stack: platform.yaml and the forces' VPN
 * sites, which its gateway terminates). `bluelamp.json` records it per stack, so deploy can refuse
 * output that no longer matches the config or the code.
 */
export function stackInputsSha256(estate: Estate, name: string): string {
  const inputs = [codeSha256(), estate.platform.sha256];
  if (name === BOOTSTRAP_STACK) {
    // Bootstrap grants what every stack needs: any force file can change it.
    inputs.push(...estate.forces.map((f) => f.sha256));
  } else if (name === NATIONAL_STACK) {
    inputs.push(
      createHash('sha256')
        // VPN sites it terminates, and every force's network section (flows become firewall rules).
        .update(JSON.stringify(estate.forces.map((f) => ({ id: f.config.id, network: f.config.network }))))
        .digest('hex'),
    );
  } else {
    const force = estate.forces.find((f) => f.config.id === name);
    if (!force) throw new Error(`no force "${name}" in the estate`);
    inputs.push(force.sha256);
    // Its adoption file turns creates into imports: a change there changes the stack.
    const adoption = estate.adoptions?.get(name);
    if (adoption) inputs.push(adoption.sha256);
  }
  return createHash('sha256').update(inputs.join(':')).digest('hex');
}

let cachedCodeSha: string | undefined;

/**
 * A fingerprint of the synthesis code (SYNTHESIS_CODE_FOLDERS as they run: compiled JavaScript
 * from dist/, or TypeScript under the tests) and the versions of the CDK library and the provider
 * bindings (util/toolchain.ts names them).
 */
export function codeSha256(): string {
  cachedCodeSha ??= codeFingerprint({
    name: 'synthesis',
    root: join(__dirname, '..'),
    folders: SYNTHESIS_CODE_FOLDERS,
    prefix: '',
    suffix: () => installedToolchainVersions().join('\0'),
  });
  return cachedCodeSha;
}

/** Contents of `bluelamp.json`. */
export interface EstateManifest {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'bluelamp'; readonly version: string };
  readonly platformSha256: string;
  /** Fingerprint of the synthesis code and provider versions (see codeSha256). */
  readonly codeSha256: string;
  readonly stacks: Record<
    string,
    {
      readonly source: string;
      readonly resources: number;
      readonly inputsSha256: string;
      /**
       * Fingerprint of the stack's output (stacks/synth-cache.ts): what lets a later synth reuse it.
       * Absent from output written before incremental synthesis, which is then never reused.
       */
      readonly outputSha256?: string;
    }
  >;
}
