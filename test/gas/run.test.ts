/**
 * A plain run of the BUILT add-on (dist/Code.js) in the local Apps Script runtime, on the
 * generated sample sheet: what lands in the customer sheet and the CDM sheets, in flag and
 * merge mode, and that a second run changes nothing more. Run `npm run build` first.
 */
import { readsPlusWrites } from '../../runtime';
import { CUSTOMERS, FLAG, MERGE, sampleRuntime, newRuntime, type Runtime } from './helpers';

const ROWS = 300;

function start(rt: Runtime, options: object) {
  const ex = rt.run('startRun', [options]);
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as { done: boolean; summary: { rows: number; duplicatesMerged: number; cellsImputed: number; messages: string[]; links: Array<{ sheet: string; a1: string }> } };
}

const sheetNames = (rt: Runtime) => rt.spreadsheet.getSheets().map((s) => s.getName());

describe('plain run, flag mode', () => {
  let rt: Runtime;
  let before: unknown[][];
  let progress: ReturnType<typeof start>;
  beforeAll(() => {
    rt = sampleRuntime(ROWS);
    before = rt.sheetValues(CUSTOMERS);
    progress = start(rt, FLAG);
  });

  test('finishes in one execution with a summary', () => {
    expect(progress.done).toBe(true);
    expect(progress.summary.rows).toBe(ROWS);
  });

  test('keeps every row in order, user columns in place, CDM columns appended once', () => {
    const after = rt.sheetValues(CUSTOMERS);
    expect(after.length).toBe(before.length);
    const header = after[0] as string[];
    expect(header.slice(0, before[0].length)).toEqual(before[0]);
    const cdm = header.slice(before[0].length);
    expect(cdm.length).toBeGreaterThan(0);
    expect(cdm.every((h) => h.startsWith('CDM '))).toBe(true);
    expect(new Set(cdm).size).toBe(cdm.length);
    // Rows stay in place: the name column is only tidied, so each row still starts with the same person.
    const name = (v: unknown) => String(v).toLowerCase().replace(/[^a-z\u4e00-\u9fff]/g, '');
    let same = 0;
    for (let r = 1; r < after.length; r++) if (name(after[r][0]) === name(before[r][0])) same++;
    expect(same / (after.length - 1)).toBeGreaterThan(0.95);
  });

  test('imputed cells carry a note and a light background; the audit has a line per changed row listing each change', () => {
    const snap = rt.snapshot(CUSTOMERS);
    let marked = 0;
    snap.notes.forEach((row, r) =>
      row.forEach((note, c) => {
        if (note.startsWith('Filled by CDM: ')) {
          marked++;
          expect(snap.backgrounds[r][c]).toBe('#fff2cc');
        }
      }),
    );
    expect(marked).toBe(progress.summary.cellsImputed);
    expect(marked).toBeGreaterThan(0);
    // Compact audit: one line per changed customer row, every change of the row in
    // its last cell ("Phone: (415) 555-0132 → +14155550132 (reason)"), 5 cells a row instead of 8 a change.
    const audit = rt.sheetValues('CDM Audit');
    expect(audit[0]).toEqual(['Run', 'Time', 'Sheet', 'Row', 'Changes']);
    // The run's first line sums it up; then one line per changed row.
    expect(audit[1][3]).toBe('');
    expect(String(audit[1][4])).toMatch(/^Run: \d+ rows changed/);
    const rows = audit.slice(2);
    const changes = rows.flatMap((r) => String(r[4]).split('\n'));
    expect(changes.length).toBeGreaterThanOrEqual(marked + (progress.summary as unknown as { valuesNormalised: number }).valuesNormalised);
    expect(changes.every((c) => / → .* \(.+\)$/.test(c))).toBe(true);
    expect(new Set(rows.map((r) => r[3])).size).toBe(rows.length);
    // CDM's own result columns are not logged cell by cell.
    expect(changes.some((c) => c.startsWith('CDM Segment:') || c.startsWith('CDM Cluster:'))).toBe(false);
    expect(rows.every((r) => r[2] === CUSTOMERS && typeof r[3] === 'number' && r[4] !== '')).toBe(true);
  });

  test('writes the analysis sheet with four charts, a review sheet, and hidden, protected undo data (no copy of the sheet)', () => {
    const analysis = rt.sheet('CDM Analysis');
    // Segments, revenue by segment, still buying by signup cohort, spend histogram.
    expect(analysis.getCharts().length).toBe(4);
    const text = rt.sheetValues('CDM Analysis').map((r) => String(r[0]));
    // The summary comes first and the raw tables after (the old sheet opened on raw numbers).
    const sections = ['Summary', 'Key figures', 'RFM and churn risk: two different questions', 'Segments (k-means)', 'Where the money comes from', 'Numbers'];
    for (const section of sections) expect(text).toContain(section);
    expect(sections.map((s) => text.indexOf(s))).toEqual(sections.map((s) => text.indexOf(s)).slice().sort((a, b) => a - b));
    expect(sheetNames(rt)).toContain('CDM Review');
    // Undo keeps the changed cells' old values (packed text), not a copy of the customer sheet.
    expect(rt.spreadsheet.getSheets().filter((s) => s.getName().startsWith('CDM Backup ')).length).toBe(0);
    const undoData = rt.sheet('CDM Undo');
    expect(undoData.isSheetHidden()).toBe(true);
    expect(undoData.getMaxColumns() * undoData.getMaxRows()).toBeLessThanOrEqual(4 * 1000);
    expect(undoData.getProtections('SHEET').length).toBe(1);
    expect(rt.spreadsheet.getActiveSheet().getName()).toBe(CUSTOMERS);
  });

  test('a second run is idempotent: user columns, notes and backgrounds unchanged, no columns added', () => {
    const first = rt.snapshot(CUSTOMERS);
    const ex = rt.run('startRun', [FLAG]);
    const second = ex.result as { done: boolean };
    expect(second.done).toBe(true);
    // A plain run on a sheet CDM has seen before: at most 18 Spreadsheet reads + writes (+1: the analysis sheet's number formats), whatever
    // the number of rows (was 12: the final write now re-reads the sheet before writing and reads
    // back what it wrote, and saves its undo data).
    expect(readsPlusWrites(ex.calls)).toBeLessThanOrEqual(18);
    const again = rt.snapshot(CUSTOMERS);
    // CDM's own columns are recomputed by the engines (their values are theirs to keep stable);
    // what the write-back owns is: same header, same user cells, nothing added twice.
    const width = before[0].length;
    expect(again.values[0]).toEqual(first.values[0]);
    expect(again.values.map((r) => r.slice(0, width))).toEqual(first.values.map((r) => r.slice(0, width)));
    expect(again.values[0].length).toBe(first.values[0].length);
    expect(again.notes).toEqual(first.notes);
    expect(again.backgrounds).toEqual(first.backgrounds);
    expect(again.formulas).toEqual(first.formulas);
    // No copy of the customer sheet; the review and analysis sheets the second run replaced are kept, hidden, for its undo.
    expect(rt.spreadsheet.getSheets().filter((s) => /^CDM Backup \S+$/.test(s.getName())).length).toBe(0);
    const backups = rt.spreadsheet.getSheets().filter((s) => s.getName().startsWith('CDM Backup '));
    expect(backups.map((s) => s.getName().replace(/^CDM Backup \S+ /, '')).sort()).toEqual(['Analysis', 'Review']);
    expect(backups.every((s) => s.isSheetHidden())).toBe(true);
  });
});

