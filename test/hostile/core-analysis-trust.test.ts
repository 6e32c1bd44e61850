/**
 * Hostile cases for the analysis engine: odd values, sheets that look like something else, a
 * second run. Each compares every user cell before and after (they must be unchanged: the
 * analysis only adds CDM columns) and checks the documented result.
 */
import * as path from 'path';
import { analyseTable } from '../../src/core/analysis';
import { rollUpOrders } from '../../src/core/analysis/orders';
import type { Cell, Roles, Table } from '../../src/core/table';
import { FIXTURES, readCsv } from '../core/analysis/load';

const asOf = new Date(Date.UTC(2024, 6, 1));
const copy = (t: Table): Table => ({ header: t.header.slice(), rows: t.rows.map((r) => r.slice()) });
const col = (t: Table, c: string): Cell[] => t.rows.map((r) => r[t.header.indexOf(c)]);

/** Every user cell (the input's columns, every row) is exactly as before; CDM columns come after them. */
function expectUserCellsUnchanged(before: Table, after: Table): void {
  expect(after.header.slice(0, before.header.length)).toEqual(before.header);
  expect(after.header.slice(before.header.length).every((h) => h.startsWith('CDM '))).toBe(true);
  expect(after.rows).toHaveLength(before.rows.length);
  after.rows.forEach((row, i) => expect(row.slice(0, before.header.length)).toEqual(before.rows[i]));
}

function customers(n: number, extra: (i: number) => Record<string, Cell> = () => ({})): Table {
  const rows: Array<Record<string, Cell>> = [];
  for (let i = 0; i < n; i++) {
    rows.push({ 'Customer ID': `C${i + 1}`, Name: `Customer ${i + 1}`, Income: 30000 + ((i * 7919) % 50000), Orders: 1 + (i % 9), ...extra(i) });
  }
  const header = Object.keys(rows[0]);
  return { header, rows: rows.map((r) => header.map((h) => r[h])) };
}

const ROLES: Roles = { 'Customer ID': 'id', Name: 'name', Income: 'money', Orders: 'count' };

