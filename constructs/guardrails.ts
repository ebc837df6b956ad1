import { ConsumptionBudgetSubscription } from '@cdktf/provider-azurerm/lib/consumption-budget-subscription';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { requiredTagAssignmentNames } from '../util/azure-tags';
import { isUkRegion, UK_REGIONS } from '../util/platform-facts';
import { azureIds } from './naming';

/**
 * Built-in Azure Policy definitions and initiatives the guardrails assign. Each id and parameter
 * name is checked in test/constructs/guardrails.test.ts against the built-in index
 * (vendored at policies/data/azure-policy-index.json), so a typo or a deprecated definition fails CI, not the deploy.
 */
export const GUARDRAIL_POLICIES = {
  allowedLocations: '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c',
  allowedResourceGroupLocations:
    '/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988',
  requireTagOnResources: '/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99',
  requireTagOnResourceGroups:
    '/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025',
  lighthouseAllowedTenants: '/providers/Microsoft.Authorization/policyDefinitions/7a8a51a3-ad87-4def-96f3-65a1839242b6',
  ukOfficialAndNhs: '/providers/Microsoft.Authorization/policySetDefinitions/3937f550-eedd-4639-9c5e-294358be442e',
  ncscCaf32: '/providers/Microsoft.Authorization/policySetDefinitions/6d220abf-cf6f-4b17-8f7e-0644c4cc84b4',
} as const;

/**
 * Assignments of these contain DeployIfNotExists or Modify members (UK OFFICIAL carries the Guest
 * Configuration prerequisites), and Azure refuses to create such an assignment without a managed
 * identity. The identity gets no role here: the initiatives report, they do not remediate.
 */
const NEEDS_ASSIGNMENT_IDENTITY: readonly string[] = [GUARDRAIL_POLICIES.ukOfficialAndNhs];

export interface GuardrailsProps {
  /** Force id, used in the budget name (`budget-<forceId>-monthly`). */
  readonly forceId: string;
  /** The force subscription the policies are assigned to and the budget watches. */
  readonly subscriptionId: string;
  /** Regions any resource or resource group may be created in. */
  readonly allowedLocations: readonly string[];
  /** Tag keys every resource and resource group must carry. */
  readonly requiredTagKeys: readonly string[];
  /** Tenants allowed to manage this subscription through Lighthouse (the NMC). */
  readonly lighthouseManagingTenantIds: readonly string[];
  /** Monthly consumption budget, in the billing currency (GBP). */
  readonly monthlyBudget: number;
  /** Percentages of the budget that send an alert (actual cost). At most 4. */
  readonly budgetAlertThresholds: readonly number[];
  /** Who receives budget alerts. */
  readonly budgetContactEmails: readonly string[];
  /**
   * Region of the assignments that carry a managed identity (Azure requires one).
   * @default - the first of allowedLocations
   */
  readonly assignmentLocation?: string;
}

/**
 * Subscription guardrails: resources and resource groups only in UK regions (deny), the mandatory
 * tags (deny), Lighthouse onboarding only from the NMC tenant (deny), the UK OFFICIAL and UK NHS
 * and NCSC CAF v3.2 initiatives (audit, for the compliance dashboard), and a consumption budget
 * with alerts to the force.
 */
