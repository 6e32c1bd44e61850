/**
 * The orders exports people really have, rolled up per customer (core/analysis/orders.ts) and
 * checked against the truth the fixtures were made from (tools/make-realworld-fixtures.py writes
 * each customer's net revenue, orders and first/last purchase while it writes the files), and
 * against figures read straight off the CSV here with plain arithmetic.
 */
import { detectOrderColumns, isOrderLines, productsIn, rollUpOrders, type OrderRollup } from '../../src/core/analysis/orders';
import { detectRoles } from '../../src/core/roles';
import type { Table } from '../../src/core/table';
import { AS_OF_DATE, buyers, col, fixture, truth, type CustomerTruth } from './load';

function rolled(t: Table): OrderRollup {
  const r = rollUpOrders(t);
  if ('skipped' in r) throw new Error('not rolled up');
  return r;
}

const day = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString().slice(0, 10));

/** Every customer who bought: orders, net revenue to the cent, first and last purchase day. */
function expectCustomers(r: OrderRollup, per: Record<string, CustomerTruth>): void {
  const wrong: string[] = [];
  for (const [key, want] of buyers(per)) {
    const got = r.customers.get(key);
    const line = got ? { orders: got.orders, revenue: got.revenue, first: day(got.first), last: day(got.last) } : null;
    const ok = line && line.orders === want.orders && Math.abs(line.revenue - want.revenue) < 0.005 && line.first === want.first && line.last === want.last;
    if (!ok) wrong.push(`${key}: ${JSON.stringify(line)} ≠ ${JSON.stringify({ orders: want.orders, revenue: want.revenue, first: want.first, last: want.last })}`);
    if (got && want.products) expect([key, got.products.slice().sort()]).toEqual([key, want.products]);
  }
  expect(wrong).toEqual([]);
  expect(buyers(per).length).toBeGreaterThan(150);
}

describe('Shopify orders export (one row per line item, order fields on the first row only)', () => {
  const t = fixture('shopify-orders.csv');
  const r = rolled(t);

  test('columns as Shopify documents them: Name is the order number, Created at the order time, Total the order\'s money', () => {
    expect(detectOrderColumns(t)).toEqual({
      customer: 'Email', date: 'Created at', invoice: 'Name', product: 'Lineitem name', quantity: 'Lineitem quantity', price: 'Lineitem price',
      amount: 'Total', status: 'Financial Status', cancelledAt: 'Cancelled at', refund: 'Refunded Amount', currency: 'Currency',
    });
    expect(r.orderLevelAmount).toBe(true);
    expect(r.currency).toBe('USD');
    expect(r.otherCurrencies).toEqual([]);
  });

  test('each customer: orders, revenue (Total − Refunded Amount; voided orders bought nothing), first and last purchase', () => {
    expectCustomers(r, truth.shopify.perCustomer);
  });

  test('point-of-sale walk-ins without an e-mail stay guests', () => {
    expect(r.guests).toEqual(truth.shopify.guest);
    expect(r.customers.has('')).toBe(false);
  });

  test('voided orders: counted from the file itself (Financial Status voided, or a Cancelled at time)', () => {
    const name = col(t, 'Name');
    const status = col(t, 'Financial Status');
    const cancelled = col(t, 'Cancelled at');
    const voided = new Set(name.filter((_, i) => status[i] === 'voided' || cancelled[i] !== ''));
    expect(voided.size).toBeGreaterThan(10);
    expect(r.voided.orders).toBe(voided.size);
    // Revenue: the shop's Total less refunds over every order that was not voided (by hand from the file).
    const total = col(t, 'Total');
    const refunded = col(t, 'Refunded Amount');
    let revenue = 0;
    name.forEach((n, i) => { if (total[i] !== '' && !voided.has(n)) revenue += Number(total[i]) - Number(refunded[i] || 0); });
    expect(r.revenue).toBeCloseTo(revenue, 2);
    expect(r.revenue).toBeCloseTo(truth.shopify.revenue, 2);
  });
});

describe('WooCommerce Analytics › Orders download', () => {
  const t = fixture('woocommerce-orders.csv');
  const r = rolled(t);

  test('columns: Customer (a name) links, Net sales is the money, Product(s) lists "2× Mug" items', () => {
    expect(detectOrderColumns(t)).toMatchObject({
      customer: 'Customer', date: 'Date', invoice: 'Order #', product: 'Product(s)', amount: 'Net sales', status: 'Status', refund: null,
    });
    expect(productsIn('3× Yoga Mat, 2× Yoga Block, 1× Yoga Strap')).toEqual(['Yoga Mat', 'Yoga Block', 'Yoga Strap']);
    // A product whose name starts with a figure keeps it: only "N× " / "N x " counts are taken off.
    expect(productsIn('3x5 Index Cards, 2 x Tea')).toEqual(['3x5 Index Cards', 'Tea']);
    for (const p of r.products.keys()) expect(p).not.toMatch(/^\d+\s*×/);
  });

  test('each customer: a refund row (negative net sales) takes its order back; cancelled orders bought nothing', () => {
    expectCustomers(r, truth.woocommerce.perCustomer);
  });

  test('orders without a customer name stay guests', () => {
    expect(r.guests.orders).toBe(truth.woocommerce.guest.orders);
    expect(r.guests.revenue).toBeCloseTo(truth.woocommerce.guest.revenue, 2);
  });
});

