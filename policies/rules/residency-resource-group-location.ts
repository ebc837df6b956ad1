import { ALL_STACK_KINDS, type ResourceRule } from '../rule';
import { checkLocation } from './residency-resource-location';
import { UK_REGIONS } from '../../util/platform-facts';

/** Resource groups hold their resources' metadata in their own region: they are UK too. */
export const residencyResourceGroupLocation: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_resource_group'],
  meta: {
    id: 'BL-RES-002',
    title: `Every resource group is located in a UK region (${UK_REGIONS.join(' or ')})`,
    severity: 'critical',
    rationale:
      "A resource group's location is where Azure stores the metadata of everything in it; it must be in the UK like the data. This cannot be waived.",
    ncsc: ['2.1'],
    mirrors: { azurePolicy: ['e765b5de-1225-4ba3-bd56-1ac6695af988'] },
    waivable: false,
  },
  configFields: ['region', 'hub.region'],
  check: (r, ctx) => checkLocation(r, ctx),
};
