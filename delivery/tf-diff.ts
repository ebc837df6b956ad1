/**
 * Compares two synthesised versions of a stack resource by resource and attribute by attribute,
 * and ranks what a security reviewer must see first: deletions of protected resources, where the
 * stack deploys (state backend, provider tenant and subscription), NSG and firewall rules and
 * routes, role assignments, Lighthouse, logging and diagnostic settings, policy assignments, and
 * public access or hardening flags. A change to tags alone is never security-relevant.
 *
 * It reads Terraform JSON only (cdk.tf.json), like the policies, so it does not depend on how
 * the JSON was made.
 */
import { compareText } from '../util/text-order';

/** The parts of a cdk.tf.json the diff reads. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
  readonly terraform?: { readonly backend?: unknown };
}

export interface AttributeChange {
  /** `security_rule[name=AllowHttps].destination_port_range`; lists of named blocks are keyed by name. */
  readonly path: string;
  /** Absent when the attribute is new. */
  readonly before?: unknown;
  /** Absent when the attribute is gone. */
  readonly after?: unknown;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ResourceChange {
  /** `azurerm_network_security_group.Network_Nsg_1A2B3C`, `data.x.y`, `terraform.backend`, `provider.azurerm`. */
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** cdktf construct path, when the JSON records it. */
  readonly constructPath?: string;
  /** Changed leaves (every leaf of an added or removed resource). */
  readonly attributes: readonly AttributeChange[];
  /** Why a security reviewer should look, or undefined when it is an ordinary change. */
  readonly security?: SecurityCategory;
  /** A changed name, location or resource group usually makes Terraform replace the resource. */
  readonly likelyReplacement: boolean;
  /** The resource is an existing one the force adopts (forces/<id>.adopt.yaml); see adopted-diff.ts. */
  readonly adopted?: boolean;
}

export const SECURITY_CATEGORIES = [
  'protected resource deleted',
  'evidence shared outside the force',
  'deployment target',
  'network rules and routes',
  'role assignments',
  'Lighthouse',
  'logging and diagnostic settings',
  'policy assignments',
  'public access and hardening',
] as const;
export type SecurityCategory = (typeof SECURITY_CATEGORIES)[number];

export interface StackDiff {
  readonly stack: string;
  /** added: the stack is new; removed: its config is gone (its state is not). */
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Security-relevant first (in category order), then the rest; each group by address. */
  readonly changes: readonly ResourceChange[];
}

/** Resources whose deletion loses evidence, logs, keys or guardrails. */
const PROTECTED_TYPES =
  /^azurerm_(log_analytics_workspace|sentinel_log_analytics_workspace_onboarding|key_vault|storage_account|storage_container|lighthouse_(definition|assignment)|monitor_(aad_)?diagnostic_setting|.*policy_assignment|network_security_group|virtual_network|management_lock|security_center_.*)$/;
const TYPE_CATEGORIES: [RegExp, SecurityCategory][] = [
  [
    /^azurerm_(network_security_(group|rule)|subnet_network_security_group_association|firewall.*|route|route_table|subnet_route_table_association|virtual_network_peering)$/,
    'network rules and routes',
  ],
  [/^azurerm_(role_assignment|role_definition|pim_.*|role_management_policy)$/, 'role assignments'],
  [/^azurerm_lighthouse_/, 'Lighthouse'],
  [
    /^azurerm_(monitor_(aad_)?diagnostic_setting|network_watcher_flow_log|monitor_data_collection_rule.*|log_analytics_workspace|sentinel_.*)$/,
    'logging and diagnostic settings',
  ],
  [/policy_(assignment|definition|set_definition|exemption|remediation)$/, 'policy assignments'],
  [/^azurerm_public_ip/, 'public access and hardening'],
];
const HARDENING_ATTRIBUTE =
  /(public_network_access|public_access|allow_nested_items_to_be_public|shared_access_key_enabled|default_action|https_traffic_only|min_tls_version|ip_rules|purge_protection|soft_delete|immutability|infrastructure_encryption|local_authentication|prevent_destroy|rbac_authorization)/;