describe('Stripe payments export (usd and eur charges)', () => {
  const t = fixture('stripe-payments.csv');
  const r = rolled(t);

  test('columns: the converted amount (one currency) less the converted refund; a payment is an order; no description is a product', () => {
    expect(detectOrderColumns(t)).toEqual({
      customer: 'Customer ID', date: 'Created (UTC)', invoice: 'id', product: null, quantity: null, price: null, amount: 'Converted Amount',
      status: 'Status', cancelledAt: null, refund: 'Converted Amount Refunded', currency: 'Converted Currency',
    });
    expect(r.currency).toBe('USD');
    expect(r.otherCurrencies).toEqual([]);
    expect(r.products.size).toBe(0);
  });

  test('each customer id: failed charges bought nothing, refunded ones were given back', () => {
    expectCustomers(r, truth.stripe.perCustomer);
    expect(r.voided.lines).toBe(truth.stripe.failed);
  });

  test('€ and $ are never added: without the converted columns, eur charges are counted apart', () => {
    const drop = ['Converted Amount', 'Converted Amount Refunded', 'Converted Currency'];
    const keep = t.header.map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
    const raw: Table = { header: keep.map((i) => t.header[i]), rows: t.rows.map((row) => keep.map((i) => row[i])) };
    const s = rolled(raw);
    expect(detectOrderColumns(raw)).toMatchObject({ amount: 'Amount', refund: 'Amount Refunded', currency: 'Currency' });
    // By hand from the file: net of each charge that did not fail, per currency.
    const sums: Record<string, { lines: number; amount: number }> = {};
    const [amount, back, cur, status] = ['Amount', 'Amount Refunded', 'Currency', 'Status'].map((c) => col(raw, c));
    raw.rows.forEach((_, i) => {
      if (status[i] === 'Failed') return;
      const k = String(cur[i]).toUpperCase();
      sums[k] = sums[k] ?? { lines: 0, amount: 0 };
      sums[k].lines++;
      sums[k].amount += Number(amount[i]) - Number(back[i]);
    });
    expect(s.currency).toBe('USD');
    expect(s.revenue).toBeCloseTo(sums.USD.amount, 2);
    expect(s.otherCurrencies).toEqual([{ currency: 'EUR', lines: sums.EUR.lines, amount: Math.round(sums.EUR.amount * 100) / 100 }]);
    expect(sums.EUR.lines).toBeGreaterThan(20);
  });
});

describe('UCI online-retail layout', () => {
  const t = fixture('online-retail.csv');
  const r = rolled(t);

  test('each customer; guests (blank CustomerID) stay guests; C-invoices come off revenue', () => {
    expectCustomers(r, truth.onlineRetail.perCustomer);
    expect(r.guests.lines).toBe(truth.onlineRetail.guest.lines);
    expect(r.guests.revenue).toBeCloseTo(truth.onlineRetail.guest.revenue, 2);
    expect(r.cancelled).toEqual(truth.onlineRetail.cancelled);
  });
});

describe('order lines are told from customer lists', () => {
  const roles = (t: Table) => detectRoles(t, undefined, { asOf: AS_OF_DATE }).roles;
  test.each(['shopify-orders.csv', 'woocommerce-orders.csv', 'stripe-payments.csv', 'online-retail.csv'])('%s is order lines', (f) => {
    const t = fixture(f);
    expect(isOrderLines(t, roles(t))).toBe(true);
  });
  test.each(['shopify-customers.csv', 'woocommerce-customers.csv', 'stripe-customers.csv'])('%s is a customer list', (f) => {
    const t = fixture(f);
    expect(isOrderLines(t, roles(t))).toBe(false);
  });
  test('Shopify\'s order number column "Name" (#1043) is an order number, not a person', () => {
    const t = fixture('shopify-orders.csv');
    const d = detectRoles(t, undefined, { asOf: AS_OF_DATE }).details.find((x) => x.column === 'Name')!;
    expect(d.role).toBe('order_id');
    expect(d.reason).toMatch(/^100% of the values are order numbers such as #\d+$/);
    expect(roles(t)).toMatchObject({ 'Billing Province Name': 'state', 'Tax 1 Name': 'category', 'Payment Terms Name': 'category', 'Discount Code': 'category' });
  });
});
