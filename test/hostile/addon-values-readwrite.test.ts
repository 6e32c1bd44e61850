/**
 * Hostile catalogue, add-on values: the BUILT dist/Code.js in the local Apps
 * Script runtime reads the customer sheet, runs, and writes back. Codes typed as text (a zip
 * protected with a leading apostrophe, 16+ digit account ids, text-formatted cells) must come
 * back exactly as they were — values, formulas, notes, backgrounds and number formats — and
 * number formats follow the spreadsheet's locale. Every user cell is compared before and
 * after (rt.snapshot; test/hostile/sheet-diff.ts from the undo engineer can replace the
 * comparison once it lands). Run `npm run build` first.
 */
import { newRuntime, CUSTOMERS, FLAG, type Runtime } from '../gas/helpers';

type Snapshot = ReturnType<Runtime['snapshot']>;
const LAYERS = ['values', 'formulas', 'notes', 'backgrounds', 'numberFormats'] as const;

/** Every layer of the user's columns (the first `width`), cell by cell, keyed "A1 layer". */
function userCells(snap: Snapshot, width: number): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const layer of LAYERS) {
    const grid = snap[layer] as unknown[][];
    grid.forEach((row, r) => row.slice(0, width).forEach((v, c) => {
      out.set(`${String.fromCharCode(65 + c)}${r + 1} ${layer}`, v instanceof Date ? `Date(${v.toISOString()})` : v);
    }));
  }
  return out;
}

/** Every cell that differs from `before` except the documented changes ("B3 values" -> new value). */
function diffs(before: Snapshot, after: Snapshot, width: number, documented: Record<string, unknown> = {}): string[] {
  const a = userCells(before, width);
  const b = userCells(after, width);
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const want = key in documented ? documented[key] : a.get(key) ?? '';
    const got = b.get(key) ?? '';
    if (!Object.is(want, got)) out.push(`${key}: expected ${JSON.stringify(want)}, has ${JSON.stringify(got)}`);
  }
  return out;
}

function runOnce(rt: Runtime, options: object = FLAG) {
  const ex = rt.run('startRun', [options]);
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as { done: boolean; summary: { valuesNormalised: number; cellsImputed: number } };
}

const flagsOf = (rt: Runtime): string[] => {
  const values = rt.sheetValues(CUSTOMERS);
  const at = (values[0] as string[]).indexOf('CDM Flags');
  return values.slice(1).map((r) => String(r[at] ?? ''));
};

