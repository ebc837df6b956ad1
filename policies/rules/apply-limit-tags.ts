import { isUnknown } from '../terraform-json';
import { ALL_STACK_KINDS, fail, notApplicable, pass, type ResourceRule } from '../rule';
import { AZURE_LIMITS, limitMessage } from '../../util/azure-limits';

/** Tags per resource: platform common tags, force tags and the mandatory four together. */
export const applyLimitTags: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-APL-006',
    title: 'No resource carries more tags than Azure allows',
    severity: 'medium',
    rationale:
      "A force's own tags are added to the platform's common and mandatory tags; past Azure's limit every resource of the force fails to create.",
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  configFields: ['tags'],
  check(r) {
    const tags = r.values.tags;
    if (!tags || typeof tags !== 'object' || isUnknown(tags)) return notApplicable();
    const count = Object.keys(tags).length;
    const limit = AZURE_LIMITS.tagsPerResource;
    return count > limit.max ? fail(limitMessage(limit, count)) : pass(`${count} tags`);
  },
};
