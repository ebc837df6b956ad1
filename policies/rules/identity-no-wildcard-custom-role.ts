import { isUnknown } from '../terraform-json';
import { blocksAt, fail, pass, stringsAt, unknown, type ResourceRule } from '../rule';

/** Custom roles list the actions they need; `*` makes a custom Owner. */
export const identityNoWildcardCustomRole: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_role_definition'],
  meta: {
    id: 'BL-IAM-001',
    title: 'No custom role grants wildcard (*) actions',
    severity: 'high',
    rationale: 'A custom role with "*" (or "Microsoft.Authorization/*") is an unreviewed Owner: it defeats least privilege and escapes the checks on built-in Owner.',
    ncsc: ['9.2', '10'],
    mirrors: { checkov: ['CKV_AZURE_39'], trivy: ['AVD-AZU-0030'], cis: ['1.23'], azurePolicy: ['a451c1ef-c6ca-483d-87ed-f49761e3ffb5'] },
    waivable: true,
  },
  check(r) {
    const actions = blocksAt(r.values, 'permissions').flatMap((p) => stringsAt(p, 'actions'));
    const wildcard = actions.find((a) => a === '*' || a === 'Microsoft.Authorization/*' || a === '*/write');
    if (wildcard) return fail(`permissions.actions includes ${JSON.stringify(wildcard)}`);
    if (actions.some(isUnknown)) return unknown('permissions.actions are known only after apply');
    return pass();
  },
};