describe('hostile: add-on read/write of values', () => {
  test('hostile: addon values: a protected zip \'02135 stays the text 02135 through a run', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Zip', 'Spend'],
      ['Ann Lee', 'ann@x.com', "'02135", 10],
      ['Bob Ray', 'bob@x.com', 94103, 20],
      ['Cy Young', 'cy@x.com', "'00501", 30],
      ['Di Moss', 'di@x.com', 10001, 40],
    ]);
    const before = rt.snapshot(CUSTOMERS);
    expect(before.values[1][2]).toBe('02135');
    expect(runOnce(rt).done).toBe(true);
    expect(diffs(before, rt.snapshot(CUSTOMERS), 4)).toEqual([]);
  });

  test('hostile: addon values: 16+ digit account ids typed as text stay distinct text', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Account', 'Spend'],
      ['Ann Lee', "'1234567890123456567", 10],
      ['Bob Ray', "'1234567890123456568", 20],
      ['Cy Young', "'9999999999999999", 30],
    ]);
    const before = rt.snapshot(CUSTOMERS);
    runOnce(rt);
    const after = rt.snapshot(CUSTOMERS);
    expect(diffs(before, after, 3)).toEqual([]);
    expect(after.values.slice(1).map((r) => r[1])).toEqual(['1234567890123456567', '1234567890123456568', '9999999999999999']);
  });

  test('hostile: addon values: codes with leading zeros in a column CDM does not recognise, and a blank guest CustomerID', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Ref', 'CustomerID', 'Quantity'],
      ['Ann Lee', "'0042", 15001, 1],
      ['Bob Ray', "'01000", '', 2],
      ['Cy Young', "'00123", 15003, 3],
      ['Di Moss', "'0007", '', 4],
      ['Ed Wu', "'0099", 15005, 5],
      ['Flo Yu', "'0100", 15006, 6],
    ]);
    const before = rt.snapshot(CUSTOMERS);
    const p = runOnce(rt);
    expect(diffs(before, rt.snapshot(CUSTOMERS), 4)).toEqual([]);
    expect(p.summary.cellsImputed).toBe(0);
  });

  test('hostile: addon values: text-formatted cells (plain text format) keep their digits and their format', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [['Name', 'Member No', 'Spend'], ['ann lee', '', 10], ['Bob Ray', '', 20], ['Cy Young', '', 30]]);
    const sheet = rt.sheet(CUSTOMERS);
    sheet.getRange('B2:B4').setNumberFormat('@');
    sheet.getRange('B2:B4').setValues([['00123'], ['1234567890123456789'], ['0']]);
    const before = rt.snapshot(CUSTOMERS);
    expect(before.values[2][1]).toBe('1234567890123456789');
    runOnce(rt);
    // The one documented change: "ann lee" is a name typed in one case.
    expect(diffs(before, rt.snapshot(CUSTOMERS), 3, { 'A2 values': 'Ann Lee' })).toEqual([]);
  });

  test('hostile: addon values: Undo puts text-formatted codes back without an apostrophe', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [['Name', 'Member No', 'Spend'], ['ann lee', '', 10], ['Bob Ray', '', 20]]);
    rt.sheet(CUSTOMERS).getRange('B2:B3').setNumberFormat('@');
    rt.sheet(CUSTOMERS).getRange('B2:B3').setValues([['00123'], ['=not a formula']]);
    const before = rt.snapshot(CUSTOMERS);
    runOnce(rt);
    const undo = rt.run('undoLastRun');
    if (undo.error) throw new Error(undo.error.text);
    expect(diffs(before, rt.snapshot(CUSTOMERS), 3)).toEqual([]);
  });

  test('hostile: addon values: "€50.000" typed as text in an English sheet is kept and flagged', () => {
    const rt = newRuntime({ locale: 'en_US' });
    rt.fillSheet(CUSTOMERS, [['Name', 'Total Spent'], ['Ann Lee', "'€50.000"], ['Bob Ray', 20], ['Cy Young', 30]]);
    const before = rt.snapshot(CUSTOMERS);
    runOnce(rt);
    expect(diffs(before, rt.snapshot(CUSTOMERS), 2)).toEqual([]);
    expect(flagsOf(rt)[0]).toMatch(/"€50\.000" reads differently with "\." or ","/);
  });

  test('hostile: addon values: in a German sheet the same text is 50000, and "1.234" beside it is 1234', () => {
    const rt = newRuntime({ locale: 'de_DE' });
    rt.fillSheet(CUSTOMERS, [['Name', 'Total Spent'], ['Ann Lee', "'€50.000"], ['Bob Ray', "'1.234"], ['Cy Young', 30]]);
    const before = rt.snapshot(CUSTOMERS);
    expect(before.values.slice(1).map((r) => r[1])).toEqual(['€50.000', '1.234', 30]);
    runOnce(rt);
    expect(diffs(before, rt.snapshot(CUSTOMERS), 2, { 'B2 values': 50000, 'B3 values': 1234 })).toEqual([]);
  });

  test('hostile: addon values: a second run changes nothing more', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [['Name', 'Zip', 'Gender', 'Tags'], ['ANN LEE', "'02135", 'X', ''], ['Bob Ray', 94103, '', 'vip'], ['Cy Young', "'00501", 'Female', 'vip']]);
    runOnce(rt);
    const once = rt.snapshot(CUSTOMERS);
    expect(once.values.slice(1).map((r) => r.slice(0, 4))).toEqual([['Ann Lee', '02135', 'X', ''], ['Bob Ray', 94103, '', 'vip'], ['Cy Young', '00501', 'Female', 'vip']]);
    runOnce(rt);
    expect(diffs(once, rt.snapshot(CUSTOMERS), 4)).toEqual([]);
  });
});
