/** The business view over a table: revenue in total, by product, by segment and by signup month. */
import { Table } from '../../table';
import { BusinessReport, monthOf, revenueBy } from '../business';
import { ColumnCache } from '../cache';
import { ColumnInfo } from '../columns';
import { PurchaseFacts, signupColumn, transactionRevenueByProduct } from '../customers';
import { SegmentModel } from '../segment';
import { round2 } from '../values';

export function businessView(cache: ColumnCache, infos: ColumnInfo[], facts: PurchaseFacts, tx: Table | null,
  segModel: SegmentModel | null, clusters: Array<number | null> | null, spend: Array<number | null> | null): BusinessReport {
  const revenue = facts.source === 'transactions' ? facts.spend : spend ?? facts.spend;
  const hasRevenue = revenue.some((v) => v !== null);
  const revenueTotal = hasRevenue ? round2(revenue.reduce<number>((s, v) => s + (v ?? 0), 0)) : null;
  let byProduct: BusinessReport['byProduct'] = [];
  let productMethod: string | null = null;
  const fromTx = tx ? transactionRevenueByProduct(tx) : null;
  if (fromTx && fromTx.size) {
    const total = [...fromTx.values()].reduce((s, e) => s + e.revenue, 0);
    byProduct = [...fromTx.entries()]
      .map(([key, e]) => ({ key, customers: e.customers.size, revenue: round2(e.revenue), share: total ? e.revenue / total : 0 }))
      .sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : 1));
    productMethod = 'summed from the transactions sheet';
  } else if (hasRevenue && facts.products.some((p) => p.length)) {
    byProduct = revenueBy(facts.products, revenue);
    productMethod = "each customer's spend split evenly across the products they bought";
  }
  const bySegment = clusters && segModel && hasRevenue
    ? revenueBy(clusters.map((c) => (c ? [`${c} ${segModel.names[c - 1]}`] : [])), revenue, 'key')
    : [];
  const signup = signupColumn(infos);
  const bySignupMonth = signup
    ? revenueBy(cache.time(signup).map((t) => (t === null ? [] : [monthOf(t)])), hasRevenue ? revenue : revenue.map(() => 0), 'key')
    : [];
  return { revenueTotal, byProduct, productMethod, bySegment, bySignupMonth, signupColumn: signup };
}
