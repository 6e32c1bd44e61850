/**
 * Roles through the BUILT add-on (dist/Code.js in the local Apps Script runtime) with the cells
 * as Sheets types them on import — numbers, Dates, booleans, Shopify's '-marked codes as text —
 * must be the hand-checked roles of each exporter's columns (test/realworld/expected-roles.ts),
 * the same as the CSV path gets. The sidebar shows this mapping (getSidebarState().roles).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import { newRuntime } from '../gas/helpers';
import { EXPORT_ROLES } from './expected-roles';

const EXPORTS = path.resolve(__dirname, '../fixtures/exports');

test.each(Object.keys(EXPORT_ROLES))('%s: the sidebar\'s mapping of the typed sheet is the documented one', (file) => {
  const t = parseCsv(fs.readFileSync(path.join(EXPORTS, file), 'utf8'));
  const rt = newRuntime();
  rt.fillSheet('Customers', [t.header, ...t.rows]);
  // Typed, as Sheets would: at least one cell of the sheet is no longer text.
  expect(rt.sheetValues('Customers').slice(1).flat().some((v) => typeof v !== 'string')).toBe(true);
  const state = rt.call('getSidebarState') as { roles: Array<{ column: string; role: string }> };
  expect(Object.fromEntries(state.roles.map((r) => [r.column, r.role]))).toEqual(EXPORT_ROLES[file]);
});
