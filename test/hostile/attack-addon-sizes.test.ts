/**
 * The smallest and oddest sheets a user can point CDM at, and a very wide one, through
 * dist/Code.js (`npm run build` first). A sheet CDM cannot work on is refused in words that name
 * it, with the workbook exactly as before; a sheet it can work on comes back exactly after Undo.
 */
import { CUSTOMERS, FLAG, MERGE, newRuntime, type Runtime } from '../gas/helpers';
import { call, runToEnd, type UndoResult } from './attack-addon-helpers';
import { captureWorkbook, diffWorkbooks, expectNoDifferences, formatDifferences } from './sheet-diff';

function sheetWith(rows: unknown[][] | null): Runtime {
  const rt = newRuntime();
  if (rows) rt.fillSheet(CUSTOMERS, rows as never);
  else rt.spreadsheet.insertSheet(CUSTOMERS);
  return rt;
}

const REFUSED: Array<[string, unknown[][] | null, RegExp]> = [
  ['an empty sheet', null, /“Customers” is empty/],
  ['a header and nothing under it', [['Name', 'Email']], /no customers below it/],
  ['one cell', [['ann lee']], /no customers below it/],
  ['a header over blank rows', [['Name', 'Email'], ['', ''], ['', '']], /no customers below it/],
  ['a column without a name', [['Name', '', 'Email'], ['ann lee', 'x', 'ANN@X.COM'], ['bo', 'y', 'bo@x.com']], /Column B has no name/],
  ['two columns with one name', [['Name', 'Email', 'Email'], ['ann lee', 'ANN@X.COM', 'a2@x.com'], ['bo', 'bo@x.com', 'b2@x.com']], /both called “Email” \(columns B and C\)/],
];

const RUNS: Array<[string, unknown[][]]> = [
  ['one customer', [['Name', 'Email'], ['ann lee', 'ANN@X.COM']]],
  ['one column', [['Email'], ['ANN@X.COM'], ['bo@x.com'], ['cy@x.com']]],
  ['two identical customers', [['Name', 'Email'], ['Ann Lee', 'ann@x.com'], ['Ann Lee', 'ann@x.com']]],
  ['customers with blank rows between them', [['Name', 'Email'], ['Ann Lee', 'ANN@x.com'], ['', ''], ['', ''], ['Bo Chen', 'bo@x.com']]],
];

describe('hostile: sheet sizes', () => {
  for (const [mode, options] of [['flag', FLAG], ['merge', MERGE]] as const) {
    test.each(REFUSED)(`hostile: sizes: %s is refused by a ${mode} run, in words, with nothing changed`, (_what, rows, message) => {
      const rt = sheetWith(rows);
      const before = captureWorkbook(rt);
      const ex = rt.run('startRun', [options]);
      expect(ex.error?.message).toMatch(message);
      expect(ex.error?.message).not.toMatch(/Exception|TypeError|undefined/);
      expectNoDifferences(before, captureWorkbook(rt));
    });

    test.each(RUNS)(`hostile: sizes: %s — a ${mode} run finishes and Undo gives the workbook back exactly`, (_what, rows) => {
      const rt = sheetWith(rows);
      const before = captureWorkbook(rt);
      const p = runToEnd(rt, options);
      expect(p.error).toBeUndefined();
      expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
      const left = diffWorkbooks(before, captureWorkbook(rt), [{ sheet: /^CDM (Audit|Undo|State|Backup .+)$/, why: 'CDM’s records and hidden working sheets' }]);
      if (left.length) throw new Error(formatDifferences(left));
    });
  }

  test('hostile: sizes: 300 columns (past column KN): every user cell but the cleaned ones is unchanged, and Undo gives it back', () => {
    const width = 300;
    const header = ['Name', 'Email', ...Array.from({ length: width - 2 }, (_, i) => `Field ${i + 1}`)];
    const names = ['ann lee', 'Bo Chen', 'Cy Diaz', 'Di Moss', 'Ed Park', 'Flo Ross', 'Gus Tan', 'Hal Ng', 'Ida Wu', 'Jo Kim', 'Kay Lo', 'Lu Xi'];
    const rows = names.map((n, r) => [n, `${n.split(' ')[0].toLowerCase()}@example.com`, ...Array.from({ length: width - 2 }, (_, c) => `v${r}.${c}`)]);
    const rt = sheetWith([header, ...rows]);
    const before = captureWorkbook(rt);
    runToEnd(rt, FLAG);
    const changed = diffWorkbooks(before, captureWorkbook(rt), [
      { sheet: /^CDM /, why: 'CDM’s own sheets' },
      { sheet: CUSTOMERS, a1: 'KO:LZ', why: 'CDM’s own columns, right of column 300 (KN)' },
      { sheet: CUSTOMERS, layers: ['grid'], why: 'room for CDM’s columns' },
    ]).map((d) => d.text);
    // Documented: the all-lower name is re-cased; nothing else of 3,600 user cells moves.
    expect(changed).toEqual(['Customers!A2 value: "ann lee" → "Ann Lee"']);
    expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
    const left = diffWorkbooks(before, captureWorkbook(rt), [{ sheet: /^CDM (Audit|Undo|State|Backup .+)$/, why: 'CDM’s records' }]);
    expect(left.map((d) => d.text)).toEqual([]);
  });
});
