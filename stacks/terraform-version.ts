import type { TerraformStack } from 'cdktf';

/**
 * The Terraform the stacks need: 1.11 brings write-only arguments, which keep the Box client
 * secret placeholder out of state (`value_wo`). An older Terraform would fail obscurely at plan.
 */
export const REQUIRED_TERRAFORM = '>= 1.11.0';

export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
}
