import { isEvidenceStore } from '../evidence';
import { isUnknown } from '../terraform-json';
import { fail, notApplicable, pass, show, unknown, valueAt, type ResourceRule } from '../rule';

/** Evidence is WORM: a locked, time-based immutability policy on the account or on every container. */
export const evidenceImmutable: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-EVD-001',
    title: 'Evidence stores are immutable (locked WORM policy)',
    severity: 'critical',
    rationale:
      'Digital evidence must be shown to be unaltered from seizure to court; a locked time-based retention policy makes overwriting or deleting it impossible, even for an administrator.',
    ncsc: ['2.3', '2.6'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['services.evidenceStore.retentionDays', 'services.evidenceStore.enabled'],
  check(r, ctx) {
    if (!isEvidenceStore(r)) return notApplicable();
    const state = valueAt(r.values, 'immutability_policy.state');
    if (isUnknown(state)) return unknown(`immutability_policy.state is ${show(state)}`);
    if (state === 'Locked') return pass('account-level immutability policy, locked');
    // An account-level policy can only be created Unlocked; WORM then rests on every container's own locked policy.
    const accountNote =
      state === undefined
        ? 'no account-level immutability_policy'
        : `account-level immutability_policy.state is ${show(state)}`;
    const containers = ctx.index.referrersOf(r, ['azurerm_storage_container']);
    if (containers.length === 0)
      return fail(
        `${accountNote} and no containers with a locked policy; an unlocked policy can be shortened or removed`,
      );
    for (const c of containers) {
      const policies = ctx.index.referrersOf(
        c,
        ['azurerm_storage_container_immutability_policy'],
        'storage_container_resource_manager_id',
      );
      if (policies.length === 0) return fail(`${accountNote}, and container ${c.address} has no immutability policy`);
      const locked = policies[0].values.locked;
      if (isUnknown(locked)) return unknown(`${policies[0].address} locked is ${show(locked)}`);
      if (locked !== true)
        return fail(`${policies[0].address} is not locked; an unlocked policy can be shortened or removed`);
    }
    return pass(`every container has a locked immutability policy (${accountNote})`);
  },
};
