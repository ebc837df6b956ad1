import { isUnknown } from '../terraform-json';
import { at, fail, pass, STACK_ADDRESS, unknown, type StackRule } from '../rule';

/** Someone in the force (or, for the national hub, the NMC SOC) hears about high-severity alerts. */
export const defenderSecurityContact: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-DEF-003',
    title: 'Every force and the national hub have a Defender security contact that receives alerts',
    severity: 'medium',
    rationale:
      'Microsoft notifies the security contact of incidents it detects (for example a compromised subscription); without one the force (or the NMC, for the hub) learns of them late or not at all.',
    ncsc: ['5.4', '13'],
    mirrors: {
      checkov: ['CKV_AZURE_131', 'CKV_AZURE_21'],
      trivy: ['AVD-AZU-0062', 'AVD-AZU-0044', 'AVD-AZU-0064'],
      cis: ['2.1.19', '2.1.20'],
      azurePolicy: ['4f4f78b8-e367-4b10-a341-d9a4ad5cf1c7', '6e2593d9-add6-4083-9c9b-4b7d2188c899'],
    },
    waivable: true,
  },
  configFields: ['contacts.securityEmail', 'nmc.securityEmail'],
  check({ index }) {
    const contacts = index.ofType('azurerm_security_center_contact');
    if (contacts.length === 0) return [at(STACK_ADDRESS, fail('no azurerm_security_center_contact'))];
    return contacts.map((c) => {
      const { email, alert_notifications: alerts } = c.values;
      if (isUnknown(email) || isUnknown(alerts))
        return at(c.address, unknown('email or alert_notifications is known only after apply'));
      if (typeof email !== 'string' || !email.includes('@'))
        return at(c.address, fail('the security contact has no email address'));
      if (alerts !== true)
        return at(c.address, fail('alert_notifications is not true: the contact will not be told of alerts'));
      return at(c.address, pass());
    });
  },
};
