import { checkEstate, evaluateRule, ruleContext } from '../../policies/engine';
import { stackKind, type EstateRule, type StackRule } from '../../policies/rule';
import { defenderMinimumPlans } from '../../policies/rules/defender-minimum-plans';
import { storageNoSharedKey } from '../../policies/rules/storage-no-shared-key';
import { configStack, TEST_SETTINGS } from './harness';

const account = { azurerm_storage_account: { state: { shared_access_key_enabled: true } } };

describe('stack kinds', () => {
  it('names national, bootstrap and every other stack a force', () => {
    expect(['national', 'bootstrap', 'essex'].map((n) => stackKind(n, TEST_SETTINGS))).toEqual([
      'national',
      'bootstrap',
      'force',
    ]);
    expect(ruleContext(configStack({}, { stack: 'bootstrap' }), TEST_SETTINGS)).toMatchObject({
      kind: 'bootstrap',
      isNational: false,
    });
  });

  it('does not run a landing-zone rule (Defender plans) on bootstrap, but still on a force', () => {
    const on = (stack: string) =>
      evaluateRule(defenderMinimumPlans, ruleContext(configStack(account, { stack }), TEST_SETTINGS));
    expect(on('bootstrap')).toEqual([]);
    expect(on('essex').some((e) => e.result.outcome === 'fail')).toBe(true);
  });

  it('runs a rule that declares bootstrap among its kinds on it', () => {
    const results = evaluateRule(
      storageNoSharedKey,
      ruleContext(configStack(account, { stack: 'bootstrap' }), TEST_SETTINGS),
    );
    expect(results.map((e) => [e.address, e.result.outcome])).toEqual([['azurerm_storage_account.state', 'fail']]);
  });

  it('runs a stack rule declared for bootstrap only on bootstrap', () => {
    const seen: string[] = [];
    const rule: StackRule = {
      scope: 'stack',
      stackKinds: ['bootstrap'],
      meta: defenderMinimumPlans.meta,
      check: (ctx) => {
        seen.push(ctx.stack.name);
        return [];
      },
    };
    for (const stack of ['national', 'essex', 'bootstrap'])
      evaluateRule(rule, ruleContext(configStack({}, { stack }), TEST_SETTINGS));
    expect(seen).toEqual(['bootstrap']);
  });

  it('gives an estate rule only the stacks of its kinds (bootstrap is not counted in the landing zones)', () => {
    const given: string[][] = [];
    const rule: EstateRule = {
      scope: 'estate',
      meta: defenderMinimumPlans.meta,
      check: (contexts) => {
        given.push(contexts.map((c) => c.stack.name));
        return [];
      },
    };
    const stacks = ['national', 'bootstrap', 'essex'].map((name) => ({ view: configStack({}, { stack: name }) }));
    checkEstate(stacks, [rule], TEST_SETTINGS);
    expect(given).toEqual([['national', 'essex']]);
  });
});
