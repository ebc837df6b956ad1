import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { BUILT_IN_ROLES } from '../../constructs/role-definitions';
import { SocLogging, type SocLoggingProps } from '../../constructs/soc-logging';

Testing.setupJest();

const SUB = '00000000-0000-4000-8000-00000000a002';
const PROPS: SocLoggingProps = {
  forceId: 'alpha',
  forceName: 'Alpha Police',
  subscriptionId: SUB,
  location: 'uksouth',
  resourceGroupName: 'rg-alpha-logging-uks',
  retentionDays: 365,
  managingTenantId: '00000000-0000-4000-8000-0000000a0001',
  socDelegations: [
    {
      principalId: '00000000-0000-4000-8000-0000000b0001',
      displayName: 'NMC SOC Tier 1',
      role: 'Microsoft Sentinel Responder',
    },
    { principalId: '00000000-0000-4000-8000-0000000b0002', displayName: 'NMC SOC Tier 2', role: 'Security Reader' },
  ],
  defenderMinimumPlans: ['CloudPosture', 'KeyVaults'],
  defenderAdditionalPlans: ['KeyVaults', 'AppServices'],
  securityContactEmail: 'soc@alpha.police.example',
};
const synth = (props: Partial<SocLoggingProps> = {}) =>
  Testing.synthScope((scope) => new SocLogging(scope, 'SocLogging', { ...PROPS, ...props }));

describe('SocLogging', () => {
  const json = synth();
  const r = JSON.parse(json).resource;

  it('keeps workspace logs for the retention asked, with no shared keys, and onboards Sentinel', () => {
    expect(Object.values(r.azurerm_log_analytics_workspace)[0]).toMatchObject({
      retention_in_days: 365,
      local_authentication_enabled: false,
    });
    expect(json).toHaveResource(SentinelLogAnalyticsWorkspaceOnboarding);
  });

  it('sends every Activity Log category of the subscription to the workspace', () => {
    const [activity] = Object.values<Record<string, any>>(r.azurerm_monitor_diagnostic_setting);
    expect(activity.target_resource_id).toBe(`/subscriptions/${SUB}`);
    expect(activity.enabled_log.map((l: { category: string }) => l.category)).toEqual(
      expect.arrayContaining(['Administrative', 'Security', 'Policy']),
    );
  });

  it('delegates the SOC roles to the NMC through Lighthouse, by built-in role id', () => {
    const [definition] = Object.values<Record<string, any>>(r.azurerm_lighthouse_definition);
    expect(definition.managing_tenant_id).toBe(PROPS.managingTenantId);
    expect(definition.authorization.map((a: { role_definition_id: string }) => a.role_definition_id)).toEqual([
      BUILT_IN_ROLES['Microsoft Sentinel Responder'],
      BUILT_IN_ROLES['Security Reader'],
    ]);
    expect(Object.values(r.azurerm_lighthouse_assignment)[0]).toMatchObject({ scope: `/subscriptions/${SUB}` });
  });

  it('refuses to delegate Owner to the NMC', () => {
    expect(() =>
      synth({
        socDelegations: [{ principalId: PROPS.socDelegations[0].principalId, displayName: 'x', role: 'Owner' }],
      }),
    ).toThrow(/SocLogging: socDelegations\[0\].role "Owner" is not allowed/);
  });

  it('refuses less than a year of retention, the floor the force schema enforces', () => {
    expect(() => synth({ retentionDays: 90 })).toThrow(/SocLogging: retentionDays 90 must be 365-730/);
    expect(() => synth({ retentionDays: 731 })).toThrow(/retentionDays 731 must be 365-730/);
    expect(() => synth({ retentionDays: 365 })).not.toThrow();
  });

  it('refuses a role with data actions, which Lighthouse cannot delegate', () => {
    expect(() =>
      synth({
        socDelegations: [
          { principalId: PROPS.socDelegations[0].principalId, displayName: 'x', role: 'Key Vault Secrets User' },
        ],
      }),
    ).toThrow(/socDelegations\[0\].role "Key Vault Secrets User" has data actions/);
  });

  it('names the sub-plan of the plans Azure needs one for (Defender for APIs, Storage, Servers)', () => {
    const plans = Object.values<Record<string, any>>(
      JSON.parse(synth({ defenderAdditionalPlans: ['Api', 'StorageAccounts', 'VirtualMachines'] })).resource
        .azurerm_security_center_subscription_pricing,
    );
    const subplans = Object.fromEntries(plans.map((p) => [p.resource_type, p.subplan]));
    expect(subplans).toMatchObject({ Api: 'P1', StorageAccounts: 'DefenderForStorageV2', VirtualMachines: 'P2' });
  });

  it('turns on the national minimum plus the force plans, once each, at the Standard tier', () => {
    const plans = Object.values<Record<string, any>>(r.azurerm_security_center_subscription_pricing);
    expect(plans.map((p) => p.resource_type).sort()).toEqual(['AppServices', 'CloudPosture', 'KeyVaults']);
    expect(plans.every((p) => p.tier === 'Standard')).toBe(true);
  });

  it('sets a security contact and exports Defender findings to the workspace', () => {
    expect(Object.values(r.azurerm_security_center_contact)[0]).toMatchObject({
      email: PROPS.securityContactEmail,
      alert_notifications: true,
    });
    const [exportRule] = Object.values<Record<string, any>>(r.azurerm_security_center_automation);
    expect(exportRule.action[0].type).toBe('Workspace');
    expect(exportRule.source.map((s: { event_source: string }) => s.event_source)).toContain('Alerts');
  });
});
