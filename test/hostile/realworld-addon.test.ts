/**
 * Hostile catalogue, real exports in the add-on: the odd things real exports hold and
 * real users do with them, through the BUILT dist/Code.js in the local Apps Script runtime. Every
 * case compares the whole workbook before and after (test/hostile/sheet-diff.ts): unchanged, or
 * exactly the documented change — CDM's own sheets, CDM's columns appended at the right of the
 * customer sheet, and whatever the case documents. Run `npm run build` first.
 */
import { columnLetters } from '../../runtime';
import type { Cell } from '../../src/core/table';
import { CUSTOMERS, FLAG, newRuntime, type Runtime } from '../gas/helpers';
import { fixture } from '../realworld/load';
import { captureWorkbook, diffWorkbooks, formatDifferences, type Allowed } from './sheet-diff';

const ORDERS = 'Orders';
const grid = (file: string, rows?: number): Cell[][] => { const t = fixture(file); return [t.header, ...t.rows.slice(0, rows)]; };

/** CDM's sheets, CDM's columns right of the user's `width`, and the customer sheet growing to hold them. */
const cdmOnly = (width: number, sheet = CUSTOMERS): Allowed[] => [
  { sheet: /^CDM /, why: 'CDM\'s own sheets (analysis, audit, undo data)' },
  { sheet, a1: `${columnLetters(width + 1)}:${columnLetters(width + 40)}`, why: 'CDM columns appended at the right' },
  { sheet, layers: ['grid'], why: 'the sheet grows to hold CDM\'s columns' },
];

interface Ran { messages: string[]; summary: { duplicatesFound: number; cellsImputed: number; messages: string[] } }

function run(rt: Runtime, options: object = FLAG): Ran {
  let ex = rt.run('startRun', [options]);
  if (ex.error) throw new Error(ex.error.text);
  let p = ex.result as { done: boolean; runId: string; summary?: Ran['summary'] };
  for (let i = 0; !p.done && i < 10; i++) {
    ex = rt.run('continueRun', [p.runId]);
    if (ex.error) throw new Error(ex.error.text);
    p = ex.result as typeof p;
  }
  if (!p.summary) throw new Error('run not finished');
  return { messages: p.summary.messages, summary: p.summary };
}

function expectOnly(rt: Runtime, before: ReturnType<typeof captureWorkbook>, allow: Allowed[]): void {
  const diffs = diffWorkbooks(before, captureWorkbook(rt), allow);
  if (diffs.length) throw new Error(`${diffs.length} unexpected differences:\n${formatDifferences(diffs)}`);
}

const columnOf = (rt: Runtime, header: string): Cell[] => {
  const v = rt.sheetValues(CUSTOMERS);
  const at = v[0].indexOf(header);
  return at < 0 ? [] : v.slice(1).map((r) => r[at]);
};

