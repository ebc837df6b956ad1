import { showValue } from '../../adopt/existing';
import { adoptedResources } from '../adoption';
import { at, fail, pass, type StackRule } from '../rule';

const ADDRESS_ARGUMENTS = ['address_space', 'address_prefixes'];

/**
 * An adopted virtual network or subnet whose existing address ranges differ from the plan. azurerm
 * changes them in place (not ForceNew in v4.55.0), but a range in use cannot be removed, and every
 * address already handed out to the force's machines is in the old range.
 */
export const adoptionAddressSpace: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-ADO-002',
    title: 'An adopted network keeps the address ranges it has',
    severity: 'high',
    rationale:
      'The first apply would re-address an adopted virtual network or subnet in place: Azure refuses to remove a range that NICs or subnets still use, and what it accepts cuts off the systems addressed from the old range. Give the force the range it has (when the NMC pool allows), or re-address deliberately under a waiver.',
    ncsc: ['2.6', '5.1'],
    mirrors: {},
    waivable: true,
    category: 'adoption',
  },
  configFields: ['network.addressSpace'],
  check(ctx) {
    return adoptedResources(ctx)
      .filter((a) => a.resource && ADDRESS_ARGUMENTS.some((k) => k in a.record.existing))
      .map((a) => {
        const changed = a.differences.filter((d) => ADDRESS_ARGUMENTS.includes(d.argument));
        if (changed.length === 0) return at(a.address, pass(`adopted from ${a.record.id} with its address ranges`));
        return at(
          a.address,
          fail(
            `adopted from ${a.record.id}, but the plan would re-address it: ${changed
              .map((d) => `${d.argument} exists as ${showValue(d.existing)}, Blue Lamp's is ${showValue(d.planned)}`)
              .join('; ')}`,
          ),
        );
      });
  },
};
