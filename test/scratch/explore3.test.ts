import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import { newRuntime } from '../gas/helpers';
const truth = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/realworld/truth.json'), 'utf8'));
const DIR = path.resolve(__dirname, '../fixtures/realworld');
const csv = (f: string) => { const t = parseCsv(fs.readFileSync(path.join(DIR, f), 'utf8')); return [t.header, ...t.rows] as unknown[][]; };
test.each([
  ['shopify-customers.csv', 'shopify-orders.csv', 'shopify'],
  ['woocommerce-customers.csv', 'woocommerce-orders.csv', 'woocommerce'],
  ['stripe-customers.csv', 'stripe-payments.csv', 'stripe'],
])('explore %s', (c, o, k) => {
  const rt = newRuntime();
  rt.fillSheet('Orders', csv(o), { activate: false });
  rt.fillSheet('Customers', csv(c));
  const before = rt.sheetValues('Customers');
  rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  const after = rt.sheetValues('Customers');
  const h = after[0] as string[];
  const at = (n: string) => h.indexOf(n);
  const lines: string[] = [];
  const group = at('CDM Duplicate Group');
  const groups = new Map<string, number[]>();
  after.slice(1).forEach((r, i) => { const g = String(r[group]); if (g) groups.set(g, [...(groups.get(g) ?? []), i]); });
  lines.push('groups: ' + JSON.stringify([...groups.values()]) + ' planted ' + JSON.stringify(truth[k].duplicatePairs));
  const flags = at('CDM Flags');
  after.slice(1).forEach((r, i) => { if (r[flags]) lines.push(`flag row ${i}: ${r[flags]} | ${JSON.stringify(before[i + 1])}`); });
  // changed user cells
  let changed = 0; const ex: string[] = [];
  for (let r = 1; r < before.length; r++) for (let c2 = 0; c2 < before[0].length; c2++) {
    const a = before[r][c2], b = after[r][c2];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) { changed++; if (ex.length < 15) ex.push(`${before[0][c2]} r${r}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`); }
  }
  lines.push('changed ' + changed + '\n' + ex.join('\n'));
  const snap = rt.snapshot('Customers');
  let notes = 0; snap.notes.forEach((row) => row.forEach((n) => { if (n) notes++; }));
  lines.push('notes ' + notes);
  const rec = at('CDM Recommended');
  lines.push('rec sample ' + JSON.stringify(after.slice(1, 8).map((r) => r[rec])));
  const review = rt.spreadsheet.getSheetByName('CDM Review');
  lines.push('review ' + (review ? JSON.stringify(rt.sheetValues('CDM Review').slice(0, 8)) : 'none'));
  fs.writeFileSync(`/tmp/rw/addon3-${k}.txt`, lines.join('\n'));
});
