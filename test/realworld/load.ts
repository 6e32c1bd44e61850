/**
 * The real-world export fixtures (test/fixtures/realworld/, made by tools/make-realworld-fixtures.py)
 * and the truth they were made from.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/core/csv';
import type { Table } from '../../src/core/table';

export const REALWORLD = path.resolve(__dirname, '../fixtures/realworld');
export const ROOT = path.resolve(__dirname, '../..');
export const AS_OF = '2025-06-30';
export const AS_OF_DATE = new Date(Date.UTC(2025, 5, 30));

/** A fixture as the CLI reads it: every cell a string. */
export function fixture(file: string): Table {
  return parseCsv(fs.readFileSync(path.join(REALWORLD, file), 'utf8'));
}

export interface CustomerTruth { orders: number; revenue: number; first: string | null; last: string | null; products?: string[] }
export interface Truth {
  asOf: string;
  families: string[][];
  stopped: Record<string, string>;
  shopify: {
    customers: number; orderLines: number; duplicatePairs: number[][]; doubtful: Array<{ row: number; column: string }>;
    leadingZeroZips: number; blankTags: number; blankCompany: number;
    guest: { lines: number; orders: number; revenue: number }; perCustomer: Record<string, CustomerTruth>; revenue: number;
  };
  woocommerce: { customers: number; orderRows: number; duplicatePairs: number[][]; leadingZeroZips: number; guest: { orders: number; revenue: number }; perCustomer: Record<string, CustomerTruth> };
  stripe: { customers: number; payments: number; failed: number; duplicatePairs: number[][]; currencies: { usd: number; eur: number }; perCustomer: Record<string, CustomerTruth> };
  onlineRetail: { lines: number; customers: number; guest: { lines: number; revenue: number }; cancelled: { lines: number; amount: number }; perCustomer: Record<string, CustomerTruth> };
}

export const truth: Truth = JSON.parse(fs.readFileSync(path.join(REALWORLD, 'truth.json'), 'utf8'));

export const col = (t: Table, c: string): unknown[] => {
  const at = t.header.indexOf(c);
  if (at < 0) throw new Error(`no column ${c} in ${t.header.join(', ')}`);
  return t.rows.map((r) => r[at]);
};

/** The customers that bought something (truth lists every key that placed an order). */
export const buyers = (per: Record<string, CustomerTruth>): Array<[string, CustomerTruth]> =>
  Object.entries(per).filter(([, v]) => v.orders > 0 || Math.abs(v.revenue) > 0.005);
