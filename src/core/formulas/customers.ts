/** =CDM_RFM and =CDM_CHURN: one label per customer from their purchase history. */
import type { Cell } from '../table';
import { toNumber } from '../analysis/values';
import { parseDate } from '../normalize/date';
import { rfmLabel, rfmScores } from '../analysis/rfm';
import { churnLabel, churnRisk, typicalGapDays } from '../analysis/churn';
import { DAY_MS, type FormulaArg, type FormulaResult, fail, failAt, isBlank, isRange, refuseErrors, shapeLike, vector } from './args';

/**
 * Recency may be given as days since the last purchase, or as last-purchase dates. Dates are
 * turned into days before the latest date in the range: RFM scores are quintiles (ranks), so the
 * reference day does not change them, and the formula needs no "today".
 */
function recencyDays(values: Cell[]): Array<number | null> {
  const times = values.map((c) => {
    if (isBlank(c)) return null;
    if (c instanceof Date) return c.getTime();
    if (typeof c === 'string' && toNumber(c) === null) return parseDate(c, null)?.getTime() ?? null;
    return undefined;
  });
  if (times.some((t) => t !== undefined && t !== null)) {
    const latest = times.reduce<number>((m, t) => (typeof t === 'number' && t > m ? t : m), -Infinity);
    return times.map((t) => (typeof t === 'number' ? Math.round((latest - t) / DAY_MS) : null));
  }
  return values.map((c) => (isBlank(c) ? null : toNumber(c)));
}

/** A count or an amount: a date there means the arguments are in the wrong order. */
function amounts(values: Cell[], index: number, name: string, order: string): Array<number | null> {
  return values.map((c, i) => {
    if (c instanceof Date) failAt({ arg: index, name, row: i, column: 0 }, (where) => `${name}: ${where} holds a date, not a number. The order is ${order}`);
    return isBlank(c) ? null : toNumber(c);
  });
}

export function cdmRfm(recency: FormulaArg, frequency: FormulaArg, monetary: FormulaArg): FormulaResult {
  refuseErrors(recency, 0, 'recency');
  refuseErrors(frequency, 1, 'frequency');
  refuseErrors(monetary, 2, 'monetary');
  const r = vector(recency, 'recency');
  const f = vector(frequency, 'frequency');
  const m = vector(monetary, 'monetary');
  if (f.values.length !== r.values.length || m.values.length !== r.values.length) {
    fail('recency, frequency and monetary must have the same number of rows');
  }
  const order = '=CDM_RFM(recency, frequency, monetary)';
  const rd = recencyDays(r.values);
  const fq = amounts(f.values, 1, 'frequency', order);
  const mo = amounts(m.values, 2, 'monetary', order);
  const complete = rd.map((_, i) => rd[i] !== null && fq[i] !== null && mo[i] !== null);
  const idx = complete.flatMap((ok, i) => (ok ? [i] : []));
  if (idx.length === 0) return shapeLike(r.values.map(() => ''), r.across, !isRange(recency));
  const scores = rfmScores(idx.map((i) => rd[i] as number), idx.map((i) => fq[i] as number), idx.map((i) => mo[i] as number));
  const out: Cell[] = r.values.map(() => '');
  idx.forEach((i, j) => { out[i] = rfmLabel(scores[j]); });
  return shapeLike(out, r.across, !isRange(recency));
}

function dateArg(c: Cell): Date | null {
  if (isBlank(c)) return null;
  return parseDate(c instanceof Date || typeof c === 'number' ? c : String(c), null);
}

/** Sheets' day number of 1 January 1970: a purchase "date" before it is a count in the wrong place. */
const FIRST_PLAUSIBLE_SERIAL = 25569;

/** Purchase dates; a small number there (an order count) means the arguments are in the wrong order. */
function purchaseDates(values: Cell[], index: number, name: string, order: string): Array<Date | null> {
  return values.map((c, i) => {
    if (typeof c === 'number' && c < FIRST_PLAUSIBLE_SERIAL) {
      failAt({ arg: index, name, row: i, column: 0 }, (where) => `${name}: ${where} holds ${c}, which is not a purchase date. The order is ${order}`);
    }
    return dateArg(c);
  });
}

/**
 * Churn risk needs "today". Custom functions must be deterministic, so the day is the optional
 * as_of argument; without it, the date the formula is calculated on (the script's time zone).
 * Sheets recalculates a custom function only when its arguments change, so pass TODAY() as
 * as_of to have the risk move with the calendar, or a fixed date for a reproducible sheet.
 */
export function cdmChurn(lastPurchase: FormulaArg, orders: FormulaArg, firstPurchase: FormulaArg, asOf?: FormulaArg, today: () => Date = () => new Date()): FormulaResult {
  refuseErrors(lastPurchase, 0, 'last_purchase');
  refuseErrors(orders, 1, 'orders');
  refuseErrors(firstPurchase, 2, 'first_purchase');
  const last = vector(lastPurchase, 'last_purchase');
  const ord = vector(orders, 'orders');
  const first = isBlank(firstPurchase as Cell) && !isRange(firstPurchase) ? { values: last.values.map(() => '' as Cell), across: last.across } : vector(firstPurchase, 'first_purchase');
  if (ord.values.length !== last.values.length || first.values.length !== last.values.length) {
    fail('last_purchase, orders and first_purchase must have the same number of rows');
  }
  if (isRange(asOf)) fail('as_of must be one date');
  let day: Date;
  if (isBlank(asOf as Cell)) {
    // today() is a calendar date (the add-on passes the spreadsheet's day); its UTC fields are the day.
    const now = today();
    day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  } else {
    const parsed = dateArg(asOf as Cell);
    if (!parsed) fail('as_of must be a date');
    day = parsed;
  }
  const order = '=CDM_CHURN(last_purchase, orders, first_purchase, as_of)';
  const lastDates = purchaseDates(last.values, 0, 'last_purchase', order);
  const counts = amounts(ord.values, 1, 'orders', order);
  const firstDates = purchaseDates(first.values, 2, 'first_purchase', order);
  const inputs = last.values.map((_, i) => ({ lastPurchase: lastDates[i], orders: counts[i], firstPurchase: firstDates[i] }));
  const gaps = inputs
    .map((x) => typicalGapDays(x.firstPurchase, x.lastPurchase, x.orders))
    .filter((g): g is number => g !== null)
    .sort((a, b) => a - b);
  // Customers with one order have no gap of their own: compare them with the range's median gap.
  const population = gaps.length ? { typicalGapDays: gaps[Math.floor((gaps.length - 1) / 2)] } : undefined;
  const out: Cell[] = inputs.map((x) => {
    if (!x.lastPurchase) return '';
    return churnLabel(churnRisk(x, day, population));
  });
  return shapeLike(out, last.across, !isRange(lastPurchase));
}