const REPLACING_ATTRIBUTE = /^(name|location|resource_group_name)$/;
/**
 * Attributes whose values must never reach a terminal or a pull-request comment: the diff says
 * that they changed, not what to. References (`*_id`, `*_name`, `*_version`, flags) stay visible.
 */
const SENSITIVE_ATTRIBUTE =
  /(^|_)(password|secret|token|shared_key|access_key|primary_key|secondary_key|connection_string|private_key|sas|pfx|certificate_data|value_wo|client_certificate)(_|$)/;
const REFERENCE_ATTRIBUTE = /_(id|ids|name|names|version|enabled|uri|url|expiration_date|content_type)$/;
const SECRET_HOLDING_TYPE = /^azurerm_(key_vault_secret|key_vault_certificate|api_management_named_value)$/;
export const REDACTED = '(sensitive)';

/** True when the attribute at `path` of a resource of `type` holds a secret. */
export function isSensitive(type: string, path: string): boolean {
  const key =
    path
      .replace(/\[[^\]]*\]/g, '')
      .split('.')
      .pop() ?? '';
  if (SECRET_HOLDING_TYPE.test(type) && key === 'value') return true;
  if (type === 'output' && key === 'value') return false; // decided per output, from its `sensitive` flag
  return SENSITIVE_ATTRIBUTE.test(key) && !REFERENCE_ATTRIBUTE.test(key);
}

function redact(type: string, change: AttributeChange, sensitiveOutput: boolean): AttributeChange {
  if (!sensitiveOutput && !isSensitive(type, change.path)) return change;
  return {
    path: change.path,
    ...('before' in change ? { before: REDACTED } : {}),
    ...('after' in change ? { after: REDACTED } : {}),
  };
}

export function diffStack(
  stack: string,
  before: TerraformJson | undefined,
  after: TerraformJson | undefined,
): StackDiff {
  const a = addressable(before);
  const b = addressable(after);
  const changes: ResourceChange[] = [];
  for (const address of new Set([...a.keys(), ...b.keys()])) {
    const old = a.get(address);
    const now = b.get(address);
    const type = typeOf(address);
    const constructPath = metadataPath(now?.value ?? old?.value);
    const sensitiveOutput =
      type === 'output' &&
      [old?.value, now?.value].some((v) => (v as { sensitive?: boolean } | undefined)?.sensitive === true);
    const hide = (c: AttributeChange) => redact(type, c, sensitiveOutput && c.path === 'value');
    if (!old || !now) {
      const kind: ChangeKind = old ? 'removed' : 'added';
      const leaves = flatten(stripMetadata((old ?? now)!.value));
      const attributes = [...leaves].map(([path, value]) =>
        hide(kind === 'added' ? { path, after: value } : { path, before: value }),
      );
      const prevent =
        (old?.value as { lifecycle?: { prevent_destroy?: boolean } } | undefined)?.lifecycle?.prevent_destroy === true;
      const security =
        kind === 'removed' && (PROTECTED_TYPES.test(type) || prevent)
          ? 'protected resource deleted'
          : categorise(type, attributes, constructPath);
      changes.push({ address, type, kind, constructPath, attributes, security, likelyReplacement: false });
      continue;
    }
    // Compared on the real values (a changed secret is a change), shown redacted.
    const attributes = compareLeaves(flatten(stripMetadata(old.value)), flatten(stripMetadata(now.value))).map(hide);
    if (attributes.length === 0) continue;
    changes.push({
      address,
      type,
      kind: 'changed',
      constructPath,
      attributes,
      security: categorise(type, attributes, constructPath),
      likelyReplacement: attributes.some((c) => REPLACING_ATTRIBUTE.test(c.path)),
    });
  }
  changes.sort(bySeverity);
  const status = !before ? 'added' : !after ? 'removed' : changes.length > 0 ? 'changed' : 'unchanged';
  return { stack, status, changes };
}

