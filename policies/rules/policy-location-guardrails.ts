import { isUnknown } from '../terraform-json';
import { at, fail, pass, STACK_ADDRESS, unknown, type AddressedResult, type StackRule } from '../rule';
import { POLICY_ASSIGNMENT_TYPES } from './policy-assignment-builtins';

const GUARDRAILS: Readonly<Record<string, string>> = {
  'e56962a6-4747-49cd-b67b-bf8b01975c4c': 'Allowed locations',
  'e765b5de-1225-4ba3-bd56-1ac6695af988': 'Allowed locations for resource groups',
};

const EXEMPTION_TYPES = [
  'azurerm_subscription_policy_exemption',
  'azurerm_resource_group_policy_exemption',
  'azurerm_management_group_policy_exemption',
  'azurerm_resource_policy_exemption',
];

/** Residency is enforced in Azure too, not only by this check: the location policies are assigned. */
export const policyLocationGuardrails: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-POL-002',
    title: 'Every force assigns the Allowed locations policies limited to UK regions',
    severity: 'high',
    rationale:
      'This check sees only what Blue Lamp deploys; the Allowed locations policies stop anything else (portal clicks, other pipelines) being created outside the UK.',
    ncsc: ['2.1', '4'],
    mirrors: { azurePolicy: Object.keys(GUARDRAILS) },
    waivable: true,
  },
  check({ index, isNational, settings }) {
    if (isNational) return [];
    const assignments = index.ofType(...POLICY_ASSIGNMENT_TYPES);
    const results: AddressedResult[] = [];
    for (const [guid, title] of Object.entries(GUARDRAILS)) {
      const a = assignments.find(
        (x) =>
          typeof x.values.policy_definition_id === 'string' &&
          x.values.policy_definition_id.toLowerCase().endsWith(guid),
      );
      if (!a) {
        results.push(at(STACK_ADDRESS, fail(`no assignment of "${title}" (${guid})`)));
        continue;
      }
      // enforce = false is DoNotEnforce: the assignment only reports, and a non-UK resource is still created.
      const enforce = a.values.enforce;
      if (isUnknown(enforce)) {
        results.push(at(a.address, unknown(`enforce of "${title}" is known only after apply`)));
        continue;
      }
      if (enforce === false || enforce === 'false') {
        results.push(
          at(
            a.address,
            fail(
              `"${title}" is assigned with enforce = false (DoNotEnforce): it audits but does not stop resources outside the UK`,
            ),
          ),
        );
        continue;
      }
      const exemptions = index.referrersOf(a, EXEMPTION_TYPES, 'policy_assignment_id');
      if (exemptions.length) {
        results.push(
          at(
            a.address,
            fail(
              `"${title}" is exempted by ${exemptions.map((e) => e.address).join(', ')}: resources in the exempted scope may be created outside the UK`,
            ),
          ),
        );
        continue;
      }
      const params = a.values.parameters;
      if (isUnknown(params)) {
        results.push(at(a.address, unknown(`parameters of "${title}" are known only after apply`)));
        continue;
      }
      let locations: unknown;
      try {
        locations = (
          JSON.parse(typeof params === 'string' ? params : '{}') as { listOfAllowedLocations?: { value?: unknown } }
        ).listOfAllowedLocations?.value;
      } catch {
        locations = undefined;
      }
      if (!Array.isArray(locations)) {
        results.push(at(a.address, fail(`"${title}" has no listOfAllowedLocations value`)));
        continue;
      }
      const outside = locations.filter(
        (l) => !settings.allowedRegions.includes(String(l).toLowerCase().replace(/\s+/g, '')),
      );
      results.push(
        at(
          a.address,
          outside.length
            ? fail(`"${title}" allows ${outside.join(', ')} (outside ${settings.allowedRegions.join(', ')})`)
            : pass(),
        ),
      );
    }
    return results;
  },
};
