import { Testing } from 'cdktf';
import { loadEstate } from '../../config/estate';
import { ForceStack } from '../../stacks/force-stack';
import { NationalStack } from '../../stacks/national-stack';
import { SMALL_ESTATE } from '../helpers/estate';

describe('stacks', () => {
  const estate = loadEstate(SMALL_ESTATE);
  const alpha = estate.forces.find((f) => f.config.id === 'alpha')!.config;
  const app = Testing.app();
  const forceJson = JSON.parse(Testing.synth(new ForceStack(app, { force: alpha, platform: estate.platform.config })));
  const nationalJson = JSON.parse(Testing.synth(new NationalStack(app, { platform: estate.platform.config })));

  it('keeps each force in its own state key in the NMC state account, with Entra auth', () => {
    expect(forceJson.terraform.backend.azurerm).toEqual(
      expect.objectContaining({
        key: 'forces/alpha.tfstate',
        storage_account_name: 'stbluelamptfstateuks',
        container_name: 'tfstate',
        resource_group_name: 'rg-bluelamp-tfstate-uks',
        use_azuread_auth: true,
      }),
    );
    expect(nationalJson.terraform.backend.azurerm.key).toBe('national/national.tfstate');
  });

  it('requires Terraform 1.11 or later (write-only arguments keep secrets out of state)', () => {
    expect(forceJson.terraform.required_version).toBe('>= 1.11.0');
    expect(nationalJson.terraform.required_version).toBe('>= 1.11.0');
  });

  it("binds the force's default provider to the force's own tenant and subscription", () => {
    const providers = forceJson.provider.azurerm as Array<Record<string, unknown>>;
    const defaultProvider = providers.find((p) => !p.alias)!;
    expect(defaultProvider.tenant_id).toBe('00000000-0000-4000-8000-00000000a001');
    expect(defaultProvider.subscription_id).toBe('00000000-0000-4000-8000-00000000a002');
  });

  it('binds the national default provider to the hub subscription in the NMC tenant', () => {
    const providers = nationalJson.provider.azurerm as Array<Record<string, unknown>>;
    const defaultProvider = providers.find((p) => !p.alias)!;
    expect(defaultProvider.tenant_id).toBe(estate.platform.config.nmc.tenantId);
    expect(defaultProvider.subscription_id).toBe(estate.platform.config.hub.subscriptionId);
  });

  it('holds the hub subscription to the Defender baseline: the national minimum plans, the NMC contact, export to the central SOC', () => {
    const platform = estate.platform.config;
    const pricings = Object.values<Record<string, unknown>>(
      nationalJson.resource.azurerm_security_center_subscription_pricing,
    );
    expect(pricings.map((p) => p.resource_type).sort()).toEqual([...platform.defender.minimumPlans].sort());
    expect(pricings.every((p) => p.tier === 'Standard')).toBe(true);
    expect(Object.values(nationalJson.resource.azurerm_security_center_contact)).toEqual([
      expect.objectContaining({ email: platform.nmc.securityEmail, alert_notifications: true }),
    ]);
    const [exportRule] = Object.values<Record<string, any>>(nationalJson.resource.azurerm_security_center_automation);
    expect(exportRule.scopes).toEqual([`/subscriptions/${platform.hub.subscriptionId}`]);
    expect(exportRule.action[0].resource_id).toMatch(/azurerm_log_analytics_workspace\.CentralSoc_Workspace_/);
  });
});
