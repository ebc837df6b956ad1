import { App } from 'cdktf';
import type { Estate } from '../config/estate';
import { ForceStack } from './force-stack';
import { NATIONAL_STACK, NationalStack } from './national-stack';

/**
 * cdktf context that both our synth and `npx cdktf synth` use, so the two produce the same
 * Terraform: logical ids without the stack id, and no construct stack traces in the output.
 */
export const APP_CONTEXT = {
  excludeStackIdFromLogicalIds: 'true',
  allowSepCharsInLogicalIds: 'true',
};

/**
 * The stacks to synthesise: the national stack, then one per force, by name. With a selection,
 * only the stacks named in it (`national` names the national stack).
 */
export function stackNames(estate: Estate, selection?: readonly string[]): string[] {
  const all = [NATIONAL_STACK, ...estate.forces.map((f) => f.config.id)];
  return selection && selection.length > 0 ? all.filter((name) => selection.includes(name)) : all;
}

/** Builds an App holding the named stacks (all of them by default). */
export function buildEstateApp(estate: Estate, outdir: string, names: readonly string[] = stackNames(estate)): App {
  const app = new App({ outdir, stackTraces: false, context: APP_CONTEXT });
  const wanted = new Set(names);
  const platform = estate.platform.config;
  if (wanted.has(NATIONAL_STACK)) new NationalStack(app, { platform, forces: estate.forces.map((f) => f.config) });
  for (const force of estate.forces) {
    if (wanted.has(force.config.id)) new ForceStack(app, { force: force.config, platform });
  }
  return app;
}
