/**
 * Churn risk: how long since the last purchase, against how often this customer usually
 * buys ((last − first) / (orders − 1)). Customers with fewer than two purchases are compared
 * with the population's typical gap instead.
 */
import { analysisText, type AnalysisT } from '../../i18n/analysis';
import { DAY_MS } from './values';

export type ChurnLevel = 'low' | 'medium' | 'high' | '';

/** When nobody has two purchases to learn from: medium after 90 days, high after 180. */
export const DEFAULT_GAP_DAYS = 90;
/** A customer who bought twice in one week is not "late" after eight days. */
export const MIN_GAP_DAYS = 7;

const days = (n: number, t: AnalysisT): string => (n === 1 ? t('churnDay') : t('churnDays', { n }));
const EN = analysisText('en');

/** The customer's own typical gap in days, or null when it cannot be known. */
export function typicalGapDays(firstPurchase: Date | null, lastPurchase: Date | null, orders: number | null): number | null {
  return typicalGapAt(firstPurchase ? firstPurchase.getTime() : null, lastPurchase ? lastPurchase.getTime() : null, orders);
}

export function churnRisk(
  input: { lastPurchase: Date | null; orders: number | null; firstPurchase: Date | null },
  asOf: Date,
  population?: { typicalGapDays: number },
): { risk: ChurnLevel; reason: string } {
  const { risk, reason } = churnRiskAt(input.lastPurchase ? input.lastPurchase.getTime() : null, input.firstPurchase ? input.firstPurchase.getTime() : null,
    input.orders, asOf.getTime(), population);
  return { risk, reason };
}

/** Own gap from epoch times; see typicalGapDays. */
export function typicalGapAt(first: number | null, last: number | null, orders: number | null): number | null {
  if (first === null || last === null || orders === null || orders < 2) return null;
  const span = (last - first) / DAY_MS;
  return span > 0 ? span / (orders - 1) : null;
}

/** churnRisk on epoch milliseconds, for whole columns without building Dates. */
export function churnRiskAt(last: number | null, first: number | null, orders: number | null, asOf: number,
  population?: { typicalGapDays: number }, t: AnalysisT = EN): { risk: ChurnLevel; reason: string; sinceDays: number | null; gapDays: number | null; own: boolean } {
  if (last === null) return { risk: '', reason: t('churnNoLast'), sinceDays: null, gapDays: null, own: false };
  const sinceDays = Math.max(0, Math.floor((asOf - last) / DAY_MS));
  const own = typicalGapAt(first, last, orders);
  const gap = Math.max(MIN_GAP_DAYS, own ?? population?.typicalGapDays ?? DEFAULT_GAP_DAYS);
  const params = { since: days(sinceDays, t), gap: days(Math.round(gap), t) };
  const reason = own !== null ? t('churnOwn', params) : population ? t('churnPopulation', params) : t('churnUnknownPattern', params);
  const risk: ChurnLevel = sinceDays > 2 * gap ? 'high' : sinceDays > gap ? 'medium' : 'low';
  return { risk, reason, sinceDays, gapDays: gap, own: own !== null };
}

const RISK_KEY = { high: 'riskHigh', medium: 'riskMedium', low: 'riskLow' } as const;

/** The risk level in the user's words. */
export const riskWord = (risk: Exclude<ChurnLevel, ''>, t: AnalysisT = EN): string => t(RISK_KEY[risk]);

export const churnLabel = (c: { risk: ChurnLevel; reason: string }, t: AnalysisT = EN): string =>
  (c.risk ? t('churnLabel', { risk: riskWord(c.risk, t), reason: c.reason }) : '');
