/**
 * Google's 50,000 characters per cell (runtime/README.md) against what CDM writes BACK: a reason that
 * quotes a user's 49,990-character phone whole is itself over the limit, so the final write
 * failed and the whole run stopped ("Your input contains more than the maximum of 50000
 * characters in a single cell") on a sheet with one pasted blob. Each case: the long value stays
 * exactly as typed, it is flagged, and no cell CDM writes passes the limit — through core for
 * every role, and through dist/Code.js in the runtime (which enforces the limit as Google does).
 */
import { runPipeline } from '../../src/core/pipeline';
import { shown, withReason } from '../../src/core/shown';
import type { Cell, ColumnRole } from '../../src/core/table';
import { CUSTOMERS, FLAG, MERGE, newRuntime } from '../gas/helpers';
import { call, runToEnd } from './attack-addon-helpers';
import { captureWorkbook, diffWorkbooks } from './sheet-diff';

const LIMIT = 50000;
const NAMES = ['Bo Chen', 'Cy Diaz', 'Di Moss', 'Ed Park', 'Flo Ross', 'Gus Tan', 'Hal Ng', 'Ida Wu', 'Jo Kim', 'Kay Lo', 'Lu Xi'];

/** A column of ordinary values of a role, with one 49,990-character value in row 1. */
const LONG: Array<[ColumnRole, string, string, (i: number) => string]> = [
  ['phone', 'Phone', '+1 ' + '5'.repeat(49987), (i) => `+1 415 555 01${10 + i}`],
  ['email', 'Email', 'a@' + '.'.repeat(49988), (i) => `p${i}@example.com`],
  ['date', 'Signed Up', '1/2/' + '3'.repeat(49986), (i) => `2024-03-${10 + i}`],
  ['birth_date', 'Birth Date', '31/12/' + '9'.repeat(49984), (i) => `19${60 + i}-01-02`],
  ['country', 'Country', 'Narnia'.repeat(8331) + 'xxxx', () => 'France'],
  ['money', 'Spend', '€' + '1.234'.repeat(9997) + '0000', (i) => String(10 + i)],
  ['number', 'Income', '1.5' + '0'.repeat(49987), (i) => String(30000 + i)],
  ['id', 'Customer ID', '1' + '2'.repeat(49989), (i) => `C${100 + i}`],
];

describe('hostile: 50,000 characters — core', () => {
  test.each(LONG)('hostile: 50,000 characters: a %s cell of 49,990 characters is kept whole and its flag fits in a cell', (_role, header, long, ordinary) => {
    expect(long.length).toBe(49990);
    const rows: Cell[][] = [['Ann Lee', 'ann@example.com', long], ...NAMES.map((n, i) => [n, `${n[0].toLowerCase()}${i}@example.com`, ordinary(i)])];
    const state = runPipeline({ header: ['Name', 'Contact', header], rows }, { steps: ['clean', 'dedupe', 'impute'], region: 'US', seed: 1, asOf: new Date(Date.UTC(2025, 5, 30)) });
    const at = state.table.header.indexOf(header);
    expect(state.table.rows[0][at]).toBe(long);
    for (const row of state.table.rows) for (const c of row) if (typeof c === 'string') expect(c.length).toBeLessThanOrEqual(long.length);
    const flags = state.table.header.indexOf('CDM Flags');
    for (const row of state.table.rows) expect(String(row[flags] ?? '').length).toBeLessThan(LIMIT);
    for (const ch of state.changes) expect(ch.reason.length).toBeLessThan(1000);
    // It is flagged (an id is never judged: it stays as typed, unflagged).
    const flagged = state.changes.some((ch) => ch.row === 0 && ch.kind === 'flag' && ch.column === header);
    expect(flagged).toBe(_role !== 'id');
  });

  test('hostile: 50,000 characters: shown() keeps start and end, never splits an emoji, and leaves short text alone', () => {
    // Hand-worked: 80 characters → 56 from the start, "…", the last 23.
    const text = 'x'.repeat(100) + 'END';
    expect(shown(text)).toBe('x'.repeat(56) + '…' + 'x'.repeat(20) + 'END');
    expect(shown('short')).toBe('short');
    const emoji = '😀'.repeat(100);
    const s = shown(emoji);
    expect(s).toMatch(/^(😀)+…(😀)+$/u);
  });

  test('hostile: 50,000 characters: a row with a thousand flags stops at what a cell holds, once', () => {
    let text = '';
    for (let i = 0; i < 1000; i++) text = withReason(text, `reason ${i} `.padEnd(100, '.'));
    expect(text.length).toBeLessThan(LIMIT);
    expect(text.endsWith('; …')).toBe(true);
    expect(text.split('…').length).toBe(2);
  });
});

describe('hostile: 50,000 characters — the add-on (dist/Code.js)', () => {
  test.each([['flag', FLAG], ['merge', MERGE]])('hostile: 50,000 characters: a pasted 49,990-character phone and e-mail: the %s run finishes, both kept, every written cell fits, Undo gives the sheet back', (_m, options) => {
    const rt = newRuntime();
    const phone = LONG[0][2];
    const email = LONG[1][2];
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Phone', 'Spend'],
      ['ann lee', email, phone, 10],
      ...NAMES.map((n, i) => [n, `${n.split(' ')[0].toLowerCase()}@example.com`, `(415) 555-01${10 + i}`, 20 + i]),
    ]);
    const before = captureWorkbook(rt);
    const p = runToEnd(rt, options);
    expect(p.error).toBeUndefined();
    const values = rt.sheetValues(CUSTOMERS);
    expect(values[1][1]).toBe(email);
    expect(values[1][2]).toBe(phone);
    for (const sheet of rt.spreadsheet.getSheets()) {
      for (const row of rt.sheetValues(sheet.getName())) for (const c of row) if (typeof c === 'string') expect(c.length).toBeLessThanOrEqual(LIMIT);
    }
    expect(call<{ restored: boolean }>(rt, 'undoLastRun').restored).toBe(true);
    const left = diffWorkbooks(before, captureWorkbook(rt), [
      { sheet: 'CDM Audit', why: 'the audit keeps the run and logs the undo' },
      { sheet: /^CDM (Undo|State|Backup .+)$/, why: 'CDM’s hidden working sheets' },
    ]).filter((d) => !(d.what === 'sheet' && /^CDM (Undo|State|Backup .+)$/.test(d.sheet)));
    expect(left.map((d) => d.text)).toEqual([]);
  });
});
