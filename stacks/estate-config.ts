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
