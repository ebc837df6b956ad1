import { synthInTemp } from '../helpers/synth';
import { StateStorageAccount } from '../../constructs/state-storage-account';

const props = {
  resourceGroupName: 'rg-bluelamp-tfstate-uks',
  storageAccountName: 'stbluelamptfstateuks',
  containerName: 'tfstate',
  location: 'uksouth',
};

describe('StateStorageAccount', () => {
  const r = JSON.parse(synthInTemp((s) => new StateStorageAccount(s, 'State', props))).resource;
  it('is private, keyless and protected by default', () => {
    const [account] = Object.values<Record<string, any>>(r.azurerm_storage_account);
    expect(account).toMatchObject({
      public_network_access_enabled: false,
      shared_access_key_enabled: false,
      allow_nested_items_to_be_public: false,
      account_replication_type: 'ZRS',
    });
    const [container] = Object.values<Record<string, any>>(r.azurerm_storage_container);
    expect(container).toMatchObject({ container_access_type: 'private', lifecycle: { prevent_destroy: true } });
  });
  it('refuses a soft-delete period Azure does not allow and a bad account name', () => {
    expect(() =>
      synthInTemp(
        (s) => new StateStorageAccount(s, 'State', { ...props, softDeleteDays: 3, storageAccountName: 'Bad_Name' }),
      ),
    ).toThrow(/State: softDeleteDays 3 must be 7-365; storageAccountName: /);
  });
});
