/**
 * What a new user gets from the command line they run (`node dist/cli.cjs run IN.csv
 * --transactions ORDERS.csv --out OUT.csv --report R.json`; run `npm run build` first), on the
 * real-world exports: roles, untouched codes, no made-up values, flags, duplicates, the prediction
 * under its target's name, RFM, churn, recommendations and the KPI summary, checked against the
 * truth the fixtures were made from, the hand-checked role maps and the marketing references.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../src/core/csv';
import type { Roles, Table } from '../../src/core/table';
import { duplicateGroups } from './addon';
import { EXPORT_ROLES, SHOPIFY_ROLES, STRIPE_ROLES, WOOCOMMERCE_ROLES } from './expected-roles';
import { buyers, col, fixture, REALWORLD, ROOT, truth, type CustomerTruth } from './load';

const CLI = path.join(ROOT, 'dist/cli.cjs');
const MARKETING = path.join(ROOT, 'test/fixtures/analysis');
let dir: string;

interface CliRun { code: number | null; out: string; err: string; table: Table; report: Record<string, any> }

function cdm(input: string, orders: string | null, asof = '2025-06-30'): CliRun {
  const name = path.basename(input, '.csv');
  const args = [CLI, 'run', input, '--out', path.join(dir, `${name}.out.csv`), '--report', path.join(dir, `${name}.json`), '--asof', asof, '--quiet'];
  if (orders) args.push('--transactions', orders);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180000 });
  const table = parseCsv(readFileSync(path.join(dir, `${name}.out.csv`), 'utf8'));
  return { code: r.status, out: r.stdout, err: r.stderr, table, report: JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) };
}

const rolesOf = (run: CliRun): Roles => Object.fromEntries(run.report.roles.map((d: { column: string; role: string }) => [d.column, d.role]));
const column = (run: CliRun) => (h: string) => col(run.table, h) as string[];
const flaggedRows = (run: CliRun): number[] => column(run)('CDM Flags').map((f, i) => (f !== '' ? i : -1)).filter((i) => i >= 0);

/** The user's columns of OUT.csv are the input's, cell for cell. */
function expectUntouched(run: CliRun, input: Table, columns: string[]): void {
  for (const c of columns) expect([c, col(run.table, c)]).toEqual([c, col(input, c)]);
}

