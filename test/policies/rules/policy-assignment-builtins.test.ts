import { policyAssignmentBuiltins } from '../../../policies/rules/policy-assignment-builtins';
import { evaluate, outcomes, ref } from '../harness';

const DEF = '/providers/Microsoft.Authorization/policyDefinitions';
const ALLOWED_LOCATIONS = `${DEF}/e56962a6-4747-49cd-b67b-bf8b01975c4c`;
const UK_OFFICIAL = '/providers/Microsoft.Authorization/policySetDefinitions/3937f550-eedd-4639-9c5e-294358be442e';
const DEPRECATED = `${DEF}/10ee2ea2-fb4d-45b8-a7e9-a2e770044cd9`;
/** Service Bus logs to Log Analytics: only the public-cloud copy declares categoryGroup. */
const SERVICE_BUS_LOGS = `${DEF}/0277b2d5-6e6f-4d97-9929-a5c4eab56fd7`;
const params = (p: Record<string, unknown>) => JSON.stringify(p);

describe('BL-POL-001 policy assignments name real built-ins', () => {
  it('passes a real definition with declared parameters, and a real initiative', () => {
    const result = outcomes(policyAssignmentBuiltins, {
      azurerm_subscription_policy_assignment: {
        loc: {
          policy_definition_id: ALLOWED_LOCATIONS,
          parameters: params({ listOfAllowedLocations: { value: ['uksouth'] } }),
        },
        uk: { policy_definition_id: UK_OFFICIAL },
      },
    });
    expect(result).toEqual({
      'azurerm_subscription_policy_assignment.loc': 'pass',
      'azurerm_subscription_policy_assignment.uk': 'pass',
    });
  });
  it('fails a made-up id, a deprecated definition and an undeclared parameter', () => {
    const result = evaluate(policyAssignmentBuiltins, {
      azurerm_subscription_policy_assignment: {
        fake: { policy_definition_id: `${DEF}/00000000-0000-0000-0000-000000000000` },
        old: { policy_definition_id: DEPRECATED },
        param: {
          policy_definition_id: ALLOWED_LOCATIONS,
          parameters: params({ allowedLocations: { value: ['uksouth'] } }),
        },
      },
    });
    expect(Object.values(result).map((r) => r.outcome)).toEqual(['fail', 'fail', 'fail']);
    expect(result['azurerm_subscription_policy_assignment.old'].message).toMatch(/deprecated/);
    expect(result['azurerm_subscription_policy_assignment.param'].message).toMatch(/allowedLocations/);
  });
  it('is unknown, with a clear message, when no built-in index is configured or it cannot be read', () => {
    const assignment = { azurerm_subscription_policy_assignment: { a: { policy_definition_id: ALLOWED_LOCATIONS } } };
    expect(
      evaluate(policyAssignmentBuiltins, assignment, { settings: { azurePolicyIndex: undefined } })[
        'azurerm_subscription_policy_assignment.a'
      ],
    ).toEqual({
      outcome: 'unknown',
      message: expect.stringMatching(/no Azure Policy built-in index is configured; cannot check .*e56962a6/),
    });
    expect(
      evaluate(policyAssignmentBuiltins, assignment, {
        settings: { azurePolicyIndex: '/nonexistent/azure-policy-index.json' },
      })['azurerm_subscription_policy_assignment.a'],
    ).toEqual({
      outcome: 'unknown',
      message: expect.stringMatching(
        /index is not available \(\/nonexistent\/azure-policy-index\.json cannot be read: ENOENT.*\); cannot check/,
      ),
    });
  });
  it('judges parameters against the public-cloud definition, not its Azure Government copy', () => {
    const result = outcomes(policyAssignmentBuiltins, {
      azurerm_subscription_policy_assignment: {
        logs: {
          policy_definition_id: SERVICE_BUS_LOGS,
          parameters: params({ categoryGroup: { value: 'allLogs' }, logAnalytics: { value: 'x' } }),
        },
      },
    });
    expect(result).toEqual({ 'azurerm_subscription_policy_assignment.logs': 'pass' });
  });
  it('passes a custom definition in the same stack, followed by reference', () => {
    const result = outcomes(policyAssignmentBuiltins, {
      azurerm_policy_definition: { custom: {} },
      azurerm_subscription_policy_assignment: {
        a: { policy_definition_id: ref('azurerm_policy_definition.custom.id') },
      },
    });
    expect(result).toEqual({ 'azurerm_subscription_policy_assignment.a': 'pass' });
  });
});
