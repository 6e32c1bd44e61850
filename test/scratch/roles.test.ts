import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import { detectRoles, isOrdersTable } from '../../src/core/roles';
import { looksLikeOrders } from '../../src/core/analysis/orders';
const DIRS = [path.resolve(__dirname, '../fixtures/realworld'), path.resolve(__dirname, '../fixtures/exports'), path.resolve(__dirname, '../fixtures/analysis')];
test('roles', () => {
  for (const d of DIRS) for (const f of fs.readdirSync(d).filter((x) => x.endsWith('.csv'))) {
    const t = parseCsv(fs.readFileSync(path.join(d, f), 'utf8'));
    const r = detectRoles(t, undefined, { asOf: new Date(Date.UTC(2025, 5, 30)) }).roles;
    console.log(f, 'isOrdersTable', isOrdersTable(r), 'looksLikeOrders', looksLikeOrders(t, r), f.includes('orders') || f.includes('payments') || f.includes('retail') ? JSON.stringify(r) : '');
  }
});
