/**
 * The base of every Blue Lamp stack: a TerraformStack that is its own Terraform state and never
 * refers to another stack's resources (one force must never reach another's; the national stack
 * is referred to by ids from platform.yaml, never by tokens).
 *
 * cdktf's App.synth() first calls prepareStack(), which resolves every element of the stack in a
 * "preparing" pass whose only effect is to discover cross-stack references (it then adds remote
 * state data sources and outputs for them), and then resolves everything again to write the JSON.
 * With no cross-stack references that first pass changes nothing, yet it was 0.85 of 2.2 s of
 * CPU in synthesising the bundled estate (node --cpu-prof: cdktf's resolve under prepareStack).
 * This stack keeps the rest of prepareStack (a backend always exists) and skips that pass.
 * test/stacks/isolated-stack.test.ts synthesises every kind of stack with cdktf's own prepareStack
 * and compares the bytes.
 *
 * Skipping the pass also removes cdktf's handling of a cross-stack token: a change that used one
 * would now write a raw `${azurerm_x.y.id}` naming a resource of another stack. The second guard
 * is the policy rule BL-TF-001 (policies/rules/terraform-references-declared.ts), which fails any
 * stack that refers to a resource, data source, variable, local or provider it does not declare;
 * its test synthesises such a token through this class and sees it caught.
 */
import { TerraformStack } from 'cdktf';

export abstract class IsolatedStack extends TerraformStack {
  public override prepareStack(): void {
    this.ensureBackendExists();
  }
}
