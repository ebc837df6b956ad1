import { formatRun } from '../../../policies/formats';
import { isBlocking, summarise } from '../../../policies/formats/summary';
import { bigRun, loadRun } from './fixtures';

describe('text format', () => {
  const run = loadRun('estate');
  const text = formatRun(run, 'text', 'high');
  const lines = text.split('\n');

  it('lists every finding, worst first, under an aligned header', () => {
    expect(lines[0]).toMatch(/^SEVERITY\s+STATUS\s+RULE\s+STACK\s+RESOURCE\s+MESSAGE$/);
    const rows = lines.slice(1, 1 + run.findings.length);
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual([
      'CRITICAL',
      'HIGH',
      'HIGH',
      'HIGH',
      'HIGH',
      'MEDIUM',
      'MEDIUM',
      'LOW',
    ]);
    const resourceColumn = lines[0].indexOf('RESOURCE');
    for (const row of rows) expect(row.slice(resourceColumn)).toMatch(/^(azurerm_|policies\/)/);
  });

  it('marks waived rows with the waiver ticket and approver', () => {
    const waived = lines.find((l) => l.includes('Evidence_Account_4'))!;
    expect(waived).toMatch(/WAIVED/);
    expect(waived).toContain('ASSURE-101, approved by J. Smith, Essex SIRO on 2025-08-01, expires 2026-02-01');
  });

  it('keeps each finding on one line even when the message has line breaks', () => {
    expect(text).toContain('"classification" second line');
    expect(lines.filter((l) => l.startsWith('LOW'))).toHaveLength(1);
  });

  it('says which findings are under the threshold and ends with the verdict', () => {
    expect(lines.find((l) => l.includes('Lz_Workspace_4'))).toMatch(/fail \(below\)/);
    expect(text.trimEnd().split('\n').pop()).toBe(
      'bluelamp check: 6 unwaived findings (1 critical, 3 high, 2 medium), 2 waived, over 4 stacks; FAIL at threshold high: 4 unwaived findings at or above high',
    );
  });

  it('passes at a threshold once no unwaived finding reaches it', () => {
    expect(summarise(run, 'critical')).toMatchObject({ verdict: 'fail', blocking: 1 });
    const noCritical = { ...run, findings: run.findings.filter((f) => f.severity !== 'critical') };
    expect(formatRun(noCritical, 'text', 'critical')).toMatch(/PASS at threshold critical\n$/);
  });

  it('says plainly when there are no findings', () => {
    expect(formatRun(loadRun('clean'), 'text', 'low')).toBe(
      'bluelamp check: no findings from 1 rule over 1 stack (1 resource); PASS at threshold low\n',
    );
  });

  it('counts unknown outcomes as blocking, because an unverified value is never a pass', () => {
    const unknown = run.findings.find((f) => f.outcome === 'unknown')!;
    expect(isBlocking(unknown, 'high')).toBe(true);
    expect(summarise(bigRun(3), 'low').unknown).toBe(0);
    expect(summarise(run, 'low').unknown).toBe(1);
  });
});
