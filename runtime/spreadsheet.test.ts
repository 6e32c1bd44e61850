// Semantics of the in-memory Spreadsheet service, driven from small scripts inside the vm.
// Expected messages and behaviours are Apps Script's (developers.google.com/apps-script
// reference for SpreadsheetApp and the texts Apps Script prints); see README.md.
import { createRuntime, parseA1, readsPlusWrites, spreadsheetReads, spreadsheetWrites, toA1 } from './index';

const SCRIPT = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet(); }
function write(a1, values) { sheet().getRange(a1).setValues(values); return sheet().getRange(a1).getValues(); }
function writeRC(r, c, nr, nc, values) { sheet().getRange(r, c, nr, nc).setValues(values); }
function read(a1) { return SpreadsheetApp.getActiveSpreadsheet().getRange(a1).getValues(); }
function display(a1) { return SpreadsheetApp.getActiveSpreadsheet().getRange(a1).getDisplayValues(); }
function types(a1) { return read(a1).map(function (r) { return r.map(function (v) { return v instanceof Date ? 'Date' : typeof v; }); }); }
function a1Of(r, c, nr, nc) { return sheet().getRange(r, c, nr, nc).getA1Notation(); }
function getRange() { return sheet().getRange.apply(sheet(), arguments).getA1Notation(); }
function staleRange(what) { var s = sheet(); var r = s.getRange(1, 1, 1000, 26); var l = s.getRangeList(['Z1000']); s.deleteRows(500, 10); if (what === 'read') return r.getValues().length; if (what === 'list') { l.setValue(1); return 'written'; } r.setValues([]); }
function grownRange() { var s = sheet(); var r = s.getRange(1, 1, 2, 2); s.deleteRows(3, 100); return r.getValues().length; }
function rangeInfo(a1) { var r = SpreadsheetApp.getActive().getRange(a1); return [r.getSheet().getName(), r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]; }
function textWrite(a1, values) { var r = sheet().getRange(a1); r.setNumberFormat('@'); r.setValues(values); return [r.getValues(), r.getFormulas()]; }
function formulas(a1) { return sheet().getRange(a1).getFormulas(); }
function dataRange() { var r = sheet().getDataRange(); return [r.getA1Notation(), sheet().getLastRow(), sheet().getLastColumn()]; }
function batched(n) { var s = sheet(); var v = s.getRange(1, 1, n, 3).getValues(); s.getRange(1, 4, n, 1).setValues(v.map(function (r) { return [r[0] + 1]; })); }
function perCell(n) { var s = sheet(); for (var i = 1; i <= n; i++) s.getRange(i, 4).setValue(s.getRange(i, 1).getValue()); }
function structure() {
  var ss = SpreadsheetApp.getActive(); var s = ss.getSheetByName('Data');
  s.getRange('B2').setNote('keep me').setBackground('#fce8b2');
  s.insertRowsBefore(2, 2); s.insertColumnsAfter(1, 1);
  var moved = [s.getRange('C4').getValue(), s.getRange('C4').getNote(), s.getRange('C4').getBackground(), s.getMaxRows(), s.getMaxColumns()];
  s.deleteRows(2, 2); s.deleteColumns(2, 1);
  return moved.concat([s.getRange('B2').getValue(), s.getRange('B2').getNote()]);
}
function sheets() {
  var ss = SpreadsheetApp.getActive();
  var b = ss.insertSheet('Backup', 0); var active = ss.getActiveSheet().getName();
  var copy = ss.getSheetByName('Data').copyTo(ss); copy.hideSheet();
  var dup; try { ss.insertSheet('Data'); } catch (e) { dup = String(e); }
  var names = ss.getSheets().map(function (s) { return s.getName() + (s.isSheetHidden() ? '(hidden)' : '') + s.getIndex(); });
  ss.deleteSheet(b);
  return [active, copy.getName(), copy.getRange('A1').getValue(), names, dup, ss.getSheets().length];
}
function moveFirst(name) { var ss = SpreadsheetApp.getActive(); ss.setActiveSheet(ss.getSheetByName(name)); ss.moveActiveSheet(1); return ss.getSheets().map(function (s) { return s.getName(); }); }
function merges() { var s = sheet(); s.getRange('A1:B2').merge(); return [s.getRange('B2').isPartOfMerge(), s.getRange('A1:C3').getMergedRanges().map(function (r) { return r.getA1Notation(); }), s.getRange('A1:B2').getValues()]; }
function charts() {
  var s = sheet();
  var chart = s.newChart().setChartType(Charts.ChartType.SCATTER).addRange(s.getRange('A1:B3')).setPosition(2, 5, 0, 0).setOption('title', 'Spend').build();
  s.insertChart(chart);
  var got = s.getCharts();
  var out = [got.length, got[0].getRanges()[0].getA1Notation(), got[0].getOptions().get('title')];
  s.removeChart(got[0]);
  return out.concat([s.getCharts().length]);
}
function protectedWrite() { sheet().getRange('A1').setValue('x'); }
function filterInfo() { var f = sheet().getFilter(); return f ? f.getRange().getA1Notation() : null; }
function grow() { var s = sheet(); s.insertRowsAfter(s.getMaxRows(), 5000); }
function appendAndLast() { var s = sheet(); s.appendRow(['x', 2, '+44 20 7946 0958']); return [s.getLastRow(), s.getRange(s.getLastRow(), 1, 1, 3).getValues()]; }
`;

function runtime() {
  const rt = createRuntime({ code: SCRIPT });
  rt.fillSheet('Data', [
    ['Name', 'Spend', 'Joined'],
    ['Ann', 10, '2024-01-05'],
    ['Bob', 20, '2024-02-05'],
  ]);
  return rt;
}

function ok<T = unknown>(ex: { result?: unknown; error?: { text: string } }): T {
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as T;
}

describe('Range values', () => {
  test('getValues returns numbers, booleans, Dates (vm realm) and "" for empty cells', () => {
    const rt = runtime();
    ok(rt.run('write', ['A5:E5', [[1.5, true, new Date(Date.UTC(2024, 0, 5)), 'text', null]]]));
    expect(ok(rt.run('types', ['A5:F5']))).toEqual([['number', 'boolean', 'Date', 'string', 'string', 'string']]);
    const row = ok<unknown[][]>(rt.run('read', ['A5:F5']))[0];
    expect(row[2]).toEqual(new Date(Date.UTC(2024, 0, 5)));
    expect(row.slice(3)).toEqual(['text', '', '']);
  });

  test('strings are parsed like typed input unless the format is plain text', () => {
    const rt = runtime();
    const got = ok<unknown[][]>(rt.run('write', ['A6:H6', [['+15551234567', '00123', '1,234.5', 'TRUE', "'0042", '12%', '$1,200.50', '2024-03-01']]]));
    expect(got[0].slice(0, 7)).toEqual([15551234567, 123, 1234.5, true, '0042', 0.12, 1200.5]);
    expect(got[0][7]).toEqual(new Date(Date.UTC(2024, 2, 1)));
    const [values, formulas] = ok<[unknown[][], string[][]]>(rt.run('textWrite', ['A7:C7', [['+15551234567', '=SUM(1)', '00123']]]));
    expect(values).toEqual([['+15551234567', '=SUM(1)', '00123']]);
    expect(formulas).toEqual([['', '', '']]);
  });

  test('a string starting with = becomes a formula; getValues gives the placeholder ""', () => {
    const rt = runtime();
    expect(ok(rt.run('write', ['A8:B8', [['=1+1', 'x']]]))).toEqual([['', 'x']]);
    expect(ok(rt.run('formulas', ['A8:B8']))).toEqual([['=1+1', '']]);
  });

  test('day-first locales parse dates and decimal commas their way', () => {
    const rt = createRuntime({ code: SCRIPT, locale: 'de_DE', timeZone: 'Europe/Berlin' });
    const got = ok<unknown[][]>(rt.run('write', ['A1:B1', [['05.03.2024', '1.234,5']]]));
    expect(got[0][0]).toEqual(new Date(Date.UTC(2024, 2, 4, 23))); // midnight in Berlin (UTC+1)
    expect(got[0][1]).toBe(1234.5);
  });

  test('display values follow the number format and the spreadsheet time zone', () => {
    const rt = runtime();
    expect(ok(rt.run('display', ['A2:C2']))).toEqual([['Ann', '10', '2024-01-05']]);
  });

  test('wrong shapes throw Apps Script exceptions', () => {
    const rt = runtime();
    expect(rt.run('write', ['A1:B2', [[1, 2]]]).error?.text).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(rt.run('write', ['A1:B2', [[1, 2], [3]]]).error?.text).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test('a cell holds at most 50,000 characters', () => {
    const rt = runtime();
    expect(rt.run('write', ['A1', [['x'.repeat(50000)]]]).error).toBeUndefined();
    expect(rt.run('write', ['A1', [['x'.repeat(50001)]]]).error?.text).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('indices and A1 notation', () => {
  test('rows and columns are 1-based', () => {
    const rt = runtime();
    expect(ok(rt.run('a1Of', [1, 1, 1, 1]))).toBe('A1');
    expect(ok(rt.run('a1Of', [2, 3, 2, 24]))).toBe('C2:Z3');
    expect(toA1(1, 28, 1, 1)).toBe('AB1');
    expect(toA1(5, 703, 2, 1)).toBe('AAA5:AAA6');
    expect(parseA1('ZZ10')).toMatchObject({ row: 10, col: 702 });
    ok(rt.run('writeRC', [1, 1, 1, 2, [['first', 'second']]]));
    expect(rt.sheet('Data').getRange('A1:B1').getValues()).toEqual([['first', 'second']]);
  });

  test('out-of-range and malformed getRange calls throw like Apps Script', () => {
    const rt = runtime();
    expect(rt.run('getRange', [0, 1]).error?.text).toBe('Exception: The starting row of the range is too small.');
    expect(rt.run('getRange', [1, 0]).error?.text).toBe('Exception: The starting column of the range is too small.');
    expect(rt.run('getRange', [1, 1, 0, 1]).error?.text).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(rt.run('getRange', [1, 1, 1, 0]).error?.text).toBe('Exception: The number of columns in the range must be at least 1.');
    expect(rt.run('getRange', [1001, 1]).error?.text).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(rt.run('getRange', [1, 27]).error?.text).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    // Checked again when a range is used: one made before deleteRows now reaches past the grid.
    expect(rt.run('staleRange', ['read']).error?.text).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(rt.run('staleRange', ['list']).error?.text).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(rt.run('grownRange').result).toBe(2);
    expect(rt.run('getRange', ['1', 1]).error?.text).toBe('Exception: Range not found');
    expect(rt.run('getRange', [null, 1]).error?.text).toBe(
      "Exception: The parameters (null,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  test("A1 with sheet names, quotes, absolute refs and open ranges", () => {
    const rt = runtime();
    rt.fillSheet('Sheet 1', [['a']], { activate: false });
    rt.fillSheet("Bob's", [['b']], { activate: false });
    expect(ok(rt.run('rangeInfo', ["'Sheet 1'!A1:C3"]))).toEqual(['Sheet 1', 1, 1, 3, 3]);
    expect(ok(rt.run('rangeInfo', ["'Bob''s'!$B$2"]))).toEqual(["Bob's", 2, 2, 1, 1]);
    expect(ok(rt.run('rangeInfo', ['Data!B:C']))).toEqual(['Data', 1, 2, 1000, 2]);
    expect(ok(rt.run('rangeInfo', ['2:3']))).toEqual(['Data', 2, 1, 2, 26]);
    expect(ok(rt.run('rangeInfo', ['A2:C']))).toEqual(['Data', 2, 1, 999, 3]);
    expect(rt.run('rangeInfo', ['Nope!A1']).error?.text).toBe('Exception: Range not found');
  });

  test('getDataRange / getLastRow / appendRow', () => {
    const rt = runtime();
    expect(ok(rt.run('dataRange'))).toEqual(['A1:C3', 3, 3]);
    const [last, row] = ok<[number, unknown[][]]>(rt.run('appendAndLast'));
    expect(last).toBe(4);
    expect(row).toEqual([['x', 2, '+44 20 7946 0958']]);
  });
});

describe('structure', () => {
  test('inserting and deleting rows/columns moves values, notes and formats', () => {
    const rt = runtime();
    expect(ok(rt.run('structure'))).toEqual([10, 'keep me', '#fce8b2', 1002, 27, 10, 'keep me']);
  });

  test('sheets can be inserted, copied, hidden and deleted', () => {
    const rt = runtime();
    const [active, copyName, copied, names, dup, count] = ok<unknown[]>(rt.run('sheets'));
    expect(active).toBe('Backup');
    expect(copyName).toBe('Copy of Data');
    expect(copied).toBe('Name');
    expect(names).toEqual(['Backup1', 'Sheet12', 'Data3', 'Copy of Data(hidden)4']);
    expect(dup).toBe('Exception: A sheet with the name "Data" already exists. Please enter another name.');
    expect(count).toBe(3);
  });

  test('moveActiveSheet moves the active sheet to a 1-based position', () => {
    const rt = runtime();
    expect(ok(rt.run('moveFirst', ['Data']))).toEqual(['Data', 'Sheet1']);
  });

  test('merged ranges keep the top-left value', () => {
    const rt = runtime();
    expect(ok(rt.run('merges'))).toEqual([true, ['A1:B2'], [['Name', ''], ['', '']]]);
  });

  test('embedded charts are built, inserted, read and removed', () => {
    const rt = runtime();
    expect(ok(rt.run('charts'))).toEqual([1, 'A1:B3', 'Spend', 0]);
  });

  test('protected ranges refuse edits by users who are not editors', () => {
    const rt = runtime();
    rt.sheet('Data')._protect('A1:C1', { editors: ['helper@example.com'] });
    expect(rt.run('protectedWrite', [], { user: 'stranger@example.com' }).error?.message).toMatch(/protected cell/);
    expect(rt.run('protectedWrite', [], { user: 'helper@example.com' }).error).toBeUndefined();
    expect(rt.run('protectedWrite').error).toBeUndefined(); // the owner
  });

  test('getFilter is null until a test puts a filter on the sheet', () => {
    const rt = runtime();
    expect(ok(rt.run('filterInfo'))).toBeNull();
    rt.sheet('Data')._setFilter('A1:C3');
    expect(ok(rt.run('filterInfo'))).toBe('A1:C3');
  });

  test('a spreadsheet cannot grow past 10 million cells', () => {
    const rt = runtime();
    // Sheet1 + Data = 2 * 26,000 cells; 380 inserts of 5000 rows x 26 columns exceed the limit.
    let error: string | undefined;
    for (let i = 0; i < 100 && !error; i++) error = rt.run('grow').error?.text;
    expect(error).toBe('Exception: This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    expect(rt.spreadsheet._totalCells()).toBeLessThanOrEqual(10_000_000);
  });
});

describe('call counting', () => {
  test('batched reads and writes do not grow with the number of rows; per-cell loops do', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [i, 'x', 'y']);
    const rt = createRuntime({ code: SCRIPT });
    rt.fillSheet('Data', rows(100));
    const small = rt.run('batched', [10]);
    const big = rt.run('batched', [100]);
    expect(readsPlusWrites(small.calls)).toBe(2);
    expect(readsPlusWrites(big.calls)).toBe(2);
    const loop = rt.run('perCell', [50]);
    expect(spreadsheetReads(loop.calls)).toBe(50);
    expect(spreadsheetWrites(loop.calls)).toBe(50);
    expect(loop.calls['Range.setValue']).toBe(50);
    expect(rt.sheet('Data').getRange('D50').getValue()).toBe(49);
  });
});
