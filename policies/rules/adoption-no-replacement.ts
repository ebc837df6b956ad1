import { showValue } from '../../adopt/existing';
import { adoptedResources } from '../adoption';
import { at, fail, pass, type StackRule } from '../rule';

/**
 * An adopted resource whose existing settings differ from the plan in an argument azurerm cannot
 * change in place (adopt/existing.ts names them, from the provider's source).
 */
export const adoptionNoReplacement: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-ADO-001',
    title: 'An adopted resource is not replaced by the first apply',
    severity: 'critical',
    rationale:
      "An adopted resource already runs the force's systems. If its name (even its case), resource group, location, SKU tier or another setting azurerm cannot change in place differs from the plan, Terraform destroys it and creates an empty one: match the force file to what exists, or replace it deliberately under a waiver.",
    ncsc: ['2.6', '5.1'],
    mirrors: {},
    waivable: true,
    category: 'adoption',
  },
  check(ctx) {
    return adoptedResources(ctx)
      .filter((a) => a.resource)
      .map((a) => {
        const replacing = a.differences.filter((d) => d.effect === 'replace');
        if (replacing.length === 0)
          return at(a.address, pass(`adopted from ${a.record.id}; nothing forces replacement`));
        return at(
          a.address,
          fail(
            `adopted from ${a.record.id}, but the plan would replace it: ${replacing
              .map((d) => `${d.argument} exists as ${showValue(d.existing)}, Blue Lamp's is ${showValue(d.planned)}`)
              .join('; ')}`,
          ),
        );
      });
  },
};
