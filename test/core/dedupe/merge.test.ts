import { dedupeTable } from '../../../src/core/dedupe';
import { ROLES, d, sheet } from './fixture';

describe('merge mode', () => {
  // Three rows of one customer: the first is the most complete; the third is the most recent
  // and has another e-mail; the second has a typo in the name.
  const planted = [
    ['Katherine Moreau', 'kate.moreau@example.org', '+15550107001', '9 Orchard Street', 'Springfield', '62701', d(2024, 1, 10), 300],
    ['Katherine Moreu', 'kate.moreau@example.org', '+15550107001', '9 Orchard St', '', '62701', d(2024, 6, 1), ''],
    ['Kate Moreau', 'katem@work.example.com', '+15550107001', '9 Orchard Street', 'Springfield', '62701', d(2025, 2, 3), 50],
    ['Somebody Else', 'else@example.org', '+15550107999', '1 Other Road', 'Riverton', '82501', d(2024, 1, 1), 1],
  ];
  const table = sheet(planted);
  const result = dedupeTable(table, ROLES, { mode: 'merge' });
  const out = result.table;
  const report = result.report;
  const at = (name: string) => out.header.indexOf(name);

  it('keeps one survivor and returns the removed rows with what they merged into', () => {
    expect(out.rows).toHaveLength(table.rows.length - 2);
    expect(report.removed).toHaveLength(2);
    for (const r of report.removed!) {
      expect(r.mergedInto).toBe(0);
      expect(r.values).toEqual(table.rows[r.row].concat(r.values.slice(table.rows[r.row].length)));
    }
    expect(report.removed!.map((r) => r.row).sort()).toEqual([1, 2]);
    // Other rows are untouched, in order.
    expect(out.rows[1].slice(0, table.header.length)).toEqual(table.rows[3]);
  });

  it('applies per-field survivorship', () => {
    const s = out.rows[0];
    expect(s[at('Email')]).toBe('kate.moreau@example.org; katem@work.example.com'); // distinct kept
    expect(s[at('Phone')]).toBe('+15550107001');
    expect(s[at('Name')]).toBe('Katherine Moreau'); // most frequent spelling (folded), survivor's form
    expect(s[at('Street')]).toBe('9 Orchard Street'); // most frequent
    expect(s[at('Last Purchase')]).toEqual(d(2025, 2, 3)); // most recent
    expect(s[at('Total Spend')]).toBe(300); // survivor's own value
  });

  it('records provenance of every survivor value and logs changed cells as merge changes', () => {
    const prov = report.provenance!;
    const email = prov.find((p) => p.column === 'Email')!;
    expect(email.rule).toMatch(/distinct values kept from rows 2, 4/);
    const last = prov.find((p) => p.column === 'Last Purchase')!;
    expect(last).toMatchObject({ survivorRow: 0, fromRow: 2, rule: 'most recent date' });
    expect(prov.filter((p) => p.survivorRow === 0)).toHaveLength(table.header.length);
    const merges = result.changes.filter((c) => c.kind === 'merge');
    expect(merges.map((c) => c.column).sort()).toEqual(['Email', 'Last Purchase']);
    expect(merges.every((c) => c.row === 0)).toBe(true);
    expect(result.changes.some((c) => c.kind === 'dedupe' && c.column === 'CDM Duplicate Group')).toBe(true);
  });

  it('fills a blank survivor cell from the most recent row that has it', () => {
    const t = sheet([
      ['Lena Horvat', 'lena.h@example.org', '+15550108001', '3 Elm Street', 'Riverton', '82501', d(2024, 1, 1), ''],
      ['Lena Horvat', 'lena.h@example.org', '+15550108001', '', 'Riverton', '82501', d(2024, 9, 1), 75],
    ]);
    const r = dedupeTable(t, ROLES, { mode: 'merge' });
    expect(r.report.removed).toHaveLength(1);
    expect(r.report.removed![0]).toMatchObject({ row: 1, mergedInto: 0 });
    expect(r.table.rows[0][t.header.indexOf('Total Spend')]).toBe(75);
    expect(r.report.provenance!.find((p) => p.column === 'Total Spend')).toMatchObject({ survivorRow: 0, fromRow: 1, rule: 'filled from the most recent row' });
  });
});
