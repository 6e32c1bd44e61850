/**
 * What a new user gets from the BUILT add-on: their Shopify, WooCommerce and Stripe
 * exports (customers in one tab, their orders / payments export in another, as Sheets types them)
 * get the documented roles, untouched codes, no made-up values, flags on exactly the doubtful
 * cells, the planted duplicates and no others, a prediction of the spend column under its own
 * name, RFM and churn from the orders, recommendations when products are known, and the KPI block
 * — with no setup (the orders tab is found by itself). Expected outcomes come from the truth the
 * fixtures were made from (tools/make-realworld-fixtures.py) and the hand-checked role maps.
 */
import type { Cell } from '../../src/core/table';
import { duplicateGroups, runAddon, sentences, type AddonRun } from './addon';
import { SHOPIFY_ROLES, STRIPE_ROLES, WOOCOMMERCE_ROLES } from './expected-roles';
import { AS_OF_DATE, buyers, truth, type CustomerTruth } from './load';

const DAY = 86400000;
const same = (a: Cell, b: Cell): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
const daysBefore = (iso: string): number => (AS_OF_DATE.getTime() - Date.parse(`${iso}T00:00:00Z`)) / DAY;

/** Every user cell of the named columns is exactly as typed after the run. */
function expectUntouched(run: AddonRun, columns: string[]): void {
  const header = run.before[0].map(String);
  const changed: string[] = [];
  for (const c of columns) {
    const j = header.indexOf(c);
    expect([c, j >= 0]).toEqual([c, true]);
    for (let r = 1; r < run.before.length; r++) if (!same(run.before[r][j], run.after[r][j])) changed.push(`${c} row ${r + 1}: ${String(run.before[r][j])} → ${String(run.after[r][j])}`);
  }
  expect(changed).toEqual([]);
}

/** No cell anywhere in the customer sheet carries CDM's "filled" note. */
function expectNothingFilled(run: AddonRun): void {
  const notes = run.rt.snapshot('Customers').notes.flat().filter((n) => n !== '');
  expect(notes).toEqual([]);
  expect(run.summary.cellsImputed).toBe(0);
}

/** The KPI table's value for a figure. */
function figure(run: AddonRun, label: string): Cell {
  const values = run.rt.sheetValues('CDM Analysis');
  const row = values.find((r) => r[0] === label);
  if (!row) throw new Error(`no figure ${label}`);
  return row[1];
}

/** RFM and churn on the rows of customers who bought, by the key that links them; churn against when they last bought. */
function expectRfmAndChurn(run: AddonRun, keyColumn: string, per: Record<string, CustomerTruth>, keyOf = (c: Cell) => String(c).trim().toLowerCase()): void {
  const keys = run.column(keyColumn).map(keyOf);
  const rfm = run.column('CDM RFM');
  const churn = run.column('CDM Churn Risk').map(String);
  const bought = new Map(buyers(per));
  let scored = 0;
  let gone = 0;
  let recent = 0;
  keys.forEach((k, i) => {
    const t = bought.get(k);
    if (!t || t.orders === 0) return;
    // A customer listed twice in the sheet gets their facts on the first of their rows only.
    if (keys.indexOf(k) !== i) return;
    expect([k, rfm[i]]).toEqual([k, expect.stringMatching(/^[1-5]{3} \S/)]);
    scored++;
    if (t.orders >= 3 && t.last && daysBefore(t.last) > 365) { gone++; expect([k, churn[i]]).toEqual([k, expect.stringMatching(/^high: /)]); }
    if (t.orders >= 3 && t.last && daysBefore(t.last) <= 14) { recent++; expect([k, churn[i]]).toEqual([k, expect.not.stringMatching(/^high/)]); }
  });
  expect(scored).toBeGreaterThan(150);
  expect(gone).toBeGreaterThan(5);
  expect(recent).toBeGreaterThan(5);
}

/** Recommendations: for most buyers, never a product they already bought. */
function expectRecommendations(run: AddonRun, keyColumn: string, per: Record<string, CustomerTruth>): void {
  const keys = run.column(keyColumn).map((c) => String(c).trim().toLowerCase());
  const rec = run.column('CDM Recommended').map(String);
  let offered = 0;
  keys.forEach((k, i) => {
    const t = per[k];
    if (!t?.products || rec[i] === '' || keys.indexOf(k) !== i) return;
    offered++;
    for (const p of rec[i].split(', ')) expect([k, p, t.products.includes(p)]).toEqual([k, p, false]);
  });
  expect(offered).toBeGreaterThan(100);
}

