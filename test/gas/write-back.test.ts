/**
 * Marking imputed cells (note + light background) in a flag run: done through RangeLists,
 * touching only the imputed cells, so the user's own notes and colours elsewhere stay. The notes
 * and backgrounds of the block written are read ONCE (a batched read, whatever the rows), so
 * Undo can give the imputed cells back the note and colour they had.
 */
import { a1Runs, imputedNote, IMPUTED_BACKGROUND, IMPUTED_NOTE_PREFIX } from '../../src/gas/write-back';
import type { Change } from '../../src/core/table';
import { CUSTOMERS, FLAG, sampleRuntime } from './helpers';

describe('a1Runs', () => {
  test('joins consecutive rows of a column and keeps columns apart', () => {
    const cells = [
      { r: 5, c: 3 }, { r: 2, c: 3 }, { r: 3, c: 3 }, { r: 4, c: 3 }, { r: 9, c: 3 },
      { r: 2, c: 28 }, { r: 3, c: 1 },
    ];
    expect(a1Runs(cells)).toEqual(['A3', 'C2:C5', 'C9', 'AB2']);
  });
  test('nothing to mark gives no range', () => {
    expect(a1Runs([])).toEqual([]);
  });
});

describe('imputedNote', () => {
  const change = (column: string, reason: string): Change => ({ row: 0, column, old: '', new: 1, kind: 'impute', reason });
  test('names each column with the report’s method and held-out error, one text for all', () => {
    const report = {
      columns: [
        { column: 'Age', method: 'regression' as const, filled: 3, reason: 'estimated from Income: off by 9.8 on average, against 11.3 for the median' },
        { column: 'City', method: 'skipped' as const, filled: 0, reason: 'no value is common enough' },
      ],
    };
    const note = imputedNote(['Age', 'Income'], [change('Income', 'empty; filled with the typical (median) value 5')], report);
    expect(note.startsWith(IMPUTED_NOTE_PREFIX)).toBe(true);
    expect(note).toContain('Age: estimated from Income: off by 9.8 on average, against 11.3 for the median');
    // No report line for Income: the cells' own reasons stand in.
    expect(note).toContain('Income: empty; filled with the typical (median) value 5');
    expect(note).not.toContain('City');
  });
});

describe('flag run on a decorated sheet', () => {
  test('imputed cells are marked with one setNote and one setBackground; the user’s notes and colours stay; read once for undo', () => {
    const rt = sampleRuntime(300, 11);
    const sheet = rt.sheet(CUSTOMERS);
    const before = rt.snapshot(CUSTOMERS);
    // A note and a colour on every name cell (names are never imputed) and a colour on the
    // header: in the same rows and columns span as the imputed cells, so a block write shows.
    const rows = before.values.length;
    for (let r = 2; r <= rows; r++) sheet.getRange(r, 1).setNote(`user ${r}`).setBackground('#d9ead3');
    sheet.getRange(1, 1, 1, before.values[0].length).setBackground('#cfe2f3');
    const ex = rt.run('startRun', [FLAG]);
    expect(ex.error).toBeUndefined();
    expect(ex.calls['Range.getNotes'] ?? 0).toBe(1);
    expect(ex.calls['Range.getBackgrounds'] ?? 0).toBe(1);
    expect(ex.calls['RangeList.setNote']).toBe(1);
    expect(ex.calls['RangeList.setBackground']).toBe(1);

    const after = rt.snapshot(CUSTOMERS);
    for (let r = 2; r <= rows; r++) {
      expect(after.notes[r - 1][0]).toBe(`user ${r}`);
      expect(after.backgrounds[r - 1][0]).toBe('#d9ead3');
    }
    expect(after.backgrounds[0].slice(0, before.values[0].length).every((b) => b === '#cfe2f3')).toBe(true);
    // Every marked cell got a new value (it was empty or a placeholder); every mark has both parts.
    let marked = 0;
    after.notes.forEach((row, r) =>
      row.forEach((n, c) => {
        if (!n.startsWith(IMPUTED_NOTE_PREFIX)) return;
        marked++;
        expect(after.backgrounds[r][c]).toBe(IMPUTED_BACKGROUND);
        expect(after.values[r][c]).not.toBe('');
        expect(after.values[r][c]).not.toEqual(before.values[r][c]);
      }),
    );
    expect(marked).toBe((ex.result as { summary: { cellsImputed: number } }).summary.cellsImputed);
    expect(marked).toBeGreaterThan(0);
    // One text in every marked cell.
    expect(new Set(after.notes.flat().filter((n) => n.startsWith(IMPUTED_NOTE_PREFIX))).size).toBe(1);
  });
});
