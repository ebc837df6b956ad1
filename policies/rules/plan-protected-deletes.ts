import { isEvidenceStore } from '../evidence';
import { ALL_STACK_KINDS, fail, notApplicable, pass, type ResourceRule } from '../rule';
import type { ResourceView } from '../types';
import { POLICY_ASSIGNMENT_TYPES } from './policy-assignment-builtins';

/** Resources whose loss blinds the SOC, unlocks the estate or destroys evidence. */
const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  azurerm_log_analytics_workspace: 'the Log Analytics workspace',
  azurerm_sentinel_log_analytics_workspace_onboarding: 'Sentinel onboarding',
  azurerm_monitor_diagnostic_setting: 'a diagnostic setting',
  azurerm_key_vault: 'a Key Vault',
  azurerm_lighthouse_definition: 'the Lighthouse definition',
  azurerm_lighthouse_assignment: 'the Lighthouse assignment',
  azurerm_network_security_group: 'a network security group',
  azurerm_network_security_rule: 'a network security rule',
  // Removing the association, route or lock removes the control without deleting the resource that holds it.
  azurerm_subnet_network_security_group_association: "a subnet's NSG association",
  azurerm_route_table: 'a route table (the default route to the hub firewall)',
  azurerm_route: 'a route (possibly the default route to the hub firewall)',
  azurerm_subnet_route_table_association: "a subnet's route table association",
  azurerm_management_lock: 'a resource lock',
  azurerm_security_center_subscription_pricing: 'a Defender for Cloud plan',
  azurerm_network_watcher_flow_log: 'a flow log',
  azurerm_monitor_aad_diagnostic_setting: 'the Entra ID diagnostic setting',
  azurerm_firewall: 'the hub firewall',
  azurerm_firewall_policy: 'the hub firewall policy',
  ...Object.fromEntries(POLICY_ASSIGNMENT_TYPES.map((t) => [t, 'a policy assignment'])),
};

function protectedWhat(r: ResourceView): string | undefined {
  if (isEvidenceStore(r)) return 'the evidence store';
  if (r.type === 'azurerm_storage_container' || r.type === 'azurerm_storage_container_immutability_policy') {
    return /evidence/i.test(`${r.constructPath ?? ''} ${r.name}`) ? 'an evidence container' : undefined;
  }
  // National's endpoint to bootstrap's state account (construct id StateAccountEndpoint): once public access is
  // closed it is the runners' only path to state, and the pipeline cannot approve a new one (docs/bootstrap.md).
  if (r.type === 'azurerm_private_endpoint')
    return /(^|[/_.])StateAccountEndpoint([/_]|$)/.test(`${r.constructPath ?? ''} ${r.address}`)
      ? "the Terraform state account's private endpoint (the runners' path to state; replace it by hand: docs/bootstrap.md)"
      : undefined;
  return PROTECTED_TYPES[r.type];
}

/** A plan that deletes or replaces a protected resource needs an approved waiver to proceed. */
export const planProtectedDeletes: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  planOnly: true,
  meta: {
    id: 'BL-PLN-001',
    title: 'A plan does not delete or replace a protected resource without a waiver',
    severity: 'critical',
    rationale:
      'Deleting the workspace, a diagnostic setting, the Key Vault, evidence storage, Lighthouse, a policy assignment, an NSG (or its association), the route to the hub firewall, a lock or a Defender plan removes a control; even a replace leaves a gap and loses history, and forgetting one leaves it unmanaged. Such a change needs a signed-off waiver.',
    ncsc: ['5.1', '13'],
    mirrors: {},
    waivable: true,
  },
  check(r) {
    const what = protectedWhat(r);
    if (!what || !r.actions) return notApplicable();
    if (r.actions.includes('forget'))
      return fail(
        `the plan stops managing ${what} (forget): it is left in Azure without its controls enforced by code`,
      );
    const deletes = r.actions.includes('delete');
    if (!deletes) return pass();
    const replace = r.actions.includes('create');
    return fail(`the plan ${replace ? 'replaces' : 'deletes'} ${what} (${r.actions.join(', ')})`);
  },
};