describe('Shopify: customers export + orders export in a second tab', () => {
  let run: AddonRun;
  beforeAll(() => { run = runAddon('shopify-customers.csv', 'shopify-orders.csv'); });

  test('roles: the sidebar shows the documented mapping of the typed sheet', () => {
    const state = run.rt.call('getSidebarState') as { roles: Array<{ column: string; role: string }> };
    expect(Object.fromEntries(state.roles.map((r) => [r.column, r.role]))).toEqual(SHOPIFY_ROLES);
  });

  test('codes untouched: ids, ZIPs with their leading zeros, province and country codes, tags, consent, notes', () => {
    expectUntouched(run, ['Customer ID', 'Default Address Zip', 'Default Address Province Code', 'Default Address Country Code', 'Tags',
      'Default Address Company', 'Note', 'Accepts Email Marketing', 'Accepts SMS Marketing', 'Tax Exempt']);
    const zips = run.column('Default Address Zip');
    expect(zips.filter((z) => typeof z === 'string' && z.startsWith('0')).length).toBe(truth.shopify.leadingZeroZips);
    expect(run.column('Customer ID').every((id) => typeof id === 'string' && /^\d{13}$/.test(id))).toBe(true);
  });

  test('nothing made up: blank Tags and Company stay blank', () => {
    expectNothingFilled(run);
    expect(run.column('Tags').filter((v) => v === '').length).toBe(truth.shopify.blankTags);
    expect(run.column('Default Address Company').filter((v) => v === '').length).toBe(truth.shopify.blankCompany);
  });

  test('flags exactly where a value is doubtful (the broken e-mail, the too-short phone), kept as typed', () => {
    const flags = run.column('CDM Flags');
    const flagged = flags.map((f, i) => (f !== '' ? i : -1)).filter((i) => i >= 0);
    expect(flagged).toEqual(truth.shopify.doubtful.map((d) => d.row).sort((a, b) => a - b));
    for (const d of truth.shopify.doubtful) expect(String(flags[d.row])).toContain(String(run.before[d.row + 1][run.at(d.column)]));
  });

  test('duplicates: the eight people with a second (work) account, no others', () => {
    expect(duplicateGroups(run)).toEqual(truth.shopify.duplicatePairs);
  });

  test('the orders tab is found and read, said in plain words', () => {
    expect(run.summary.messages).toEqual(expect.arrayContaining([
      'Orders read from the sheet "Orders" (found by itself: it holds order lines; its customers matched by Email ↔ Email). Choose another orders sheet, or none, in the options.',
    ]));
  });

  test('prediction of Total Spent under its own name, never negative, cross-validated', () => {
    const p = run.column('CDM Predicted Spend');
    expect(p.every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(run.summary.r2cv).toBeGreaterThan(0.8);
    expect(sentences(run.analysis)).toEqual(expect.arrayContaining([expect.stringMatching(/^Total Spent can be predicted with a cross-validated R² of 0\.\d\d; Total Orders matters most\.$/)]));
  });

  test('RFM and churn risk from the orders', () => expectRfmAndChurn(run, 'Email', truth.shopify.perCustomer));
  test('recommendations from the line items', () => expectRecommendations(run, 'Email', truth.shopify.perCustomer));

  test('KPIs: revenue, guests and voided orders as the truth says; 5–8 sentences on top', () => {
    expect(run.analysis.indexOf('What the figures say')).toBeLessThan(5);
    const said = sentences(run.analysis);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said.length).toBeLessThanOrEqual(8);
    expect(figure(run, 'Revenue')).toBeCloseTo(truth.shopify.revenue, 2);
    expect(figure(run, 'Guest order lines')).toBe(truth.shopify.guest.lines);
    expect(said).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^Counted apart: ${truth.shopify.guest.lines} guest order lines \\(5% of revenue, never given to a customer\\); \\d+ cancelled, voided or failed orders \\(neither revenue nor orders\\)\\.$`)),
    ]));
  });
});

describe('WooCommerce: customers download + orders download in a second tab', () => {
  let run: AddonRun;
  beforeAll(() => { run = runAddon('woocommerce-customers.csv', 'woocommerce-orders.csv'); });

  test('roles as documented (Country / Region and Region hold codes)', () => {
    const state = run.rt.call('getSidebarState') as { roles: Array<{ column: string; role: string }> };
    expect(Object.fromEntries(state.roles.map((r) => [r.column, r.role]))).toEqual(WOOCOMMERCE_ROLES);
  });

  test('codes untouched; each ZIP that lost its leading zero on import is flagged, never guessed back', () => {
    expectUntouched(run, ['Username', 'Country / Region', 'Region', 'Postal code', 'City']);
    const zips = run.column('Postal code');
    const flags = run.column('CDM Flags').map(String);
    const lost = zips.map((z, i) => (typeof z === 'number' && String(z).length === 4 ? i : -1)).filter((i) => i >= 0);
    expect(lost.length).toBe(truth.woocommerce.leadingZeroZips);
    expect(flags.map((f, i) => (f !== '' ? i : -1)).filter((i) => i >= 0)).toEqual(lost);
    for (const i of lost) expect(flags[i]).toContain(`(0${zips[i]})`);
  });

  test('nothing made up; duplicates: the guests who later registered, no others', () => {
    expectNothingFilled(run);
    expect(duplicateGroups(run)).toEqual(truth.woocommerce.duplicatePairs);
  });

  test('prediction, RFM, churn and recommendations (customers linked by name, as the orders report writes them)', () => {
    expect(run.summary.r2cv).toBeGreaterThan(0.8);
    expect(run.column('CDM Predicted Spend').every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(run.summary.messages).toEqual(expect.arrayContaining([expect.stringContaining('its customers matched by Customer ↔ Name')]));
    expectRfmAndChurn(run, 'Name', truth.woocommerce.perCustomer);
    expectRecommendations(run, 'Name', truth.woocommerce.perCustomer);
  });

  test('KPIs: guest orders stay guests; refund rows taken off', () => {
    const said = sentences(run.analysis);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said.length).toBeLessThanOrEqual(8);
    const buyersRevenue = buyers(truth.woocommerce.perCustomer).reduce((s, [, v]) => s + v.revenue, 0);
    expect(figure(run, 'Revenue')).toBeCloseTo(buyersRevenue + truth.woocommerce.guest.revenue, 2);
  });
});

describe('Stripe: customers export + payments export (usd and eur) in a second tab', () => {
  let run: AddonRun;
  beforeAll(() => { run = runAddon('stripe-customers.csv', 'stripe-payments.csv'); });

  test('roles as documented; a column with one value on every row is set aside, and says why', () => {
    const state = run.rt.call('getSidebarState') as { roles: Array<{ column: string; role: string; reason: string }> };
    const roles = Object.fromEntries(state.roles.map((r) => [r.column, r.role]));
    // Dispute Losses is 0.00 on every row of this account: nothing to learn from, whatever it means.
    expect(roles).toEqual({ ...STRIPE_ROLES, 'Dispute Losses': 'unknown' });
    expect(state.roles.find((r) => r.column === 'Dispute Losses')!.reason).toMatch(/every value is the same/);
  });

  test('ids untouched, nothing made up, the same e-mail under two customer ids grouped (and nothing else)', () => {
    expectUntouched(run, ['id', 'Email', 'Plan', 'Status', 'tag (metadata)', 'Delinquent']);
    expectNothingFilled(run);
    expect(duplicateGroups(run)).toEqual(truth.stripe.duplicatePairs);
    expect(run.column('CDM Flags').filter((f) => f !== '')).toEqual([]);
  });

  test('€ and $: revenue is the converted amount in one currency, refunds and failed charges taken off', () => {
    const net = buyers(truth.stripe.perCustomer).reduce((s, [, v]) => s + v.revenue, 0);
    expect(figure(run, 'Revenue')).toBeCloseTo(net, 2);
    expect(run.analysis).toEqual(expect.arrayContaining(['Revenue']));
    const values = run.rt.sheetValues('CDM Analysis');
    expect(values.find((r) => r[0] === 'Revenue')![2]).toBe('sum of Converted Amount − Converted Amount Refunded (USD) over the orders, cancellations, refunds and returns taken off');
  });

  test('prediction, RFM and churn by customer id; no recommendation without products, said plainly', () => {
    expect(run.summary.r2cv).toBeGreaterThan(0.8);
    expectRfmAndChurn(run, 'id', truth.stripe.perCustomer);
    expect(run.summary.messages).toEqual(expect.arrayContaining(['Recommendations skipped: needs a product column or a transactions sheet with products.']));
    const said = sentences(run.analysis);
    expect(said.length).toBeGreaterThanOrEqual(5);
    expect(said).toEqual(expect.arrayContaining([expect.stringMatching(/^Total Spend can be predicted with a cross-validated R² of 0\.\d\d; Payment Count matters most\.$/)]));
  });
});
