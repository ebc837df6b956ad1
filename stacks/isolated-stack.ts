/**
 * The base of every Blue Lamp stack: a TerraformStack that is its own Terraform state and never
 * refers to another stack's resources (one force must never reach another's; the national stack
 * is referred to by ids from platform.yaml, never by tokens).
 *
 * Two of cdktf's passes over a stack do nothing for such a stack, and were a third of synthesis:
 *
 * - App.synth() first calls prepareStack(), which resolves every element of the stack in a
 *   "preparing" pass whose only effect is to discover cross-stack references (it then adds remote
 *   state data sources and outputs for them), and then resolves everything again to write the JSON.
 *   With no cross-stack references that first pass changes nothing, yet it was 0.85 of 2.2 s of CPU
 *   in synthesising the bundled estate (node --cpu-prof: cdktf's resolve under prepareStack). This
 *   stack keeps the rest of prepareStack (a backend always exists) and skips that pass.
 * - toTerraform() resolves each element, merges the resolved fragments and the stack's overrides,
 *   and then resolves the merged whole again, although nothing in it is left to resolve but the
 *   overrides. That last pass was 1.3 of 11.1 s of CPU in a synthesis worker at 400 forces (node
 *   --cpu-prof, 30 November 2026). This stack resolves the overrides on their own and merges them,
 *   and does everything else as cdktf does, through cdktf's public API only.
 *
 * test/stacks/isolated-stack.test.ts synthesises every kind of stack (bootstrap and adopted
 * resources' overrides included) with cdktf's own prepareStack and toTerraform and compares the
 * bytes; scripts/verify-cdktn.ts does the same under cdktf's successor.
 *
 * Skipping the preparing pass also removes cdktf's handling of a cross-stack token: a change that
 * used one would now write a raw `${azurerm_x.y.id}` naming a resource of another stack. The second
 * guard is the policy rule BL-TF-001 (policies/rules/terraform-references-declared.ts), which fails
 * any stack that refers to a resource, data source, variable, local or provider it does not
 * declare; its test synthesises such a token through this class and sees it caught.
 */
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import type { IConstruct } from 'constructs';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

export abstract class IsolatedStack extends TerraformStack {
  /** What addOverride was given, kept as cdktf keeps it (cdktf's own copy is not public). */
  private readonly stackOverrides: Record<string, unknown> = {};

  public override prepareStack(): void {
    this.ensureBackendExists();
  }

  public override addOverride(path: string, value: unknown): void {
    super.addOverride(path, value);
    const parts = path.split('.');
    let at = this.stackOverrides;
    for (const key of parts.slice(0, -1)) {
      const next = at[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = value;
  }

  // cdktf's own return type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public override toTerraform(): any {
    const resolve = <T>(value: T): T =>
      Tokenization.resolve(value, { scope: this, preparing: false, resolver: RESOLVER }) as T;
    const elements = elementsOf(this);
    const overrides = Object.keys(this.stackOverrides);
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext('cdktfVersion') as unknown,
      stackName: this.node.id,
      backend: 'local', // backends and cloud blocks overwrite these, as in cdktf
      ...(overrides.length > 0 ? { overrides: { stack: overrides } } : {}),
    };
    for (const element of elements) mergeInto(metadata, resolve(element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      // The output's construct path as nested keys, its Terraform name at the leaf.
      const nested = element.node.path
        .split('/')
        .reduceRight<unknown>((inner, part) => ({ [part]: inner }), element.friendlyUniqueId);
      mergeInto(outputs, nested);
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) mergeInto(tf, resolve(element.toTerraform()));
    mergeInto(tf, resolve(this.stackOverrides));
    return tf;
  }
}

/** The stack's Terraform elements, depth first, not descending into a nested stack (as cdktf collects them). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/**
 * cdktf's merge of resolved fragments: objects merge key by key, lists are appended, an undefined
 * value removes the key, anything else replaces.
 */
function mergeInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || typeof source !== 'object') return;
  for (const [key, value] of Object.entries(source)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value);
    } else if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...(existing as unknown[]), ...(value as unknown[])] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}
