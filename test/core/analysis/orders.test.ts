/**
 * Orders as well as customers: test/fixtures/analysis/orders.csv, 19 order lines in the classic
 * online-retail layout (InvoiceNo, StockCode, Description, Quantity, InvoiceDate as M/D/YY H:MM,
 * UnitPrice, CustomerID, Country) with guest lines (blank CustomerID), a "C…" cancellation and a
 * negative-quantity return. Every expected value is worked out by hand in the comments
 * (amount = Quantity × UnitPrice; as-of 2011-01-01 00:00 UTC).
 */
import * as path from 'path';
import { analyseTable } from '../../../src/core/analysis';
import { customersFromOrders, detectOrderColumns, looksLikeOrders, ordersAsCustomers, rollUpOrders } from '../../../src/core/analysis/orders';
import type { Table } from '../../../src/core/table';
import { expectClose, FIXTURES, readCsv } from './load';

const asOf = new Date(Date.UTC(2011, 0, 1));
const tx = readCsv(path.join(FIXTURES, 'orders.csv'));
const HEADERS = { first: 'First Order', last: 'Last Order', orders: 'Orders', revenue: 'Revenue', products: 'Products' };
const col = (t: Table, c: string): unknown[] => t.rows.map((r) => r[t.header.indexOf(c)]);
const at = (y: number, m: number, d: number, h: number, min: number): number => Date.UTC(y, m - 1, d, h, min);

describe('rolling order lines up per customer', () => {
  const rollup = rollUpOrders(tx);
  if ('skipped' in rollup) throw new Error('not rolled up');

  test('columns are recognised; the sheet is order lines, not customers', () => {
    expect(detectOrderColumns(tx)).toEqual({
      customer: 'CustomerID', date: 'InvoiceDate', invoice: 'InvoiceNo', product: 'Description', quantity: 'Quantity', price: 'UnitPrice', amount: null,
      status: null, cancelledAt: null, refund: null, currency: null,
    });
    expect(looksLikeOrders(tx)).toBe(true);
    expect(looksLikeOrders({ header: ['Customer ID', 'Name', 'Email'], rows: [['1', 'Ann', 'a@x.com']] })).toBe(false);
    // 12/13/10 can only be month-first: the whole column is read month-first.
    expect(rollup.dateOrder).toBe('MDY');
  });

  test('guests stay guests; cancellations and returns come off revenue and are not orders', () => {
    expect([...rollup.customers.keys()]).toEqual(['17850', '13047', '12583', '14527', '15100']);
    // Guest lines 536544 (2.10 + 11.82) and 536801 (7.65): 3 lines, 21.57, 2 orders.
    expect(rollup.guests).toEqual({ lines: 3, revenue: 21.57, orders: 2 });
    // C536379 (-1 × 27.50) and 536601 (-2 × 1.85): 2 lines, -31.20.
    expect(rollup.cancelled).toEqual({ lines: 2, amount: -31.2 });
    expect(rollup.revenue).toBe(305.44);
    // 17850: invoices 536365, 536366, 536600 (536601 is a return) = 3 orders;
    // 15.30 + 20.34 + 11.10 + 15.30 + 20.34 - 3.70 = 78.68; first 12/1 8:26, last 12/13 10:00.
    expect(rollup.customers.get('17850')).toMatchObject({
      orders: 3, revenue: 78.68, first: at(2010, 12, 1, 8, 26), last: at(2010, 12, 13, 10, 0),
      products: ['WHITE HANGING HEART', 'WHITE METAL LANTERN', 'HAND WARMER'],
    });
    // 14527: the cancelled discount is no purchase: 1 order, -27.50 + 13.56 = -13.94, one product.
    expect(rollup.customers.get('14527')).toMatchObject({ orders: 1, revenue: -13.94, products: ['WHITE METAL LANTERN'] });
    // 3 + 2 + 1 + 1 + 1 customer orders and 2 guest orders.
    expect(rollup.orders).toBe(10);
    expect(rollup.products.get('WHITE HANGING HEART')).toEqual({ revenue: expect.closeTo(101.07, 9), customers: 4 });
  });

  test('a customer table derived from the orders: one row per customer, none for guests', () => {
    const t = customersFromOrders(rollup, HEADERS);
    expect(t.header).toEqual(['CustomerID', 'First Order', 'Last Order', 'Orders', 'Revenue', 'Products']);
    expect(t.rows).toEqual([
      ['17850', '2010-12-01', '2010-12-13', 3, 78.68, 'WHITE HANGING HEART, WHITE METAL LANTERN, HAND WARMER'],
      ['13047', '2010-12-01', '2010-12-20', 2, 82.9, 'BIRD ORNAMENT, WHITE HANGING HEART'],
      ['12583', '2010-12-01', '2010-12-01', 1, 120.6, 'ALARM CLOCK, WHITE HANGING HEART'],
      ['14527', '2010-12-01', '2010-12-01', 1, -13.94, 'WHITE METAL LANTERN'],
      ['15100', '2010-12-22', '2010-12-22', 1, 15.63, 'WHITE METAL LANTERN, ALARM CLOCK, WHITE HANGING HEART'],
    ]);
  });
});

