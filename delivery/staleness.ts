/**
 * Refuses Terraform output that no longer matches the config: synth records a fingerprint of
 * each stack's inputs in `bluelamp.json`; plan, deploy and drift compare it with the config on
 * disk before running anything, so what is deployed is always what the config says now.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Estate } from '../config/estate';
import {
  BOOTSTRAP_STACK,
  codeSha256,
  ESTATE_MANIFEST,
  NATIONAL_STACK,
  stackInputsSha256,
  type EstateManifest,
} from '../stacks/stack-inputs';

export class StaleOutputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `${problems.join('\n')}\nrun bluelamp synth to bring the Terraform up to date with the config, then try again`,
    );
    this.name = 'StaleOutputError';
  }
}

/** Throws StaleOutputError naming each stack whose synthesised output is missing or out of date. */
export function assertFresh(estate: Estate, outdir: string, stacks: readonly string[]): void {
  const shown = relative(estate.dir, outdir) || outdir;
  const manifestFile = join(outdir, ESTATE_MANIFEST);
  if (!existsSync(manifestFile))
    throw new StaleOutputError([`${shown}/${ESTATE_MANIFEST} not found: nothing has been synthesised`]);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as EstateManifest;
  const problems: string[] = [];
  for (const stack of stacks) {
    const recorded = manifest.stacks[stack];
    const source =
      stack === NATIONAL_STACK || stack === BOOTSTRAP_STACK
        ? estate.platform.file
        : (estate.forces.find((f) => f.config.id === stack)?.file ?? `forces/${stack}.yaml`);
    if (!recorded || !existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'))) {
      // Plain synth leaves bootstrap out: it is synthesised only when named.
      const how = stack === BOOTSTRAP_STACK ? `bluelamp synth --force ${BOOTSTRAP_STACK}` : 'bluelamp synth';
      problems.push(`${stack}: not in ${shown} (synthesise it: ${how})`);
    } else if (recorded.inputsSha256 !== stackInputsSha256(estate, stack)) {
      const changed =
        manifest.codeSha256 !== codeSha256()
          ? 'the Blue Lamp code or provider version'
          : manifest.platformSha256 !== estate.platform.sha256
            ? 'platform.yaml'
            : stack === NATIONAL_STACK
              ? "a force's VPN sites"
              : stack === BOOTSTRAP_STACK
                ? 'a force file (bootstrap grants what every stack needs)'
                : source;
      problems.push(`${stack}: ${shown} is stale (${changed} changed since it was synthesised)`);
    }
  }
  if (problems.length > 0) throw new StaleOutputError(problems);
}