/** Construct path segment of the partner assignments (constructs/evidence-sharing.ts, stacks/force-services.ts). */
const EVIDENCE_SHARING_PATH = /\/EvidenceSharing\//;

function categorise(
  type: string,
  changed: readonly AttributeChange[],
  constructPath: string | undefined,
): SecurityCategory | undefined {
  if (type === 'terraform.backend' || type === 'provider') return 'deployment target';
  // A new partner, a wider scope or a later expiry: the reviewer sees it before any other change.
  if (
    /^azurerm_(role_assignment|pim_.*_role_assignment)$/.test(type) &&
    EVIDENCE_SHARING_PATH.test(constructPath ?? '')
  )
    return 'evidence shared outside the force';
  // Tags are bookkeeping: a cost-centre change on an NSG is not a security change.
  const attributes = changed.filter((c) => !c.path.startsWith('tags.') && c.path !== 'tags');
  if (attributes.length === 0) return undefined;
  const byType = TYPE_CATEGORIES.find(([re]) => re.test(type));
  if (byType) return byType[1];
  return attributes.some((c) => HARDENING_ATTRIBUTE.test(c.path)) ? 'public access and hardening' : undefined;
}

function bySeverity(x: ResourceChange, y: ResourceChange): number {
  const rank = (c: ResourceChange) =>
    c.security ? SECURITY_CATEGORIES.indexOf(c.security) : SECURITY_CATEGORIES.length;
  return rank(x) - rank(y) || compareText(x.address, y.address);
}

/** Every block of the JSON that a change can touch, by address. */
function addressable(json: TerraformJson | undefined): Map<string, { value: unknown }> {
  const out = new Map<string, { value: unknown }>();
  if (!json) return out;
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, value] of Object.entries(byName)) out.set(`${type}.${name}`, { value });
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, value] of Object.entries(byName)) out.set(`data.${type}.${name}`, { value });
  }
  for (const [name, value] of Object.entries(json.output ?? {})) out.set(`output.${name}`, { value });
  for (const [name, value] of Object.entries(json.provider ?? {})) out.set(`provider.${name}`, { value });
  if (json.terraform?.backend !== undefined) out.set('terraform.backend', { value: json.terraform.backend });
  return out;
}

function typeOf(address: string): string {
  if (address === 'terraform.backend') return address;
  const parts = address.split('.');
  if (parts[0] === 'provider' || parts[0] === 'output') return parts[0];
  return parts[0] === 'data' ? `data.${parts[1]}` : parts[0];
}

function metadataPath(value: unknown): string | undefined {
  const meta = (value as { '//'?: { metadata?: { path?: string } } } | undefined)?.['//'];
  return meta?.metadata?.path;
}

function stripMetadata(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { '//': _metadata, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Leaves of a JSON value by path; lists whose items all have a unique `name` are keyed by it. */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    const names = value.map((v) =>
      v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string'
        ? (v as { name: string }).name
        : undefined,
    );
    const keyed = value.length > 0 && names.every((n) => n !== undefined) && new Set(names).size === names.length;
    if (value.length === 0) out.set(prefix, []);
    value.forEach((item, i) => flatten(item, `${prefix}[${keyed ? `name=${names[i]}` : i}]`, out));
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(prefix, {});
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== null && value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

function compareLeaves(before: Map<string, unknown>, after: Map<string, unknown>): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const had = before.has(path);
    const has = after.has(path);
    if (had && has && JSON.stringify(before.get(path)) === JSON.stringify(after.get(path))) continue;
    changes.push({ path, ...(had ? { before: before.get(path) } : {}), ...(has ? { after: after.get(path) } : {}) });
  }
  return changes.sort((x, y) => compareText(x.path, y.path));
}

export function counts(diff: StackDiff): { added: number; removed: number; changed: number; security: number } {
  const n = (kind: ChangeKind) => diff.changes.filter((c) => c.kind === kind).length;
  return {
    added: n('added'),
    removed: n('removed'),
    changed: n('changed'),
    security: diff.changes.filter((c) => c.security).length,
  };
}
