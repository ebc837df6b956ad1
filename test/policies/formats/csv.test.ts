import { formatRun } from '../../../policies/formats';
import { csvCell } from '../../../policies/formats/csv';
import { loadRun, parseCsv } from './fixtures';

describe('csv format', () => {
  const run = loadRun('estate');
  const csv = formatRun(run, 'csv', 'high');
  const rows = parseCsv(csv);
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);

  it('has a header and one CRLF-terminated row per finding', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(1 + run.findings.length);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('quotes commas, quotes and line breaks so the message survives intact', () => {
    const nsg = rows.find((r) => r[col('address')] === 'azurerm_network_security_group.Lz_Nsg_3')!;
    expect(nsg[col('message')]).toBe('Rule "allow-rdp" allows 3389 from * <script>alert(1)</script> & more');
    expect(nsg[col('sourceFile')]).toBe('forces/essex.yaml');
    expect(nsg[col('sourceLine')]).toBe('24');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const tag = rows.find((r) => r[col('rule')] === 'BL-TAG-001')!;
    expect(tag[col('message')]).toBe(
      '\'=HYPERLINK("http://evil.example","click") missing tag cost-centre, "classification"\nsecond line',
    );
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('plain')).toBe('plain');
  });

  it('marks each finding blocking, below-threshold or waived, with the waiver details', () => {
    const status = rows.slice(1).map((r) => r[col('status')]);
    expect(status.filter((s) => s === 'blocking')).toHaveLength(4);
    expect(status.filter((s) => s === 'below-threshold')).toHaveLength(2);
    const waived = rows.find((r) => r[col('status')] === 'waived' && r[col('rule')] === 'BL-STG-001')!;
    expect(waived[col('waiverApprovedBy')]).toBe('J. Smith, Essex SIRO');
    expect(waived[col('waiverExpires')]).toBe('2026-02-01');
  });
});
