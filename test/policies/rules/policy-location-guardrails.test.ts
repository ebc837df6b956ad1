import { policyLocationGuardrails } from '../../../policies/rules/policy-location-guardrails';
import { outcomes } from '../harness';

const DEF = '/providers/Microsoft.Authorization/policyDefinitions';
const assignment = (guid: string, locations: string[]) => ({
  policy_definition_id: `${DEF}/${guid}`,
  parameters: JSON.stringify({ listOfAllowedLocations: { value: locations } }),
});

describe('BL-POL-002 location guardrails', () => {
  it('passes both location policies limited to UK regions', () => {
    const result = outcomes(policyLocationGuardrails, {
      azurerm_subscription_policy_assignment: {
        loc: assignment('e56962a6-4747-49cd-b67b-bf8b01975c4c', ['uksouth', 'ukwest']),
        rg: assignment('e765b5de-1225-4ba3-bd56-1ac6695af988', ['uksouth']),
      },
    });
    expect(result).toEqual({
      'azurerm_subscription_policy_assignment.loc': 'pass',
      'azurerm_subscription_policy_assignment.rg': 'pass',
    });
  });
  it('fails a missing resource-group policy and an allowed list that includes westeurope', () => {
    const result = outcomes(policyLocationGuardrails, {
      azurerm_subscription_policy_assignment: {
        loc: assignment('e56962a6-4747-49cd-b67b-bf8b01975c4c', ['uksouth', 'westeurope']),
      },
    });
    expect(result).toEqual({ 'azurerm_subscription_policy_assignment.loc': 'fail', '(stack)': 'fail' });
  });
});

describe('BL-POL-002 guardrails that are assigned but do not guard', () => {
  const both = (over: Record<string, unknown>) => ({
    loc: { ...assignment('e56962a6-4747-49cd-b67b-bf8b01975c4c', ['uksouth']), ...over },
    rg: assignment('e765b5de-1225-4ba3-bd56-1ac6695af988', ['uksouth']),
  });
  it('fails an assignment with enforce = false (DoNotEnforce only audits)', () => {
    expect(
      outcomes(policyLocationGuardrails, { azurerm_subscription_policy_assignment: both({ enforce: false }) })[
        'azurerm_subscription_policy_assignment.loc'
      ],
    ).toBe('fail');
  });
  it('fails an assignment that a policy exemption waives', () => {
    const result = outcomes(policyLocationGuardrails, {
      azurerm_subscription_policy_assignment: both({}),
      azurerm_resource_group_policy_exemption: {
        x: { policy_assignment_id: '${azurerm_subscription_policy_assignment.loc.id}', exemption_category: 'Waiver' },
      },
    });
    expect(result['azurerm_subscription_policy_assignment.loc']).toBe('fail');
  });
});
