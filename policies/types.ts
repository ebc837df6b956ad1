/**
 * The assurance model shared by the engine, the rules and every output format.
 * Policies read Terraform JSON only (cdk.tf.json or `terraform show -json`), never cdktf objects.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** What a rule says of one resource (or stack). UNKNOWN: a value is a reference or known only after apply. */
export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'unknown';

/** NCSC cloud security principles 1-14 (with sub-principles, e.g. "2.3"). */
export type NcscPrinciple = string;

export type RuleCategory = 'apply-readiness' | 'adoption';

export interface RuleMeta {
  /** Stable id, e.g. `BL-STG-001`. */
  readonly id: string;
  /** One line. */
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, for the assurance reviewer. */
  readonly rationale: string;
  /** NCSC cloud security principle(s) served, e.g. ["2.3", "5.3"]. */
  readonly ncsc: readonly NcscPrinciple[];
  /** Equivalent checks elsewhere. */
  readonly mirrors: {
    readonly checkov?: readonly string[];
    readonly trivy?: readonly string[];
    readonly cis?: readonly string[];
    readonly azurePolicy?: readonly string[];
  };
  /** False for rules that can never be waived (residency, internet-facing management ports). */
  readonly waivable: boolean;
  /**
   * `apply-readiness`: what would fail the first real apply (Azure limits, ordering, the deployer's
   * permissions) rather than a security control. `adoption`: what the first apply would do to
   * existing resources a force adopts (forces/<id>.adopt.yaml).
   * @default - an assurance (security) rule
   */
  readonly category?: RuleCategory;
}

/** A Terraform resource as the rules see it, whatever produced the JSON. */
export interface ResourceView {
  /** Terraform address, e.g. `azurerm_storage_account.EvidenceStore_Account_1A2B3C`. */
  readonly address: string;
  /** Resource type, e.g. `azurerm_storage_account`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Attribute values; unknown values are represented by UNKNOWN. */
  readonly values: Record<string, unknown>;
  /** cdktf construct path from the `//` metadata, when present. */
  readonly constructPath?: string;
  /** Terraform lifecycle block, when present. */
  readonly lifecycle?: Record<string, unknown>;
  /**
   * Configuration only: the resource's `dynamic` blocks as written (expressions marked), for the
   * rules that follow every reference; `values` holds each only as an Unknown element.
   */
  readonly dynamic?: Readonly<Record<string, unknown>>;
  /** Plan input only: the planned actions (`create`, `update`, `delete`, `no-op`...). */
  readonly actions?: readonly string[];
  /** Plan input only: string values the plan marks sensitive; findings never print them. */
  readonly sensitiveValues?: readonly string[];
  /**
   * Plan input only (when the plan has its configuration): top-level attributes set by an
   * expression in the code, so their planned values are computed, not literals in the code.
   */
  readonly derivedAttributes?: readonly string[];
}

/** The stack a rule runs over. */
export interface StackView {
  readonly name: string;
  readonly resources: readonly ResourceView[];
  /** The document's other top-level blocks (provider, variable, output, locals...), for whole-document rules. */
  readonly otherBlocks?: Readonly<Record<string, unknown>>;
  /** True when the resources come from a `terraform show -json` plan (references already resolved). */
  readonly fromPlan?: boolean;
}

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

export interface WaiverRef {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly approvedOn: string;
  readonly expires: string;
  readonly ticket: string;
  /** Where the waiver is written. */
  readonly source: SourceLocation;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** `fail` or `unknown` (unknown values are never a pass). */
  readonly outcome: 'fail' | 'unknown';
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
  /** Force YAML (or platform.yaml) line the offending value comes from, when known. */
  readonly source?: SourceLocation;
  /** Set when an approved, unexpired waiver covers the finding. */
  readonly waiver?: WaiverRef;
}

/** A resource in the inventory of a checked stack (for reports). */
export interface InventoryItem {
  readonly address: string;
  readonly type: string;
  readonly constructPath?: string;
}

export interface StackInventory {
  readonly name: string;
  /** Config file the stack is made from (from sources.json), when known. */
  readonly source?: string;
  readonly resources: readonly InventoryItem[];
  /** Address spaces of the stack's virtual networks (for the network picture). */
  readonly addressSpaces?: readonly string[];
  /** Evidence shared with partners outside the force (for the report's "Shared with" section). */
  readonly sharing?: readonly {
    readonly address: string;
    readonly partner: string;
    readonly reference: string;
    readonly container: string;
    readonly prefix?: string;
    readonly endsAt: string;
    readonly approvedOn: string;
    readonly approvedBy: string;
  }[];
}

/** A declared network flow and whether the synthesised estate allows it (network intents). */
export interface NetworkFlowVerdict {
  /** The force whose spoke the flow belongs to. */
  readonly force: string;
  readonly name: string;
  /** `from -> to, protocol/ports`, as declared. */
  readonly summary: string;
  readonly allowed: boolean;
  /** Why: the breaking hop, or the rule that allowed it. */
  readonly detail: string;
  /** Where the flow is declared. */
  readonly source?: SourceLocation;
}

/**
 * The result of one `bluelamp check`: every output format (text, JSON, SARIF, JUnit, Markdown,
 * CSV, HTML report) is a pure function of this.
 */
export interface CheckRun {
  readonly schemaVersion: 1;
  /** ISO timestamp. */
  readonly generatedAt: string;
  readonly input: { readonly kind: 'synth' | 'plan'; readonly path: string };
  readonly rules: readonly RuleMeta[];
  readonly stacks: readonly StackInventory[];
  /** Every finding, waived ones included (marked by `waiver`); problems with waivers are findings too. */
  readonly findings: readonly Finding[];
  /** Every waiver loaded, whether it matched or not. */
  readonly waivers: readonly WaiverRef[];
  /** Declared network flows with their verdicts, when the hub and the config were checked. */
  readonly networkFlows?: readonly NetworkFlowVerdict[];
}
