/**
 * Churn risk: how long since the last purchase, against how often this customer usually
 * buys ((last − first) / (orders − 1)). Customers with fewer than two purchases are compared
 * with the population's typical gap instead.
 */
import { DAY_MS } from './values';

export type ChurnLevel = 'low' | 'medium' | 'high' | '';

/** When nobody has two purchases to learn from: medium after 90 days, high after 180. */
export const DEFAULT_GAP_DAYS = 90;
/** A customer who bought twice in one week is not "late" after eight days. */
export const MIN_GAP_DAYS = 7;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The customer's own typical gap in days, or null when it cannot be known. */
export function typicalGapDays(firstPurchase: Date | null, lastPurchase: Date | null, orders: number | null): number | null {
  return typicalGapAt(firstPurchase ? firstPurchase.getTime() : null, lastPurchase ? lastPurchase.getTime() : null, orders);
}

export function churnRisk(
  input: { lastPurchase: Date | null; orders: number | null; firstPurchase: Date | null },
  asOf: Date,
  population?: { typicalGapDays: number },
): { risk: ChurnLevel; reason: string } {
  return churnRiskAt(input.lastPurchase ? input.lastPurchase.getTime() : null, input.firstPurchase ? input.firstPurchase.getTime() : null,
    input.orders, asOf.getTime(), population);
}

/** Own gap from epoch times; see typicalGapDays. */
export function typicalGapAt(first: number | null, last: number | null, orders: number | null): number | null {
  if (first === null || last === null || orders === null || orders < 2) return null;
  const span = (last - first) / DAY_MS;
  return span > 0 ? span / (orders - 1) : null;
}

/** churnRisk on epoch milliseconds, for whole columns without building Dates. */
export function churnRiskAt(last: number | null, first: number | null, orders: number | null, asOf: number,
  population?: { typicalGapDays: number }): { risk: ChurnLevel; reason: string } {
  if (last === null) return { risk: '', reason: 'no last purchase date' };
  const since = Math.max(0, Math.floor((asOf - last) / DAY_MS));
  const own = typicalGapAt(first, last, orders);
  const gap = Math.max(MIN_GAP_DAYS, own ?? population?.typicalGapDays ?? DEFAULT_GAP_DAYS);
  const usually = own !== null
    ? `usually buys every ${plural(Math.round(gap), 'day')}`
    : population
      ? `customers usually buy every ${plural(Math.round(gap), 'day')}`
      : `no buying pattern known, compared with ${plural(Math.round(gap), 'day')}`;
  const risk: ChurnLevel = since > 2 * gap ? 'high' : since > gap ? 'medium' : 'low';
  return { risk, reason: `${plural(since, 'day')} since last purchase, ${usually}` };
}

export const churnLabel = (c: { risk: ChurnLevel; reason: string }): string => (c.risk ? `${c.risk}: ${c.reason}` : '');
