import { isUnknown, textOf } from '../terraform-json';
import { ALL_STACK_KINDS, fail, pass, show, unknown, type ResourceRule } from '../rule';

const SECURE = ['TLS1_2', 'TLS1_3'];

/** Storage refuses TLS 1.0 and 1.1. */
export const storageMinimumTls: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-002',
    title: 'Storage accounts require TLS 1.2 or later',
    severity: 'high',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses; NCSC guidance is TLS 1.2 or later for data in transit.',
    ncsc: ['1'],
    mirrors: {
      checkov: ['CKV_AZURE_44'],
      trivy: ['AVD-AZU-0011'],
      cis: ['3.15'],
      azurePolicy: ['fe83a0eb-a853-422d-aac2-1bffd182c5d0'],
    },
    waivable: true,
  },
  check(r) {
    const v = r.values.min_tls_version;
    if (isUnknown(v)) return unknown(`min_tls_version is ${show(v)}`);
    if (v === undefined) return pass('min_tls_version not set; azurerm 4 defaults to TLS1_2');
    return SECURE.includes(textOf(v)) ? pass() : fail(`min_tls_version is ${show(v)}; must be TLS1_2 or later`);
  },
};
