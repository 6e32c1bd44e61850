/**
 * A per-category-spend sheet of our own making (test/fixtures/analysis/marketing.csv, the layout
 * of the well-known marketing campaign data set), analysed end to end.
 *
 * Where each expected value comes from:
 * - derived age / spend / orders / last purchase: worked out in this file from the CSV cells;
 * - the spend regression and the Response logistic regression: marketing-reference.json, made by
 *   tools/make-marketing-fixtures.py with numpy (lstsq) and scikit-learn (LogisticRegression C=1,
 *   roc_auc_score) from CDM's documented rules, on CDM's seeded folds replicated in Python;
 * - KPIs: computed in this file from the CSV cells with the formulas the sheet states.
 */
import * as path from 'path';
import { analyseTable } from '../../../src/core/analysis';
import type { Roles, Table } from '../../../src/core/table';
import { expectClose, FIXTURES, fixture, readCsv } from './load';

const asOf = new Date(Date.UTC(2015, 0, 1));
const MNT = ['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds'];
export const MARKETING_ROLES: Roles = {
  ID: 'id', Year_Birth: 'birth_year', Education: 'category', Marital_Status: 'category', Income: 'money', Kidhome: 'count',
  Teenhome: 'count', Dt_Customer: 'date', Recency: 'number', ...Object.fromEntries(MNT.map((m) => [m, 'money'])),
  NumDealsPurchases: 'count', NumWebPurchases: 'count', NumCatalogPurchases: 'count', NumStorePurchases: 'count',
  NumWebVisitsMonth: 'count', AcceptedCmp1: 'boolean', AcceptedCmp2: 'boolean', Complain: 'boolean',
  Z_CostContact: 'number', Z_Revenue: 'number', Response: 'boolean',
};

const sheet = readCsv(path.join(FIXTURES, 'marketing.csv'));
const ref = fixture('marketing-reference.json');
const cell = (t: Table, row: number, c: string): unknown => t.rows[row][t.header.indexOf(c)];
const num = (row: number, c: string): number => Number(cell(sheet, row, c));

