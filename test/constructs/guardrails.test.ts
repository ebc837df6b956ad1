import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { GUARDRAIL_POLICIES, Guardrails, type GuardrailsProps } from '../../constructs/guardrails';

Testing.setupJest();

/** The built-in policy index sits beside the repository clone (CI has ../shared). */
const POLICY_DIR = join(__dirname, '..', '..', '..', 'shared', 'azure-policy');
interface BuiltIn {
  id: string;
  displayName: string;
  deprecated: boolean;
  parameters: Record<string, { defaultValue?: unknown; allowedValues?: unknown[] }>;
  members?: { policyDefinitionId: string }[];
  file?: string;
}
const index = new Map<string, BuiltIn>();
for (const file of ['builtin-policy-definitions.json', 'builtin-policy-set-definitions.json']) {
  for (const d of JSON.parse(readFileSync(join(POLICY_DIR, file), 'utf8')) as BuiltIn[]) index.set(d.id.toLowerCase(), d);
}

/**
 * Whether an initiative has members that deploy or modify (the index records no effects, but
 * Azure's built-ins name them so: "Deploy ...", "Configure ...", "Add system-assigned ...", and
 * their files end in _Prerequisite, _Deploy, _DINE or _Modify).
 */
function hasRemediatingMembers(def: BuiltIn): boolean {
  return (def.members ?? []).some((m) => {
    const member = index.get(m.policyDefinitionId.toLowerCase());
    if (!member) return false;
    return /^(Deploy|Configure|Add) /i.test(member.displayName) || /_(Prerequisite|Deploy|DINE|Modify)[^/]*\.json$/i.test(member.file ?? '');
  });
}

const PROPS: GuardrailsProps = {
  forceId: 'alpha',
  subscriptionId: '00000000-0000-4000-8000-00000000a002',
  allowedLocations: ['uksouth', 'ukwest'],
  requiredTagKeys: ['force', 'classification', 'cost-centre', 'managed-by'],
  lighthouseManagingTenantIds: ['00000000-0000-4000-8000-0000000a0001'],
  monthlyBudget: 1000,
  budgetAlertThresholds: [50, 80, 100],
  budgetContactEmails: ['finance@alpha.police.example'],
};

describe('Guardrails', () => {
  const json = Testing.synthScope((scope) => new Guardrails(scope, 'Guardrails', PROPS));
  const assignments = Object.values(JSON.parse(json).resource.azurerm_subscription_policy_assignment) as Record<string, any>[];

  it('assigns only built-in definitions that exist and are not deprecated', () => {
    for (const a of assignments) {
      const def = index.get(String(a.policy_definition_id).toLowerCase());
      expect({ id: a.policy_definition_id, found: def !== undefined, deprecated: def?.deprecated }).toEqual({ id: a.policy_definition_id, found: true, deprecated: false });
    }
    for (const id of Object.values(GUARDRAIL_POLICIES)) expect(index.has(id.toLowerCase())).toBe(true);
  });

  it('passes only parameters the definition declares, and every one it requires', () => {
    for (const a of assignments) {
      const def = index.get(String(a.policy_definition_id).toLowerCase())!;
      const given = Object.keys(a.parameters ? JSON.parse(a.parameters) : {});
      for (const name of given) expect(`${def.displayName}: ${name} ${name in def.parameters}`).toBe(`${def.displayName}: ${name} true`);
      const required = Object.entries(def.parameters).filter(([, p]) => p.defaultValue === undefined).map(([n]) => n);
      for (const name of required) expect(`${def.displayName}: ${name} ${given.includes(name)}`).toBe(`${def.displayName}: ${name} true`);
    }
  });

  it('gives a managed identity, in a UK region, to every assignment whose initiative deploys or modifies (Azure refuses it otherwise)', () => {
    const needing = assignments.filter((a) => hasRemediatingMembers(index.get(String(a.policy_definition_id).toLowerCase())!));
    expect(needing.map((a) => a.policy_definition_id)).toContain(GUARDRAIL_POLICIES.ukOfficialAndNhs);
    for (const a of needing) {
      expect({ id: a.policy_definition_id, identity: a.identity, location: a.location }).toEqual({ id: a.policy_definition_id, identity: { type: 'SystemAssigned' }, location: 'uksouth' });
    }
  });

  it('passes parameter values the definition allows', () => {
    for (const a of assignments) {
      const def = index.get(String(a.policy_definition_id).toLowerCase())!;
      for (const [name, { value }] of Object.entries((a.parameters ? JSON.parse(a.parameters) : {}) as Record<string, { value: unknown }>)) {
        const allowed = def.parameters[name]?.allowedValues;
        if (!allowed) continue;
        for (const v of Array.isArray(value) ? value : [value]) expect(`${def.displayName}: ${name}=${String(v)} ${allowed.includes(v)}`).toBe(`${def.displayName}: ${name}=${String(v)} true`);
      }
    }
  });

  it('limits resources and resource groups to UK regions', () => {
    for (const key of ['allowedLocations', 'allowedResourceGroupLocations'] as const) {
      const a = assignments.find((x) => x.policy_definition_id === GUARDRAIL_POLICIES[key])!;
      expect(JSON.parse(a.parameters)).toEqual({ listOfAllowedLocations: { value: ['uksouth', 'ukwest'] } });
      expect(a.enforce).toBe(true);
    }
  });

  it('requires each mandatory tag on resources and on resource groups', () => {
    const tags = assignments.filter((a) => a.policy_definition_id === GUARDRAIL_POLICIES.requireTagOnResources).map((a) => JSON.parse(a.parameters).tagName.value);
    expect(tags.sort()).toEqual([...PROPS.requiredTagKeys].sort());
    expect(assignments.filter((a) => a.policy_definition_id === GUARDRAIL_POLICIES.requireTagOnResourceGroups)).toHaveLength(4);
  });

  it('assigns the UK OFFICIAL and NCSC CAF v3.2 initiatives and the Lighthouse tenant restriction', () => {
    expect(json).toHaveResourceWithProperties(SubscriptionPolicyAssignment, { policy_definition_id: GUARDRAIL_POLICIES.ukOfficialAndNhs });
    expect(json).toHaveResourceWithProperties(SubscriptionPolicyAssignment, { policy_definition_id: GUARDRAIL_POLICIES.ncscCaf32 });
    const lighthouse = assignments.find((a) => a.policy_definition_id === GUARDRAIL_POLICIES.lighthouseAllowedTenants)!;
    expect(JSON.parse(lighthouse.parameters).listOfAllowedTenants.value).toEqual(PROPS.lighthouseManagingTenantIds);
  });

  it('alerts the force at each budget threshold and on forecast overspend', () => {
    const [budget] = Object.values(JSON.parse(json).resource.azurerm_consumption_budget_subscription) as Record<string, any>[];
    expect(budget.amount).toBe(1000);
    expect(budget.notification.map((n: Record<string, unknown>) => `${n.threshold_type}:${n.threshold}`)).toEqual(['Actual:50', 'Actual:80', 'Actual:100', 'Forecasted:100']);
    expect(budget.notification[0].contact_emails).toEqual(PROPS.budgetContactEmails);
  });

  it('refuses a region outside the UK, naming the prop', () => {
    expect(() => Testing.synthScope((scope) => new Guardrails(scope, 'G', { ...PROPS, allowedLocations: ['westeurope'] }))).toThrow(/allowedLocations westeurope are outside the UK/);
  });
});