describe('hostile: real exports in the add-on', () => {
  test('hostile: orders tab: an orders tab found by itself is read, never changed', () => {
    const rt = newRuntime();
    rt.fillSheet(ORDERS, grid('shopify-orders.csv', 600), { activate: false });
    rt.fillSheet(CUSTOMERS, grid('shopify-customers.csv', 80));
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Orders read from the sheet "Orders" \(found by itself/)]));
    expectOnly(rt, before, cdmOnly(20));
    expect(columnOf(rt, 'CDM RFM').filter((v) => v !== '').length).toBeGreaterThan(20);
  });

  test('hostile: orders tab: a hidden orders tab is not read', () => {
    const rt = newRuntime();
    rt.fillSheet(ORDERS, grid('shopify-orders.csv', 600), { activate: false });
    rt.sheet(ORDERS).hideSheet();
    rt.fillSheet(CUSTOMERS, grid('shopify-customers.csv', 80));
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.messages.join('\n')).not.toMatch(/Orders read from/);
    expect(r.messages).toEqual(expect.arrayContaining([expect.stringMatching(/^RFM skipped: /)]));
    expectOnly(rt, before, cdmOnly(20));
  });

  test('hostile: orders tab: the user chose no orders sheet (\'\'): none is read', () => {
    const rt = newRuntime();
    rt.fillSheet(ORDERS, grid('shopify-orders.csv', 600), { activate: false });
    rt.fillSheet(CUSTOMERS, grid('shopify-customers.csv', 80));
    const before = captureWorkbook(rt);
    const r = run(rt, { ...FLAG, transactionsSheet: '' });
    expect(r.messages.join('\n')).not.toMatch(/Orders read from/);
    expectOnly(rt, before, cdmOnly(20));
  });

  test('hostile: orders tab: order lines that name none of the customers are left out, and the run says so', () => {
    const rt = newRuntime();
    // UCI lines key customers by a numeric CustomerID; the Shopify customers have 13-digit ids and e-mails.
    rt.fillSheet(ORDERS, grid('online-retail.csv', 400), { activate: false });
    rt.fillSheet(CUSTOMERS, grid('shopify-customers.csv', 80));
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.messages).toEqual(expect.arrayContaining(['The sheet "Orders" holds order lines but names none of the customers on this sheet, so it was not used.']));
    expect(columnOf(rt, 'CDM RFM').filter((v) => v !== '')).toEqual([]);
    expectOnly(rt, before, cdmOnly(20));
  });

  test('hostile: orders tab: two orders tabs, the run is on one: the other is not its transactions, and is untouched', () => {
    const rt = newRuntime();
    const all = grid('online-retail.csv');
    rt.fillSheet('Orders 2023', [all[0], ...all.slice(1, 1200)], { activate: false });
    rt.fillSheet(CUSTOMERS, [all[0], ...all.slice(1200)]);
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.messages.join('\n')).not.toMatch(/Orders read from/);
    expect(r.messages).toEqual(expect.arrayContaining([expect.stringMatching(/^This sheet holds order lines, not customers/)]));
    expectOnly(rt, before, cdmOnly(8));
  });

  test('hostile: order lines: a Shopify orders export as the customer sheet: no duplicates, nothing filled, dates with an offset keep their written time', () => {
    const rt = newRuntime();
    const lines = grid('shopify-orders.csv', 400);
    rt.fillSheet(CUSTOMERS, lines);
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.summary.duplicatesFound).toBe(0);
    expect(r.summary.cellsImputed).toBe(0);
    const header = lines[0].map(String);
    // Sheets leaves "2022-07-26 16:27:22 -0400" as text; CDM reads it as 16:27 on that day (the shop's own clock).
    const dateCols = ['Paid at', 'Fulfilled at', 'Created at', 'Cancelled at'].map((h) => header.indexOf(h) + 1);
    const dates: Allowed[] = dateCols.map((c) => ({ sheet: CUSTOMERS, a1: `${columnLetters(c)}:${columnLetters(c)}`, layers: ['value', 'numberFormat'], why: 'a date-time with its offset read as a date at the written time' }));
    expectOnly(rt, before, [...cdmOnly(header.length), ...dates]);
    const created = header.indexOf('Created at');
    const typed = String(lines[1][created]);
    const now = rt.sheetValues(CUSTOMERS)[1][created] as Date;
    expect(now).toBeInstanceOf(Date);
    expect(now.toISOString().slice(0, 19).replace('T', ' ')).toBe(typed.slice(0, 19));
    // The continuation lines of an order (Total blank) stay blank: an order's total is never made up.
    const total = header.indexOf('Total');
    expect(rt.sheetValues(CUSTOMERS).slice(1).filter((row) => row[total] === '').length).toBe(lines.slice(1).filter((row) => row[total] === '').length);
  });

  test('hostile: order lines: every line a guest (no customer id at all): nothing attributed, nothing changed', () => {
    const rt = newRuntime();
    const lines = grid('online-retail.csv', 300).map((row, i) => (i === 0 ? row : row.map((c, j) => (j === 6 ? '' : c))));
    rt.fillSheet(CUSTOMERS, lines);
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.summary.duplicatesFound).toBe(0);
    expect(columnOf(rt, 'CDM RFM').filter((v) => v !== '')).toEqual([]);
    expectOnly(rt, before, cdmOnly(8));
  });

  test('hostile: order lines: a customer list with each customer\'s last order number is still a customer list', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Last Order ID', 'Last Order Date', 'Total Spent'],
      ...Array.from({ length: 30 }, (_, i) => [`Customer ${String.fromCharCode(65 + (i % 26))}${i}`, `c${i}@example.com`, `#${1000 + i}`, `2024-0${1 + (i % 9)}-1${i % 9}`, 20 + i]),
    ]);
    const before = captureWorkbook(rt);
    const r = run(rt);
    expect(r.messages.join('\n')).not.toMatch(/order lines|lists orders/);
    expect(rt.sheetValues(CUSTOMERS)[0]).toEqual(expect.arrayContaining(['CDM Duplicate Group']));
    expectOnly(rt, before, cdmOnly(5));
  });

  test('hostile: codes: US ZIPs Sheets typed as numbers (02134 → 2134) are flagged with their lost zero, never changed', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Country', 'Zip', 'Spend'],
      ...Array.from({ length: 12 }, (_, i) => [`Person ${i}`, `p${i}@example.com`, 'US', i < 3 ? ['02134', '07302', '06103'][i] : String(94100 + i), 10 + i]),
    ]);
    expect(rt.sheetValues(CUSTOMERS)[1][3]).toBe(2134);
    const before = captureWorkbook(rt);
    run(rt);
    expectOnly(rt, before, cdmOnly(5));
    const flags = columnOf(rt, 'CDM Flags').map(String);
    expect(flags.slice(0, 3)).toEqual([0, 1, 2].map((i) => expect.stringContaining(`(${['02134', '07302', '06103'][i]})`)));
    expect(flags.slice(3).filter((f) => /postcode/.test(f))).toEqual([]);
  });

  test('hostile: codes: a Swiss list (four-digit postcodes everywhere) under region US raises no postcode flag', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'PLZ', 'Spend'],
      ...Array.from({ length: 12 }, (_, i) => [`Person ${i}`, `p${i}@example.ch`, 8000 + i * 37, 10 + i]),
    ]);
    const before = captureWorkbook(rt);
    run(rt, { ...FLAG, region: 'US' });
    expectOnly(rt, before, cdmOnly(4));
    expect(columnOf(rt, 'CDM Flags').filter((f) => /postcode/.test(String(f)))).toEqual([]);
  });

  test('hostile: currency: usd and eur charges in one Amount column (no converted amounts): never added together', () => {
    const rt = newRuntime();
    const pay = fixture('stripe-payments.csv');
    const keep = pay.header.map((h, i) => (/^Converted/.test(h) ? -1 : i)).filter((i) => i >= 0);
    rt.fillSheet(ORDERS, [keep.map((i) => pay.header[i]), ...pay.rows.map((row) => keep.map((i) => row[i]))], { activate: false });
    rt.fillSheet(CUSTOMERS, grid('stripe-customers.csv'));
    const before = captureWorkbook(rt);
    run(rt);
    expectOnly(rt, before, cdmOnly(13));
    const values = rt.sheetValues('CDM Analysis');
    const eur = values.find((row) => row[0] === 'Order lines in EUR');
    expect(eur).toBeDefined();
    const lines = pay.rows.filter((row) => row[pay.header.indexOf('Currency')] === 'eur' && row[pay.header.indexOf('Status')] !== 'Failed').length;
    expect(eur![1]).toBe(lines);
    expect(values.map((row) => String(row[0]).replace(/^'/, ''))).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ order lines are in EUR \([\d,.]+\): they are not added to the USD revenue, because CDM never adds two currencies together\.$/)]));
  });

  test('hostile: dates: a column of day-first and month-first dates is flagged and none of it rewritten', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Last Order', 'Spend'],
      ...Array.from({ length: 12 }, (_, i) => [`Person ${i}`, `p${i}@example.com`, ["'13/01/2024", "'01/13/2024", "'05/06/2024"][i % 3], 10 + i]),
    ]);
    const before = captureWorkbook(rt);
    run(rt);
    expectOnly(rt, before, cdmOnly(4));
    expect(columnOf(rt, 'Last Order').slice(0, 3)).toEqual(['13/01/2024', '01/13/2024', '05/06/2024']);
  });

  test('hostile: second run: a second run on the Shopify pair changes nothing in the user\'s sheets', () => {
    const rt = newRuntime();
    rt.fillSheet(ORDERS, grid('shopify-orders.csv', 600), { activate: false });
    rt.fillSheet(CUSTOMERS, grid('shopify-customers.csv', 80));
    run(rt);
    const between = captureWorkbook(rt);
    run(rt);
    expectOnly(rt, between, [{ sheet: /^CDM /, why: 'CDM\'s own sheets are rewritten by every run' }]);
  });

  test('hostile: undo: Undo after a run on an orders export as the customer sheet brings every cell back', () => {
    const rt = newRuntime();
    rt.fillSheet(CUSTOMERS, grid('shopify-orders.csv', 300));
    const before = captureWorkbook(rt);
    run(rt);
    const ex = rt.run('undoLastRun', []);
    if (ex.error) throw new Error(ex.error.text);
    expectOnly(rt, before, [{ sheet: /^CDM /, why: 'CDM\'s own sheets (audit, undo data) stay' }, { sheet: CUSTOMERS, layers: ['grid'], why: 'the grid keeps its size' }]);
  });
});
