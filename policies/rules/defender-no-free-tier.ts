import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

/** A pricing resource set to Free switches a plan off: it is never what a force means. */
export const defenderNoFreeTier: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_security_center_subscription_pricing'],
  meta: {
    id: 'BL-DEF-002',
    title: 'No Defender for Cloud plan is set to the Free tier',
    severity: 'medium',
    rationale: "Free tier turns off the plan's threat detection while still looking configured in code.",
    ncsc: ['5.2'],
    mirrors: { checkov: ['CKV_AZURE_19'], trivy: ['AVD-AZU-0045'] },
    waivable: true,
  },
  configFields: ['defender.additionalPlans'],
  check(r) {
    const tier = r.values.tier;
    if (isUnknown(tier)) return unknown(`tier is ${show(tier)}`);
    return tier === 'Standard'
      ? pass()
      : fail(`tier is ${show(tier)} for ${show(r.values.resource_type)}; must be Standard`);
  },
};
