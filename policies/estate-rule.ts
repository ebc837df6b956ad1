/**
 * Estate rules: judged over every stack at once (the network model spans the hub and all spokes),
 * after the per-stack rules. Each names the network intent it proves (network/intents.ts).
 */
import type { IntentKind } from '../network/intents';
import type { RuleMeta } from './types';

export interface EstateRule {
  readonly meta: RuleMeta;
  /** Which proof's failures become this rule's findings. */
  readonly intent: IntentKind;
}
