import { join } from 'node:path';
import { Testing } from 'cdktf';
import { loadEstate } from '../../config/estate';
import type { ForceConfig } from '../../config/schema';
import { APP_CONTEXT } from '../../stacks/estate-app';
import { ForceStack } from '../../stacks/force-stack';
import { SERVICE_IDS } from '../../stacks/force-services';
import { FIXTURES } from '../helpers/estate';

type Service = keyof typeof SERVICE_IDS;
type Resources = Record<string, Record<string, Record<string, unknown>>>;

const SERVICES = Object.keys(SERVICE_IDS) as Service[];
const estate = loadEstate(join(FIXTURES, 'services'));
const platform = estate.platform.config;
const force = (id: string) => estate.forces.find((f) => f.config.id === id)!.config;

function synth(config: ForceConfig): Resources {
  const app = Testing.app({ context: APP_CONTEXT });
  return JSON.parse(Testing.synth(new ForceStack(app, { force: config, platform }))).resource;
}

function withService(config: ForceConfig, service: Service, enabled: boolean): ForceConfig {
  return { ...config, services: { ...config.services, [service]: { ...config.services[service], enabled } } };
}

/** Every resource as `type.name` -> its Terraform body. */
function byAddress(resources: Resources): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, named] of Object.entries(resources))
    for (const [name, body] of Object.entries(named)) out.set(`${type}.${name}`, JSON.stringify(body));
  return out;
}

/** Resources a service owns: under its construct id, or a diagnostic setting aimed at one of those. */
function ownedBy(addresses: Map<string, string>, service: Service): Set<string> {
  const own = [...addresses.keys()].filter((a) => a.split('.')[1].startsWith(`${SERVICE_IDS[service]}_`));
  const diagnostics = [...addresses.entries()]
    .filter(
      ([a, body]) => a.startsWith('azurerm_monitor_diagnostic_setting.') && own.some((o) => body.includes(`${o}.id`)),
    )
    .map(([a]) => a);
  return new Set([...own, ...diagnostics]);
}

/**
 * The one setting of a shared resource a service may switch, and why: Box's ARM deployment reads
 * its credentials through Key Vault references, which the force vault allows only when Box is on.
 */
const SHARED_SETTINGS: Record<Service, Array<{ type: string; attribute: string }>> = {
  office365: [],
  box: [{ type: 'azurerm_key_vault', attribute: 'enabled_for_template_deployment' }],
  evidenceStore: [],
};

/**
 * What differs between two synths: addresses only in one, addresses in both whose body changed,
 * and, separately, shared resources whose only difference is a setting the service owns.
 */
function diff(before: Map<string, string>, after: Map<string, string>, service: Service) {
  const both = [...before.keys()].filter((a) => after.has(a) && after.get(a) !== before.get(a));
  const onlyShared = (address: string) => {
    const allowed = SHARED_SETTINGS[service].filter((s) => address.startsWith(`${s.type}.`)).map((s) => s.attribute);
    if (allowed.length === 0) return false;
    const strip = (body: string) =>
      JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body)).filter(([k]) => !allowed.includes(k))));
    return strip(before.get(address)!) === strip(after.get(address)!);
  };
  return {
    removed: [...before.keys()].filter((a) => !after.has(a)).sort(),
    added: [...after.keys()].filter((a) => !before.has(a)).sort(),
    changed: both.filter((a) => !onlyShared(a)).sort(),
    sharedSettings: both
      .filter(onlyShared)
      .map((a) => a.split('.')[0])
      .sort(),
  };
}

describe('force services through a real ForceStack', () => {
  const allOn = force('charlie');
  const allOff = force('delta');
  const allOnResources = synth(allOn);
  const onAddresses = byAddress(allOnResources);
  const offAddresses = byAddress(synth(allOff));

  describe.each(SERVICES)('%s toggle', (service) => {
    it('off removes exactly its resources and changes nothing else', () => {
      const without = byAddress(synth(withService(allOn, service, false)));
      const owned = ownedBy(onAddresses, service);
      expect(owned.size).toBeGreaterThan(0);
      const shared = SHARED_SETTINGS[service].map((x) => x.type);
      expect(diff(onAddresses, without, service)).toEqual({
        removed: [...owned].sort(),
        added: [],
        changed: [],
        sharedSettings: shared,
      });
    });

    it('on adds exactly its resources and changes nothing else', () => {
      const withIt = byAddress(synth(withService(allOff, service, true)));
      const owned = ownedBy(withIt, service);
      const shared = SHARED_SETTINGS[service].map((x) => x.type);
      expect(diff(offAddresses, withIt, service)).toEqual({
        removed: [],
        added: [...owned].sort(),
        changed: [],
        sharedSettings: shared,
      });
    });
  });

  it('adds no service resource to a force with every service off', () => {
    for (const service of SERVICES) expect(ownedBy(offAddresses, service).size).toBe(0);
  });

  describe('a force with every service on', () => {
    const only = <T = Record<string, any>>(type: string): T[] => Object.values(allOnResources[type] ?? {}) as T[];

    it('connects Office 365 with the chosen workloads in the force tenant, after Sentinel onboarding', () => {
      const [connector] = only('azurerm_sentinel_data_connector_office_365');
      expect(connector).toEqual(
        expect.objectContaining({
          tenant_id: allOn.tenantId,
          exchange_enabled: true,
          sharepoint_enabled: true,
          teams_enabled: false,
        }),
      );
      expect(connector.log_analytics_workspace_id).toContain('azurerm_sentinel_log_analytics_workspace_onboarding.');
      for (const rule of only('azurerm_sentinel_alert_rule_scheduled')) {
        expect(rule.log_analytics_workspace_id).toContain('azurerm_sentinel_log_analytics_workspace_onboarding.');
      }
    });

    it('polls the configured Box enterprise and keeps the Box credentials out of the synthesised JSON', () => {
      const [deployment] = only('azurerm_resource_group_template_deployment');
      expect(deployment.parameters_content).toContain('"boxEnterpriseId" = {"value" = "987654"}');
      const secrets = only('azurerm_key_vault_secret');
      expect(secrets).toHaveLength(2);
      for (const s of secrets) expect(s).not.toHaveProperty('value');
    });

    it('keeps evidence in the force region for the configured retention, tiering at the configured ages', () => {
      const account = only('azurerm_storage_account').find((a) => a.name.includes('evidence'))!;
      expect(account.location).toBe('ukwest');
      expect(account.immutability_policy.period_since_creation_in_days).toBe(3650);
      expect(account.tags).toEqual(expect.objectContaining({ force: 'charlie', classification: 'OFFICIAL-SENSITIVE' }));
      const [policy] = only('azurerm_storage_management_policy');
      expect(policy.rule[0].actions.base_blob).toEqual({
        tier_to_cool_after_days_since_modification_greater_than: 30,
        tier_to_cold_after_days_since_modification_greater_than: 180,
      });
    });

    it('puts the evidence endpoint in the spoke private-endpoint subnet, registered in the hub blob zone', () => {
      const endpoint = only('azurerm_private_endpoint').find((e) =>
        JSON.stringify(e).includes('EvidenceStore_Account'),
      )!;
      expect(endpoint.subnet_id).toContain('PrivateEndpointsSubnet');
      expect(endpoint.private_dns_zone_group.private_dns_zone_ids[0]).toMatch(
        /privateDnsZones\/privatelink\.blob\.core\.windows\.net$/,
      );
    });

    it('creates no public IP', () => {
      expect(allOnResources).not.toHaveProperty('azurerm_public_ip');
    });
  });
});
