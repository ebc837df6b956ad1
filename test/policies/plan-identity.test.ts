/**
 * A plan is checked as the plan of its own stack (with that stack's waivers), and a plan file
 * that is not what `terraform show -json` writes is refused naming the field that is wrong.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countPlanChanges } from '../../delivery/plan-json';
import { runCheck } from '../../policies/engine';
import { assertPlanShape, parseJsonText } from '../../policies/plan-shape';
import { removeDir } from '../helpers/estate';
import { TEST_SETTINGS } from './harness';

const ESTATE = join(__dirname, '..', 'fixtures', 'policies', 'estate');
const NOW = new Date('2026-03-01T12:00:00Z');

describe('the stack a plan is checked as', () => {
  let dir: string;
  let plan: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-plan-identity-'));
    cpSync(ESTATE, dir, { recursive: true });
    plan = readFileSync(join(ESTATE, 'plan.json'), 'utf8');
  });
  afterEach(() => removeDir(dir));
  const check = (planFile: string, forces: string[] = []) =>
    runCheck({ dir, now: NOW, settings: TEST_SETTINGS, plan: planFile, forces });

  it("refuses --force naming another stack than the plan's folder or file name", () => {
    writeFileSync(join(dir, 'cdktf.out', 'stacks', 'essex', 'plan.json'), plan);
    writeFileSync(join(dir, 'essex.plan.json'), plan);
    expect(() => check('cdktf.out/stacks/essex/plan.json', ['kent'])).toThrow(
      /is the plan of essex, but --force names kent/,
    );
    expect(() => check('essex.plan.json', ['kent'])).toThrow(/is the plan of essex, but --force names kent/);
    expect(check('cdktf.out/stacks/essex/plan.json').stacks.map((s) => s.name)).toEqual(['essex']);
    expect(check('essex.plan.json', ['essex']).stacks.map((s) => s.name)).toEqual(['essex']);
  });

  it("refuses --force when the plan's provider subscription is not the named stack's", () => {
    const kentConfig = join(dir, 'cdktf.out', 'stacks', 'kent', 'cdk.tf.json');
    const config = JSON.parse(readFileSync(kentConfig, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      kentConfig,
      JSON.stringify({
        ...config,
        provider: { azurerm: [{ subscription_id: 'kent-sub' }, { alias: 'hub', subscription_id: 'hub-sub' }] },
      }),
    );
    const withProvider = (sub: string) =>
      JSON.stringify({
        ...(JSON.parse(plan) as Record<string, unknown>),
        configuration: {
          provider_config: { azurerm: { name: 'azurerm', expressions: { subscription_id: { constant_value: sub } } } },
        },
      });
    writeFileSync(join(dir, 'saved.json'), withProvider('essex-sub'));
    expect(() => check('saved.json', ['kent'])).toThrow(
      /plans subscription essex-sub, but stack kent deploys to kent-sub/,
    );
    writeFileSync(join(dir, 'saved.json'), withProvider('kent-sub'));
    expect(check('saved.json', ['kent']).stacks.map((s) => s.name)).toEqual(['kent']);
  });

  it('refuses more than one --force with a plan', () => {
    expect(() => check('plan.json', ['essex', 'kent'])).toThrow(/give at most one --force/);
  });
});

describe('a malformed plan', () => {
  it.each([
    [{ resource_changes: 'all' }, 'resource_changes: expected array'],
    [
      { resource_changes: [{ address: 'a.b', type: 'a', name: 'b', change: null }] },
      'resource_changes[0].change: expected object',
    ],
    [
      { resource_changes: [{ address: 'a.b', type: 'a', name: 'b', change: { actions: 'create' } }] },
      'resource_changes[0].change.actions: expected array',
    ],
    [
      { planned_values: { root_module: { resources: [{ address: 1 }] } } },
      'planned_values.root_module.resources[0].address',
    ],
    [{ resource_changes: [], output_changes: { x: {} } }, 'output_changes.x.actions'],
  ])('%j is refused naming the field', (doc, field) => {
    expect(() => assertPlanShape(doc, 'plan.json')).toThrow(
      new RegExp(
        `^plan\\.json is not a plan as \`terraform show -json\` writes it: .*${field.replace(/[[\]().]/g, '\\$&')}`,
      ),
    );
  });

  it('gives the line and column of broken JSON, and never a TypeError from the counting', () => {
    // Line and column, not the character position JSON.parse gives.
    expect(() => parseJsonText('{\n  "a": 1,\n  }', 'plan.json')).toThrow(/^plan\.json:3:3 is not valid JSON: \S/);
    expect(() => parseJsonText('{\n  "a": 1,\n  }', 'plan.json')).not.toThrow(/position/);
    expect(() => countPlanChanges('{"resource_changes": [{"address": "a.b", "type": "a", "name": "b"}]}')).toThrow(
      /resource_changes\[0\]\.change: expected object/,
    );
  });
});
