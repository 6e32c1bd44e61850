/**
 * What a new user gets from the BUILT add-on for the two other sheets they have:
 * - a per-category-spend sheet (test/fixtures/analysis/marketing.csv, the marketing-campaign
 *   layout; references computed independently with numpy / scikit-learn by
 *   tools/make-marketing-fixtures.py): derived age / spend / orders / last purchase, the spend
 *   regression and the Response logistic regression equal to the references, flags on the planted
 *   impossible values, only the income gaps filled, RFM and churn from days-since-last-purchase;
 * - an orders export as the only sheet (the UCI layout): no duplicates among one customer's lines,
 *   nothing filled, guests stay guests, each customer's results on every line of theirs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Cell } from '../../src/core/table';
import { duplicateGroups, runAddon, sentences, type AddonRun } from './addon';
import { EXPORT_ROLES } from './expected-roles';
import { buyers, col, fixture, truth } from './load';

const MARKETING = path.resolve(__dirname, '../fixtures/analysis');
const reference = JSON.parse(fs.readFileSync(path.join(MARKETING, 'marketing-reference.json'), 'utf8'));
const same = (a: Cell, b: Cell): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

function figure(run: AddonRun, label: string): Cell {
  const row = run.rt.sheetValues('CDM Analysis').find((r) => r[0] === label);
  if (!row) throw new Error(`no figure ${label}`);
  return row[1];
}

describe('the per-category-spend (marketing) sheet', () => {
  let run: AddonRun;
  // "Today" is the data set's as-of day, as in its references.
  beforeAll(() => { run = runAddon('../analysis/marketing.csv', null, { now: Date.UTC(2015, 0, 1, 9) }); });
  const csv = fixture('../analysis/marketing.csv');

  test('roles: Mnt* money, Num* counts, campaign answers yes/no, birth year, constant Z_* set aside', () => {
    const state = run.rt.call('getSidebarState') as { roles: Array<{ column: string; role: string }> };
    const documented = EXPORT_ROLES['marketing-campaign.csv'];
    expect(Object.fromEntries(state.roles.map((r) => [r.column, r.role]))).toEqual(Object.fromEntries(csv.header.map((h) => [h, documented[h]])));
  });

  test('derived columns, never over the user\'s: CDM Total Spend is the sum of the six Mnt* columns (by hand)', () => {
    const mnt = csv.header.filter((h) => h.startsWith('Mnt'));
    const total = run.column('CDM Total Spend');
    csv.rows.forEach((_, i) => expect(total[i]).toBe(mnt.reduce((s, h) => s + Number(col(csv, h)[i]), 0)));
    expect(run.column('CDM Age').slice(0, 3)).toEqual(col(csv, 'Year_Birth').slice(0, 3).map((y) => 2015 - Number(y)));
    expect(run.after[0].slice(0, csv.header.length)).toEqual(csv.header);
  });

  test('predictions equal the independent references: spend (CV R², numpy) and Response (CV AUC, scikit-learn)', () => {
    expect(Math.abs(run.summary.r2cv! - reference.spend.cvR2)).toBeLessThan(1e-6);
    expect(run.column('CDM Predicted Spend').every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    const p = run.column('CDM Response Probability');
    expect(p.every((v) => typeof v === 'number' && v >= 0 && v <= 1)).toBe(true);
    const values = run.rt.sheetValues('CDM Analysis');
    const head = values.findIndex((r) => r[0] === 'Target' && r[2] === 'AUC (cross-validated)');
    expect(values[head + 1].slice(0, 3)).toEqual(['Response', 294, Math.round(reference.response.cvAuc * 100) / 100]);
    // Every label names its target: no "spend" on the yes/no answer.
    expect(sentences(run.analysis)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^CDM Total Spend can be predicted with a cross-validated R² of 0\.58; CDM Orders matters most\.$/),
      expect.stringMatching(/^Who answers yes to Response can be told apart with a cross-validated AUC of 0\.77 /),
    ]));
  });

  test('flags on the planted impossible birth years, absurd categories and the far-out income; only the income gaps filled', () => {
    const flags = run.column('CDM Flags').map(String);
    const analysed = flags.map((f, i) => (/left out of the models/.test(f) ? i : -1)).filter((i) => i >= 0);
    expect(analysed).toEqual(reference.ruledRows);
    const income = run.at('Income');
    const notes = run.rt.snapshot('Customers').notes;
    const filled: number[] = [];
    notes.slice(1).forEach((row, i) => row.forEach((n, j) => { if (n !== '') { expect(j).toBe(income); filled.push(i); } }));
    expect(filled).toEqual(csv.rows.map((r, i) => (r[csv.header.indexOf('Income')] === '' ? i : -1)).filter((i) => i >= 0));
    expect(run.summary.cellsImputed).toBe(3);
    // Every other user cell is as typed.
    for (let r = 1; r < run.before.length; r++) {
      for (let c = 0; c < csv.header.length; c++) if (c !== income || !filled.includes(r - 1)) expect(same(run.before[r][c], run.after[r][c])).toBe(true);
    }
  });

  test('segments named in words, RFM for everyone, churn from days since the last purchase (medium past 90 days, by hand)', () => {
    for (const s of run.summary.segments) expect(s.name).not.toMatch(/mnt|num[A-Z]|_/i);
    expect(run.column('CDM RFM').every((v) => /^[1-5]{3} \S/.test(String(v)))).toBe(true);
    const recency = col(csv, 'Recency').map(Number);
    const churn = run.column('CDM Churn Risk').map(String);
    recency.forEach((d, i) => expect([i, churn[i].split(':')[0]]).toEqual([i, d > 90 ? 'medium' : 'low']));
  });

  test('KPIs: revenue = every Mnt* amount, response rate = share of 1s (by hand); no recommendation without products', () => {
    const mnt = csv.header.filter((h) => h.startsWith('Mnt'));
    expect(figure(run, 'Revenue')).toBe(csv.rows.reduce((s, r) => s + mnt.reduce((a, h) => a + Number(r[csv.header.indexOf(h)]), 0), 0));
    const response = col(csv, 'Response').map(Number);
    expect(figure(run, 'Response rate (Response)')).toBeCloseTo(response.filter((x) => x === 1).length / response.length, 4);
    const said = sentences(run.analysis);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said.length).toBeLessThanOrEqual(8);
    expect(run.summary.messages).toEqual(expect.arrayContaining(['Recommendations skipped: needs a product column or a transactions sheet with products.']));
  });
});

describe('an orders export as the only sheet (UCI online-retail layout)', () => {
  let run: AddonRun;
  beforeAll(() => { run = runAddon('online-retail.csv', null); });
  const lines = fixture('online-retail.csv');

  test('roles as documented; the sheet is read as order lines, and the run says so', () => {
    const state = run.rt.call('getSidebarState') as { roles: Array<{ column: string; role: string }> };
    expect(Object.fromEntries(state.roles.map((r) => [r.column, r.role]))).toEqual(EXPORT_ROLES['online-retail.csv']);
    expect(run.summary.messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Duplicates not looked for: this sheet lists orders/),
      expect.stringMatching(/^No gaps were filled: this sheet holds order lines/),
      `This sheet holds order lines, not customers: ${truth.onlineRetail.lines} lines were rolled up into ${truth.onlineRetail.customers} customers, and each customer's results are written on every line of theirs (${truth.onlineRetail.guest.lines} guest lines kept as guests, ${truth.onlineRetail.cancelled.lines} cancelled, voided or returned lines bought nothing).`,
    ]));
  });

  test('one customer\'s lines are not duplicates; nothing filled; every user cell as typed', () => {
    expect(duplicateGroups({ column: (h) => (run.after[0].includes(h) ? run.column(h) : []) })).toEqual([]);
    expect(run.summary.duplicatesFound).toBe(0);
    expect(run.summary.cellsImputed).toBe(0);
    const changed: string[] = [];
    for (let r = 1; r < run.before.length; r++) for (let c = 0; c < lines.header.length; c++) if (!same(run.before[r][c], run.after[r][c])) changed.push(`${lines.header[c]} ${r + 1}`);
    expect(changed).toEqual([]);
    // Blank customer ids (guests) are still blank.
    expect(run.column('CustomerID').filter((v) => v === '').length).toBe(truth.onlineRetail.guest.lines);
  });

  test('guests stay guests; every line of a customer who bought carries their RFM, churn and recommendation', () => {
    const ids = run.column('CustomerID').map((v) => String(v));
    const rfm = run.column('CDM RFM');
    const churn = run.column('CDM Churn Risk');
    const per = new Map(buyers(truth.onlineRetail.perCustomer));
    ids.forEach((id, i) => {
      if (id === '') { expect([rfm[i], churn[i], run.column('CDM Recommended')[i]]).toEqual(['', '', '']); return; }
      if (per.get(id)!.orders > 0) expect([id, rfm[i]]).toEqual([id, expect.stringMatching(/^[1-5]{3} /)]);
    });
  });

  test('KPIs: revenue (customers and guests, C-invoices taken off), guest lines, cancellations as the truth says', () => {
    const revenue = buyers(truth.onlineRetail.perCustomer).reduce((s, [, v]) => s + v.revenue, 0) + truth.onlineRetail.guest.revenue;
    expect(figure(run, 'Revenue')).toBeCloseTo(revenue, 2);
    expect(figure(run, 'Customers')).toBe(truth.onlineRetail.customers);
    expect(figure(run, 'Guest order lines')).toBe(truth.onlineRetail.guest.lines);
    expect(figure(run, 'Cancelled or returned lines')).toBe(truth.onlineRetail.cancelled.lines);
    const said = sentences(run.analysis);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said.length).toBeLessThanOrEqual(8);
  });
});