describe('a per-category-spend sheet (marketing layout)', () => {
  const input: Table = { header: sheet.header, rows: sheet.rows.map((r) => r.slice()) };
  const result = analyseTable(input, MARKETING_ROLES, { asOf, seed: 1 });
  const r = result.report;
  const out = result.table;

  test('the user\'s cells are untouched; derived columns are CDM columns', () => {
    expect(out.header.slice(0, sheet.header.length)).toEqual(sheet.header);
    out.rows.forEach((row, i) => expect(row.slice(0, sheet.header.length)).toEqual(sheet.rows[i]));
    expect(out.header).toEqual(expect.arrayContaining(['CDM Age', 'CDM Total Spend', 'CDM Orders', 'CDM Last Purchase']));
    expect(r.derived.columns.map((d) => [d.column, d.from])).toEqual([
      ['CDM Age', ['Year_Birth']],
      ['CDM Total Spend', MNT],
      ['CDM Orders', ['NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases']],
      ['CDM Last Purchase', ['Recency']],
    ]);
    expect(r.derived.leftOut.map((l) => l.column)).toEqual(['NumDealsPurchases']);
  });

  test('derived age, spend, orders and last purchase, by hand', () => {
    for (const row of [0, 1, 2, 57, 299]) {
      expect(cell(out, row, 'CDM Age')).toBe(2015 - num(row, 'Year_Birth'));
      expect(cell(out, row, 'CDM Total Spend')).toBe(MNT.reduce((s, m) => s + num(row, m), 0));
      expect(cell(out, row, 'CDM Orders')).toBe(num(row, 'NumWebPurchases') + num(row, 'NumCatalogPurchases') + num(row, 'NumStorePurchases'));
      const last = cell(out, row, 'CDM Last Purchase') as Date;
      expect(last.getTime()).toBe(asOf.getTime() - num(row, 'Recency') * 86400000);
    }
    // Row 0: 141 + 42 + 38 + 84 + 24 + 4 = 333 spent; 3 + 0 + 2 = 5 orders; born 1981 → 34; Recency 24 → 2014-12-08.
    expect([cell(out, 0, 'CDM Total Spend'), cell(out, 0, 'CDM Orders'), cell(out, 0, 'CDM Age')]).toEqual([333, 5, 34]);
    expect((cell(out, 0, 'CDM Last Purchase') as Date).toISOString().slice(0, 10)).toBe('2014-12-08');
    // Impossible birth years give no age, and a flag with the reason.
    for (const [row, year] of [[7, 1893], [42, 1899], [150, 1900]]) {
      expect(cell(out, row, 'CDM Age')).toBe('');
      expect(String(cell(out, row, 'CDM Flags'))).toContain(`Year_Birth ${year} is not a possible birth year (age ${2015 - year})`);
    }
  });

  test('values worth a look: impossible birth years, the 666666 income, absurd rare categories — and nothing else', () => {
    const flagged = r.outliers.flags!.map((f) => [f.row, f.column, f.kind]);
    expect(flagged).toEqual([
      [7, 'Year_Birth', 'impossible'], [20, 'Marital_Status', 'rare'], [42, 'Year_Birth', 'impossible'],
      [90, 'Marital_Status', 'rare'], [100, 'Income', 'far'], [150, 'Year_Birth', 'impossible'],
    ]);
    expect(ref.ruledRows).toEqual([7, 20, 42, 90, 100, 150]);
    expect(String(cell(out, 100, 'CDM Flags'))).toMatch(/^Income 666666 is far above the rest/);
    expect(String(cell(out, 20, 'CDM Flags'))).toBe('Marital_Status "YOLO" is rare (1 of 300 rows): worth a look; left out of the models');
  });

  test('spend is predicted as spend, matches numpy, and is never negative', () => {
    const p = r.predictions[0];
    expect(p.target).toBe('CDM Total Spend');
    expect(p.column).toBe('CDM Predicted Spend');
    expect(p.rows).toBe(ref.spend.rows.length);
    expect(p.link).toBe(ref.spend.link);
    const coef = Object.fromEntries(p.coefficients.map((c) => [c.feature, c.coefficient]));
    expect(Object.keys(coef).sort()).toEqual(Object.keys(ref.spend.coefficients).sort());
    for (const [f, v] of Object.entries(ref.spend.coefficients)) expectClose(coef[f], v as number, 1e-6, 1e-9);
    expectClose(p.intercept, ref.spend.intercept, 1e-6, 1e-9);
    expectClose(p.cv!.r2, ref.spend.cvR2, 1e-6);
    expectClose(p.cv!.mae, ref.spend.cvMae, 1e-6);
    // The straight line goes below 0 for some customers; CDM shows 0 there and says so.
    expect(ref.spend.negativeWithPlainLine).toBeGreaterThan(0);
    expect(p.clamped).toBe(ref.spend.negativeWithPlainLine);
    expect(p.method).toContain('predictions below 0 are shown as 0');
    const predicted = out.rows.map((row) => row[out.header.indexOf('CDM Predicted Spend')] as number);
    expect(predicted.every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(predicted.filter((v) => v === 0).length).toBeGreaterThanOrEqual(1);
    // The parts of the total are never used to predict it.
    expect(p.features.some((f) => f.startsWith('Mnt'))).toBe(false);
  });

  test('Response gets logistic regression: coefficients and cross-validated AUC match scikit-learn', () => {
    const p = r.predictions[1];
    expect(p.target).toBe('Response');
    expect(p.kind).toBe('yesno');
    expect(p.column).toBe('CDM Response Probability');
    expect(p.rows).toBe(ref.response.rows.length);
    const coef = Object.fromEntries(p.coefficients.map((c) => [c.feature, c.coefficient]));
    for (const [f, v] of Object.entries(ref.response.coefficients)) expectClose(coef[f], v as number, 1e-6, 1e-9);
    expectClose(p.intercept, ref.response.intercept, 1e-6);
    expectClose(p.auc!.auc, ref.response.cvAuc, 1e-9);
    expectClose(p.aucInSample!, ref.response.inSampleAuc, 1e-6);
    expect(p.explanation).not.toMatch(/spend|revenue/i);
    const probs = out.rows.map((row) => row[out.header.indexOf('CDM Response Probability')] as number);
    expect(probs.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test('constant columns are never targets; segments are named in words, never after a raw header', () => {
    const again = analyseTable(input, MARKETING_ROLES, { asOf, target: 'Z_Revenue' });
    expect(again.report.predictions).toEqual([]);
    expect(again.report.skipped).toContainEqual({ what: 'spend prediction', reason: 'Z_Revenue: every row has the same value' });
    expect(r.targets.map((c) => c.column)).not.toContain('Z_Revenue');
    expect(r.targets).toContainEqual({ column: 'Response', kind: 'yesno' });
    for (const s of r.segments!.segments) expect(s.name).not.toMatch(/mnt|num[a-z]|year_birth/i);
    expect(r.segments!.features).not.toEqual(expect.arrayContaining(['MntWines']));
  });

  test('RFM and churn run from Recency in days and the derived orders', () => {
    expect(r.skipped.map((s) => s.what)).not.toContain('RFM');
    expect(r.rfm!.from).toMatchObject({ lastPurchase: 'CDM Last Purchase', orders: 'CDM Orders', spend: 'CDM Total Spend' });
    expect(r.churn!.counts.unknown).toBe(0);
  });

  test('KPIs by hand', () => {
    const spend = sheet.rows.map((_, i) => MNT.reduce((s, m) => s + num(i, m), 0));
    const orders = sheet.rows.map((_, i) => num(i, 'NumWebPurchases') + num(i, 'NumCatalogPurchases') + num(i, 'NumStorePurchases'));
    const revenue = spend.reduce((a, b) => a + b, 0);
    const totalOrders = orders.reduce((a, b) => a + b, 0);
    const buyers = orders.filter((o) => o >= 1).length;
    const repeat = orders.filter((o) => o >= 2).length / buyers;
    const k = r.kpis;
    expect(k.revenue).toBe(revenue);
    expect(k.orders).toBe(totalOrders);
    expectClose(k.repeatRate, repeat, 1e-12);
    expectClose(k.aov, revenue / totalOrders, 1e-12);
    expectClose(k.frequency, totalOrders / buyers, 1e-12);
    expectClose(k.clv, ((revenue / totalOrders) * (totalOrders / buyers)) / (1 - repeat), 1e-12);
    const yes = sheet.rows.filter((_, i) => num(i, 'Response') === 1).length;
    expectClose(k.response!.rate, yes / 300, 1e-12);
    // Recency ≤ 90 days counts as still buying.
    expectClose(k.activeShare, sheet.rows.filter((_, i) => num(i, 'Recency') <= 90).length / 300, 1e-12);
    // Every signup month is a cohort line (none dropped): 2012-07 … 2014-06.
    const months = new Set(sheet.rows.map((_, i) => String(cell(sheet, i, 'Dt_Customer')).slice(0, 7)));
    expect(k.cohorts.lines.map((l) => l.cohort)).toEqual([...months].sort());
    expect(k.cohorts.lines.reduce((s, l) => s + l.customers, 0)).toBe(300);
    expect(r.sentences.length).toBeGreaterThanOrEqual(5);
    expect(r.sentences.length).toBeLessThanOrEqual(8);
  });

  test('Chinese: segment names, risk words, RFM names and sentences in Chinese', () => {
    const zh = analyseTable(input, MARKETING_ROLES, { asOf, seed: 1, lang: 'zh' });
    const seg = zh.table.rows.map((row) => String(row[zh.table.header.indexOf('CDM Segment')]));
    expect(seg.every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
    const churn = zh.table.rows.map((row) => String(row[zh.table.header.indexOf('CDM Churn Risk')]));
    expect(churn.every((s) => /^[高中低]：距上次购买/.test(s))).toBe(true);
    for (const s of zh.report.sentences) expect(s).toMatch(/[\u4e00-\u9fff]/);
    // The same numbers as in English.
    expect(zh.report.kpis.revenue).toBe(r.kpis.revenue);
  });
});
