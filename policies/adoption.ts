/**
 * What the adoption rules share: each adopted resource of a stack (recorded at synth, see
 * adopt/stack-metadata.ts) with the settings where Blue Lamp's plan differs from what exists.
 */
import { plannedLiteral, settingDifferences, type ExistingValue, type SettingDifference } from '../adopt/existing';
import { existingWithIdNames, readAdopted, type AdoptedRecord } from '../adopt/stack-metadata';
import type { RuleContext } from './rule';
import { isUnknown } from './terraform-json';
import type { ResourceView } from './types';

export interface AdoptedResource {
  readonly address: string;
  readonly record: AdoptedRecord;
  /** Undefined when the stack has no resource at the address (synthesis refuses that). */
  readonly resource?: ResourceView;
  readonly differences: readonly SettingDifference[];
}

/** A reference to another resource's name (`${azurerm_resource_group.X.name}`). */
const NAME_REF = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.name\}$/;

/**
 * The planned literal value of an argument: the literal in the JSON, or the literal name of the
 * resource a `${type.name.name}` reference points at (resource groups and VNets are referenced
 * that way); `reference` when it is set by anything else, which is never guessed.
 */
function plannedArgument(resource: ResourceView, ctx: RuleContext, argument: string) {
  const value = resource.values[argument];
  if (value === undefined) return {};
  if (isUnknown(value)) {
    const ref = value.expression ? NAME_REF.exec(value.expression) : null;
    const name = ref ? ctx.index.byAddress.get(ref[1])?.values.name : undefined;
    return typeof name === 'string' ? { value: name } : { reference: true };
  }
  const literal: ExistingValue | undefined = plannedLiteral(value);
  return literal === undefined ? { reference: true } : { value: literal };
}

export function adoptedResources(ctx: RuleContext): AdoptedResource[] {
  return [...readAdopted(ctx.stack.otherBlocks)].map(([address, record]) => {
    const resource = ctx.index.byAddress.get(address);
    // Names the record leaves out are the id's: Terraform imports exactly the resource it names.
    const differences = resource
      ? settingDifferences(resource.type, existingWithIdNames(record), (argument) =>
          plannedArgument(resource, ctx, argument),
        )
      : [];
    return { address, record, resource, differences };
  });
}
