/**
 * What Blue Lamp would create for a force, read from its synthesised Terraform JSON: for each
 * adoptable resource, its address, ARM type, name, resource group and the settings that Azure
 * cannot change in place (location, address space, SKU).
 */
import { ADOPTABLE_TYPES } from './arm-types';
import { EXISTING_ARGUMENTS, plannedLiteral, type ExistingValue } from './existing';
import { compareText } from '../util/text-order';

export interface PlannedResource {
  /** Terraform address, `azurerm_virtual_network.Network_Vnet_1A2B3C`. */
  readonly address: string;
  readonly tfType: string;
  /** ARM type, lower-case. */
  readonly armType: string;
  /** Name as Azure spells it (`vnet/subnet` for a subnet). */
  readonly name: string;
  /** Resource group, lower-case ('' for a resource group itself). */
  readonly resourceGroup: string;
  readonly location?: string;
  readonly addressSpace?: readonly string[];
  readonly sku?: string;
  /** The planned literal value of each argument adoption compares (adopt/existing.ts), references resolved to names. */
  readonly settings: Readonly<Record<string, ExistingValue>>;
  /** Arguments set by a reference that does not resolve to a literal: never compared. */
  readonly referenced: readonly string[];
}

type Body = Record<string, unknown>;
type Resources = Record<string, Record<string, Body>>;

const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(name|id)\}$/;

export function plannedResources(cdkTfJson: unknown): PlannedResource[] {
  const resources = (cdkTfJson as { resource?: Resources } | undefined)?.resource ?? {};
  /** A literal, or the literal `name` of the resource a `${type.name.name}` reference points at. */
  const literal = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const ref = REF.exec(value);
    if (!ref) return value.includes('${') ? undefined : value;
    if (ref[3] !== 'name') return undefined;
    return literal(resources[ref[1]]?.[ref[2]]?.name);
  };
  const out: PlannedResource[] = [];
  for (const [tfType, byName] of Object.entries(resources)) {
    const armType = ADOPTABLE_TYPES[tfType];
    if (!armType) continue;
    for (const [logical, body] of Object.entries(byName)) {
      let name = literal(body.name);
      if (!name) continue;
      if (tfType === 'azurerm_subnet') {
        const vnet = literal(body.virtual_network_name);
        if (!vnet) continue;
        name = `${vnet}/${name}`;
      }
      const sku = literal(body.sku) ?? literal(body.sku_name);
      const settings: Record<string, ExistingValue> = {};
      const referenced: string[] = [];
      for (const argument of EXISTING_ARGUMENTS) {
        const value = body[argument];
        if (value === undefined) continue;
        const resolved = typeof value === 'string' ? literal(value) : plannedLiteral(value);
        if (resolved === undefined) referenced.push(argument);
        else settings[argument] = resolved;
      }
      out.push({
        address: `${tfType}.${logical}`,
        tfType,
        armType,
        name,
        resourceGroup:
          tfType === 'azurerm_resource_group' ? '' : (literal(body.resource_group_name) ?? '').toLowerCase(),
        location: literal(body.location)?.toLowerCase(),
        addressSpace: Array.isArray(body.address_space)
          ? (body.address_space as unknown[]).filter((a): a is string => typeof a === 'string')
          : Array.isArray(body.address_prefixes)
            ? (body.address_prefixes as unknown[]).filter((a): a is string => typeof a === 'string')
            : undefined,
        sku,
        settings,
        referenced,
      });
    }
  }
  return out.sort((a, b) => compareText(a.address, b.address));
}
