/**
 * The bundled Metropolitan Police file shares evidence with the CPS and a Crown Court: synthesised
 * through the real stack, every sharing rule must see those assignments and pass them, and the
 * report must list them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { loadEstate } from '../../config/estate';
import { evaluateRule, ruleContext } from '../../policies/engine';
import { sharedAccess } from '../../policies/evidence-sharing';
import { sharingSection } from '../../policies/report/sharing';
import { DEFAULT_SETTINGS, StackIndex } from '../../policies/rule';
import { sharingReadOnly } from '../../policies/rules/sharing-read-only';
import { sharingReadsLogged } from '../../policies/rules/sharing-reads-logged';
import { sharingTimeBound } from '../../policies/rules/sharing-time-bound';
import { sharingWithinApproval } from '../../policies/rules/sharing-within-approval';
import { stackFromConfig } from '../../policies/terraform-json';
import { APP_CONTEXT } from '../../stacks/estate-app';
import { ForceStack } from '../../stacks/force-stack';
import { packageRoot } from '../../util/package-root';

const estate = loadEstate(packageRoot(), { forceIds: ['metropolitan'], today: '2026-12-01' });
const met = estate.forces.find((f) => f.config.id === 'metropolitan')!.config;

function synthMet(): unknown {
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-sharing-estate-'));
  try {
    const app = Testing.app({ context: APP_CONTEXT, outdir });
    return JSON.parse(Testing.synth(new ForceStack(app, { force: met, platform: estate.platform.config })));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('evidence sharing in the bundled estate (Metropolitan Police)', () => {
  const view = stackFromConfig('metropolitan', synthMet());
  const ctx = ruleContext(view, DEFAULT_SETTINGS);
  const outcomes = (rule: Parameters<typeof evaluateRule>[0]) =>
    evaluateRule(rule, ctx).map((e) => [e.address.replace(/_[0-9A-F]{8}$/, ''), e.result.outcome]);

  it('declares two agreements in its force file', () => {
    expect(met.services.evidenceStore.sharing.map((a) => a.id)).toEqual(['cps-london-north', 'southwark-crown-court']);
  });

  it('passes every sharing rule on each of its three shares, none left not applicable', () => {
    const expected = [
      ['azurerm_pim_eligible_role_assignment.EvidenceSharing_cps-london-north_Read-evidence-1e4f39fa09', 'pass'],
      ['azurerm_pim_eligible_role_assignment.EvidenceSharing_cps-london-north_Read-evidence-fd92b6dd64', 'pass'],
      ['azurerm_pim_eligible_role_assignment.EvidenceSharing_southwark-crown-court_Read-evidence-fd92b6dd64', 'pass'],
    ];
    for (const rule of [sharingReadOnly, sharingTimeBound, sharingWithinApproval]) {
      const shares = outcomes(rule).filter(([address]) => address.includes('EvidenceSharing'));
      expect(shares.sort()).toEqual(expected);
    }
  });

  it('finds the evidence account read-logged', () => {
    expect(outcomes(sharingReadsLogged)).toEqual([['azurerm_storage_account.EvidenceStore_Account', 'pass']]);
  });

  it('lists partner, case folder, expiry, days left and approver in the report', () => {
    const shares = sharedAccess(new StackIndex(view));
    const page = String(
      sharingSection({ name: 'metropolitan', resources: [], sharing: shares }, '2026-12-01T09:00:00Z'),
    );
    expect(shares.map((s) => [s.partner, `${s.container}/${s.prefix}`, s.endsAt, s.approvedOn])).toEqual([
      [
        'Crown Prosecution Service (CPS London North)',
        'evidence/urn-01mp2209126/',
        '2027-02-19T23:59:59Z',
        '2026-11-23',
      ],
      [
        'Crown Prosecution Service (CPS London North)',
        'evidence/urn-01mp1234526/',
        '2027-02-19T23:59:59Z',
        '2026-11-23',
      ],
      [
        'HM Courts and Tribunals Service (Southwark Crown Court)',
        'evidence/urn-01mp1234526/',
        '2027-02-20T23:59:59Z',
        '2026-11-26',
      ],
    ]);
    // 2026-12-01 to 2027-02-19 is 80 days; the court's access runs one day longer.
    const daysLeft = [...page.matchAll(/<td class="num">\s*(\d+)\s*<\/td>/g)].map((m) => m[1]);
    expect(daysLeft).toEqual(['80', '80', '81']);
    expect(page).toContain('Detective Superintendent A. Okafor, Senior Information Risk Owner');
    expect(page).toContain('DSA-MPS-HMCTS-2026-031');
  });
});
