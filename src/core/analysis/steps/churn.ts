/** The churn step: each customer's silence against their own buying rhythm (churn.ts), and the most overdue. */
import type { AnalysisT } from '../../../i18n/analysis';
import { ChurnLevel, churnLabel, churnRiskAt, typicalGapAt } from '../churn';
import { PurchaseFacts } from '../customers';
import { ChurnReport, StepOut } from '../report';
import { quantileLinear, sortedNumbers } from '../values';

/** Customers listed by name in the report (the rest are counted and found by filtering the column). */
export const AT_RISK_LISTED = 100;
/** A "regular": this many orders or more, with a rhythm of their own. */
export const REGULAR_ORDERS = 3;

export function churnStep(facts: PurchaseFacts, asOf: Date, nameOf: (row: number) => string, t: AnalysisT): StepOut<ChurnReport> & { risks?: ChurnLevel[] } {
  if (facts.last.every((v) => v === null)) return { skipped: t('skipChurnNeeds') };
  const gaps = facts.last
    .map((v, i) => typicalGapAt(facts.first[i], v, facts.orders[i]))
    .filter((g): g is number => g !== null);
  const sorted = sortedNumbers(gaps);
  const popGap = sorted.length ? quantileLinear(sorted, 0.5) : null;
  const population = popGap !== null ? { typicalGapDays: popGap } : undefined;
  const counts = { high: 0, medium: 0, low: 0, unknown: 0 };
  const at = asOf.getTime();
  let regularsQuiet = 0;
  const scored = facts.last.map((v, i) => {
    const c = churnRiskAt(v, facts.first[i], facts.orders[i], at, population, t);
    counts[c.risk === '' ? 'unknown' : c.risk]++;
    if (c.risk === 'high' && c.own && (facts.orders[i] ?? 0) >= REGULAR_ORDERS) regularsQuiet++;
    return c;
  });
  const rank = { high: 3, medium: 2, low: 1, '': 0 } as const;
  const overdue = facts.last.map((v) => (v === null ? 0 : asOf.getTime() - v));
  const atRisk = scored
    .map((c, row) => ({ row, risk: c.risk, reason: c.reason }))
    .filter((c) => c.risk === 'high' || c.risk === 'medium')
    .sort((a, b) => rank[b.risk] - rank[a.risk] || overdue[b.row] - overdue[a.row] || a.row - b.row);
  const top = atRisk.slice(0, AT_RISK_LISTED).map((c) => ({ row: c.row, name: nameOf(c.row), risk: c.risk, reason: c.reason }));
  return {
    risks: scored.map((c) => c.risk),
    labels: scored.map((c) => churnLabel(c, t)),
    report: { typicalGapDays: popGap, counts, top, more: atRisk.length - top.length, regularsQuiet },
  };
}
