import { Testing } from 'cdktf';
import { loadEstate } from '../../config/estate';
import { BootstrapStack, bootstrapGrants } from '../../stacks/bootstrap-stack';
import { APP_CONTEXT } from '../../stacks/estate-app';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { withTempApp } from '../helpers/synth';
import { removeDir, SMALL_ESTATE, tempEstate } from '../helpers/estate';

type Res = Record<string, any>;

const estate = loadEstate(SMALL_ESTATE);
const forces = estate.forces.map((f) => f.config);
const [alpha] = forces;
const NMC_APP_SP = '00000000-0000-4000-8000-0000000d0001';
const ALPHA_APP_SP = '00000000-0000-4000-8000-0000000d00a1';
const platform = {
  ...estate.platform.config,
  pipeline: {
    github: { repository: 'nmc/bluelamp', environments: ['production', 'plan'] },
    azureDevOps: {
      organizationId: '00000000-0000-4000-8000-0000000e0001',
      organization: 'nmc',
      project: 'bluelamp',
      serviceConnections: ['bluelamp-production'],
    },
    nmcPrincipalId: NMC_APP_SP,
    forcePrincipalIds: { [alpha.id]: ALPHA_APP_SP },
  },
};
const grants = bootstrapGrants(platform, forces);
const json = JSON.parse(
  withTempApp((app) => Testing.synth(new BootstrapStack(app, { platform, forces, grants })), APP_CONTEXT),
) as { resource: Record<string, Record<string, Res>>; variable: Res; terraform: Res; output: Res };
const of = (type: string) => Object.values(json.resource[type] ?? {});

describe('BootstrapStack', () => {
  it('keeps state in a private, versioned, soft-deleting account with no shared keys, public only by an explicit first-apply variable', () => {
    const [account] = of('azurerm_storage_account');
    expect(account).toMatchObject({
      name: platform.stateBackend.storageAccountName,
      shared_access_key_enabled: false,
      public_network_access_enabled: '${var.state_account_public_access}',
      min_tls_version: 'TLS1_2',
      blob_properties: {
        versioning_enabled: true,
        delete_retention_policy: { days: 90 },
        container_delete_retention_policy: { days: 90 },
      },
      lifecycle: { prevent_destroy: true },
    });
    expect(json.variable.state_account_public_access.default).toBe(false);
    expect(json.terraform.backend.azurerm.key).toBe('bootstrap/bootstrap.tfstate');
  });

  it('federates the deploy identity with one credential per GitHub environment and Azure DevOps service connection', () => {
    const pairs = of('azurerm_federated_identity_credential').map((c) => [c.issuer, c.subject]);
    expect(pairs.sort()).toEqual(
      [
        ['https://token.actions.githubusercontent.com', 'repo:nmc/bluelamp:environment:production'],
        ['https://token.actions.githubusercontent.com', 'repo:nmc/bluelamp:environment:plan'],
        ['https://vstoken.dev.azure.com/00000000-0000-4000-8000-0000000e0001', 'sc://nmc/bluelamp/bluelamp-production'],
      ].sort(),
    );
  });

  it("outputs the same credentials for the deployment application's manual step, each as the identity's", () => {
    const wanted = json.output.deployment_app_federated_credentials.value as Res[];
    const written = of('azurerm_federated_identity_credential').map((c) => ({
      name: c.name,
      issuer: c.issuer,
      subject: c.subject,
      audiences: c.audience,
    }));
    expect(wanted).toHaveLength(3);
    expect([...wanted].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      written.sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(wanted.every((c) => c.audiences[0] === 'api://AzureADTokenExchange')).toBe(true);
  });

  it('assigns exactly what the permission manifest computes, to the principal of each tenant', () => {
    const assignments = of('azurerm_role_assignment');
    const alphaGrants = grants.find((g) => g.stack === alpha.id)!;
    const inForce = alphaGrants.azure.filter((g) => !g.scope.includes(platform.hub.subscriptionId));
    for (const g of inForce)
      expect(assignments).toContainEqual(
        expect.objectContaining({ scope: g.scope, principal_id: ALPHA_APP_SP, provider: `azurerm.${alpha.id}` }),
      );
    // The hub side goes to the application's NMC principal, once however many forces need it.
    const hubVnet = assignments.filter(
      (a) => a.principal_id === NMC_APP_SP && String(a.scope).endsWith('/virtualNetworks/vnet-hub-uks'),
    );
    expect(hubVnet).toHaveLength(1);
    // A force with no principal configured gets nothing (its tenant has not consented yet).
    const bravoSubscription = forces[1].subscriptionId;
    expect(assignments.filter((a) => String(a.scope).includes(bravoSubscription))).toEqual([]);
  });

  it('assigns nothing above a subscription but the aadiam grant, and never Owner', () => {
    for (const a of of('azurerm_role_assignment')) {
      expect(String(a.scope)).toMatch(/^\/subscriptions\/|^\/providers\/Microsoft\.aadiam$/);
      expect(String(a.role_definition_id)).not.toContain('8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    }
  });

  it('tags what it creates like the national stack', () => {
    const [account] = of('azurerm_storage_account');
    expect(account.tags).toMatchObject({
      force: 'national',
      classification: 'OFFICIAL',
      'cost-centre': 'nmc-platform',
    });
  });

  it('is synthesised only when named (`synth --force bootstrap`), and passes check with the bootstrap rules, not the landing-zone ones', async () => {
    const dir = tempEstate();
    try {
      const result = await runCli(['synth', '--quiet', '--force', 'bootstrap'], dir);
      expect(result.code).toBe(0);
      expect(readdirSync(join(dir, 'cdktf.out', 'stacks'))).toEqual(['bootstrap']);
      const check = await runCli(['check', '--force', 'bootstrap', '--format', 'json', '--quiet'], dir);
      const run = JSON.parse(check.stdout) as { findings: { ruleId: string }[] };
      // Before stack kinds: Defender plans, Lighthouse, workspace, Activity Log and location policies all failed it.
      expect(run.findings.map((f) => f.ruleId)).toEqual([]);
      expect(check.code).toBe(0);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
