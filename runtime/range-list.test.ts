// Sheet.getRangeList / RangeList in the local runtime. Expected behaviour is Apps Script's
// reference (developers.google.com/apps-script/reference/spreadsheet/range-list): a RangeList
// is ranges of one sheet, and setNote / setBackground / setValue / clear apply to each listed
// range in one call. Counting: one RangeList setter is one Spreadsheet write.
import { createRuntime, readsPlusWrites, spreadsheetReads, spreadsheetWrites } from './index';

const SCRIPT = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet(); }
function mark(a1s, note, color) { sheet().getRangeList(a1s).setNote(note).setBackground(color); }
function listed(a1s) { return sheet().getRangeList(a1s).getRanges().map(function (r) { return r.getA1Notation(); }); }
function fill(a1s, v) { sheet().getRangeList(a1s).setValue(v); }
function wipe(a1s) { sheet().getRangeList(a1s).clear(); }
function unnote(a1s) { sheet().getRangeList(a1s).clearNote(); }
function tryList(a1s) { try { sheet().getRangeList(a1s); return 'ok'; } catch (e) { return String(e); } }
`;

function runtime() {
  const rt = createRuntime({ code: SCRIPT, locale: 'en_US', timeZone: 'Etc/UTC' });
  rt.fillSheet('Data', [
    ['Name', 'Age', 'City'],
    ['Ann', 10, 'Oslo'],
    ['Bob', '', 'Rome'],
    ['Cy', '', ''],
    ['Di', 40, ''],
  ]);
  rt.sheet('Data').getRange('A2').setNote('user note');
  rt.sheet('Data').getRange('A2').setBackground('#00ff00');
  return rt;
}

function ok<T = unknown>(ex: { result?: unknown; error?: { text: string } }): T {
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as T;
}

describe('Sheet.getRangeList', () => {
  test('setNote and setBackground reach every listed cell and no other', () => {
    const rt = runtime();
    ok(rt.run('mark', [['B3:B4', 'C4:C5'], 'filled', '#FFF2CC']));
    const snap = rt.snapshot('Data');
    const marked: string[] = [];
    snap.notes.forEach((row, r) => row.forEach((n, c) => n === 'filled' && marked.push(`${r + 1},${c + 1}`)));
    expect(marked).toEqual(['3,2', '4,2', '4,3', '5,3']);
    // Colours come back lower-case, as Range.getBackgrounds gives them.
    expect(snap.backgrounds[2][1]).toBe('#fff2cc');
    expect(snap.backgrounds[4][2]).toBe('#fff2cc');
    expect(snap.backgrounds[1][1]).toBe('#ffffff');
    // Cells outside the list keep what the user had.
    expect(snap.notes[1][0]).toBe('user note');
    expect(snap.backgrounds[1][0]).toBe('#00ff00');
  });

  test('each setter counts as one write, whatever the number of ranges; getRangeList reads nothing', () => {
    const rt = runtime();
    const many = Array.from({ length: 200 }, (_, i) => `D${i + 1}`);
    const ex = rt.run('mark', [many, 'n', '#fff2cc']);
    expect(ex.error).toBeUndefined();
    expect(ex.calls['Sheet.getRangeList']).toBe(1);
    expect(spreadsheetWrites(ex.calls)).toBe(2);
    expect(spreadsheetReads(ex.calls)).toBe(0);
    expect(readsPlusWrites(ex.calls)).toBe(2);
  });

  test('getRanges gives the listed ranges in order; setValue, clearNote and clear apply to each', () => {
    const rt = runtime();
    expect(ok(rt.run('listed', [['C4', 'A1:B2', 'Data!E5']]))).toEqual(['C4', 'A1:B2', 'E5']);
    ok(rt.run('fill', [['B3', 'B4'], 7]));
    expect(rt.sheetValues('Data').map((r) => r[1])).toEqual(['Age', 10, 7, 7, 40]);
    ok(rt.run('mark', [['B3'], 'x', '#fff2cc']));
    ok(rt.run('unnote', [['B3']]));
    expect(rt.snapshot('Data').notes[2][1]).toBe('');
    ok(rt.run('wipe', [['B3']]));
    expect(rt.sheetValues('Data')[2][1]).toBe('');
    expect(rt.snapshot('Data').backgrounds[2][1]).toBe('#ffffff');
  });

  test('an A1 of another sheet, a malformed one or an empty list is refused', () => {
    const rt = runtime();
    rt.fillSheet('Other', [['x']], { activate: false });
    expect(ok(rt.run('tryList', [['Other!A1']]))).toBe('Exception: Range not found');
    expect(ok(rt.run('tryList', [['not a range!!']]))).toBe('Exception: Range not found');
    expect(ok(rt.run('tryList', [[]]))).toBe('Exception: Range not found');
    expect(ok(rt.run('tryList', [['A1', 'B2:C3']]))).toBe('ok');
  });
});