export class Guardrails extends Construct {
  /** Policy assignment resource ids by construct id (`AllowedLocations`, `RequireTagForce`, ...). */
  readonly assignmentIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: GuardrailsProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.allowedLocations.length === 0) problems.push('allowedLocations must name at least one region');
    const outside = props.allowedLocations.filter((l) => !isUkRegion(l));
    if (outside.length > 0)
      problems.push(`allowedLocations ${outside.join(', ')} are outside the UK (allowed: ${UK_REGIONS.join(', ')})`);
    const byIdPart = new Map<string, string>();
    for (const tag of props.requiredTagKeys) {
      const clash = byIdPart.get(tagIdPart(tag));
      if (clash !== undefined)
        problems.push(`requiredTagKeys "${clash}" and "${tag}" would share one policy assignment`);
      byIdPart.set(tagIdPart(tag), tag);
    }
    if (props.lighthouseManagingTenantIds.length === 0)
      problems.push('lighthouseManagingTenantIds must name the NMC tenant');
    if (props.monthlyBudget <= 0) problems.push(`monthlyBudget ${props.monthlyBudget} must be positive`);
    if (props.budgetAlertThresholds.length === 0 || props.budgetAlertThresholds.length > 4)
      problems.push(
        `budgetAlertThresholds has ${props.budgetAlertThresholds.length} entries; 1-4 allowed (Azure allows 5 notifications, one is the forecast)`,
      );
    if (props.budgetContactEmails.length === 0) problems.push('budgetContactEmails must name at least one address');
    const assignmentLocation = props.assignmentLocation ?? props.allowedLocations[0];
    if (props.assignmentLocation !== undefined && !props.allowedLocations.includes(props.assignmentLocation)) {
      problems.push(
        `assignmentLocation "${props.assignmentLocation}" is not one of allowedLocations (${props.allowedLocations.join(', ')})`,
      );
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const subscriptionId = azureIds.subscription(props.subscriptionId);
    const ids: Record<string, string> = {};
    // `id` is the construct id, part of the Terraform address: never rename one.
    const assign = (
      id: string,
      name: string,
      displayName: string,
      policyDefinitionId: string,
      parameters: Record<string, unknown> | undefined,
      message: string,
    ) => {
      const a = new SubscriptionPolicyAssignment(this, id, {
        name,
        displayName: `Blue Lamp: ${displayName}`,
        subscriptionId,
        policyDefinitionId,
        ...(NEEDS_ASSIGNMENT_IDENTITY.includes(policyDefinitionId)
          ? { identity: { type: 'SystemAssigned' }, location: assignmentLocation }
          : {}),
        parameters: parameters
          ? JSON.stringify(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])))
          : undefined,
        enforce: true,
        nonComplianceMessage: [{ content: message }],
      });
      ids[id] = a.id;
    };

    const locations = [...props.allowedLocations];
    assign(
      'AllowedLocations',
      'bl-allowed-locations',
      'resources only in UK regions',
      GUARDRAIL_POLICIES.allowedLocations,
      { listOfAllowedLocations: locations },
      `Police data stays in the UK: use ${locations.join(' or ')}.`,
    );
    assign(
      'AllowedResourceGroupLocations',
      'bl-allowed-rg-locations',
      'resource groups only in UK regions',
      GUARDRAIL_POLICIES.allowedResourceGroupLocations,
      { listOfAllowedLocations: locations },
      `Resource groups must be in ${locations.join(' or ')}.`,
    );
    props.requiredTagKeys.forEach((tag) => {
      // Assignment names from the one rule validate also checks them with (util/azure-tags.ts).
      const names = requiredTagAssignmentNames(tag);
      assign(
        `RequireTag${tagIdPart(tag)}`,
        names.resources,
        `tag "${tag}" on resources`,
        GUARDRAIL_POLICIES.requireTagOnResources,
        { tagName: tag },
        `Every resource carries the "${tag}" tag (Blue Lamp applies it; add it when deploying outside the pipeline).`,
      );
      assign(
        `RequireRgTag${tagIdPart(tag)}`,
        names.resourceGroups,
        `tag "${tag}" on resource groups`,
        GUARDRAIL_POLICIES.requireTagOnResourceGroups,
        { tagName: tag },
        `Every resource group carries the "${tag}" tag.`,
      );
    });
    assign(
      'LighthouseTenants',
      'bl-lighthouse-tenants',
      'Lighthouse only from the NMC',
      GUARDRAIL_POLICIES.lighthouseAllowedTenants,
      { listOfAllowedTenants: [...props.lighthouseManagingTenantIds] },
      'Only the National Management Centre may manage this subscription through Azure Lighthouse.',
    );
    assign(
      'UkOfficial',
      'bl-uk-official-nhs',
      'UK OFFICIAL and UK NHS',
      GUARDRAIL_POLICIES.ukOfficialAndNhs,
      undefined,
      'UK OFFICIAL control: see the Regulatory compliance dashboard.',
    );
    assign(
      'NcscCaf',
      'bl-ncsc-caf-3-2',
      'NCSC CAF v3.2 (audit)',
      GUARDRAIL_POLICIES.ncscCaf32,
      undefined,
      'NCSC Cyber Assessment Framework v3.2 control: see the Regulatory compliance dashboard.',
    );
    this.assignmentIds = ids;

    // The budget starts in the month of the first apply; Azure refuses start dates in the past,
    // so the date is computed at apply time and then left alone.
    const budget = new ConsumptionBudgetSubscription(this, 'Budget', {
      name: `budget-${props.forceId}-monthly`,
      subscriptionId,
      amount: props.monthlyBudget,
      timeGrain: 'Monthly',
      timePeriod: { startDate: Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()) },
      notification: [
        ...props.budgetAlertThresholds.map((threshold) => ({
          enabled: true,
          operator: 'GreaterThanOrEqualTo',
          threshold,
          thresholdType: 'Actual',
          contactEmails: [...props.budgetContactEmails],
        })),
        {
          enabled: true,
          operator: 'GreaterThanOrEqualTo',
          threshold: 100,
          thresholdType: 'Forecasted',
          contactEmails: [...props.budgetContactEmails],
        },
      ],
    });
    budget.addOverride('lifecycle', { ignore_changes: ['time_period'] });
  }
}

/**
 * The construct-id part of a required tag's two assignments (`RequireTag<part>`,
 * `RequireRgTag<part>`): `cost-centre` gives `CostCentre`. Tag keys come from platform.yaml, so
 * these ids are derived from data by this one rule; changing it moves the Terraform address of
 * every tag assignment of every force (test/stacks/terraform-addresses.test.ts pins them).
 */
export function tagIdPart(tag: string): string {
  return `-${tagSlug(tag)}`.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `Cost Centre` -> `cost-centre`, for Azure names (`bl-tag-cost-centre`). */
function tagSlug(tag: string): string {
  return tag.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
