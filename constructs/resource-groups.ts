import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { regionCode, resourceName } from './naming';

/** The purposes a force's resources are grouped by. Access is granted per purpose. */
export const RESOURCE_GROUP_PURPOSES = ['network', 'security', 'logging', 'identity', 'evidence', 'workloads'] as const;
export type ResourceGroupPurpose = (typeof RESOURCE_GROUP_PURPOSES)[number];

export interface ForceResourceGroupsProps {
  /** Force id, used in every group name (`rg-<forceId>-<purpose>-<region code>`). */
  readonly forceId: string;
  /** Region of every group. */
  readonly location: string;
  /**
   * Purposes whose group gets a CanNotDelete lock, so that removing the landing zone's logging,
   * network or evidence needs an explicit unlock first (`prevent_destroy` does not stop a plan
   * that deletes a resource removed from the configuration, such as evidence switched off).
   * @default ['network', 'security', 'logging', 'evidence']
   */
  readonly lockedPurposes?: readonly ResourceGroupPurpose[];
}

/**
 * One resource group per purpose (`rg-<force>-<purpose>-<region>`), created before everything
 * else because every other construct places its resources in one of them.
 */
export class ForceResourceGroups extends Construct {
  /** Resource group names by purpose. */
  readonly names: Readonly<Record<ResourceGroupPurpose, string>>;
  /** Resource group ids by purpose (for role assignments). */
  readonly ids: Readonly<Record<ResourceGroupPurpose, string>>;

  constructor(scope: Construct, id: string, props: ForceResourceGroupsProps) {
    super(scope, id);
    const rc = regionCode(props.location);
    const locked = new Set(props.lockedPurposes ?? ['network', 'security', 'logging', 'evidence']);
    const names = {} as Record<ResourceGroupPurpose, string>;
    const ids = {} as Record<ResourceGroupPurpose, string>;
    for (const purpose of RESOURCE_GROUP_PURPOSES) {
      const pascal = purpose.charAt(0).toUpperCase() + purpose.slice(1);
      const group = new ResourceGroup(this, pascal, {
        name: resourceName('resourceGroup', props.forceId, purpose, rc),
        location: props.location,
      });
      names[purpose] = group.name;
      ids[purpose] = group.id;
      if (locked.has(purpose)) {
        new ManagementLock(this, `${pascal}Lock`, {
          name: 'bluelamp-do-not-delete',
          scope: group.id,
          lockLevel: 'CanNotDelete',
          notes: `Blue Lamp landing zone: ${purpose} for ${props.forceId}. Remove through the pipeline only.`,
        });
      }
    }
    this.names = names;
    this.ids = ids;
  }
}
