/**
 * Facts of the platform that config/ (validation), constructs/ (their own prop checks) and
 * policies/ (rules over the Terraform JSON) all enforce. They live here, in util/, because
 * constructs must not import config/: each fact is written once and every layer imports it.
 */

/** Azure regions in the UK. Police data never leaves them (NCSC cloud principle 2). */
export const UK_REGIONS = ['uksouth', 'ukwest'] as const;
export type UkRegion = (typeof UK_REGIONS)[number];

export function isUkRegion(value: string): value is UkRegion {
  return (UK_REGIONS as readonly string[]).includes(value);
}

/**
 * An Entra or Azure id (tenant, subscription, object): 8-4-4-4-12 hexadecimal digits. The same
 * pattern as zod's `z.guid()`, which config/schema.ts uses (test/util/platform-facts.test.ts
 * checks that they agree).
 */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An inclusive range of days. */
export interface DayRange {
  readonly min: number;
  readonly max: number;
}

/**
 * A force's Log Analytics (Sentinel) workspace: at least a year, for investigations that start
 * late; at most the two years Log Analytics keeps interactively.
 */
export const FORCE_LOG_RETENTION_DAYS: DayRange = { min: 365, max: 730 };

/** The NMC's central SOC workspace: at least two years; 4383 days (12 years) is Azure's limit. */
export const CENTRAL_LOG_RETENTION_DAYS: DayRange = { min: 730, max: 4383 };

/** VNet flow logs in storage. */
export const FLOW_LOG_RETENTION_DAYS: DayRange = { min: 90, max: 365 };

/** WORM immutability of the evidence store; 146000 days is Azure's limit for a retention policy. */
export const EVIDENCE_RETENTION_DAYS: DayRange = { min: 1, max: 146000 };
