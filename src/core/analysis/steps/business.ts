/** The business view over a table: revenue in total, by product, by segment and by signup month. */
import type { AnalysisT } from '../../../i18n/analysis';
import { BusinessReport, monthOf, revenueBy } from '../business';
import { ColumnCache } from '../cache';
import { ColumnInfo } from '../columns';
import { PurchaseFacts, signupColumn } from '../customers';
import { OrderRollup } from '../orders';
import { SegmentModel } from '../segment';
import { round2 } from '../values';

export function businessView(cache: ColumnCache, infos: ColumnInfo[], facts: PurchaseFacts, rollup: OrderRollup | null,
  segModel: SegmentModel | null, clusters: Array<number | null> | null, spend: Array<number | null> | null, t: AnalysisT): BusinessReport {
  const revenue = facts.source === 'transactions' ? facts.spend : spend ?? facts.spend;
  const hasRevenue = revenue.some((v) => v !== null);
  const revenueTotal = rollup ? rollup.revenue : hasRevenue ? round2(revenue.reduce<number>((s, v) => s + (v ?? 0), 0)) : null;
  let byProduct: BusinessReport['byProduct'] = [];
  let productMethod: string | null = null;
  if (rollup && rollup.products.size) {
    const total = [...rollup.products.values()].reduce((s, e) => s + e.revenue, 0);
    byProduct = [...rollup.products.entries()]
      .map(([key, e]) => ({ key, customers: e.customers, revenue: round2(e.revenue), share: total ? e.revenue / total : 0 }))
      .sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : 1));
    productMethod = t('productFromTx');
  } else if (hasRevenue && facts.products.some((p) => p.length)) {
    byProduct = revenueBy(facts.products, revenue);
    productMethod = t('productSplit');
  }
  // One key list per segment, shared by its rows (not a new text and list per row).
  const segmentKeys = segModel ? segModel.names.map((name, k) => [`${k + 1} ${name}`]) : [];
  const none: string[] = [];
  const bySegment = clusters && segModel && hasRevenue
    ? revenueBy(clusters.map((c) => (c ? segmentKeys[c - 1] : none)), revenue, 'key')
    : [];
  const signup = signupColumn(infos);
  const bySignupMonth = signup
    ? revenueBy(cache.time(signup).map((v) => (v === null ? [] : [monthOf(v)])), hasRevenue ? revenue : revenue.map(() => 0), 'key')
    : [];
  return { revenueTotal, byProduct, productMethod, bySegment, bySignupMonth, signupColumn: signup };
}
