/**
 * Hostile catalogue, odd real exports in core: order lines and customer cells the way
 * real exports get them wrong or write them oddly. Roll-ups are checked against figures worked by
 * hand in each case; value cases compare every user cell before and after (cellDiffs, exactly the
 * documented change).
 */
import { analyseTable } from '../../src/core/analysis';
import { rollUpOrders, type OrderRollup } from '../../src/core/analysis/orders';
import type { Table } from '../../src/core/table';
import { cellDiffs, run } from './core-values-helpers';

const asOf = new Date(Date.UTC(2025, 5, 30));
function rolled(t: Table): OrderRollup {
  const r = rollUpOrders(t);
  if ('skipped' in r) throw new Error('skipped');
  return r;
}
const day = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 16));

/** Shopify's order layout, trimmed to the columns that matter: order fields on the first line only. */
const SHOPIFY = ['Name', 'Email', 'Financial Status', 'Paid at', 'Currency', 'Subtotal', 'Total', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Cancelled at', 'Refunded Amount'];

describe('hostile: odd order exports', () => {
  test('hostile: order-level amounts: an order total written on its first line counts once, not once per line', () => {
    const t: Table = { header: SHOPIFY, rows: [
      ['#1001', 'a@x.com', 'paid', '2025-01-02 10:00:00 -0500', 'USD', '50.00', '56.00', '2025-01-02 10:00:00 -0500', '2', 'Mug', '14.00', '', '0.00'],
      ['#1001', 'a@x.com', '', '', '', '', '', '', '1', 'Beans', '22.00', '', ''],
      ['#1002', 'a@x.com', 'paid', '2025-02-03 09:30:00 -0500', 'USD', '24.00', '24.00', '2025-02-03 09:30:00 -0500', '1', 'Beans', '24.00', '', '0.00'],
    ] };
    const r = rolled(t);
    // 56.00 + 24.00: the order's Total once each; the second line of #1001 adds nothing.
    expect(r.customers.get('a@x.com')).toMatchObject({ orders: 2, revenue: 80, products: ['Mug', 'Beans'] });
    // Product revenue from each line's quantity × price: Mug 28, Beans 22 + 24.
    expect(r.products.get('Mug')!.revenue).toBe(28);
    expect(r.products.get('Beans')!.revenue).toBe(46);
  });

  test('hostile: cancellations: an order paid, then voided, bought nothing (no revenue, no order, no purchase date)', () => {
    const t: Table = { header: SHOPIFY, rows: [
      ['#1001', 'a@x.com', 'paid', '2025-01-02 10:00:00 -0500', 'USD', '30.00', '30.00', '2025-01-02 10:00:00 -0500', '1', 'Mug', '30.00', '', '0.00'],
      ['#1002', 'a@x.com', 'voided', '2025-03-01 10:00:00 -0500', 'USD', '90.00', '90.00', '2025-03-01 10:00:00 -0500', '1', 'Lamp', '90.00', '2025-03-01 12:00:00 -0500', '0.00'],
    ] };
    const r = rolled(t);
    expect(r.customers.get('a@x.com')).toMatchObject({ orders: 1, revenue: 30, products: ['Mug'] });
    expect(day(r.customers.get('a@x.com')!.last)).toBe('2025-01-02T10:00');
    expect(r.voided).toEqual({ lines: 1, orders: 1 });
  });

  test('hostile: refunds: a partial refund keeps the order, less the money given back; a full refund is no order', () => {
    const t: Table = { header: SHOPIFY, rows: [
      ['#1001', 'a@x.com', 'partially_refunded', '2025-01-02 10:00:00 -0500', 'USD', '50.00', '50.00', '2025-01-02 10:00:00 -0500', '1', 'Lamp', '50.00', '', '20.00'],
      ['#1002', 'a@x.com', 'refunded', '2025-04-02 10:00:00 -0400', 'USD', '40.00', '40.00', '2025-04-02 10:00:00 -0400', '1', 'Rug', '40.00', '', '40.00'],
    ] };
    const r = rolled(t);
    expect(r.customers.get('a@x.com')).toMatchObject({ orders: 1, revenue: 30, products: ['Lamp'] });
    expect(day(r.customers.get('a@x.com')!.last)).toBe('2025-01-02T10:00');
  });

  test('hostile: guests: placeholder customer ids ("guest", "N/A", "-", blank) stay guests, never one customer', () => {
    const t: Table = { header: ['InvoiceNo', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], rows: [
      ['1', 'Mug', '1', '2025-01-02 10:00', '10', 'guest'],
      ['2', 'Mug', '1', '2025-01-03 10:00', '10', 'N/A'],
      ['3', 'Mug', '1', '2025-01-04 10:00', '10', '-'],
      ['4', 'Mug', '1', '2025-01-05 10:00', '10', ''],
      ['5', 'Mug', '2', '2025-01-06 10:00', '10', '17850'],
    ] };
    const r = rolled(t);
    expect([...r.customers.keys()]).toEqual(['17850']);
    expect(r.guests).toEqual({ lines: 4, revenue: 40, orders: 4 });
  });

  test('hostile: currency: € and $ written in one amount column are never added together', () => {
    const t: Table = { header: ['Order #', 'Date', 'Customer', 'Product(s)', 'Net sales'], rows: [
      ['1', '2025-01-02 10:00:00', 'Ana Lopez', '1× Mug', '$30.00'],
      ['2', '2025-01-03 10:00:00', 'Ana Lopez', '1× Lamp', '$70.00'],
      ['3', '2025-01-04 10:00:00', 'Ben Okafor', '1× Mug', '€25.00'],
    ] };
    const r = rolled(t);
    expect(r.currency).toBe('USD');
    expect(r.revenue).toBe(100);
    expect(r.otherCurrencies).toEqual([{ currency: 'EUR', lines: 1, amount: 25 }]);
    // Ben still bought (an order, a product, a date); his euros are not dollars.
    expect(r.customers.get('ben okafor')).toMatchObject({ orders: 1, revenue: 0, products: ['Mug'] });
  });

  test('hostile: products: a payments export\'s descriptions ("Order 1043", "Subscription creation") are not products', () => {
    const t: Table = { header: ['id', 'Description', 'Created (UTC)', 'Amount', 'Currency', 'Status', 'Customer ID'], rows: Array.from({ length: 12 }, (_, i) => [
      `ch_${i}`, i % 2 ? `Order ${1040 + i}` : 'Subscription creation', `2025-0${1 + (i % 6)}-0${1 + (i % 7)} 10:00`, '20.00', 'usd', 'Paid', `cus_${i % 4}`,
    ]) };
    const r = rolled(t);
    expect(r.columns.product).toBeNull();
    expect(r.products.size).toBe(0);
    expect(r.orders).toBe(12);
  });

  test('hostile: keys: an e-mail written in capitals or with spaces in the orders still finds its customer', () => {
    const orders: Table = { header: ['Name', 'Email', 'Created at', 'Total', 'Lineitem name', 'Lineitem quantity'], rows: [
      ['#1001', ' ANA.LOPEZ@EXAMPLE.COM ', '2025-01-02 10:00:00', '30.00', 'Mug', '1'],
      ['#1002', 'ana.lopez@example.com', '2025-03-02 10:00:00', '20.00', 'Beans', '1'],
    ] };
    const customers: Table = { header: ['Name', 'Email'], rows: [['Ana Lopez', 'ana.lopez@example.com'], ['Ben Okafor', 'ben@example.com']] };
    const a = analyseTable(customers, { Name: 'name', Email: 'email' }, { asOf, transactions: orders });
    // Both orders are Ana's (2 orders, 50.00); Ben bought nothing.
    expect(a.report.kpis).toMatchObject({ source: 'transactions', buyers: 1, orders: 2, revenue: 50, repeatRate: 1 });
  });

  test('hostile: dates: a day-first orders export is read day-first on every line (05/06/2024 is 5 June)', () => {
    const t: Table = { header: ['InvoiceNo', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], rows: [
      ['1', 'Mug', '1', '31/12/2023 14:05', '10', '7'],
      ['2', 'Mug', '1', '05/06/2024 09:00', '10', '7'],
      ['3', 'Mug', '1', '01/03/2024 09:00', '10', '8'],
    ] };
    const r = rolled(t);
    expect(r.dateOrder).toBe('DMY');
    expect(day(r.customers.get('7')!.last)).toBe('2024-06-05T09:00');
    expect(day(r.customers.get('8')!.last)).toBe('2024-03-01T09:00');
  });
});

describe('hostile: odd values in real customer exports', () => {
  test('hostile: postcodes: a ZIP+4, a Canadian and a British postcode are not flagged; a four-digit US ZIP is, and stays', () => {
    const table: Table = { header: ['Name', 'Email', 'Country Code', 'Zip'], rows: [
      ['Ana Lopez', 'ana@example.com', 'US', '02134-1234'],
      ['Ben Okafor', 'ben@example.com', 'CA', 'M5H 2M9'],
      ['Chloe Hall', 'chloe@example.com', 'GB', 'SW1A 1AA'],
      ['Dan Berg', 'dan@example.com', 'US', '94103'],
      ['Eve Park', 'eve@example.com', 'US', 2134],
    ] };
    const s = run(table);
    expect(cellDiffs(table, s.table, s.changes, { flagged: ['4:Zip'] })).toEqual([]);
    expect([...s.changes].find((c) => c.kind === 'flag')!.reason).toBe('postcode "2134" has 4 digits where US postcodes have 5: it probably lost a leading zero (02134) when a spreadsheet read it as a number; kept as typed');
  });

  test('hostile: dates: a date-time exported with its UTC offset keeps its written day and time (23:30 stays on 2 May)', () => {
    const table: Table = { header: ['Name', 'Email', 'Created at'], rows: [
      ['Ana Lopez', 'ana@example.com', '2024-05-02 23:30:00 -0400'],
      ['Ben Okafor', 'ben@example.com', '2024-05-03 08:15:00 -0400'],
    ] };
    const s = run(table);
    expect(cellDiffs(table, s.table, s.changes, { changed: {
      '0:Created at': new Date(Date.UTC(2024, 4, 2, 23, 30)),
      '1:Created at': new Date(Date.UTC(2024, 4, 3, 8, 15)),
    } })).toEqual([]);
  });

  test('hostile: flags: the same doubtful phone in two columns is said once in CDM Flags', () => {
    const table: Table = { header: ['Name', 'Email', 'Phone', 'Default Address Phone'], rows: [
      ['Ana Lopez', 'ana@example.com', '+1555012', '+1555012'],
      ['Ben Okafor', 'ben@example.com', '+14155550101', ''],
    ] };
    const s = run(table);
    expect(cellDiffs(table, s.table, s.changes, { flagged: ['0:Phone', '0:Default Address Phone'] })).toEqual([]);
    expect(s.table.rows[0][s.table.header.indexOf('CDM Flags')]).toBe('phone "+1555012" is too short to be a full phone number; kept as typed');
  });
});
