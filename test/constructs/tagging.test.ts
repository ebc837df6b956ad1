import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { Testing } from 'cdktf';
import { applyMandatoryTags } from '../../constructs/tagging';

const TAGS = { force: 'alpha', classification: 'OFFICIAL', 'cost-centre': 'A1', 'managed-by': 'bluelamp' };

describe('MandatoryTags', () => {
  const r = JSON.parse(
    Testing.synthScope((scope) => {
      applyMandatoryTags(scope, { tags: TAGS, requiredKeys: Object.keys(TAGS) });
      new ResourceGroup(scope, 'Group', { name: 'rg', location: 'uksouth', tags: { owner: 'team', force: 'spoofed' } });
      new SubnetRouteTableAssociation(scope, 'Association', { subnetId: 's', routeTableId: 'r' });
    }),
  ).resource;

  it('adds the mandatory tags and keeps a construct’s own tags', () => {
    expect(r.azurerm_resource_group.Group.tags).toEqual({ ...TAGS, owner: 'team' });
  });

  it('does not let a construct override a mandatory tag', () => {
    expect(r.azurerm_resource_group.Group.tags.force).toBe('alpha');
  });

  it('leaves resources without a tags argument alone', () => {
    expect(r.azurerm_subnet_route_table_association.Association.tags).toBeUndefined();
  });

  it('refuses a tag set missing a required key', () => {
    expect(() =>
      applyMandatoryTags(Testing.app(), { tags: { force: 'alpha' }, requiredKeys: ['force', 'cost-centre'] }),
    ).toThrow(/must include cost-centre/);
  });
});
