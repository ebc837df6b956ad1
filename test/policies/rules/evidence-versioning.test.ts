import { evidenceVersioning } from '../../../policies/rules/evidence-versioning';
import { outcomes } from '../harness';

describe('BL-EVD-003 evidence versioning and change feed', () => {
  it('passes versioning with a change feed', () => {
    expect(
      outcomes(evidenceVersioning, {
        azurerm_storage_account: {
          evidence: { blob_properties: { versioning_enabled: true, change_feed_enabled: true } },
        },
      }),
    ).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('fails without a change feed', () => {
    expect(
      outcomes(evidenceVersioning, {
        azurerm_storage_account: { evidence: { blob_properties: { versioning_enabled: true } } },
      }),
    ).toEqual({ 'azurerm_storage_account.evidence': 'fail' });
  });
});
