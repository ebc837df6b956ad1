import { sharingReadsLogged } from '../../../policies/rules/sharing-reads-logged';
import { outcomes } from '../harness';
import { SHARE, withEvidence } from './sharing-fixtures';

const setting = (logs: Record<string, unknown>[], workspace = true) => ({
  target_resource_id: '${azurerm_storage_account.evidence.id}/blobServices/default',
  ...(workspace ? { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}' } : {}),
  enabled_log: logs,
});

describe('BL-SHR-004 shared evidence stores log every read', () => {
  const shared = { azurerm_pim_eligible_role_assignment: { cps: SHARE } };

  it('passes when the blob service sends allLogs to a workspace', () => {
    const r = withEvidence({
      ...shared,
      azurerm_monitor_diagnostic_setting: { blob: setting([{ category_group: 'allLogs' }]) },
    });
    expect(outcomes(sharingReadsLogged, r)).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('passes StorageRead named on its own', () => {
    const r = withEvidence({
      ...shared,
      azurerm_monitor_diagnostic_setting: { blob: setting([{ category: 'StorageRead' }]) },
    });
    expect(outcomes(sharingReadsLogged, r)).toEqual({ 'azurerm_storage_account.evidence': 'pass' });
  });
  it('fails a blob-service setting that logs only writes', () => {
    const r = withEvidence({
      ...shared,
      azurerm_monitor_diagnostic_setting: { blob: setting([{ category: 'StorageWrite' }]) },
    });
    expect(outcomes(sharingReadsLogged, r)).toEqual({ 'azurerm_storage_account.evidence': 'fail' });
  });
  it('fails when nothing logs the blob service (an account-level setting has no read logs)', () => {
    const account = {
      target_resource_id: '${azurerm_storage_account.evidence.id}',
      enabled_log: [{ category_group: 'allLogs' }],
    };
    const r = withEvidence({ ...shared, azurerm_monitor_diagnostic_setting: { acct: account } });
    expect(outcomes(sharingReadsLogged, r)).toEqual({ 'azurerm_storage_account.evidence': 'fail' });
  });
  it('fails read logs that go to no workspace', () => {
    const r = withEvidence({
      ...shared,
      azurerm_monitor_diagnostic_setting: { blob: setting([{ category_group: 'allLogs' }], false) },
    });
    expect(outcomes(sharingReadsLogged, r)).toEqual({ 'azurerm_storage_account.evidence': 'fail' });
  });
  it('says nothing where nothing is shared', () => {
    expect(outcomes(sharingReadsLogged, withEvidence({}))).toEqual({});
  });
});
