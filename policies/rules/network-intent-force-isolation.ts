import { intentCheck } from '../network-intents';
import type { EstateRule } from '../rule';

/** No force's subnets or sites reach another force's spoke, in either direction. */
export const networkIntentForceIsolation: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-NET-102',
    title: 'Every pair of forces is isolated both ways',
    severity: 'critical',
    rationale:
      "Each force is a separate data controller: a path from one force's network (or sites) into another's, through the hub or a peering, joins them without approval. Proved for every ordered pair over whole address spaces, not sampled.",
    ncsc: ['3', '11'],
    mirrors: {},
    waivable: false,
  },
  check: intentCheck('isolation'),
};
