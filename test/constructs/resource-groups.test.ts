import { Testing } from 'cdktf';
import { ForceResourceGroups, RESOURCE_GROUP_PURPOSES } from '../../constructs/resource-groups';

describe('ForceResourceGroups', () => {
  const r = JSON.parse(
    Testing.synthScope(
      (scope) => new ForceResourceGroups(scope, 'ResourceGroups', { forceId: 'alpha', location: 'ukwest' }),
    ),
  ).resource;

  it('creates one group per purpose, named by the CAF pattern, in the force region', () => {
    const groups = Object.values<Record<string, any>>(r.azurerm_resource_group);
    expect(groups.map((g) => g.name).sort()).toEqual(RESOURCE_GROUP_PURPOSES.map((p) => `rg-alpha-${p}-ukw`).sort());
    expect(groups.every((g) => g.location === 'ukwest')).toBe(true);
  });

  it('locks the network, security, logging and evidence groups against deletion', () => {
    const locks = Object.values<Record<string, any>>(r.azurerm_management_lock);
    expect(locks.every((l) => l.lock_level === 'CanNotDelete')).toBe(true);
    expect(locks.map((l) => String(l.scope).match(/ResourceGroups_(\w+?)_/)![1]).sort()).toEqual([
      'Evidence',
      'Logging',
      'Network',
      'Security',
    ]);
  });
});
