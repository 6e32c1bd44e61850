import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import { rollUpOrders } from '../../src/core/analysis/orders';
const DIR = path.resolve(__dirname, '../fixtures/realworld');
const truth = JSON.parse(fs.readFileSync(path.join(DIR, 'truth.json'), 'utf8'));
test.each([['shopify-orders.csv', 'shopify'], ['woocommerce-orders.csv', 'woocommerce'], ['stripe-payments.csv', 'stripe'], ['online-retail.csv', 'onlineRetail']])('%s', (f, k) => {
  const t = parseCsv(fs.readFileSync(path.join(DIR, f), 'utf8'));
  const r = rollUpOrders(t);
  if ('skipped' in r) throw new Error('skipped');
  const tr = truth[k].perCustomer;
  let bad = 0; const ex: string[] = [];
  for (const [key, v] of Object.entries<any>(tr)) {
    const c = r.customers.get(key);
    const got = c ? { orders: c.orders, revenue: c.revenue, last: c.last ? new Date(c.last).toISOString().slice(0, 10) : null } : null;
    if (!got || got.orders !== v.orders || Math.abs(got.revenue - v.revenue) > 0.01 || got.last !== v.last) { bad++; if (ex.length < 4) ex.push(key + ' ' + JSON.stringify(got) + ' vs ' + JSON.stringify({ o: v.orders, r: v.revenue, l: v.last })); }
  }
  console.log(f, JSON.stringify(r.columns), 'orderLevel', r.orderLevelAmount, 'cust', r.customers.size, 'truth', Object.keys(tr).length, 'bad', bad, ex, 'guests', r.guests, 'void', r.voided, 'cancelled', r.cancelled, 'cur', r.currency, r.otherCurrencies, 'rev', r.revenue, 'products', [...r.products.keys()].slice(0, 12));
});
