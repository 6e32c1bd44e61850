/**
 * Hostile catalogue, imputation: a made-up value only where it means something
 * — numeric measures such as income or spend — and every filled cell marked. Each case runs
 * the real pipeline (clean, dedupe, fill) and compares every user cell with the input.
 * Expected medians are worked out by hand in the case.
 */
import { pipelineDiffs, t } from './core-values-helpers';
import { imputeTable } from '../../src/core/impute';
import type { Cell, Roles } from '../../src/core/table';

/** n customers with a Spend measure that every case can rely on being filled. */
function customers(n: number, extra: (i: number) => Cell[], extraHeader: string[]) {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push([`Customer ${String.fromCharCode(65 + i)}${String.fromCharCode(97 + (i * 7) % 26)}`, ...extra(i)]);
  return t(['Name', ...extraHeader], ...rows);
}

describe('hostile: what is never imputed', () => {
  test('hostile: impute: a blank Tags cell is not filled with the common tags', () => {
    const table = customers(8, (i) => [i === 2 || i === 5 ? '' : 'wholesale, vip'], ['Tags']);
    expect(pipelineDiffs(table, {}, { roles: { Tags: 'tags' } }).diffs).toEqual([]);
  });

  test('hostile: impute: gender blank or X is never made Female', () => {
    const table = customers(8, (i) => [i === 1 ? '' : i === 3 ? 'X' : 'Female'], ['Gender']);
    expect(pipelineDiffs(table, {}, { roles: { Gender: 'gender' } }).diffs).toEqual([]);
  });

  test('hostile: impute: a blank CustomerID (a guest order) never gets the median id, whatever its role', () => {
    const table = customers(10, (i) => [i % 3 === 0 ? '' : 15000 + i, 10 + i], ['CustomerID', 'Quantity']);
    for (const roles of [{ CustomerID: 'id' }, { CustomerID: 'number' }, { CustomerID: 'count' }, {}] as Roles[]) {
      expect(pipelineDiffs(table, {}, { roles }).diffs).toEqual([]);
    }
  });

  test('hostile: impute: a number column holding codes ("0042") is not filled', () => {
    const table = customers(8, (i) => [i === 4 ? '' : `00${40 + i}`], ['Branch']);
    expect(pipelineDiffs(table, { flagged: [0, 1, 2, 3, 5, 6, 7].map((i) => `${i}:Branch`) }, { roles: { Branch: 'number' } }).diffs).toEqual([]);
  });

  test('hostile: impute: birth dates, birth years and dates are never filled', () => {
    const d = (y: number) => new Date(Date.UTC(y, 0, 1));
    const table = customers(8, (i) => [i === 2 ? '' : d(1970 + i), i === 3 ? '' : 1970 + i, i === 4 ? '' : d(2020 + (i % 3))], ['Birthday', 'Year_Birth', 'Signed Up']);
    const roles: Roles = { Birthday: 'birth_date', Year_Birth: 'birth_year', 'Signed Up': 'date' };
    expect(pipelineDiffs(table, {}, { roles }).diffs).toEqual([]);
    expect(pipelineDiffs(table, {}, { roles: { ...roles, Year_Birth: 'number' } }).diffs).toEqual([]);
  });

  test('hostile: impute: consent and yes/no answers are never filled', () => {
    const table = customers(8, (i) => [i === 1 ? '' : i % 2 === 0, i === 6 ? '' : i % 2 ? 'yes' : 'no'], ['Accepts SMS Marketing', 'Response']);
    expect(pipelineDiffs(table, {}, { roles: { 'Accepts SMS Marketing': 'consent', Response: 'boolean' } }).diffs).toEqual([]);
  });

  test('hostile: impute: categories, companies, products and free text are never filled', () => {
    const table = customers(8, (i) => [i === 1 ? '' : 'gold', i === 2 ? '' : 'Acme', i === 3 ? '' : 'Tea', i === 4 ? '' : 'call back'], ['Tier', 'Company', 'Product', 'Note']);
    const roles: Roles = { Tier: 'category', Company: 'company', Product: 'product', Note: 'text' };
    expect(pipelineDiffs(table, {}, { roles }).diffs).toEqual([]);
  });

  test('hostile: impute: contact and address columns are never filled', () => {
    const table = customers(8, (i) => [i === 1 ? '' : `c${i}@x.com`, i === 2 ? '' : `+1 415 555 01${10 + i}`, i === 3 ? '' : 'Paris', i === 4 ? '' : '75001'], ['Email', 'Phone', 'City', 'Zip']);
    const roles: Roles = { Email: 'email', Phone: 'phone', City: 'city', Zip: 'postcode' };
    const { state } = pipelineDiffs(table, {}, { roles });
    expect(state.changes.filter((c) => c.kind === 'impute')).toEqual([]);
    for (const col of ['Email', 'City', 'Zip']) {
      const at = state.table.header.indexOf(col);
      expect(state.table.rows.filter((r) => r[at] === '').length).toBe(1);
    }
  });

  test('hostile: impute: a plain number column whose header names no measure is not filled', () => {
    const table = customers(8, (i) => [i === 5 ? '' : 3 + i], ['X1']);
    const { diffs, state } = pipelineDiffs(table, {}, { roles: { X1: 'number' } });
    expect(diffs).toEqual([]);
    expect(state.reports.impute!.columns.find((c) => c.column === 'X1')!.reason).toMatch(/does not know what these numbers measure/);
  });
});

describe('hostile: what is imputed, and marked', () => {
  test('hostile: impute: a blank Income is filled with the median of the known incomes, and marked', () => {
    // Known incomes 30,40,50,60,70,80,90 (row 3 blank): median 60 (hand count, 7 values).
    const incomes = [30, 40, 50, '', 60, 70, 80, 90];
    const table = customers(8, (i) => [incomes[i]], ['Income']);
    const { diffs, state } = pipelineDiffs(table, { changed: { '3:Income': 60 } }, { roles: { Income: 'money' } });
    expect(diffs).toEqual([]);
    const change = state.changes.find((c) => c.kind === 'impute')!;
    expect(change).toMatchObject({ row: 3, column: 'Income', old: '', new: 60, method: 'median' });
    const flags = state.table.header.indexOf('CDM Flags');
    expect(state.table.rows[3][flags]).toBe('Income estimated (median)');
  });

  test('hostile: impute: "N/A" in a spend column counts as a gap and is filled; the word is logged as the old value', () => {
    const spend = [10, 20, 'N/A', 30, 40, 50];
    const table = customers(6, (i) => [spend[i]], ['Total Spent']);
    // Clean empties "N/A" (documented), then fill takes the median of 10,20,30,40,50 = 30.
    const { diffs, state } = pipelineDiffs(table, { changed: { '2:Total Spent': 30 } }, { roles: { 'Total Spent': 'money' } });
    expect(diffs).toEqual([]);
    expect(state.changes.filter((c) => c.row === 2).map((c) => [c.kind, c.old, c.new])).toEqual([['normalise', 'N/A', ''], ['impute', '', 30]]);
  });

  test('hostile: impute: the fill report is in Chinese for a Chinese run', () => {
    const rows: Cell[][] = [[10], [20], [''], [30], [40], [50]];
    const r = imputeTable({ header: ['Income'], rows }, { Income: 'money' }, { lang: 'zh' });
    expect(r.changes[0].reason).toBe('空白；已用典型值（中位数）30 填充');
    expect(r.table.rows.map((x) => x[0])).toEqual([10, 20, 30, 30, 40, 50]);
  });
});
