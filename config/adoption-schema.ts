/**
 * `forces/<id>.adopt.yaml`: the existing Azure resources a force's landing zone takes over instead
 * of creating, written by `bluelamp adopt` and reviewed in a pull request like the force file.
 * Synthesis turns each entry into a Terraform import block, so a plan shows imports, not creates.
 */
import { z } from 'zod';
import { namesInAzureId } from '../adopt/stack-metadata';

/** Terraform address of a resource in a force stack (`azurerm_virtual_network.Network_Vnet_1A2B3C`). */
const ADDRESS_RE = /^azurerm_[a-z0-9_]+\.[A-Za-z0-9_-]+$/;

/**
 * An Azure resource id of a resource group or a resource in it. Only the characters Azure names
 * use: the id becomes a Terraform import id, and must stay literal text.
 */
const AZURE_ID_RE =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[A-Za-z0-9._()-]{1,90}(?:\/providers\/[A-Za-z0-9.]+(?:\/[A-Za-z0-9._()-]+\/[A-Za-z0-9._()-]+)+)?$/;

/** An Azure resource name as the adoption file may record it: the characters Azure names use. */
const AZURE_NAME = z.string().regex(/^[A-Za-z0-9._()-]{1,90}$/, { message: 'must be an Azure resource name' });
/** A setting value Azure reports (a SKU, a kind, a type): a plain word. */
const WORD = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, { message: 'must be a plain word (letters, digits, _)' });
const REGION = z.string().regex(/^[a-z0-9]{2,30}$/, { message: 'must be an Azure region name (uksouth)' });
const CIDRS = z
  .array(z.string().regex(/^\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}$/, { message: 'must be an IPv4 CIDR (10.1.0.0/16)' }))
  .max(100);

/**
 * What the existing resource has, by Terraform argument (adopt/existing.ts lists them and why they
 * matter). Written by `bluelamp adopt` from the inventory; synthesis records it in the stack's
 * metadata (a `//` comment Terraform never reads), where the adoption rules compare it with the plan.
 */
export const ExistingSettingsSchema = z
  .strictObject({
    name: AZURE_NAME.optional(),
    resource_group_name: AZURE_NAME.optional(),
    location: REGION.optional(),
    virtual_network_name: AZURE_NAME.optional(),
    address_space: CIDRS.optional(),
    address_prefixes: CIDRS.optional(),
    account_tier: WORD.optional(),
    account_replication_type: WORD.optional(),
    account_kind: WORD.optional(),
    is_hns_enabled: z.boolean().optional(),
    nfsv3_enabled: z.boolean().optional(),
    infrastructure_encryption_enabled: z.boolean().optional(),
    sku: WORD.optional(),
    type: WORD.optional(),
    vpn_type: WORD.optional(),
    generation: WORD.optional(),
    private_ip_address_enabled: z.boolean().optional(),
  })
  .describe('Settings of the existing resource that adopting it must keep (from the inventory).');

export const AdoptionImportSchema = z.strictObject({
  address: z
    .string()
    .regex(ADDRESS_RE, { message: 'must be a Terraform address in the force stack (azurerm_type.Name)' })
    .describe('The resource in the force stack that takes the existing one over.'),
  id: z
    .string()
    .regex(AZURE_ID_RE, {
      message: 'must be the Azure resource id of the existing resource (/subscriptions/.../resourceGroups/...)',
    })
    .describe('Azure resource id of the existing resource.'),
  existing: ExistingSettingsSchema.optional(),
  note: z
    .string()
    .max(300)
    .optional()
    .describe('What differs from the plan, for the reviewer (written by bluelamp adopt).'),
});

export const AdoptionSchema = z
  .strictObject({
    force: z.string().min(1).describe('The force id; equals the force file it belongs to.'),
    subscriptionId: z
      .string()
      .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
        message: 'must be a GUID',
      })
      .describe("The force's subscription the inventory came from."),
    imports: z
      .array(AdoptionImportSchema)
      .max(2000)
      .describe('Existing resources to import, one per planned resource.'),
  })
  .superRefine((a, ctx) => {
    const addresses = new Map<string, number>();
    const ids = new Map<string, number>();
    a.imports.forEach((imp, i) => {
      const seenAt = addresses.get(imp.address);
      if (seenAt !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['imports', i, 'address'],
          message: `already imported by imports[${seenAt}]`,
        });
      addresses.set(imp.address, i);
      const id = imp.id.toLowerCase();
      const idAt = ids.get(id);
      if (idAt !== undefined)
        ctx.addIssue({ code: 'custom', path: ['imports', i, 'id'], message: `already imported by imports[${idAt}]` });
      ids.set(id, i);
      // The id is what Terraform imports; names recorded beside it that are not the id's would let
      // BL-ADO-001 compare the plan with another resource than the one imported. Case is left to
      // the rule (Resource Graph may spell an id's segments otherwise than the resource's name).
      const named = namesInAzureId(imp.id);
      for (const [key, inId] of Object.entries(named)) {
        const recorded = imp.existing?.[key as keyof typeof named];
        if (recorded !== undefined && inId !== undefined && recorded.toLowerCase() !== inId.toLowerCase())
          ctx.addIssue({
            code: 'custom',
            path: ['imports', i, 'existing', key],
            message: `is ${recorded}, but the id imports ${inId}`,
          });
      }
      if (!id.startsWith(`/subscriptions/${a.subscriptionId.toLowerCase()}/`))
        ctx.addIssue({
          code: 'custom',
          path: ['imports', i, 'id'],
          message: `is not in the force's subscription ${a.subscriptionId}`,
        });
    });
  })
  .describe('Existing Azure resources a force adopts (forces/<id>.adopt.yaml).');

export type AdoptionConfig = z.infer<typeof AdoptionSchema>;

/** `essex.adopt.yaml` -> `essex`; undefined for any other name. */
export function adoptionFileForce(fileName: string): string | undefined {
  return /^(.+)\.adopt\.ya?ml$/i.exec(fileName)?.[1];
}
