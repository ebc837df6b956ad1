import { ASSIGNMENT_TYPES, evidenceAccountOf } from '../evidence-sharing';
import { isUnknown } from '../terraform-json';
import { at, blocksAt, fail, pass, type AddressedResult, type StackRule } from '../rule';
import type { ResourceView } from '../types';

/** Wherever evidence is shared, every read is logged to a workspace the SOC watches. */
export const sharingReadsLogged: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-SHR-004',
    title: 'Shared evidence stores log every read (StorageRead) to Log Analytics',
    severity: 'high',
    rationale:
      'A partner reading evidence is lawful only within the agreement; the blob service read log is the record of what was read, by whom, from where, and the data the bulk-download analytics rule runs on.',
    ncsc: ['5.3', '13'],
    mirrors: { checkov: ['CKV2_AZURE_21'], azurePolicy: ['59759c62-9a22-4cdf-ae64-074495983fef'] },
    waivable: false,
  },
  configFields: ['services.evidenceStore.sharing'],
  check(ctx) {
    const shared = new Map<string, ResourceView>();
    for (const r of ctx.index.ofType(...ASSIGNMENT_TYPES)) {
      const account = evidenceAccountOf(r, ctx.index);
      if (account) shared.set(account.address, account);
    }
    const results: AddressedResult[] = [];
    for (const account of shared.values()) {
      const settings = ctx.index
        .referrersOf(account, ['azurerm_monitor_diagnostic_setting'], 'target_resource_id')
        .filter((s) => /\/blobServices\/default$/i.test(String(s.values.target_resource_id)));
      const logging = settings.find((s) => s.values.log_analytics_workspace_id !== undefined && logsReads(s));
      results.push(
        at(
          account.address,
          logging
            ? pass(`blob reads logged by ${logging.address}`)
            : fail(
                settings.length === 0
                  ? 'no diagnostic setting on the blob service (<account>/blobServices/default): partner reads would go unrecorded'
                  : `the blob service's diagnostic setting ${settings[0].address} does not send StorageRead (or allLogs) to a Log Analytics workspace`,
              ),
        ),
      );
    }
    return results;
  },
};

function logsReads(setting: ResourceView): boolean {
  return blocksAt(setting.values, 'enabled_log').some((b) => {
    if (isUnknown(b.category) || isUnknown(b.category_group)) return false;
    return b.category === 'StorageRead' || b.category_group === 'allLogs';
  });
}
