import { isUnknown } from '../terraform-json';
import { at, fail, pass, STACK_ADDRESS, unknown, type AddressedResult, type StackRule } from '../rule';
import { POLICY_ASSIGNMENT_TYPES } from './policy-assignment-builtins';

const GUARDRAILS: Readonly<Record<string, string>> = {
  'e56962a6-4747-49cd-b67b-bf8b01975c4c': 'Allowed locations',
  'e765b5de-1225-4ba3-bd56-1ac6695af988': 'Allowed locations for resource groups',
};

/** Residency is enforced in Azure too, not only by this check: the location policies are assigned. */
export const policyLocationGuardrails: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-POL-002',
    title: 'Every force assigns the Allowed locations policies limited to UK regions',
    severity: 'high',
    rationale: 'This check sees only what Blue Lamp deploys; the Allowed locations policies stop anything else (portal clicks, other pipelines) being created outside the UK.',
    ncsc: ['2.1', '4'],
    mirrors: { azurePolicy: Object.keys(GUARDRAILS) },
    waivable: true,
  },
  check({ index, isNational, settings }) {
    if (isNational) return [];
    const assignments = index.ofType(...POLICY_ASSIGNMENT_TYPES);
    const results: AddressedResult[] = [];
    for (const [guid, title] of Object.entries(GUARDRAILS)) {
      const a = assignments.find((x) => typeof x.values.policy_definition_id === 'string' && x.values.policy_definition_id.toLowerCase().endsWith(guid));
      if (!a) {
        results.push(at(STACK_ADDRESS, fail(`no assignment of "${title}" (${guid})`)));
        continue;
      }
      const params = a.values.parameters;
      if (isUnknown(params)) {
        results.push(at(a.address, unknown(`parameters of "${title}" are known only after apply`)));
        continue;
      }
      let locations: unknown;
      try {
        locations = (JSON.parse(String(params ?? '{}')) as { listOfAllowedLocations?: { value?: unknown } }).listOfAllowedLocations?.value;
      } catch {
        locations = undefined;
      }
      if (!Array.isArray(locations)) {
        results.push(at(a.address, fail(`"${title}" has no listOfAllowedLocations value`)));
        continue;
      }
      const outside = locations.filter((l) => !settings.allowedRegions.includes(String(l).toLowerCase().replace(/\s+/g, '')));
      results.push(at(a.address, outside.length ? fail(`"${title}" allows ${outside.join(', ')} (outside ${settings.allowedRegions.join(', ')})`) : pass()));
    }
    return results;
  },
};
