import { isUnknown, textOf } from '../terraform-json';
import { ALL_STACK_KINDS, fail, notApplicable, pass, show, unknown, type ResourceRule } from '../rule';
import { isTaggable } from './tags-mandatory';

/** The classification tag states a Government Security Classification the platform handles. */
export const tagsClassification: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-TAG-002',
    title: 'The classification tag is a valid Government Security Classification',
    severity: 'medium',
    rationale:
      'Handling rules (who may access, where it may go) follow the classification; a missing or free-text value cannot drive them. The platform handles OFFICIAL and OFFICIAL-SENSITIVE only.',
    ncsc: ['2.3', '4'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['classification'],
  check(r, ctx) {
    if (!isTaggable(r.values, r.type)) return notApplicable();
    const tags = r.values.tags;
    if (isUnknown(tags)) return unknown(`tags are ${show(tags)}`);
    const value = tags && typeof tags === 'object' ? (tags as Record<string, unknown>).classification : undefined;
    if (value === undefined) return fail('no classification tag');
    if (isUnknown(value)) return unknown(`classification is ${show(value)}`);
    return ctx.settings.classifications.includes(textOf(value))
      ? pass()
      : fail(`classification ${show(value)} is not one of ${ctx.settings.classifications.join(', ')}`);
  },
};
