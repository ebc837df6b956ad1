import { isUnknown } from '../terraform-json';
import { ALL_STACK_KINDS, fail, notApplicable, pass, show, unknown, type ResourceRule } from '../rule';

/** Types with a `location` argument but no `tags`. */
const UNTAGGABLE = new Set([
  'azurerm_subscription_policy_assignment',
  'azurerm_resource_group_policy_assignment',
  'azurerm_management_group_policy_assignment',
  'azurerm_resource_policy_assignment',
]);

/** Whether a resource can carry tags: it has them, or it has a location (nearly every taggable type does). */
export function isTaggable(values: Record<string, unknown>, type: string): boolean {
  return !UNTAGGABLE.has(type) && ('tags' in values || 'location' in values);
}

/** Every taggable resource carries the platform's required tags. */
export const tagsMandatory: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-TAG-001',
    title: 'Every taggable resource carries the mandatory tags (force, classification, cost-centre, managed-by)',
    severity: 'low',
    rationale:
      'Tags tell responders and auditors whose a resource is, how sensitive its data is and who pays; Azure Policy and cost reports rely on them.',
    ncsc: ['4', '2.3'],
    mirrors: { azurePolicy: ['871b6d14-10aa-478d-b590-94f262ecfa99'] },
    waivable: true,
  },
  configFields: ['tags', 'costCentre', 'tags.required'],
  check(r, ctx) {
    if (!isTaggable(r.values, r.type)) return notApplicable();
    const tags = r.values.tags;
    if (isUnknown(tags)) return unknown(`tags are ${show(tags)}`);
    const values = tags && typeof tags === 'object' ? (tags as Record<string, unknown>) : {};
    const missing = ctx.settings.requiredTags.filter((t) => !(t in values));
    if (missing.length) return fail(`missing tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    // An empty tag says nothing about whose the resource is.
    const empty = ctx.settings.requiredTags.filter((t) => typeof values[t] === 'string' && values[t].trim() === '');
    if (empty.length) return fail(`empty tag${empty.length > 1 ? 's' : ''} ${empty.join(', ')}`);
    return ctx.settings.requiredTags.some((t) => isUnknown(values[t]))
      ? unknown('a required tag is known only after apply')
      : pass();
  },
};
