/**
 * A spreadsheet with a customer sheet, loaded with the built dist/Code.js in the local Apps
 * Script runtime — shared by the intake-form tests and the form bench section.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, Runtime } from '../../runtime/index';

export const ROOT = path.resolve(__dirname, '../..');

export const CUSTOMER_HEADER = [
  'Name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Country', 'Signup Date',
  'Orders', 'Total Spend', 'Product', 'Age', 'Income', 'Notes',
];

const FIRST = ['Maria', 'James', 'Wei', 'Aoife', 'Lukas', 'Chloé', 'Ahmed', 'Yuki', 'Olga', 'Pedro', 'Grace', 'Tomás', 'Ingrid', 'Kofi', 'Priya', 'Sven'];
const LAST = ['Garcia', 'Okafor', 'Zhang', "O'Brien", 'Becker', 'Martin', 'Hassan', 'Tanaka', 'Ivanova', 'Silva', 'Kowalczyk', 'Novak', 'Larsen', 'Mensah', 'Raman', 'Nilsson'];
const STREETS = ['Oak Street', 'Elm Road', 'Harbour Lane', 'Mill Way', 'Church Street', 'Station Road'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Hillview'];
const PRODUCTS = ['Candles', 'Soap', 'Tea', 'Gift box'];

/** `n` distinct customers (US numbers 415-555-01xx style are valid for libphonenumber), deterministic. */
export function customerRows(n: number): Array<Array<string | number | Date>> {
  const rows: Array<Array<string | number | Date>> = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] + (i >= FIRST.length * LAST.length ? String(Math.floor(i / (FIRST.length * LAST.length))) : '');
    const orders = 1 + (i * 7) % 15;
    const income = 30000 + ((i * 7919) % 70) * 1000;
    rows.push([
      `${first} ${last}`,
      `${first}.${last}${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      `+1415${String(2000000 + i).padStart(7, '0')}`,
      `${10 + (i % 90)} ${STREETS[i % STREETS.length]}`,
      CITIES[i % CITIES.length],
      String(94100 + (i % 50)),
      'USA',
      new Date(Date.UTC(2023, i % 12, 1 + (i % 27))),
      orders,
      Math.round(orders * 42.5 + income / 1000),
      PRODUCTS[i % PRODUCTS.length],
      22 + (i * 13) % 50,
      income,
      '',
    ]);
  }
  return rows;
}

export function builtCode(): string {
  const file = path.join(ROOT, 'dist/Code.js');
  if (!fs.existsSync(file)) throw new Error('dist/Code.js is missing: run `npm run build` first');
  return fs.readFileSync(file, 'utf8');
}

export function spreadsheetWithCustomers(n: number, code = builtCode()): Runtime {
  const rt = createRuntime({ code, locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9, 0, 0) });
  rt.fillSheet('Customers', [CUSTOMER_HEADER, ...customerRows(n)], { raw: true });
  const first = rt.spreadsheet.getSheetByName('Sheet1');
  if (first) rt.spreadsheet.deleteSheet(first);
  return rt;
}

/** The form the add-on created (its id is in the FormInfo's URL). */
export function formIdOf(info: { editUrl: string }): string {
  const m = /\/forms\/d\/([^/]+)\/edit/.exec(info.editUrl);
  if (!m) throw new Error(`no form id in ${info.editUrl}`);
  return m[1];
}

/** Stores a document property the way run-state's writeJson does for a value under 8000 characters. */
export function putJsonProperty(rt: Runtime, key: string, value: unknown): void {
  const text = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (text.length > 8000) throw new Error(`${key} is too big for one property in this helper (${text.length})`);
  rt.properties.document.data.set(key, text);
}