describe('plain run, merge mode', () => {
  test('survivors stay, removed rows go to CDM Removed with the row they merged into', () => {
    const rt = sampleRuntime(ROWS);
    const before = rt.sheetValues(CUSTOMERS);
    const progress = start(rt, MERGE);
    expect(progress.done).toBe(true);
    const after = rt.sheetValues(CUSTOMERS);
    const removed = rt.sheetValues('CDM Removed');
    const merged = progress.summary.duplicatesMerged;
    expect(merged).toBeGreaterThan(0);
    expect(after.length - 1).toBe(ROWS - merged);
    expect(removed.length - 1).toBe(merged);
    expect(removed[0].slice(0, 4)).toEqual(['Run', 'Removed at', 'Merged into row', 'Was row']);
    // Each removed row is the original row, exactly as it was read.
    for (const r of removed.slice(1)) {
      const was = Number(r[3]);
      expect(r.slice(4, 4 + before[0].length)).toEqual(before[was - 1]);
      const into = Number(r[2]);
      expect(into).toBeGreaterThanOrEqual(2);
      expect(into).toBeLessThanOrEqual(after.length);
    }
  });
});

describe('text and formulas', () => {
  const header = ['Name', 'Email', 'Phone', 'Total Spend', 'Double', 'Notes'];
  const rows = [
    ['Ann Lee', 'ann@example.com', '(415) 555-0132', 120, '', '=SUM(A1)'],
    ['Bob Stone', 'bob@example.com', '+1 415 555 0199', 80, '', '+1 call back'],
    ['Cy Young', 'cy@example.com', '415.555.0101', 40, '', '-discount'],
    ['Di Ross', 'di@example.com', '', 60, '', '@vip'],
    ['Ed Wu', 'ed@example.com', '415 555 0123', 30, '', "'quoted"],
    ['Flo Tan', 'flo@example.com', '415 555 0145', 90, '', '00123'],
  ];

  test('cleaned dates land on the same calendar day in the spreadsheet’s time zone, as dates', () => {
    const rt = newRuntime({ timeZone: 'America/New_York' });
    rt.fillSheet(CUSTOMERS, [['Name', 'Email', 'Signup Date'], ['Ann Lee', 'ann@example.com', '26/02/2024'], ['Bob Stone', 'bob@example.com', '2024-03-05'], ['Cy Young', 'cy@example.com', '31/12/2023']], { raw: true });
    start(rt, { ...FLAG, steps: ['clean'] });
    const shown = rt.displayValues(CUSTOMERS).slice(1).map((r) => r[2]);
    expect(shown).toEqual(['2024-02-26', '2024-03-05', '2023-12-31']);
    expect(rt.sheetValues(CUSTOMERS)[1][2]).toBeInstanceOf(Date);
  });

  test('formula-looking text from outside stays text; formulas in data cells are left alone and counted', () => {
    const rt = newRuntime();
    // raw: the cells hold exactly these strings as text, as a form or an import as text would leave them.
    rt.fillSheet(CUSTOMERS, [header, ...rows], { raw: true });
    for (let r = 2; r <= rows.length + 1; r++) rt.sheet(CUSTOMERS).getRange(r, 5).setFormula(`=D${r}*2`);
    const before = rt.snapshot(CUSTOMERS);
    const progress = start(rt, { ...FLAG, steps: ['clean', 'dedupe'] });
    const after = rt.snapshot(CUSTOMERS);
    for (let r = 1; r <= rows.length; r++) {
      expect(after.formulas[r][5]).toBe('');
      expect(after.values[r][5]).toBe(rows[r - 1][5]);
      expect(after.formulas[r][4]).toBe(before.formulas[r][4]);
    }
    expect(progress.summary.messages.join(' ')).toMatch(/6 cells with formulas were left as they are/);
    // The formula cells' values never reach the audit.
    expect(rt.sheetValues('CDM Audit').slice(1).some((r) => r[4] === 'Double')).toBe(false);
  });
});
