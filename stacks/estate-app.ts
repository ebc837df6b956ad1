import { App } from 'cdktf';
import type { Estate } from '../config/estate';
import type { AdoptionConfig } from '../config/adoption-schema';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { ForceStack } from './force-stack';
import { BootstrapStack, bootstrapGrants } from './bootstrap-stack';
import { NATIONAL_STACK, NationalStack } from './national-stack';
import { BOOTSTRAP_STACK } from './stack-inputs';
import { stackNames } from './stack-inputs';

/**
 * cdktf context that both our synth and `npx cdktf synth` use, so the two produce the same
 * Terraform: logical ids without the stack id, and no construct stack traces in the output.
 */
export const APP_CONTEXT = {
  excludeStackIdFromLogicalIds: 'true',
  allowSepCharsInLogicalIds: 'true',
};

/** The validated config the stacks are built from (plain data: it can cross a process boundary). */
export interface EstateConfig {
  readonly platform: PlatformConfig;
  readonly forces: readonly ForceConfig[];
  /** Adopted resources by force id (forces/<id>.adopt.yaml). */
  readonly adoptions?: Readonly<Record<string, AdoptionConfig>>;
}

export function estateConfig(estate: Estate): EstateConfig {
  const adoptions = estate.adoptions
    ? Object.fromEntries([...estate.adoptions].map(([id, file]) => [id, file.config]))
    : undefined;
  return {
    platform: estate.platform.config,
    forces: estate.forces.map((f) => f.config),
    ...(adoptions ? { adoptions } : {}),
  };
}

export { stackNames } from './stack-inputs';

/** Builds an App holding the named stacks (all of them by default). */
export function buildEstateApp(
  config: EstateConfig,
  outdir: string,
  names: readonly string[] = stackNames(config),
): App {
  const app = new App({ outdir, stackTraces: false, context: APP_CONTEXT });
  const wanted = new Set(names);
  const { platform, forces } = config;
  if (wanted.has(BOOTSTRAP_STACK))
    new BootstrapStack(app, { platform, forces, grants: bootstrapGrants(platform, forces) });
  if (wanted.has(NATIONAL_STACK)) new NationalStack(app, { platform, forces });
  for (const force of forces) {
    if (wanted.has(force.id)) new ForceStack(app, { force, platform, adoption: config.adoptions?.[force.id] });
  }
  return app;
}
