import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { DefenderForCloud, type DefenderForCloudProps } from '../../constructs/defender-for-cloud';
import { SocLogging } from '../../constructs/soc-logging';

Testing.setupJest();

const SUB = '00000000-0000-4000-8000-0000000c0002';
const PROPS: DefenderForCloudProps = {
  subscriptionId: SUB,
  location: 'uksouth',
  resourceGroupName: 'rg-hub-soc-uks',
  plans: ['CloudPosture', 'KeyVaults', 'CloudPosture', 'Api'],
  securityContactEmail: 'soc@nmc.police.example',
  securityContactPhone: '+44 20 7946 0000',
  exportWorkspaceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log',
};
type Res = Record<string, Record<string, Record<string, any>>>;
const synth = (props: Partial<DefenderForCloudProps> = {}) =>
  Testing.synthScope((scope) => new DefenderForCloud(scope, 'Defender', { ...PROPS, ...props }));

describe('DefenderForCloud', () => {
  const r = JSON.parse(synth()).resource as Res;
  // Terraform JSON sorts resources by name: look plans up by resource type.
  const pricing: Record<string, Record<string, any>> = Object.fromEntries(
    Object.entries(r.azurerm_security_center_subscription_pricing).map(([name, p]) => [
      p.resource_type as string,
      { name, ...p },
    ]),
  );

  it('switches each plan on once, at the Standard tier, with the sub-plan Azure needs', () => {
    expect(Object.keys(pricing).sort()).toEqual(['Api', 'CloudPosture', 'KeyVaults']);
    expect(Object.values(pricing).every((p) => p.tier === 'Standard')).toBe(true);
    expect(pricing.Api.subplan).toBe('P1');
    expect(pricing.KeyVaults.subplan).toBeUndefined();
  });

  it('chains the plans in the order given, because parallel pricing updates on one subscription conflict', () => {
    const address = (plan: string) => `azurerm_security_center_subscription_pricing.${pricing[plan].name}`;
    expect(pricing.CloudPosture.depends_on).toBeUndefined();
    expect(pricing.KeyVaults.depends_on).toEqual([address('CloudPosture')]);
    expect(pricing.Api.depends_on).toEqual([address('KeyVaults')]);
  });

  it('sets a security contact that receives alerts, and exports findings to the workspace for the subscription', () => {
    expect(Object.values(r.azurerm_security_center_contact)[0]).toMatchObject({
      email: PROPS.securityContactEmail,
      phone: PROPS.securityContactPhone,
      alert_notifications: true,
      alerts_to_admins: true,
    });
    expect(Object.values(r.azurerm_security_center_automation)[0]).toMatchObject({
      name: 'ExportToWorkspace',
      scopes: [`/subscriptions/${SUB}`],
      action: [{ type: 'Workspace', resource_id: PROPS.exportWorkspaceId }],
    });
  });

  it('writes every extension it wants on, because azurerm switches off each one not written', () => {
    const names = (plan: string) => (pricing[plan].extension as { name: string }[]).map((e) => e.name).sort();
    expect(names('CloudPosture')).toEqual([
      'AgentlessDiscoveryForKubernetes',
      'AgentlessVmScanning',
      'ContainerRegistriesVulnerabilityAssessments',
      'SensitiveDataDiscovery',
    ]);
    expect(pricing.KeyVaults.extension).toEqual([]);
  });

  it('turns on malware scanning on upload and sensitive-data discovery for storage, and agentless scanning for servers', () => {
    const r2 = JSON.parse(synth({ plans: ['StorageAccounts', 'VirtualMachines'] })).resource as Res;
    const byPlan = Object.fromEntries(
      Object.values(r2.azurerm_security_center_subscription_pricing).map((p) => [p.resource_type, p.extension]),
    );
    expect(byPlan.StorageAccounts).toEqual([{ name: 'OnUploadMalwareScanning' }, { name: 'SensitiveDataDiscovery' }]);
    expect(byPlan.VirtualMachines).toEqual([{ name: 'AgentlessVmScanning' }]);
  });

  it('takes the extensions chosen, and refuses one a plan does not offer, naming plan and extension', () => {
    const r2 = JSON.parse(synth({ plans: ['StorageAccounts'], extensions: { StorageAccounts: [] } })).resource as Res;
    expect(Object.values(r2.azurerm_security_center_subscription_pricing)[0].extension).toEqual([]);
    expect(() => synth({ extensions: { KeyVaults: ['AgentlessVmScanning'] } })).toThrow(
      /extensions\.KeyVaults\[0\]: "AgentlessVmScanning" is not an extension of KeyVaults \(it has none\)/,
    );
  });

  it('refuses no plans and a contact that is not an email address, naming both', () => {
    expect(() => synth({ plans: [], securityContactEmail: 'nmc soc' })).toThrow(
      /Defender: plans must name at least one Defender plan; securityContactEmail "nmc soc" must be an email address/,
    );
  });

  it('keeps the Terraform addresses the force resources had before it was extracted from SocLogging', () => {
    const json = Testing.synthScope(
      (scope) =>
        new SocLogging(scope, 'SocLogging', {
          forceId: 'alpha',
          forceName: 'Alpha Police',
          subscriptionId: SUB,
          location: 'uksouth',
          resourceGroupName: 'rg',
          managingTenantId: '00000000-0000-4000-8000-0000000a0001',
          socDelegations: [
            { principalId: '00000000-0000-4000-8000-0000000b0001', displayName: 'SOC', role: 'Security Reader' },
          ],
          defenderMinimumPlans: ['KeyVaults'],
          securityContactEmail: 'security@alpha.police.example',
        }),
    );
    const res = JSON.parse(json).resource as Res;
    // Addresses from a force stack synthesised before the extraction: a change here makes Terraform
    // replace every force's Defender resources.
    expect(Object.keys(res.azurerm_security_center_subscription_pricing)).toEqual([
      'SocLogging_DefenderKeyVaults_14890C68',
    ]);
    expect(Object.keys(res.azurerm_security_center_contact)).toEqual(['SocLogging_SecurityContact_F4937129']);
    expect(Object.keys(res.azurerm_security_center_automation)).toEqual(['SocLogging_ContinuousExport_FDCCA4F1']);
  });
});
