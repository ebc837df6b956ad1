import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { loadEstate } from '../../../config/estate';
import { terraformReferencesDeclared } from '../../../policies/rules/terraform-references-declared';
import { stackFromConfig } from '../../../policies/terraform-json';
import type { StackView } from '../../../policies/types';
import { buildEstateApp, estateConfig } from '../../../stacks/estate-app';
import { IsolatedStack } from '../../../stacks/isolated-stack';
import { BOOTSTRAP_STACK } from '../../../stacks/stack-inputs';
import { FIXTURES, removeDir, SMALL_ESTATE } from '../../helpers/estate';
import { evaluate, evaluateView, outcomes, planStack, ref, type EvaluateOptions, type Resources } from '../harness';

const rule = terraformReferencesDeclared;
const FIXTURE = join(FIXTURES, 'policies', 'references', 'declared.tf.json');
const declaredFixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;

/** Each holder's message when it fails, else its outcome. */
function verdicts(view: StackView): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(evaluateView(rule, view)).map(([holder, r]) => [
      holder,
      r.outcome === 'fail' ? r.message : r.outcome,
    ]),
  );
}

/** The finding's message for one holder, or its outcome when it is not a fail. */
function messageFor(resources: Resources, holder: string, options: EvaluateOptions = {}): string | undefined {
  const result = evaluate(rule, resources, options)[holder];
  return result?.outcome === 'fail' ? result.message : result?.outcome;
}

const group = { name: 'rg-essex', location: 'uksouth' };

describe('BL-TF-001 a stack refers only to what it declares', () => {
  it('passes a hand-written stack that declares everything it names, in every block and meta-argument', () => {
    const doc = declaredFixture();
    expect(verdicts(stackFromConfig('essex', doc))).toEqual({ '(stack)': 'pass' });
  });

  it('fails a reference to a managed resource the stack does not declare, naming it and where it is used', () => {
    const resources: Resources = {
      azurerm_resource_group: { Network: group },
      azurerm_virtual_network_peering: {
        SpokeToHub: {
          name: 'peer',
          resource_group_name: ref('azurerm_resource_group.Network.name'),
          remote_virtual_network_id: ref('azurerm_virtual_network.Hub_Vnet_1234.id'),
        },
      },
    };
    expect(outcomes(rule, resources)).toEqual({ 'azurerm_virtual_network_peering.SpokeToHub': 'fail' });
    expect(messageFor(resources, 'azurerm_virtual_network_peering.SpokeToHub')).toMatch(
      /^refers to resource azurerm_virtual_network\.Hub_Vnet_1234 at remote_virtual_network_id, which this stack does not declare/,
    );
  });

  it('fails a resource of another provider just the same', () => {
    const resources: Resources = {
      azurerm_resource_group: { Network: { ...group, tags: { k: ref('aws_s3_bucket.logs.arn') } } },
    };
    expect(messageFor(resources, 'azurerm_resource_group.Network')).toContain('resource aws_s3_bucket.logs at tags.k');
  });

  it('fails a data source that is not declared, and passes one that is', () => {
    const resources: Resources = {
      azurerm_key_vault: { Kv: { tenant_id: ref('data.azurerm_client_config.Current.tenant_id') } },
    };
    expect(messageFor(resources, 'azurerm_key_vault.Kv')).toContain(
      'data source data.azurerm_client_config.Current at tenant_id',
    );
    expect(outcomes(rule, resources, { otherBlocks: { data: { azurerm_client_config: { Current: {} } } } })).toEqual({
      '(stack)': 'pass',
    });
  });

  it('fails variables and locals that are not declared, and passes those that are', () => {
    const resources: Resources = {
      azurerm_resource_group: { Network: { name: ref('var.name'), location: 'uksouth', tags: ref('local.tags') } },
    };
    const message = messageFor(resources, 'azurerm_resource_group.Network');
    expect(message).toContain('variable var.name at name');
    expect(message).toContain('local value local.tags at tags');
    expect(
      outcomes(rule, resources, { otherBlocks: { variable: { name: { type: 'string' } }, locals: { tags: {} } } }),
    ).toEqual({ '(stack)': 'pass' });
  });

  it('fails a depends_on entry (a bare address, not an interpolation) that names nothing in the stack', () => {
    const resources: Resources = {
      azurerm_resource_group: { Network: group },
      azurerm_key_vault_secret: {
        Secret: { depends_on: ['azurerm_resource_group.Network', 'azurerm_private_endpoint.Hub_Kv_1DDEA665'] },
      },
    };
    expect(messageFor(resources, 'azurerm_key_vault_secret.Secret')).toMatch(
      /^refers to resource azurerm_private_endpoint\.Hub_Kv_1DDEA665 at depends_on\[1\],/,
    );
  });

  it('fails a reference inside a nested block, naming the path to it', () => {
    const resources: Resources = {
      azurerm_firewall: {
        Hub: { ip_configuration: [{ name: 'ipconfig', subnet_id: ref('azurerm_subnet.OtherForce_Workloads.id') }] },
      },
    };
    expect(messageFor(resources, 'azurerm_firewall.Hub')).toContain(
      'resource azurerm_subnet.OtherForce_Workloads at ip_configuration[0].subnet_id',
    );
  });

  it("fails a reference in a dynamic block's content and in lifecycle's replace_triggered_by, never its own iterator", () => {
    const doc = declaredFixture();
    const spoke = doc.resource.azurerm_virtual_network.Spoke;
    spoke.dynamic.ddos_protection_plan.content.id = ref('azurerm_network_ddos_protection_plan.National.id');
    spoke.lifecycle.replace_triggered_by.push('azurerm_resource_group.Kent_Network');
    const result = evaluateView(rule, stackFromConfig('essex', doc));
    expect(Object.keys(result)).toEqual(['azurerm_virtual_network.Spoke']);
    expect(result['azurerm_virtual_network.Spoke'].message).toBe(
      'refers to resource azurerm_resource_group.Kent_Network at lifecycle.replace_triggered_by[1], resource azurerm_network_ddos_protection_plan.National at dynamic.ddos_protection_plan.content.id, which this stack does not declare (a reference into another stack, or a plan that fails)',
    );
  });

  it('fails a provider alias the stack does not configure', () => {
    const resources: Resources = { azurerm_virtual_network_peering: { ToHub: { provider: 'azurerm.hub', name: 'p' } } };
    expect(messageFor(resources, 'azurerm_virtual_network_peering.ToHub')).toContain(
      'provider configuration azurerm.hub at provider',
    );
    const aliased = { provider: { azurerm: [{ features: [{}] }, { alias: 'hub', features: [{}] }] } };
    expect(outcomes(rule, resources, { otherBlocks: aliased })).toEqual({ '(stack)': 'pass' });
  });

  it('judges the other blocks too: outputs, locals, providers, data sources, import and moved targets', () => {
    const doc = declaredFixture();
    doc.output.spoke_id.value = ref('azurerm_virtual_network.Kent_Spoke.id');
    doc.locals.prefix = ref('var.kent_prefix');
    doc.provider.azurerm[0].subscription_id = ref('data.azurerm_subscription.Kent.subscription_id');
    doc.data.azurerm_resource_group.Existing.depends_on = ['azurerm_resource_group.Kent'];
    doc.import[0].to = 'azurerm_resource_group.Kent_Network';
    doc.moved[0].to = 'azurerm_resource_group.Kent_Renamed';
    const result = evaluateView(rule, stackFromConfig('essex', doc));
    expect(Object.fromEntries(Object.entries(result).map(([holder, r]) => [holder, r.message?.split(',')[0]]))).toEqual(
      {
        'output.spoke_id': 'refers to resource azurerm_virtual_network.Kent_Spoke at value',
        'local.prefix': 'refers to variable var.kent_prefix at (value)',
        'provider.azurerm[0]': 'refers to data source data.azurerm_subscription.Kent at subscription_id',
        'data.azurerm_resource_group.Existing': 'refers to resource azurerm_resource_group.Kent at depends_on[0]',
        'import[0]': 'refers to resource azurerm_resource_group.Kent_Network at to',
        'moved[0]': 'refers to resource azurerm_resource_group.Kent_Renamed at to',
      },
    );
  });

  it('is not applicable to a plan, where Terraform has already resolved every reference', () => {
    const view = planStack([
      { address: 'azurerm_resource_group.Network', type: 'azurerm_resource_group', actions: ['create'], after: group },
    ]);
    expect(evaluateView(rule, view)['(stack)'].outcome).toBe('not-applicable');
  });

  it('cannot be waived', () => {
    expect(rule.meta.waivable).toBe(false);
  });
});

