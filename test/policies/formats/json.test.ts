import { formatRun } from '../../../policies/formats';
import { parseCheckRun } from '../../../policies/formats/json';
import { loadRun } from './fixtures';

describe('json format', () => {
  const run = loadRun('estate');
  const parsed = JSON.parse(formatRun(run, 'json', 'high'));

  it('is versioned and names the tool that wrote it', () => {
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.tool).toEqual({ name: 'bluelamp', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('carries a summary a pipeline can gate on', () => {
    expect(parsed.summary).toMatchObject({
      threshold: 'high',
      verdict: 'fail',
      stacks: 4,
      resources: 20,
      findings: 8,
      open: 6,
      waived: 2,
      blocking: 4,
      bySeverity: {
        critical: { open: 1, waived: 0 },
        high: { open: 3, waived: 1 },
        medium: { open: 2, waived: 0 },
        low: { open: 0, waived: 1 },
      },
    });
  });

  it('keeps waived findings with their waiver', () => {
    const waived = parsed.findings.filter((f: { waiver?: unknown }) => f.waiver);
    expect(waived).toHaveLength(2);
    expect(waived[0].waiver.ticket).toBe('ASSURE-101');
  });

  it('reads back into the same check run, so the report can be rebuilt from the file', () => {
    const back = parseCheckRun(formatRun(run, 'json', 'high'), 'run.json');
    expect(back.stacks).toEqual(run.stacks);
    expect(back.waivers).toEqual(run.waivers);
    expect(
      [...back.findings].sort((a, b) => a.address.localeCompare(b.address) || a.ruleId.localeCompare(b.ruleId)),
    ).toEqual([...run.findings].sort((a, b) => a.address.localeCompare(b.address) || a.ruleId.localeCompare(b.ruleId)));
  });

  it('refuses a schema version it does not understand, naming the file', () => {
    expect(() => parseCheckRun(JSON.stringify({ ...run, schemaVersion: 2 }), 'old.json')).toThrow(
      'old.json: schemaVersion is 2, this bluelamp reads 1',
    );
    expect(() => parseCheckRun('{not json', 'bad.json')).toThrow(/^bad\.json: not JSON/);
    expect(() => parseCheckRun(JSON.stringify({ ...run, findings: 'x' }), 'f.json')).toThrow(
      /^f\.json: not a check run bluelamp can read: findings: .*expected array/,
    );
  });

  it('refuses a finding of the wrong shape, naming the field, instead of crashing a renderer', () => {
    const bad = {
      ...run,
      findings: [
        { ...run.findings[0], severity: 'bogus' },
        { ...run.findings[1], stack: undefined },
      ],
    };
    expect(() => parseCheckRun(JSON.stringify(bad), 'edited.json')).toThrow(
      /^edited\.json: not a check run bluelamp can read: findings\[0\]\.severity: .*"critical".*; findings\[1\]\.stack: /,
    );
  });
});