describe('hostile: analysis', () => {
  test('hostile: guests: order lines with a blank or placeholder customer id are never given to a customer', () => {
    const tx: Table = {
      header: ['Invoice', 'Customer ID', 'Date', 'Product', 'Amount'],
      rows: [
        ['1', 'C1', '2024-06-01', 'Tea', 10], ['2', '', '2024-06-02', 'Tea', 500], ['3', 'N/A', '2024-06-03', 'Cups', 400],
        ['4', 'guest', '2024-06-04', 'Cups', 300], ['5', '  ', '2024-06-05', 'Tea', 200], ['6', 'C2', '2024-05-01', 'Cups', 20],
      ],
    };
    // A customer row whose own id is blank or "N/A" must not collect the guests' lines either.
    const t = customers(4, (i) => ({ 'Customer ID': ['C1', '', 'N/A', 'C2'][i] }));
    const before = copy(t);
    const a = analyseTable(t, ROLES, { asOf, transactions: tx });
    expectUserCellsUnchanged(before, a.table);
    const rollup = rollUpOrders(tx);
    if ('skipped' in rollup) throw new Error('no rollup');
    expect(rollup.guests).toEqual({ lines: 4, revenue: 1400, orders: 4 });
    expect([...rollup.customers.keys()]).toEqual(['c1', 'c2']);
    expect(a.report.kpis.revenue).toBe(1430);
    const rfm = col(a.table, 'CDM Churn Risk');
    expect(rfm[1]).toBe('');
    expect(rfm[2]).toBe('');
  });

  test('hostile: guests: a sheet of nothing but guest orders matches nobody and says so', () => {
    const tx: Table = { header: ['Customer ID', 'Date', 'Amount'], rows: [['', '2024-06-01', 5], ['', '2024-06-02', 7]] };
    const t = customers(12);
    const before = copy(t);
    const a = analyseTable(t, ROLES, { asOf, transactions: tx });
    expectUserCellsUnchanged(before, a.table);
    expect(a.report.skipped).toContainEqual({ what: 'transactions sheet', reason: 'no customer in the transactions sheet matches a customer in this sheet (by Customer ID)' });
    expect(a.table.header).not.toContain('CDM Churn Risk');
  });

  test('hostile: keys: 17850, "17850" and "17850.0" are one customer; 1785 is another', () => {
    const tx: Table = {
      header: ['InvoiceNo', 'CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice'],
      rows: [['1', 17850, '2024-06-01', 1, 10], ['2', '17850.0', '2024-06-10', 1, 10], ['3', ' 17850 ', '2024-06-20', 1, 10], ['4', '1785', '2024-06-20', 1, 99]],
    };
    const rollup = rollUpOrders(tx);
    if ('skipped' in rollup) throw new Error('no rollup');
    expect(rollup.customers.get('17850')).toMatchObject({ orders: 3, revenue: 30 });
    expect(rollup.customers.get('1785')).toMatchObject({ orders: 1, revenue: 99 });
  });

  test('hostile: derived columns: a user\'s own Age, Total Spend and Orders are used, never recomputed over', () => {
    const t = customers(30, (i) => ({ Year_Birth: 1950 + i, Age: 99, MntWines: i, MntMeat: 2 * i, 'Total Spend': 5, NumWebPurchases: 1, NumStorePurchases: 2 }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, Year_Birth: 'birth_year', Age: 'number', MntWines: 'money', MntMeat: 'money', 'Total Spend': 'money' }, { asOf });
    expectUserCellsUnchanged(before, a.table);
    expect(a.table.header).not.toContain('CDM Age');
    expect(a.table.header).not.toContain('CDM Total Spend');
    expect(a.table.header).not.toContain('CDM Orders');
    expect(a.report.derived.columns).toEqual([]);
  });

  test('hostile: derived columns: an earlier run\'s CDM Age is replaced, not stacked, and user cells stay', () => {
    const t = customers(20, (i) => ({ Year_Birth: 1960 + i }));
    const roles = { ...ROLES, Year_Birth: 'birth_year' } as Roles;
    const first = analyseTable(t, roles, { asOf });
    const second = analyseTable(first.table, roles, { asOf });
    expectUserCellsUnchanged(t, second.table);
    expect(second.table.header.filter((h) => h === 'CDM Age')).toHaveLength(1);
    expect(second.changes).toEqual([]);
  });

  test('hostile: targets: a constant column is never the target, even when asked for', () => {
    const t = customers(30, () => ({ 'Total Spend': 100 }));
    const before = copy(t);
    const asked = analyseTable(t, { ...ROLES, 'Total Spend': 'money' }, { asOf, target: 'Total Spend' });
    expectUserCellsUnchanged(before, asked.table);
    expect(asked.report.predictions).toEqual([]);
    expect(asked.report.skipped).toContainEqual({ what: 'spend prediction', reason: 'Total Spend: every row has the same value' });
    const auto = analyseTable(t, { ...ROLES, 'Total Spend': 'money' }, { asOf });
    expect(auto.report.predictions).toEqual([]);
    expect(auto.table.header).not.toContain('CDM Predicted Spend');
    expect(auto.report.targets.map((c) => c.column)).not.toContain('Total Spend');
  });

  test('hostile: targets: a yes/no/maybe column is not a yes/no target; names and emails are never targets', () => {
    const t = customers(30, (i) => ({ Email: `c${i}@x.com`, Response: ['yes', 'no', 'maybe'][i % 3] }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, Email: 'email' }, { asOf, target: 'Response' });
    expectUserCellsUnchanged(before, a.table);
    expect(a.report.predictions).toEqual([]);
    expect(a.report.targets.map((c) => c.column)).toEqual(['Income', 'Orders']);
  });

  test('hostile: currency: € and $ in one column are flagged, not added up, and not predicted', () => {
    const t = customers(30, (i) => ({ 'Total Spend': i % 2 ? `$${100 + i}` : `€${100 + i}` }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, 'Total Spend': 'money' }, { asOf });
    expectUserCellsUnchanged(before, a.table);
    expect(a.report.predictions).toEqual([]);
    expect(a.report.kpis.revenue).toBeNull();
    expect(a.report.skipped).toContainEqual({ what: 'column Total Spend', reason: 'mixes currencies ($, €): amounts in different currencies are not added up' });
  });

  test('hostile: currency: amount columns in different currencies are not summed into a total', () => {
    const t = customers(30, (i) => ({ MntWines: `€${i}`, MntMeat: `$${2 * i}` }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, MntWines: 'money', MntMeat: 'money' }, { asOf });
    expectUserCellsUnchanged(before, a.table);
    expect(a.table.header).not.toContain('CDM Total Spend');
    expect(a.report.derived.notSummed).toEqual([{ kind: 'spend', columns: ['MntWines', 'MntMeat'], reason: 'mixes currencies ($, €): amounts in different currencies are not added up' }]);
  });

  test('hostile: impossible values: a birth year in the future or before 1914 gives no age and a flag; nothing else is touched', () => {
    const years = [1980, 2031, 1893, 1975, 1990, 1960, 1985, 1970, 1999, 2001, 1965, 1955];
    const t = customers(12, (i) => ({ Year_Birth: years[i] }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, Year_Birth: 'birth_year' }, { asOf });
    expectUserCellsUnchanged(before, a.table);
    const age = col(a.table, 'CDM Age');
    expect(age[1]).toBe('');
    expect(age[2]).toBe('');
    expect(age[0]).toBe(44);
    expect(age.every((v) => v === '' || (typeof v === 'number' && v >= 0 && v <= 110))).toBe(true);
    const flags = col(a.table, 'CDM Flags');
    expect(flags[1]).toBe('Year_Birth 2031 is not a possible birth year (age -7): left out of the models');
    expect(flags.filter((f) => f !== '')).toHaveLength(2);
  });

  test('hostile: rare values: a rare gender (X) is real and never flagged; a rare marital status is', () => {
    const t = customers(200, (i) => ({ Gender: i === 5 ? 'X' : i % 2 ? 'F' : 'M', Status: i === 7 ? 'YOLO' : ['Married', 'Single', 'Together'][i % 3] }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, Gender: 'gender', Status: 'category' }, { asOf });
    expectUserCellsUnchanged(before, a.table);
    expect(a.report.outliers.flags!.map((f) => [f.row, f.column])).toEqual([[7, 'Status']]);
  });

  test('hostile: second run: nothing changes and CDM Flags does not grow', () => {
    const t = customers(40, (i) => ({ Year_Birth: i === 3 ? 1890 : 1960 + i }));
    const roles = { ...ROLES, Year_Birth: 'birth_year' } as Roles;
    const first = analyseTable(t, roles, { asOf });
    const again = analyseTable(first.table, roles, { asOf, previous: first.report.model });
    expect(again.changes).toEqual([]);
    expect(again.table).toEqual(first.table);
    expectUserCellsUnchanged(t, again.table);
  });

  test('hostile: negative targets: a profit column that is negative in the sheet may be predicted negative (no clamp)', () => {
    const t = customers(40, (i) => ({ Profit: (i % 9) * 10 - 40 + (i % 4) }));
    const before = copy(t);
    const a = analyseTable(t, { ...ROLES, Profit: 'money' }, { asOf, target: 'Profit' });
    expectUserCellsUnchanged(before, a.table);
    const p = a.report.predictions[0];
    expect(p.column).toBe('CDM Predicted Profit');
    expect(p.clamped).toBe(0);
    expect(col(a.table, 'CDM Predicted Profit').some((v) => (v as number) < 0)).toBe(true);
  });

  test('hostile: transactions: a cancelled invoice with a positive quantity still comes off revenue', () => {
    const tx: Table = {
      header: ['InvoiceNo', 'CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice', 'Description'],
      rows: [['100', 'A', '2024-06-01', 2, 10, 'Tea'], ['C100', 'A', '2024-06-02', 2, 10, 'Tea']],
    };
    const rollup = rollUpOrders(tx);
    if ('skipped' in rollup) throw new Error('no rollup');
    expect(rollup.customers.get('a')).toMatchObject({ orders: 1, revenue: 0 });
    expect(rollup.cancelled).toEqual({ lines: 1, amount: -20 });
  });

  test('hostile: transactions: the orders fixture read through the CLI path never changes the order lines', () => {
    const tx = readCsv(path.join(FIXTURES, 'orders.csv'));
    const before = copy(tx);
    const t = customers(3, (i) => ({ 'Customer ID': ['17850', '13047', '99'][i] }));
    analyseTable(t, ROLES, { asOf, transactions: tx });
    expect(tx).toEqual(before);
  });
});
