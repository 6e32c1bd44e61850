/**
 * Orders through the command line (`node dist/cli.cjs`; run `npm run build` first): an orders
 * export given as the input becomes one row per customer, and `--transactions FILE` feeds a
 * customer file. Expected RFM labels are worked out by hand in orders.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../../src/core/csv';
import { FIXTURES } from './load';

const CLI = path.resolve(__dirname, '../../../dist/cli.cjs');
let dir: string;
const cdm = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
  dir = mkdtempSync(path.join(tmpdir(), 'cdm-orders-'));
  copyFileSync(path.join(FIXTURES, 'orders.csv'), path.join(dir, 'orders.csv'));
  writeFileSync(path.join(dir, 'customers.csv'), 'CustomerID,Name\n17850,Ann Lee\n13047.0,Bob Ray\n12583,Cy Dee\n14527,Di Fox\n15100,Ed Gu\n99999,Flo Ho\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an orders export as the input: one row per customer, guests kept out, said on stdout', () => {
  const r = cdm('analyze', 'orders.csv', '--out', 'out.csv', '--asof', '2011-01-01');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('orders.csv holds order lines, not customers: 19 lines rolled up into 5 customers (3 guest lines kept as guests, 2 cancelled, voided or returned lines bought nothing).');
  const out = parseCsv(readFileSync(path.join(dir, 'out.csv'), 'utf8'));
  expect(out.rows.map((row) => row[0])).toEqual(['17850', '13047', '12583', '14527', '15100']);
  expect(out.rows.map((row) => row[out.header.indexOf('CDM RFM')])).toEqual(['353 Loyal', '444 Loyal', '115 Lost', '211 Hibernating', '512 New']);
  // The input file is never a write target.
  expect(readFileSync(path.join(dir, 'orders.csv'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'orders.csv'), 'utf8'));
});

test('--transactions FILE: facts land on the matching customer rows, every input row kept in order', () => {
  const r = cdm('analyze', 'customers.csv', '--transactions', 'orders.csv', '--out', 'out2.csv', '--asof', '2011-01-01');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const out = parseCsv(readFileSync(path.join(dir, 'out2.csv'), 'utf8'));
  expect(out.rows.map((row) => row[0])).toEqual(['17850', '13047.0', '12583', '14527', '15100', '99999']);
  expect(out.rows.map((row) => row[out.header.indexOf('CDM RFM')])).toEqual(['353 Loyal', '444 Loyal', '115 Lost', '211 Hibernating', '512 New', '']);
});

test('--transactions with a missing file says so and writes nothing', () => {
  const r = cdm('analyze', 'customers.csv', '--transactions', 'nope.csv', '--out', 'out3.csv');
  expect(r.code).not.toBe(0);
  expect(r.err).toContain('The file nope.csv was not found');
  expect(existsSync(path.join(dir, 'out3.csv'))).toBe(false);
});
