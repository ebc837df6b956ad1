import { App } from 'cdktf';
import type { EstateConfig } from './estate-config';
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

export { estateConfig, type EstateConfig } from './estate-config';
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
    if (wanted.has(force.id))
      new ForceStack(app, {
        force,
        platform,
        adoption: config.adoptions?.[force.id],
        adoptionSources: config.adoptionSources?.[force.id],
      });
  }
  return app;
}
