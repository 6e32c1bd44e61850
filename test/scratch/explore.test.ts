import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import { newRuntime } from '../gas/helpers';

const DIR = path.resolve(__dirname, '../fixtures/realworld');
const csv = (f: string) => { const t = parseCsv(fs.readFileSync(path.join(DIR, f), 'utf8')); return [t.header, ...t.rows] as unknown[][]; };

test.each([
  ['shopify-customers.csv', 'shopify-orders.csv'],
  ['woocommerce-customers.csv', 'woocommerce-orders.csv'],
  ['stripe-customers.csv', 'stripe-payments.csv'],
  ['online-retail.csv', null],
])('explore %s', (c, o) => {
  const rt = newRuntime();
  if (o) rt.fillSheet('Orders', csv(o), { activate: false });
  rt.fillSheet('Customers', csv(c));
  const before = rt.sheetValues('Customers');
  const t0 = Date.now();
  const ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto', ...(o ? { transactionsSheet: 'Orders' } : {}) }]);
  const res = ex.result as any;
  const after = rt.sheetValues('Customers');
  const header = after[0] as string[];
  const lines: string[] = [`${c}: ${Date.now() - t0} ms error=${ex.error?.text} done=${res?.done}`];
  lines.push('typed row1: ' + JSON.stringify(before[1]));
  lines.push('after row1: ' + JSON.stringify(after[1]));
  lines.push('header: ' + header.join(' | '));
  lines.push('summary: ' + JSON.stringify(res?.summary).slice(0, 1500));
  const a = rt.sheetValues('CDM Analysis');
  lines.push('analysis: ' + a.slice(0, 25).map((r) => r.filter((x) => x !== '').join(' ; ')).join('\n  '));
  fs.writeFileSync(`/tmp/rw/addon-${c}.txt`, lines.join('\n'));
});
