import { SentinelAlertRuleScheduled } from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-scheduled';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** MITRE ATT&CK tactics as Sentinel spells them. */
export type SentinelTactic =
  | 'InitialAccess'
  | 'Persistence'
  | 'PrivilegeEscalation'
  | 'DefenseEvasion'
  | 'CredentialAccess'
  | 'Discovery'
  | 'LateralMovement'
  | 'Collection'
  | 'Exfiltration'
  | 'Impact';

/** One scheduled analytics rule: what it detects, and the KQL that detects it. */
export interface AnalyticsRuleDefinition {
  /** Stable construct id (PascalCase) and, in kebab case, the rule name in Azure. Renaming it replaces the rule. */
  readonly id: string;
  /** Title of the rule and of each incident it raises. */
  readonly displayName: string;
  /** What the rule detects and why a policing SOC cares; shown to the analyst on every incident. */
  readonly description: string;
  /** Severity of the incidents the rule raises. */
  readonly severity: 'High' | 'Medium' | 'Low' | 'Informational';
  /** MITRE ATT&CK tactics, for the Sentinel MITRE view. */
  readonly tactics: readonly SentinelTactic[];
  /** ATT&CK technique ids (parent techniques, `T1114`). */
  readonly techniques: readonly string[];
  /** KQL over the workspace tables. */
  readonly query: string;
  /**
   * Column holding the user, mapped to an Account entity so incidents group by person.
   * @default - no Account entity
   */
  readonly accountColumn?: string;
  /**
   * Column holding the client IP, mapped to an IP entity.
   * @default - no IP entity
   */
  readonly ipColumn?: string;
  /**
   * How often the query runs, ISO 8601 duration.
   * @default 'PT1H'
   */
  readonly queryFrequency?: string;
  /**
   * How far back each run looks, ISO 8601 duration.
   * @default - the same as queryFrequency
   */
  readonly queryPeriod?: string;
}

export interface SentinelAnalyticsRulesProps {
  /**
   * Log Analytics workspace id with Sentinel onboarded. Pass an id that Terraform derives from the
   * onboarding resource, so rules are created after onboarding.
   */
  readonly workspaceId: string;
  /** The rules to create. */
  readonly rules: readonly AnalyticsRuleDefinition[];
  /**
   * Prefix of every rule name in Azure, so the platform's rules are told apart from a force's own.
   * @default 'bluelamp'
   */
  readonly namePrefix?: string;
  /**
   * What must exist before the rules: Sentinel refuses a rule whose query names a table the
   * workspace does not have yet (a custom table created in the same apply).
   * @default [] - only the workspace id's own dependencies
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const ISO_DURATION = /^P(T(\d+H)?(\d+M)?|\d+D)$/;

/**
 * Sentinel scheduled analytics rules, each raising an incident when its query returns a row.
 * Rule text lives with the service that produces the data (office365-analytics-rules.ts,
 * box-analytics-rules.ts); this construct only turns definitions into resources.
 */
export class SentinelAnalyticsRules extends Construct {
  /** Azure names of the rules, in definition order. */
  readonly ruleNames: string[];

  constructor(scope: Construct, id: string, props: SentinelAnalyticsRulesProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'bluelamp';
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const rule of props.rules) {
      if (seen.has(rule.id)) problems.push(`rules: id "${rule.id}" is used twice`);
      seen.add(rule.id);
      if (!/^[A-Z][A-Za-z0-9]+$/.test(rule.id))
        problems.push(`rules: id "${rule.id}" must be PascalCase letters and digits`);
      if (rule.description.trim().length < 40)
        problems.push(`rules[${rule.id}].description must say what the rule detects (40+ characters)`);
      if (rule.tactics.length === 0) problems.push(`rules[${rule.id}].tactics must name at least one tactic`);
      for (const t of rule.techniques)
        if (!/^T\d{4}$/.test(t))
          problems.push(`rules[${rule.id}].techniques: "${t}" is not a parent ATT&CK technique id (T1234)`);
      for (const d of [rule.queryFrequency, rule.queryPeriod]) {
        if (d !== undefined && !Token.isUnresolved(d) && !ISO_DURATION.test(d))
          problems.push(`rules[${rule.id}]: "${d}" is not an ISO 8601 duration (PT1H, P1D)`);
      }
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    this.ruleNames = props.rules.map((rule) => {
      const name = `${prefix}-${kebab(rule.id)}`;
      const frequency = rule.queryFrequency ?? 'PT1H';
      new SentinelAlertRuleScheduled(this, rule.id, {
        name,
        logAnalyticsWorkspaceId: props.workspaceId,
        displayName: rule.displayName,
        description: rule.description,
        severity: rule.severity,
        tactics: [...rule.tactics],
        techniques: [...rule.techniques],
        query: rule.query,
        queryFrequency: frequency,
        queryPeriod: rule.queryPeriod ?? frequency,
        triggerOperator: 'GreaterThan',
        triggerThreshold: 0,
        entityMapping: entityMappings(rule),
        dependsOn: props.dependsOn?.length ? [...props.dependsOn] : undefined,
      });
      return name;
    });
  }
}

function entityMappings(rule: AnalyticsRuleDefinition) {
  const mappings = [];
  if (rule.accountColumn)
    mappings.push({
      entityType: 'Account',
      fieldMapping: [{ identifier: 'FullName', columnName: rule.accountColumn }],
    });
  if (rule.ipColumn)
    mappings.push({ entityType: 'IP', fieldMapping: [{ identifier: 'Address', columnName: rule.ipColumn }] });
  return mappings.length > 0 ? mappings : undefined;
}

function kebab(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
