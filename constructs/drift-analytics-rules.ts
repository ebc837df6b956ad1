/**
 * Scheduled analytics rules over the drift table: drift that touches a security-relevant resource,
 * a stack whose drift could not be checked, and a night with no drift result at all.
 */
import { DRIFT_TABLE, SECURITY_RELEVANT_DRIFT } from './drift-table';
import type { AnalyticsRuleDefinition } from './sentinel-analytics-rules';

/** A KQL dynamic() literal of strings. */
const kqlSet = (values: readonly string[]) => `dynamic([${values.map((v) => JSON.stringify(v)).join(', ')}])`;

export function driftAnalyticsRules(): AnalyticsRuleDefinition[] {
  const types = Object.keys(SECURITY_RELEVANT_DRIFT).sort();
  return [
    {
      id: 'BlueLampSecurityDrift',
      displayName: 'Blue Lamp: security-relevant resource changed outside Terraform',
      description:
        'The nightly refresh-only plan found a network security group, firewall, role assignment, Key Vault, storage account ' +
        'network rule or diagnostic setting that no longer matches the reviewed code. Such a change opens a path or blinds ' +
        'the SOC; find who made it (Activity Log) and revert it or bring the config into line by pull request.',
      severity: 'High',
      tactics: ['DefenseEvasion', 'Persistence', 'PrivilegeEscalation'],
      techniques: ['T1562', 'T1098'],
      query: [
        DRIFT_TABLE,
        '| where Status == "drift"',
        '| mv-expand Resource = Drifted',
        '| extend ResourceType = tostring(Resource.type), Address = tostring(Resource.address), Action = tostring(Resource.action)',
        `| where ResourceType in (${kqlSet(types)})`,
        '| summarize Resources = make_set(strcat(Action, " ", Address), 50), ResourceTypes = make_set(ResourceType), TimeGenerated = max(TimeGenerated) by Stack, RunId, RunUrl',
      ].join('\n'),
    },
    {
      id: 'BlueLampDriftNotChecked',
      displayName: 'Blue Lamp: drift could not be checked',
      description:
        'The nightly drift run could not refresh a stack (terraform failed, the run was interrupted, or drift did not start). ' +
        'Until it runs again, changes made outside Terraform to that stack go unseen.',
      severity: 'Medium',
      tactics: ['DefenseEvasion'],
      techniques: ['T1562'],
      query: [
        DRIFT_TABLE,
        '| where Status in ("failed", "error", "interrupted", "skipped")',
        '| summarize arg_max(TimeGenerated, *) by Stack',
        '| project TimeGenerated, Stack, Status, Message, RunId, RunUrl',
      ].join('\n'),
    },
    {
      id: 'BlueLampDriftMissing',
      displayName: 'Blue Lamp: no drift result for a day',
      description:
        'No bluelamp drift record arrived in 26 hours: the nightly schedule did not run (CI schedules are delayed, dropped, or ' +
        'disabled in an inactive repository) or could not post, so drift is not being watched.',
      severity: 'Medium',
      tactics: ['DefenseEvasion'],
      techniques: ['T1562'],
      query: [
        `${DRIFT_TABLE}`,
        '| where TimeGenerated > ago(26h)',
        '| summarize Rows = count()',
        '| where Rows == 0',
      ].join('\n'),
      queryFrequency: 'PT6H',
      queryPeriod: 'P2D',
    },
  ];
}
