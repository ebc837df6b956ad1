import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import {
  EvidenceSharing,
  readCondition,
  SHARING_TICKET_SYSTEM,
  type EvidenceSharingProps,
} from '../../constructs/evidence-sharing';

const CONTAINER =
  '/subscriptions/00000000-0000-4000-8000-00000000a001/resourceGroups/rg-alpha-evidence-uks/providers/Microsoft.Storage/storageAccounts/stalphaevidence/blobServices/default/containers/evidence';

const AGREEMENT = {
  id: 'cps-alpha',
  partner: 'Crown Prosecution Service',
  partnerTenantId: '00000000-0000-4000-8000-0000000c0501',
  guestGroupId: '00000000-0000-4000-8000-0000000a0601',
  shares: [{ containerName: 'evidence', containerResourceManagerId: CONTAINER, prefix: 'urn-01ab1234526/' }],
  expires: '2027-02-19',
  approvedBy: 'A. Okafor, SIRO',
  approvedOn: '2026-11-23',
  reference: 'DSA-ALPHA-2026-1',
};

const PROPS: EvidenceSharingProps = {
  agreements: [AGREEMENT],
  roleDefinitionScope: '/subscriptions/00000000-0000-4000-8000-00000000a001',
  storageAccountName: 'stalphaevidence',
  workspaceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-alpha',
};

/** Synthesises the construct in a stack of its own, in a temporary folder that is removed again. */
function synth(props: Partial<EvidenceSharingProps> = {}): Record<string, any> {
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-sharing-'));
  try {
    const app = Testing.app({ outdir });
    const stack = new TerraformStack(app, 'alpha');
    new EvidenceSharing(stack, 'EvidenceSharing', { ...PROPS, ...props });
    return JSON.parse(Testing.synth(stack)).resource ?? {};
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const assignments = (resources: Record<string, any>) =>
  Object.values<Record<string, any>>(resources.azurerm_pim_eligible_role_assignment ?? {});

describe('EvidenceSharing', () => {
  const resources = synth();
  const [assignment] = assignments(resources);

  it('grants the guest group Storage Blob Data Reader on the container, and nothing wider', () => {
    expect(assignments(resources)).toHaveLength(1);
    expect(assignment.scope).toBe(CONTAINER);
    expect(assignment.principal_id).toBe(AGREEMENT.guestGroupId);
    expect(assignment.role_definition_id).toBe(
      '/subscriptions/00000000-0000-4000-8000-00000000a001/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    );
    expect(resources.azurerm_role_assignment).toBeUndefined();
  });

  it('ends at the last second of the expiry day in London (GMT in February)', () => {
    expect(assignment.schedule.expiration.end_date_time).toBe('2027-02-19T23:59:59Z');
  });

  it('ends an hour earlier in UTC when the expiry day is in British Summer Time', () => {
    const [summer] = assignments(
      synth({ agreements: [{ ...AGREEMENT, approvedOn: '2027-06-01', expires: '2027-07-15' }] }),
    );
    expect(summer.schedule.expiration.end_date_time).toBe('2027-07-15T22:59:59Z');
  });

  it('records the approver, the approval day and the reference on the assignment', () => {
    expect(assignment.justification).toBe(
      'Evidence sharing DSA-ALPHA-2026-1 with Crown Prosecution Service: read-only, approved 2026-11-23 by A. Okafor, SIRO',
    );
    expect(assignment.ticket).toEqual({ number: 'DSA-ALPHA-2026-1', system: SHARING_TICKET_SYSTEM });
  });

  it('narrows reads to the case folder, lists to the case prefix, both over private link before the end', () => {
    expect(assignment.condition_version).toBe('2.0');
    const c: string = assignment.condition;
    expect(c).toContain(
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'urn-01ab1234526/'",
    );
    expect(c).toContain(
      "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith 'urn-01ab1234526/'",
    );
    expect(c.match(/@Environment\[isPrivateLink\] BoolEquals true/g)).toHaveLength(2);
    expect(c.match(/@Environment\[UtcNow\] DateTimeLessThan '2027-02-19T23:59:59Z'/g)).toHaveLength(2);
    expect(c).toContain("NOT SubOperationMatches{'Blob.List'}");
  });

  it('shares a whole container with only the private-link and expiry guard', () => {
    expect(readCondition(undefined, '2027-01-01T23:59:59Z')).toBe(
      "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Environment[isPrivateLink] BoolEquals true AND @Environment[UtcNow] DateTimeLessThan '2027-01-01T23:59:59Z'))",
    );
  });

  it('keeps each share at the same address when shares are reordered', () => {
    const a = { ...AGREEMENT.shares[0] };
    const b = { ...a, prefix: 'urn-01ab9999926/' };
    const one = Object.keys(
      synth({ agreements: [{ ...AGREEMENT, shares: [a, b] }] }).azurerm_pim_eligible_role_assignment,
    );
    const two = Object.keys(
      synth({ agreements: [{ ...AGREEMENT, shares: [b, a] }] }).azurerm_pim_eligible_role_assignment,
    );
    expect(one.sort()).toEqual(two.sort());
    expect(one).toHaveLength(2);
  });

  it('raises an incident on a partner bulk download from StorageBlobLogs, tolerating a table not yet created', () => {
    const rules = Object.values<Record<string, any>>(resources.azurerm_sentinel_alert_rule_scheduled);
    expect(rules.map((r) => r.name)).toEqual(['bluelamp-evidence-partner-bulk-download']);
    expect(rules[0].query).toContain('union isfuzzy=true');
    expect(rules[0].query).toContain('(StorageBlobLogs)');
    expect(rules[0].query).toContain('AccountName =~ "stalphaevidence"');
    expect(rules[0].query).toContain('RequesterUpn has "#EXT#"');
    expect(rules[0].query).toContain('Blobs >= 50 or Bytes >= 21474836480');
  });

  it('creates nothing without agreements', () => {
    expect(synth({ agreements: [] })).toEqual({});
  });

  it('refuses a prefix that could widen the condition, naming the agreement', () => {
    const bad = { ...AGREEMENT, shares: [{ ...AGREEMENT.shares[0], prefix: "x' OR 'a" }] };
    expect(() => synth({ agreements: [bad] })).toThrow(
      /agreements\[cps-alpha\]\.shares: prefix "x' OR 'a" must be a case folder/,
    );
  });

  it('refuses the same agreement id twice and an expiry before approval', () => {
    expect(() => synth({ agreements: [AGREEMENT, { ...AGREEMENT, expires: '2026-11-01' }] })).toThrow(
      /id "cps-alpha" is used twice.*expires is before approvedOn/,
    );
  });
});
