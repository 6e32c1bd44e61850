/** The RFM step: recency, frequency and monetary scores per customer from the purchase facts. */
import type { AnalysisT } from '../../../i18n/analysis';
import { PurchaseFacts } from '../customers';
import { RfmReport, StepOut } from '../report';
import { rfmLabel, rfmScores, RfmScore } from '../rfm';
import { DAY_MS } from '../values';

/** Customers needed before quintiles mean anything. */
export const MIN_ROWS_FOR_RFM = 5;

export function rfmStep(facts: PurchaseFacts, asOf: Date, n: number, t: AnalysisT): StepOut<RfmReport> & { scores?: RfmScore[] } {
  const missing = (['last', 'orders', 'spend'] as const).filter((k) => facts[k].every((v) => v === null));
  if (missing.length) {
    const words = { last: t('wordLastPurchase'), orders: t('wordOrderCount'), spend: t('wordTotalSpend') };
    const list = missing.map((m) => words[m]).join(', ');
    return { skipped: t('skipRfmNeeds', { what: t(missing.length > 1 ? 'skipRfmNeedMany' : 'skipRfmNeedOne', { list }) }) };
  }
  const recency = facts.last.map((v) => (v === null ? NaN : Math.max(0, (asOf.getTime() - v) / DAY_MS)));
  const freq = facts.orders.map((v) => (v === null ? NaN : v));
  const money = facts.spend.map((v) => (v === null ? NaN : v));
  const complete = recency.filter((r, i) => !Number.isNaN(r) && !Number.isNaN(freq[i]) && !Number.isNaN(money[i])).length;
  if (complete < MIN_ROWS_FOR_RFM) return { skipped: t('skipRfmTooFew', { n: complete, min: MIN_ROWS_FOR_RFM }) };
  const scores = rfmScores(recency, freq, money);
  const counts = new Map<string, number>();
  for (const s of scores) if (s.segment) counts.set(s.segment, (counts.get(s.segment) ?? 0) + 1);
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    scores,
    labels: rfmLabels(scores, t),
    report: {
      source: facts.source, from: facts.from, scored,
      segments: [...counts.entries()].map(([segment, c]) => ({ segment, customers: c, share: c / Math.max(1, n) })).sort((a, b) => b.customers - a.customers),
    },
  };
}

/**
 * Each customer's label; customers with the same three scores share one text (at most 125 of
 * them), so 100k rows hold a hundred strings rather than 100k copies.
 */
function rfmLabels(scores: RfmScore[], t: AnalysisT): string[] {
  const byScores = new Map<number, string>();
  return scores.map((s) => {
    const key = s.r * 100 + s.f * 10 + s.m;
    let label = byScores.get(key);
    if (label === undefined) { label = rfmLabel(s, t); byScores.set(key, label); }
    return label;
  });
}
