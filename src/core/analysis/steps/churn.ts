/** The churn step: each customer's silence against their own buying rhythm (churn.ts), and the most overdue. */
import { churnLabel, churnRiskAt, typicalGapAt } from '../churn';
import { PurchaseFacts } from '../customers';
import { ChurnReport, REPORT_ROWS, StepOut } from '../report';
import { quantileLinear, sortedNumbers } from '../values';

export function churnStep(facts: PurchaseFacts, asOf: Date, nameOf: (row: number) => string): StepOut<ChurnReport> {
  if (facts.last.every((t) => t === null)) return { skipped: 'needs a last purchase date column (or a transactions sheet)' };
  const gaps = facts.last
    .map((t, i) => typicalGapAt(facts.first[i], t, facts.orders[i]))
    .filter((g): g is number => g !== null);
  const sorted = sortedNumbers(gaps);
  const popGap = sorted.length ? quantileLinear(sorted, 0.5) : null;
  const population = popGap !== null ? { typicalGapDays: popGap } : undefined;
  const counts = { high: 0, medium: 0, low: 0, unknown: 0 };
  const at = asOf.getTime();
  const scored = facts.last.map((t, i) => {
    const c = churnRiskAt(t, facts.first[i], facts.orders[i], at, population);
    counts[c.risk === '' ? 'unknown' : c.risk]++;
    return c;
  });
  const rank = { high: 3, medium: 2, low: 1, '': 0 } as const;
  const overdue = facts.last.map((t) => (t === null ? 0 : asOf.getTime() - t));
  const top = scored
    .map((c, row) => ({ row, risk: c.risk, reason: c.reason }))
    .filter((c) => c.risk === 'high' || c.risk === 'medium')
    .sort((a, b) => rank[b.risk] - rank[a.risk] || overdue[b.row] - overdue[a.row] || a.row - b.row)
    .slice(0, REPORT_ROWS)
    .map((c) => ({ row: c.row, name: nameOf(c.row), risk: c.risk, reason: c.reason }));
  return { labels: scored.map(churnLabel), report: { typicalGapDays: popGap, counts, top } };
}
