import { defenderSecurityContact } from '../../../policies/rules/defender-security-contact';
import { outcomes } from '../harness';

describe('BL-DEF-003 security contact', () => {
  it('passes a contact with an email that receives alerts', () => {
    expect(
      outcomes(defenderSecurityContact, {
        azurerm_security_center_contact: {
          c: { email: 'soc@essex.police.example', alert_notifications: true, alerts_to_admins: true },
        },
      }),
    ).toEqual({ 'azurerm_security_center_contact.c': 'pass' });
  });
  it('fails a force without a contact, and a contact with alerts off', () => {
    expect(outcomes(defenderSecurityContact, {})).toEqual({ '(stack)': 'fail' });
    expect(
      outcomes(defenderSecurityContact, {
        azurerm_security_center_contact: { c: { email: 'soc@essex.police.example', alert_notifications: false } },
      }),
    ).toEqual({ 'azurerm_security_center_contact.c': 'fail' });
  });
  it('requires a contact on the national hub subscription too', () => {
    expect(outcomes(defenderSecurityContact, {}, { stack: 'national' })).toEqual({ '(stack)': 'fail' });
    expect(
      outcomes(
        defenderSecurityContact,
        { azurerm_security_center_contact: { c: { email: 'soc@nmc.police.example', alert_notifications: true } } },
        { stack: 'national' },
      ),
    ).toEqual({ 'azurerm_security_center_contact.c': 'pass' });
  });
});
