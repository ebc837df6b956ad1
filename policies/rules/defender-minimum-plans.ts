import { isUnknown } from '../terraform-json';
import { at, fail, pass, STACK_ADDRESS, type AddressedResult, type StackRule } from '../rule';

/** The national minimum of Defender for Cloud plans is on, at the Standard tier, in every force and in the national hub subscription. */
export const defenderMinimumPlans: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-DEF-001',
    title: 'Every force and the national hub have the national minimum Defender for Cloud plans on Standard',
    severity: 'high',
    rationale:
      'Defender plans produce the threat alerts (key vault access anomalies, storage malware, suspicious ARM operations) the SOC triages; the NMC sets a floor no force can lower, and holds its own hub subscription to it.',
    ncsc: ['5.2', '5.3'],
    mirrors: {
      checkov: ['CKV_AZURE_19', 'CKV_AZURE_234', 'CKV_AZURE_87', 'CKV_AZURE_84', 'CKV_AZURE_55'],
      trivy: ['AVD-AZU-0045'],
      cis: ['2.1.1'],
      azurePolicy: ['0e6763cc-5078-4e64-889d-ff4d9a839047'],
    },
    waivable: true,
  },
  configFields: ['defender.additionalPlans', 'defender.minimumPlans'],
  check({ index, settings }) {
    const pricings = index.ofType('azurerm_security_center_subscription_pricing');
    const results: AddressedResult[] = [];
    for (const plan of settings.minimumDefenderPlans) {
      const p = pricings.find((x) => x.values.resource_type === plan);
      if (!p) {
        const unresolved = pricings.some((x) => isUnknown(x.values.resource_type));
        results.push(
          at(
            STACK_ADDRESS,
            unresolved
              ? { outcome: 'unknown', message: `plan ${plan}: some resource_type values are known only after apply` }
              : fail(`Defender plan ${plan} (national minimum) is not configured`),
          ),
        );
      } else {
        results.push(
          at(
            p.address,
            p.values.tier === 'Standard'
              ? pass()
              : fail(
                  `Defender plan ${plan} has tier ${JSON.stringify(p.values.tier)}; the national minimum requires Standard`,
                ),
          ),
        );
      }
    }
    return results;
  },
};
