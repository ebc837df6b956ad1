import { isUnknown } from '../terraform-json';
import { ALL_STACK_KINDS, fail, pass, show, unknown, type ResourceRule } from '../rule';

/** Each container's own access level is private. */
export const storageContainerPrivate: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_container'],
  meta: {
    id: 'BL-STG-009',
    title: 'Storage containers are private',
    severity: 'high',
    rationale: 'A container with blob or container access level can be read by anyone with its URL.',
    ncsc: ['2.3', '11'],
    mirrors: { checkov: ['CKV_AZURE_34'], trivy: ['AVD-AZU-0007'], cis: ['3.7'] },
    waivable: true,
  },
  check(r) {
    const v = r.values.container_access_type;
    if (isUnknown(v)) return unknown(`container_access_type is ${show(v)}`);
    return v === undefined || v === 'private' ? pass() : fail(`container_access_type is ${show(v)}; must be private`);
  },
};
