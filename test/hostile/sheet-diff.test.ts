/**
 * The hostile tests' comparison helper must itself be able to fail: every layer and every
 * sheet-level aspect it promises to compare is changed here once, and each change must show
 * up — and disappear when (and only when) the allow-list documents it.
 */
import { createRuntime } from '../../runtime';
import { captureWorkbook, diffWorkbooks, expectNoDifferences, formatDifferences } from './sheet-diff';

function workbook() {
  const rt = createRuntime({});
  rt.fillSheet('Customers', [
    ['Name', 'Spend', 'Signup'],
    ['Ann', 10, '2024-01-02'],
    ['Bob', 20, '2024-02-03'],
  ]);
  return rt;
}

test('identical workbooks have no differences', () => {
  const rt = workbook();
  expect(diffWorkbooks(captureWorkbook(rt), captureWorkbook(rt))).toEqual([]);
});

test.each([
  ['value', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('B2').setValue(11), 'Customers!B2 value: 10 → 11'],
  ['formula', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('D2').setFormula('=B2*2'), 'Customers!D2 formula: (empty) → =B2*2'],
  ['note', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('A3').setNote('VIP'), 'Customers!A3 note: (empty) → "VIP"'],
  ['background', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('A2').setBackground('#ff0000'), 'Customers!A2 background: #ffffff → #ff0000'],
  ['number format', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('B3').setNumberFormat('0.00'), 'Customers!B3 numberFormat: 0.############### → 0.00'],
  ['font weight', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('A1').setFontWeight('bold'), 'Customers!A1 fontWeight: normal → bold'],
  ['font colour', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('A1').setFontColor('#0000ff'), 'Customers!A1 fontColor: #000000 → #0000ff'],
  ['grid size', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').insertRowsAfter(3, 2), 'Customers grid: 1000×26 → 1002×26'],
  ['hidden', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').hideSheet(), 'Customers hidden: false → true'],
  ['a new sheet', (rt: ReturnType<typeof workbook>) => rt.spreadsheet.insertSheet('CDM Audit'), 'CDM Audit sheet: absent → present'],
  ['a date moved by one day', (rt: ReturnType<typeof workbook>) => rt.sheet('Customers').getRange('C2').setValue('2024-01-03'), 'Customers!C2 value: Date(2024-01-02T00:00:00.000Z) → Date(2024-01-03T00:00:00.000Z)'],
])('a changed %s is reported in plain words', (_what, change, line) => {
  const rt = workbook();
  const before = captureWorkbook(rt);
  change(rt);
  const diffs = diffWorkbooks(before, captureWorkbook(rt));
  expect(diffs.map((d) => d.text)).toContain(line);
  expect(() => expectNoDifferences(before, captureWorkbook(rt))).toThrow(line);
});

test('the allow-list covers exactly the documented cells and layers', () => {
  const rt = workbook();
  const before = captureWorkbook(rt);
  const s = rt.sheet('Customers');
  s.getRange('B2:B3').setValues([[11], [21]]);
  s.getRange('A2').setNote('typed later');
  const after = captureWorkbook(rt);
  expect(diffWorkbooks(before, after, [{ sheet: 'Customers', a1: 'B2:B3', layers: ['value'], why: 'spend corrected' }]).map((d) => d.text)).toEqual([
    'Customers!A2 note: (empty) → "typed later"',
  ]);
  expect(diffWorkbooks(before, after, [{ sheet: 'Customers', a1: 'B2', why: 'one cell only' }]).map((d) => d.a1)).toEqual(['B3', 'A2']);
  expect(diffWorkbooks(before, after, [{ sheet: /^Cust/, why: 'whole sheet' }])).toEqual([]);
  expect(() => expectNoDifferences(before, after, [{ sheet: 'Customers', layers: ['note'], why: 'notes only' }])).toThrow(/2 unexpected differences/);
});

test('a long list is cut with a count of the rest', () => {
  const rt = workbook();
  const before = captureWorkbook(rt);
  rt.sheet('Customers').getRange('A1:C3').setBackground('#eeeeee');
  const diffs = diffWorkbooks(before, captureWorkbook(rt));
  expect(diffs.length).toBe(9);
  expect(formatDifferences(diffs, 4)).toMatch(/… and 5 more$/);
});
