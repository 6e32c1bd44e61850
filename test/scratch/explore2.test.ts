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
  ['shopify-orders.csv', null],
])('explore %s', (c, o) => {
  const rt = newRuntime();
  if (o) rt.fillSheet('Orders', csv(o), { activate: false });
  rt.fillSheet('Customers', csv(c));
  const t0 = Date.now();
  const ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  const res = ex.result as any;
  const after = rt.sheetValues('Customers');
  const lines: string[] = [`${c}: ${Date.now() - t0} ms error=${ex.error?.text} done=${res?.done}`];
  lines.push('after row1: ' + JSON.stringify(after[1]));
  lines.push('header: ' + (after[0] as string[]).join(' | '));
  lines.push('messages: ' + JSON.stringify(res?.summary?.messages));
  const a = rt.sheetValues('CDM Analysis');
  lines.push('analysis: ' + a.slice(0, 30).map((r) => r.filter((x) => x !== '').join(' ; ')).join('\n  '));
  fs.writeFileSync(`/tmp/rw/addon2-${c}.txt`, lines.join('\n'));
});
