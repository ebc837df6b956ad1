/**
 * What the rules conclude from a plan, as opposed to synthesised configuration: the stack after
 * apply (deleted resources no longer count), computed values that are not literals in the code,
 * and sensitive values that no finding may print.
 */
import { checkStack } from '../../policies/engine';
import { RULES } from '../../policies/pack';
import { stackFromPlan } from '../../policies/terraform-json';
import type { Finding } from '../../policies/types';
import { TEST_SETTINGS } from './harness';

type Change = { address: string; actions: string[]; before?: unknown; after?: unknown; after_sensitive?: unknown };

function findingsOf(changes: Change[], configuration?: unknown): Finding[] {
  const view = stackFromPlan('essex', {
    format_version: '1.2',
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: 'managed',
      type: c.address.split('.')[0],
      name: c.address.split('.')[1],
      change: {
        actions: c.actions,
        before: c.before ?? null,
        after: c.after ?? null,
        after_unknown: {},
        after_sensitive: c.after_sensitive ?? {},
      },
    })),
    ...(configuration ? { configuration } : {}),
  });
  return checkStack({ view }, RULES, TEST_SETTINGS);
}

const SUBNET_ID =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/workloads';

describe('checking a plan', () => {
  const subnet: Change = {
    address: 'azurerm_subnet.workloads',
    actions: ['no-op'],
    after: { name: 'snet-workloads', id: SUBNET_ID },
  };
  const association = (actions: string[]): Change => {
    const values = {
      subnet_id: SUBNET_ID,
      network_security_group_id: `${SUBNET_ID.replace(/virtualNetworks.*/, '')}networkSecurityGroups/nsg`,
    };
    return {
      address: 'azurerm_subnet_network_security_group_association.a',
      actions,
      before: values,
      after: actions.includes('delete') ? null : values,
    };
  };

  it('follows literal Azure ids (references a plan has already resolved) to the resource they name', () => {
    expect(findingsOf([subnet, association(['no-op'])]).filter((f) => f.ruleId === 'BL-NET-004')).toEqual([]);
  });

  it('judges the stack as it will be: a subnet whose NSG association the plan deletes has no NSG', () => {
    const findings = findingsOf([subnet, association(['delete'])]);
    expect(findings.filter((f) => f.ruleId === 'BL-NET-004').map((f) => f.address)).toEqual([
      'azurerm_subnet.workloads',
    ]);
  });

  it('never prints a value the plan marks sensitive, even where a rule quotes the value', () => {
    const findings = findingsOf([
      {
        address: 'azurerm_key_vault.kv',
        actions: ['create'],
        after: { name: 'kv', location: 'westeurope-secret-region' },
        after_sensitive: { location: true },
      },
    ]);
    const residency = findings.find((f) => f.ruleId === 'BL-RES-001');
    expect(residency?.outcome).toBe('fail');
    expect(residency?.message).toContain('(sensitive value)');
    expect(JSON.stringify(findings)).not.toContain('westeurope-secret-region');
  });

  it('flags a password written as a literal in the code, not one the code reads from Key Vault', () => {
    const vm = (name: string) => ({
      address: `azurerm_linux_virtual_machine.${name}`,
      actions: ['create'],
      after: { admin_password: 'Resolved-At-Plan-1', location: 'uksouth' },
      after_sensitive: { admin_password: true },
    });
    const findings = findingsOf([vm('literal'), vm('fromvault')], {
      root_module: {
        resources: [
          {
            address: 'azurerm_linux_virtual_machine.literal',
            mode: 'managed',
            expressions: { admin_password: { constant_value: 'Resolved-At-Plan-1' } },
          },
          {
            address: 'azurerm_linux_virtual_machine.fromvault',
            mode: 'managed',
            expressions: {
              admin_password: {
                references: ['data.azurerm_key_vault_secret.pw.value', 'data.azurerm_key_vault_secret.pw'],
              },
            },
          },
        ],
      },
    });
    expect(findings.filter((f) => f.ruleId === 'BL-SEC-003').map((f) => f.address)).toEqual([
      'azurerm_linux_virtual_machine.literal',
    ]);
  });
});
