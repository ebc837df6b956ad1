/**
 * The plain data the stacks are built from, apart from the stacks themselves (no cdktf here), so
 * that synthesis can be planned, and unchanged stacks reused, without loading the toolchain.
 */
import type { Estate } from '../config/estate';
import type { AdoptionConfig } from '../config/adoption-schema';
import type { ForceConfig, PlatformConfig } from '../config/schema';

/** The validated config the stacks are built from (plain data: it can cross a process boundary). */
export interface EstateConfig {
  readonly platform: PlatformConfig;
  readonly forces: readonly ForceConfig[];
  /** Adopted resources by force id (forces/<id>.adopt.yaml). */
  readonly adoptions?: Readonly<Record<string, AdoptionConfig>>;
  /** Where each adopted import's `address` is written (`file:line:col`), by force id, for synth's errors. */
  readonly adoptionSources?: Readonly<Record<string, readonly string[]>>;
}

export function estateConfig(estate: Estate): EstateConfig {
  const adoptions = estate.adoptions
    ? Object.fromEntries([...estate.adoptions].map(([id, file]) => [id, file.config]))
    : undefined;
  const adoptionSources = estate.adoptions
    ? Object.fromEntries(
        [...estate.adoptions].map(([id, file]) => [
          id,
          file.config.imports.map((_, i) => {
            const pos = file.locator.locate(['imports', i, 'address']);
            return pos ? `${file.file}:${pos.line}:${pos.col}` : file.file;
          }),
        ]),
      )
    : undefined;
  return {
    platform: estate.platform.config,
    forces: estate.forces.map((f) => f.config),
    ...(adoptions ? { adoptions } : {}),
    ...(adoptionSources ? { adoptionSources } : {}),
  };
}