describe('analysing a customer sheet with its orders', () => {
  // The customer sheet as Sheets gives it: ids as numbers, one written "13047.0", a customer who never ordered.
  const customers: Table = {
    header: ['CustomerID', 'Name', 'Email'],
    rows: [[17850, 'Ann Lee', 'ann@x.com'], ['13047.0', 'Bob Ray', 'bob@x.com'], [12583, 'Cy Dee', 'cy@x.com'],
      [14527, 'Di Fox', 'di@x.com'], [15100, 'Ed Gu', 'ed@x.com'], [99999, 'Flo Ho', 'flo@x.com']],
  };
  const roles = { CustomerID: 'id', Name: 'name', Email: 'email' } as const;
  const a = analyseTable(customers, roles, { asOf, transactions: tx });
  const rfm = col(a.table, 'CDM RFM');
  const churn = col(a.table, 'CDM Churn Risk');
  const rec = col(a.table, 'CDM Recommended');

  test('RFM by hand', () => {
    // Days since last: 15100 9.31, 13047 11.53, 17850 18.58, 14527 30.60, 12583 30.64 → R 5, 4, 3, 2, 1.
    // Orders: 17850 3 → F5, 13047 2 → F4, one-order customers F1.
    // Revenue: 12583 120.60 → M5, 13047 82.90 → M4, 17850 78.68 → M3, 15100 15.63 → M2, 14527 -13.94 → M1.
    expect(rfm).toEqual(['353 Loyal', '444 Loyal', '115 Lost', '211 Hibernating', '512 New', '']);
    expect(a.report.rfm!.source).toBe('transactions');
  });

  test('churn risk against each customer\'s own rhythm', () => {
    // 17850: (12/13 10:00 - 12/1 8:26) / 2 orders apart = 6.03 days → at least 7; 18 days silent > 14 → high.
    expect(churn[0]).toBe('high: 18 days since last purchase, usually buys every 7 days');
    // 13047: 19.11 days apart, 11 days silent → low.
    expect(churn[1]).toBe('low: 11 days since last purchase, usually buys every 19 days');
    // One-order customers: the median own gap (6.03 + 19.11) / 2 = 12.57 → "13 days"; 30 > 25.1 → high.
    expect(churn[2]).toBe('high: 30 days since last purchase, customers usually buy every 13 days');
    expect(churn[4]).toBe('low: 9 days since last purchase, customers usually buy every 13 days');
    expect(churn[5]).toBe('');
    expect(a.report.churn!.regularsQuiet).toBe(1);
    // Loyal (value so far) at high risk (silence against their own rhythm): counted side by side.
    expect(a.report.rfmChurn.find((l) => l.segment === 'Loyal')).toMatchObject({ high: 1, low: 1 });
  });

  test('baskets by hand', () => {
    // Alarm clock buyers (12583, 15100) both bought the white hanging heart: confidence 2/2, lift 1 / (4/5) = 1.25.
    // Heart buyers (4) → alarm clock 2/4, lift 0.5 / (2/5) = 1.25. No other pair has two customers.
    expect(a.report.recommendations!.rules.map((r) => [r.from, r.to, r.together, r.confidence, r.lift])).toEqual([
      ['ALARM CLOCK', 'WHITE HANGING HEART', 2, 1, 1.25],
      ['WHITE HANGING HEART', 'ALARM CLOCK', 2, 0.5, 1.25],
    ]);
    expect(rec).toEqual(['ALARM CLOCK', 'ALARM CLOCK', '', '', '', '']);
  });

  test('KPIs by hand', () => {
    const k = a.report.kpis;
    expect(k.revenue).toBe(305.44);
    expect(k.orders).toBe(10);
    // 2 of the 5 customers with orders bought more than once.
    expect(k.repeatRate).toBe(0.4);
    expectClose(k.aov, 305.44 / 10, 1e-12);
    expectClose(k.frequency, 8 / 5, 1e-12);
    // CLV = AOV × orders per customer ÷ (1 - repeat rate) = 30.544 × 1.6 / 0.6.
    expectClose(k.clv, (30.544 * 1.6) / 0.6, 1e-12);
    expect(k.guests).toEqual({ lines: 3, revenue: 21.57, orders: 2 });
    expect(a.report.sentences).toEqual(expect.arrayContaining([
      '1 regular customer (3 or more orders) has not bought for longer than twice their usual gap: see CDM Analysis.',
      '40% of customers bought more than once; an order is worth 30.54 on average.',
      // Guests 21.57 of 305.44 = 7%; C536379 and the 536601 return: -27.50 - 3.70 = -31.20.
      'Counted apart: 3 guest order lines (7% of revenue, never given to a customer); 2 returned or cancelled lines (-31.20, taken off revenue).',
    ]));
    expect(a.report.business.byProduct[0]).toMatchObject({ key: 'WHITE HANGING HEART', customers: 4 });
  });

  test('no customer is given a guest\'s order; the user\'s cells are unchanged', () => {
    expect(a.table.rows.map((r) => r.slice(0, 3))).toEqual(customers.rows);
    expect(a.report.business.revenueTotal).toBe(305.44);
    // The customer who never ordered gets nothing from anyone else's lines, guests' included.
    expect([rfm[5], churn[5], rec[5]]).toEqual(['', '', '']);
  });

  test('an orders export on its own becomes a customer table, and the analysis runs on it', () => {
    const derived = ordersAsCustomers(tx, HEADERS);
    expect(derived!.customers.rows).toHaveLength(5);
    const b = analyseTable(derived!.customers, {}, { asOf, transactions: tx });
    expect(col(b.table, 'CDM RFM')).toEqual(['353 Loyal', '444 Loyal', '115 Lost', '211 Hibernating', '512 New']);
    expect(ordersAsCustomers(customers, HEADERS)).toBeNull();
  });
});
