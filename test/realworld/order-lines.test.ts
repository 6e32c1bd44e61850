/**
 * An orders export given where customers are expected (the add-on's customer sheet; the core
 * pipeline the add-on runs): one customer's lines are not duplicates of each other, nothing is
 * imputed on order lines, every line carries its customer's results and guest lines none.
 * Expected values come from the fixtures' truth (tools/make-realworld-fixtures.py).
 */
import { runPipeline, summarise } from '../../src/core/pipeline';
import { customerKey } from '../../src/core/analysis/orders';
import { AS_OF_DATE, col, fixture, truth } from './load';

describe.each([
  ['online-retail.csv', 'CustomerID', truth.onlineRetail.perCustomer],
  ['shopify-orders.csv', 'Email', truth.shopify.perCustomer],
])('%s as the customer sheet', (file, key, per) => {
  const table = fixture(file);
  const state = runPipeline(table, { asOf: AS_OF_DATE, seed: 1 });
  const out = state.table;
  const keys = col(table, key).map((c) => customerKey(c as string));
  // A line whose own key is blank belongs to its order's customer (Shopify writes the e-mail on every line).
  const summary = summarise(state, 'r', 't');

  test('no duplicates looked for, no gaps filled, and the run says why', () => {
    expect(state.reports.dedupe!.skipped!.reason).toMatch(/one customer's order lines are not duplicates/);
    expect(state.reports.impute).toBeUndefined();
    expect(out.header.filter((h) => /^CDM (Duplicate|Match)/.test(h))).toEqual([]);
    expect([...state.changes].filter((c) => c.kind === 'impute' || c.kind === 'merge')).toEqual([]);
    expect(summary.duplicatesFound).toBe(0);
    expect(summary.cellsImputed).toBe(0);
    expect(summary.messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Duplicates not looked for: this sheet lists orders/),
      expect.stringMatching(/^No gaps were filled: this sheet holds order lines/),
      expect.stringMatching(/^This sheet holds order lines, not customers: \d+ lines were rolled up into \d+ customers/),
    ]));
    expect(summary.rows).toBe(table.rows.length);
  });

  test('every line of a customer carries the same RFM, churn risk and segment; guest lines none', () => {
    const rfm = col(out, 'CDM RFM');
    const churn = col(out, 'CDM Churn Risk');
    const segment = col(out, 'CDM Segment');
    const seen = new Map<string, string>();
    let guests = 0;
    keys.forEach((k, i) => {
      if (k === '') {
        guests++;
        expect([rfm[i], churn[i], segment[i]]).toEqual(['', '', '']);
        return;
      }
      const v = `${rfm[i]}|${churn[i]}|${segment[i]}`;
      if (seen.has(k)) expect(v).toBe(seen.get(k));
      else seen.set(k, v);
    });
    expect(guests).toBeGreaterThan(50);
    // Every customer who bought has an RFM score on their lines.
    for (const [k, v] of Object.entries(per)) if (v.orders > 0) expect([k, seen.get(k)?.split('|')[0] ?? '']).toEqual([k, expect.stringMatching(/^[1-5]{3} /)]);
  });

  test('the user\'s own cells: only cleaning changes them (nothing merged, filled or analysed into them)', () => {
    const user = new Set(table.header);
    for (const c of state.changes) if (user.has(c.column)) expect(c.kind).toBe('normalise');
  });

  test('churn and report rows point at the customer\'s own lines in this sheet', () => {
    const top = state.reports.analyze!.churn!.top;
    expect(top.length).toBeGreaterThan(5);
    for (const c of top) {
      const k = keys[c.row];
      expect(k).not.toBe('');
      expect(col(out, 'CDM Churn Risk')[c.row]).toMatch(new RegExp(`^${c.risk}: `));
    }
  });
});