describe('BL-TF-001 on what Blue Lamp synthesises', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'bluelamp-test-'));
  });
  afterAll(() => removeDir(scratch));

  class Plain extends IsolatedStack {}

  it("catches a token of one stack used in another: IsolatedStack writes it as a raw reference to the other stack's resource", () => {
    const app = new App({ outdir: join(scratch, 'cross'), stackTraces: false });
    const hub = new Plain(app, 'national');
    new AzurermProvider(hub, 'azurerm', { features: [{}] });
    const hubGroup = new ResourceGroup(hub, 'HubGroup', { name: 'rg-hub', location: 'uksouth' });
    const force = new Plain(app, 'essex');
    new AzurermProvider(force, 'azurerm', { features: [{}] });
    const forceGroup = new ResourceGroup(force, 'ForceGroup', { name: 'rg-essex', location: 'uksouth' });
    new VirtualNetwork(force, 'Spoke', {
      name: 'vnet-essex',
      location: forceGroup.location,
      resourceGroupName: hubGroup.name, // the cross-stack token
      addressSpace: ['10.1.0.0/16'],
    });
    app.synth();
    const read = (stack: string) =>
      JSON.parse(readFileSync(join(scratch, 'cross', 'stacks', stack, 'cdk.tf.json'), 'utf8')) as unknown;
    const essex = stackFromConfig('essex', read('essex'));
    const spoke = essex.resources.find((r) => r.type === 'azurerm_virtual_network')!;
    // No remote state, no output in the national stack: the raw reference is all there is.
    expect(String(spoke.values.resource_group_name)).toBe('${azurerm_resource_group.HubGroup.name}');
    expect(verdicts(essex)).toEqual({
      [spoke.address]:
        'refers to resource azurerm_resource_group.HubGroup at resource_group_name, which this stack does not declare (a reference into another stack, or a plan that fails)',
    });
    expect(verdicts(stackFromConfig('national', read('national')))).toEqual({ '(stack)': 'pass' });
  });

  it("passes the bootstrap stack (the bundled estate's 44 stacks are judged in test/network/bundled-estate.test.ts)", () => {
    buildEstateApp(estateConfig(loadEstate(SMALL_ESTATE)), join(scratch, 'small'), [BOOTSTRAP_STACK]).synth();
    const doc = JSON.parse(
      readFileSync(join(scratch, 'small', 'stacks', BOOTSTRAP_STACK, 'cdk.tf.json'), 'utf8'),
    ) as unknown;
    const view = stackFromConfig(BOOTSTRAP_STACK, doc);
    expect(view.resources.length).toBeGreaterThan(3);
    expect(verdicts(view)).toEqual({ '(stack)': 'pass' });
  });
});
