/**
 * The deployer permission manifest: for each stack, the Azure roles at each scope and the Entra
 * roles its pipeline identity needs, derived from the resource types in the stack's Terraform JSON
 * through permissions/role-table.ts. `bluelamp permissions` prints it; the bootstrap stack assigns
 * it; rule BL-APL-020 fails a stack with a type the table does not cover.
 */
import { permissionNeeds, SUBSUMED_BY, type PermissionScope } from './role-table';
import { compareText } from '../util/text-order';

/** The little of a synthesised stack the manifest reads. */
export interface StackResources {
  readonly name: string;
  readonly resources: ReadonlyArray<{ readonly type: string; readonly values: Record<string, unknown> }>;
}

/** Platform facts that turn scope kinds into Azure resource ids. */
export interface ManifestScopes {
  /** Subscription of each stack (force id or `national`). */
  readonly subscriptionOf: (stack: string) => string | undefined;
  readonly hubVirtualNetworkId: string;
  readonly hubPrivateDnsZoneIds: readonly string[];
  readonly nationalStack: string;
}

export interface AzureGrant {
  readonly role: string;
  /** Resource id of the scope (`/subscriptions/...`, `/providers/Microsoft.aadiam`). */
  readonly scope: string;
  readonly scopeKind: PermissionScope;
  /** Resource types that need it. */
  readonly because: readonly string[];
  readonly sources: readonly string[];
}

export interface EntraGrant {
  readonly role: string;
  readonly because: readonly string[];
  readonly sources: readonly string[];
}

export interface StackPermissions {
  readonly stack: string;
  readonly azure: readonly AzureGrant[];
  readonly entra: readonly EntraGrant[];
  /** Data-plane roles the stack grants the applying identity itself (listed, not pre-assigned). */
  readonly grantedByTheStack: readonly AzureGrant[];
  /** Resource types the table does not know: the manifest cannot be trusted for this stack. */
  readonly unknownTypes: readonly string[];
}

export function stackPermissions(stack: StackResources, scopes: ManifestScopes): StackPermissions {
  const forceStack = stack.name !== scopes.nationalStack;
  const subscription = scopes.subscriptionOf(stack.name);
  const azure = new Map<
    string,
    { role: string; scopeKind: PermissionScope; types: Set<string>; sources: Set<string> }
  >();
  const entra = new Map<string, { types: Set<string>; sources: Set<string> }>();
  const unknown = new Set<string>();
  for (const r of stack.resources) {
    const provider = typeof r.values.provider === 'string' ? r.values.provider : undefined;
    const needs = permissionNeeds(r.type, { provider, forceStack });
    if (!needs) {
      unknown.add(r.type);
      continue;
    }
    for (const need of needs) {
      if (need.entra) {
        const e = entra.get(need.role) ?? { types: new Set(), sources: new Set() };
        e.types.add(r.type);
        e.sources.add(need.source);
        entra.set(need.role, e);
        continue;
      }
      const key = `${need.role}@${need.scope}`;
      const a = azure.get(key) ?? { role: need.role, scopeKind: need.scope, types: new Set(), sources: new Set() };
      a.types.add(r.type);
      a.sources.add(need.source);
      azure.set(key, a);
    }
  }
  // A role held whole by a larger one at the same scope is folded into it.
  for (const [key, a] of azure) {
    const larger = SUBSUMED_BY[a.role];
    const into = larger ? azure.get(`${larger}@${a.scopeKind}`) : undefined;
    if (into) {
      for (const t of a.types) into.types.add(t);
      for (const s of a.sources) into.sources.add(s);
      azure.delete(key);
    }
  }
  const scopeIds = (kind: PermissionScope): string[] => {
    switch (kind) {
      case 'subscription':
        return subscription ? [`/subscriptions/${subscription}`] : ['(unknown subscription)'];
      case 'hub-virtual-network':
        return [scopes.hubVirtualNetworkId];
      case 'hub-private-dns-zones':
        return [...scopes.hubPrivateDnsZoneIds];
      case 'aadiam':
        return ['/providers/Microsoft.aadiam'];
      case 'granted-by-the-stack':
        return ['(the resource the stack creates)'];
    }
  };
  const grants = [...azure.values()].flatMap((a) =>
    scopeIds(a.scopeKind).map((scope) => ({
      role: a.role,
      scope,
      scopeKind: a.scopeKind,
      because: [...a.types].sort(),
      sources: [...a.sources].sort(),
    })),
  );
  const byRole = (x: AzureGrant, y: AzureGrant) => compareText(x.scope, y.scope) || compareText(x.role, y.role);
  return {
    stack: stack.name,
    azure: grants.filter((g) => g.scopeKind !== 'granted-by-the-stack').sort(byRole),
    grantedByTheStack: grants.filter((g) => g.scopeKind === 'granted-by-the-stack').sort(byRole),
    entra: [...entra.entries()]
      .map(([role, e]) => ({ role, because: [...e.types].sort(), sources: [...e.sources].sort() }))
      .sort((x, y) => compareText(x.role, y.role)),
    unknownTypes: [...unknown].sort(),
  };
}

/** The manifest as Markdown: one section per stack. */
export function manifestMarkdown(manifest: readonly StackPermissions[]): string {
  const lines: string[] = ['# Deployer permissions', ''];
  for (const s of manifest) {
    lines.push(`## ${s.stack}`, '', '| Azure role | Scope | Because of |', '|---|---|---|');
    for (const g of s.azure)
      lines.push(`| ${g.role} | \`${g.scope}\` | ${g.because.map((t) => `\`${t}\``).join(', ')} |`);
    for (const g of s.grantedByTheStack)
      lines.push(`| ${g.role} (the stack grants it) | ${g.scope} | ${g.because.map((t) => `\`${t}\``).join(', ')} |`);
    if (s.entra.length) {
      lines.push('', '| Entra role (stack tenant) | Because of |', '|---|---|');
      for (const e of s.entra) lines.push(`| ${e.role} | ${e.because.map((t) => `\`${t}\``).join(', ')} |`);
    }
    if (s.unknownTypes.length)
      lines.push('', `**Not in the permission table:** ${s.unknownTypes.map((t) => `\`${t}\``).join(', ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