function expectAnalysis(run: CliRun, per: Record<string, CustomerTruth>, opts: { products: boolean }): void {
  const a = run.report.analysis;
  const n = buyers(per).filter(([, v]) => v.orders > 0).length;
  expect(run.report.summary.r2cv).toBeGreaterThan(0.8);
  expect(a.predictions[0].column).toBe('CDM Predicted Spend');
  expect(column(run)('CDM Predicted Spend').every((v) => Number(v) >= 0)).toBe(true);
  expect(a.rfm.source).toBe('transactions');
  expect(a.rfm.scored).toBeGreaterThanOrEqual(n - 2);
  expect(a.churn.counts.high + a.churn.counts.medium + a.churn.counts.low).toBe(a.rfm.scored);
  if (opts.products) expect(a.recommendations.recommended).toBeGreaterThan(100);
  else expect(a.recommendations).toBeNull();
  expect(a.sentences.length).toBeGreaterThanOrEqual(5);
  expect(a.sentences.length).toBeLessThanOrEqual(8);
  expect(run.report.summary.cellsImputed).toBe(0);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
  dir = mkdtempSync(path.join(tmpdir(), 'cdm-realworld-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Shopify customers + orders export', () => {
  let run: CliRun;
  const input = fixture('shopify-customers.csv');
  beforeAll(() => { run = cdm(path.join(REALWORLD, 'shopify-customers.csv'), path.join(REALWORLD, 'shopify-orders.csv')); });

  test('runs; roles as documented; codes and "-marked zips as exported', () => {
    expect([run.code, run.err]).toEqual([0, '']);
    expect(rolesOf(run)).toEqual(SHOPIFY_ROLES);
    expectUntouched(run, input, ['Customer ID', 'Default Address Zip', 'Default Address Province Code', 'Default Address Country Code', 'Tags', 'Note',
      'Default Address Company', 'Accepts Email Marketing', 'Accepts SMS Marketing', 'Tax Exempt', 'Email']);
    expect(col(run.table, 'Default Address Zip').filter((z) => String(z).startsWith("'0")).length).toBe(truth.shopify.leadingZeroZips);
  });

  test('flags and duplicates exactly as planted', () => {
    expect(flaggedRows(run)).toEqual(truth.shopify.doubtful.map((d) => d.row).sort((a, b) => a - b));
    expect(duplicateGroups({ column: column(run) })).toEqual(truth.shopify.duplicatePairs);
  });

  test('prediction, RFM, churn, recommendations, KPIs', () => {
    expectAnalysis(run, truth.shopify.perCustomer, { products: true });
    expect(run.report.analysis.kpis.revenue).toBeCloseTo(truth.shopify.revenue, 2);
    expect(run.report.analysis.kpis.guests).toEqual(truth.shopify.guest);
    expect(run.report.analysis.sentences).toEqual(expect.arrayContaining([expect.stringMatching(/^Total Spent can be predicted with a cross-validated R² of 0\.\d\d/)]));
  });
});

describe('WooCommerce customers + orders download', () => {
  let run: CliRun;
  const input = fixture('woocommerce-customers.csv');
  beforeAll(() => { run = cdm(path.join(REALWORLD, 'woocommerce-customers.csv'), path.join(REALWORLD, 'woocommerce-orders.csv')); });

  test('roles, codes (ZIPs as text keep their zeros: nothing to flag), duplicates', () => {
    expect([run.code, run.err]).toEqual([0, '']);
    expect(rolesOf(run)).toEqual(WOOCOMMERCE_ROLES);
    expectUntouched(run, input, ['Username', 'Country / Region', 'Region', 'Postal code', 'Email', 'Name']);
    expect(flaggedRows(run)).toEqual([]);
    expect(duplicateGroups({ column: column(run) })).toEqual(truth.woocommerce.duplicatePairs);
  });

  test('prediction, RFM, churn, recommendations (products without their "2×" counts), KPIs', () => {
    expectAnalysis(run, truth.woocommerce.perCustomer, { products: true });
    for (const p of run.report.analysis.recommendations.products) expect(p.product).not.toMatch(/×/);
    const revenue = buyers(truth.woocommerce.perCustomer).reduce((s, [, v]) => s + v.revenue, 0) + truth.woocommerce.guest.revenue;
    expect(run.report.analysis.kpis.revenue).toBeCloseTo(revenue, 2);
  });
});

describe('Stripe customers + payments export', () => {
  let run: CliRun;
  const input = fixture('stripe-customers.csv');
  beforeAll(() => { run = cdm(path.join(REALWORLD, 'stripe-customers.csv'), path.join(REALWORLD, 'stripe-payments.csv')); });

  test('roles, ids, duplicates (one e-mail, two customer ids)', () => {
    expect([run.code, run.err]).toEqual([0, '']);
    expect(rolesOf(run)).toEqual({ ...STRIPE_ROLES, 'Dispute Losses': 'unknown' });
    expectUntouched(run, input, ['id', 'Email', 'Plan', 'Status', 'tag (metadata)', 'Delinquent']);
    expect(duplicateGroups({ column: column(run) })).toEqual(truth.stripe.duplicatePairs);
  });

  test('prediction, RFM, churn; no recommendation without products; revenue in one currency', () => {
    expectAnalysis(run, truth.stripe.perCustomer, { products: false });
    const net = buyers(truth.stripe.perCustomer).reduce((s, [, v]) => s + v.revenue, 0);
    expect(run.report.analysis.kpis.revenue).toBeCloseTo(net, 2);
    expect(run.report.analysis.kpis.currency).toBe('USD');
    expect(run.report.analysis.kpis.otherCurrencies).toEqual([]);
  });
});

describe('the per-category-spend (marketing) sheet', () => {
  let run: CliRun;
  const reference = JSON.parse(readFileSync(path.join(MARKETING, 'marketing-reference.json'), 'utf8'));
  beforeAll(() => { run = cdm(path.join(MARKETING, 'marketing.csv'), null, '2015-01-01'); });

  test('roles; the spend regression and the Response logistic regression equal the numpy / scikit-learn references', () => {
    expect([run.code, run.err]).toEqual([0, '']);
    const documented = EXPORT_ROLES['marketing-campaign.csv'];
    expect(rolesOf(run)).toEqual(Object.fromEntries(run.report.roles.map((d: { column: string }) => [d.column, documented[d.column]])));
    expect(Math.abs(run.report.summary.r2cv - reference.spend.cvR2)).toBeLessThan(1e-6);
    const response = run.report.analysis.predictions.find((p: { column: string }) => p.column === 'CDM Response Probability');
    expect(Math.abs(response.auc.auc - reference.response.cvAuc)).toBeLessThan(1e-9);
  });

  test('flags on the planted rows; only the three blank incomes filled; RFM and churn for all; segments in words', () => {
    expect(run.report.analysis.outliers.flags.map((f: { row: number }) => f.row).sort((a: number, b: number) => a - b)).toEqual(reference.ruledRows);
    expect(run.report.summary.cellsImputed).toBe(3);
    expect(run.report.analysis.rfm.scored).toBe(300);
    for (const s of run.report.summary.segments) expect(s.name).not.toMatch(/mnt|num[A-Z]|_/i);
  });
});

describe('an orders export as the input (UCI online-retail layout)', () => {
  let run: CliRun;
  beforeAll(() => {
    const args = [CLI, 'run', path.join(REALWORLD, 'online-retail.csv'), '--out', path.join(dir, 'retail.out.csv'), '--report', path.join(dir, 'retail.json'), '--asof', '2025-06-30'];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180000 });
    run = { code: r.status, out: r.stdout, err: r.stderr, table: parseCsv(readFileSync(path.join(dir, 'retail.out.csv'), 'utf8')), report: JSON.parse(readFileSync(path.join(dir, 'retail.json'), 'utf8')) };
  });

  test('one row per customer; guests kept out; said on stdout', () => {
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).toContain(`online-retail.csv holds order lines, not customers: ${truth.onlineRetail.lines} lines rolled up into ${truth.onlineRetail.customers} customers (${truth.onlineRetail.guest.lines} guest lines kept as guests, ${truth.onlineRetail.cancelled.lines} cancelled, voided or returned lines bought nothing).`);
    expect(run.table.rows.length).toBe(truth.onlineRetail.customers);
    expect(col(run.table, 'CustomerID').every((c) => c !== '')).toBe(true);
  });

  test('each customer\'s revenue and orders as the truth says; RFM, churn, recommendations, KPIs', () => {
    const ids = col(run.table, 'CustomerID').map(String);
    const revenue = col(run.table, 'Revenue').map(Number);
    const orders = col(run.table, 'Orders').map(Number);
    ids.forEach((id, i) => {
      const t = truth.onlineRetail.perCustomer[id];
      expect([id, orders[i], Math.round(revenue[i] * 100)]).toEqual([id, t.orders, Math.round(t.revenue * 100)]);
    });
    const a = run.report.analysis;
    expect(a.kpis.revenue).toBeCloseTo(Object.values(truth.onlineRetail.perCustomer).reduce((s, v) => s + v.revenue, 0) + truth.onlineRetail.guest.revenue, 2);
    expect(a.rfm.scored).toBe(truth.onlineRetail.customers);
    expect(a.recommendations.recommended).toBeGreaterThan(100);
    expect(run.report.summary.duplicatesFound).toBe(0);
  });
});
