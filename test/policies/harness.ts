/**
 * Minimal Terraform JSON for rule tests: `evaluate(rule, { azurerm_x: { name: {...} } })` runs one
 * rule through the engine's own path and returns each outcome by address.
 */
import { defaultAzurePolicyIndex } from '../../policies/azure-policy';
import { evaluateRule, ruleContext } from '../../policies/engine';
import { DEFAULT_SETTINGS, type Rule, type RuleResult, type RuleSettings } from '../../policies/rule';
import { stackFromConfig, stackFromPlan } from '../../policies/terraform-json';
import type { StackView } from '../../policies/types';

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface EvaluateOptions {
  /** Stack name. @default 'essex' (a force stack) */
  readonly stack?: string;
  readonly settings?: Partial<RuleSettings>;
  /** Other top-level blocks (provider, variable...). */
  readonly otherBlocks?: Record<string, unknown>;
}

export const TEST_SETTINGS: RuleSettings = {
  ...DEFAULT_SETTINGS,
  firewallPrivateIp: '10.0.0.4',
  hubSubscriptionId: '00000000-0000-4000-8000-0000000c0002',
  nmcTenantId: '00000000-0000-4000-8000-0000000a0001',
  publicIpAllowList: ['pip-afw-hub-uks'],
  azurePolicyIndex: defaultAzurePolicyIndex(),
};

export function configStack(resources: Resources, options: EvaluateOptions = {}): StackView {
  return stackFromConfig(options.stack ?? 'essex', { ...options.otherBlocks, resource: resources });
}

/** Outcomes of one rule by address (`(stack)` for stack-level results). */
export function evaluate(rule: Rule, resources: Resources, options: EvaluateOptions = {}): Record<string, RuleResult> {
  return evaluateView(rule, configStack(resources, options), options.settings);
}

export function evaluateView(
  rule: Rule,
  view: StackView,
  settings: Partial<RuleSettings> = {},
): Record<string, RuleResult> {
  const out: Record<string, RuleResult> = {};
  for (const e of evaluateRule(rule, ruleContext(view, { ...TEST_SETTINGS, ...settings }))) out[e.address] = e.result;
  return out;
}

/** Only the outcome, by address: `{ 'azurerm_x.a': 'fail' }`. */
export function outcomes(rule: Rule, resources: Resources, options: EvaluateOptions = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(evaluate(rule, resources, options)).map(([a, r]) => [a, r.outcome]));
}

/** A single-resource plan (`terraform show -json` shape) with the given actions. */
export function planStack(
  changes: {
    address: string;
    type: string;
    actions: string[];
    before?: unknown;
    after?: unknown;
    after_unknown?: unknown;
  }[],
  name = 'essex',
): StackView {
  return stackFromPlan(name, {
    format_version: '1.2',
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: 'managed',
      type: c.type,
      name: c.address.split('.')[1],
      change: {
        actions: c.actions,
        before: c.before ?? null,
        after: c.after ?? null,
        after_unknown: c.after_unknown ?? {},
      },
    })),
  });
}

/** A reference as cdktf writes it. */
export const ref = (expression: string) => `\${${expression}}`;
