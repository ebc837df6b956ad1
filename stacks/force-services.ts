import type { TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import type { ForceLandingZone } from './force-landing-zone';

/**
 * Maps `services` (office365, box, evidenceStore) to their constructs. A service that is off
 * adds nothing. (Filled in by the connectors work.)
 */
export function buildForceServices(_stack: TerraformStack, _props: { force: ForceConfig; platform: PlatformConfig; landingZone: ForceLandingZone }): void {}
