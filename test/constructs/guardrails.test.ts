import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { GUARDRAIL_POLICIES, Guardrails, tagIdPart, type GuardrailsProps } from '../../constructs/guardrails';
import {
  defaultAzurePolicyIndex,
  loadAzurePolicyIndex,
  lookupBuiltinId,
  type BuiltinPolicy,
} from '../../policies/azure-policy';

Testing.setupJest();

/** The vendored built-in policy index (policies/data/), so a plain clone runs these checks too. */
const loaded = loadAzurePolicyIndex(defaultAzurePolicyIndex());
if (!loaded.ok) throw new Error(loaded.reason);
const index = loaded.index;
const builtin = (id: unknown): BuiltinPolicy | undefined => lookupBuiltinId(index, String(id));

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
  const assignments = Object.values<Record<string, any>>(
    JSON.parse(json).resource.azurerm_subscription_policy_assignment,
  );

  it('assigns only built-in definitions that exist and are not deprecated', () => {
    for (const a of assignments) {
      const def = builtin(a.policy_definition_id);
      expect({ id: a.policy_definition_id, found: def !== undefined, deprecated: def?.deprecated === true }).toEqual({
        id: a.policy_definition_id,
        found: true,
        deprecated: false,
      });
    }
    for (const id of Object.values(GUARDRAIL_POLICIES))
      expect({ id, found: builtin(id) !== undefined }).toEqual({ id, found: true });
  });

  it('passes only parameters the definition declares, and every one it requires', () => {
    for (const a of assignments) {
      const def = builtin(a.policy_definition_id)!;
      const given = Object.keys(a.parameters ? JSON.parse(a.parameters) : {});
      for (const name of given)
        expect(`${def.displayName}: ${name} ${name in def.parameters}`).toBe(`${def.displayName}: ${name} true`);
      const required = Object.entries(def.parameters)
        .filter(([, p]) => p.required)
        .map(([n]) => n);
      for (const name of required)
        expect(`${def.displayName}: ${name} ${given.includes(name)}`).toBe(`${def.displayName}: ${name} true`);
    }
  });

  it('gives a managed identity, in a UK region, to every assignment whose initiative deploys or modifies (Azure refuses it otherwise)', () => {
    const needing = assignments.filter((a) => builtin(a.policy_definition_id)!.deploysOrModifies);
    expect(needing.map((a) => a.policy_definition_id)).toContain(GUARDRAIL_POLICIES.ukOfficialAndNhs);
    for (const a of needing) {
      expect({ id: a.policy_definition_id, identity: a.identity, location: a.location }).toEqual({
        id: a.policy_definition_id,
        identity: { type: 'SystemAssigned' },
        location: 'uksouth',
      });
    }
  });

  it('passes parameter values the definition allows', () => {
    for (const a of assignments) {
      const def = builtin(a.policy_definition_id)!;
      for (const [name, { value }] of Object.entries(
        (a.parameters ? JSON.parse(a.parameters) : {}) as Record<string, { value: unknown }>,
      )) {
        const allowed = def.parameters[name]?.allowedValues;
        if (!allowed) continue;
        for (const v of Array.isArray(value) ? value : [value])
          expect(`${def.displayName}: ${name}=${String(v)} ${allowed.includes(v)}`).toBe(
            `${def.displayName}: ${name}=${String(v)} true`,
          );
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
    const tags = assignments
      .filter((a) => a.policy_definition_id === GUARDRAIL_POLICIES.requireTagOnResources)
      .map((a) => JSON.parse(a.parameters).tagName.value);
    expect(tags.sort()).toEqual([...PROPS.requiredTagKeys].sort());
    expect(
      assignments.filter((a) => a.policy_definition_id === GUARDRAIL_POLICIES.requireTagOnResourceGroups),
    ).toHaveLength(4);
  });

  it('assigns the UK OFFICIAL and NCSC CAF v3.2 initiatives and the Lighthouse tenant restriction', () => {
    expect(json).toHaveResourceWithProperties(SubscriptionPolicyAssignment, {
      policy_definition_id: GUARDRAIL_POLICIES.ukOfficialAndNhs,
    });
    expect(json).toHaveResourceWithProperties(SubscriptionPolicyAssignment, {
      policy_definition_id: GUARDRAIL_POLICIES.ncscCaf32,
    });
    const lighthouse = assignments.find((a) => a.policy_definition_id === GUARDRAIL_POLICIES.lighthouseAllowedTenants)!;
    expect(JSON.parse(lighthouse.parameters).listOfAllowedTenants.value).toEqual(PROPS.lighthouseManagingTenantIds);
  });

  it('alerts the force at each budget threshold and on forecast overspend', () => {
    const [budget] = Object.values<Record<string, any>>(
      JSON.parse(json).resource.azurerm_consumption_budget_subscription,
    );
    expect(budget.amount).toBe(1000);
    expect(
      budget.notification.map((n: Record<string, string | number>) => `${n.threshold_type}:${n.threshold}`),
    ).toEqual(['Actual:50', 'Actual:80', 'Actual:100', 'Forecasted:100']);
    expect(budget.notification[0].contact_emails).toEqual(PROPS.budgetContactEmails);
  });

  it('refuses a region outside the UK, naming the prop', () => {
    expect(() =>
      Testing.synthScope((scope) => new Guardrails(scope, 'G', { ...PROPS, allowedLocations: ['westeurope'] })),
    ).toThrow(/allowedLocations westeurope are outside the UK/);
  });

  it('names tag assignments by one written rule, and refuses two tags that would share one', () => {
    expect([tagIdPart('cost-centre'), tagIdPart('Managed By'), tagIdPart('force')]).toEqual([
      'CostCentre',
      'ManagedBy',
      'Force',
    ]);
    expect(() =>
      Testing.synthScope(
        (scope) => new Guardrails(scope, 'G', { ...PROPS, requiredTagKeys: ['cost-centre', 'Cost Centre'] }),
      ),
    ).toThrow(/G: requiredTagKeys "cost-centre" and "Cost Centre" would share one policy assignment/);
  });
});
