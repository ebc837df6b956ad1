import { lighthouseNeverOwner } from '../../../policies/rules/lighthouse-never-owner';
import { outcomes } from '../harness';

const SENTINEL_RESPONDER = '3e150937-b8fe-4cfb-8069-0eaf05ecd056';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const UAA = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

describe('BL-LOG-007 Lighthouse never Owner', () => {
  it('passes SOC roles', () => {
    expect(
      outcomes(lighthouseNeverOwner, {
        azurerm_lighthouse_definition: {
          d: { authorization: [{ principal_id: 'p', role_definition_id: SENTINEL_RESPONDER }] },
        },
      }),
    ).toEqual({ 'azurerm_lighthouse_definition.d': 'pass' });
  });
  it('fails Owner, and User Access Administrator hidden in delegated_role_definition_ids', () => {
    const result = outcomes(lighthouseNeverOwner, {
      azurerm_lighthouse_definition: {
        owner: { authorization: [{ principal_id: 'p', role_definition_id: OWNER }] },
        uaa: {
          authorization: [
            { principal_id: 'p', role_definition_id: SENTINEL_RESPONDER, delegated_role_definition_ids: [UAA] },
          ],
        },
      },
    });
    expect(result).toEqual({
      'azurerm_lighthouse_definition.owner': 'fail',
      'azurerm_lighthouse_definition.uaa': 'fail',
    });
  });
});
