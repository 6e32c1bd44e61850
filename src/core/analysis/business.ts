/**
 * The business view: where the money comes from — by product, by segment, by signup month.
 */
import { round2 } from './values';

export interface RevenueLine { key: string; customers: number; revenue: number; share: number }

export interface BusinessReport {
  revenueTotal: number | null;
  byProduct: RevenueLine[];
  /** How product revenue was counted, in words. */
  productMethod: string | null;
  bySegment: RevenueLine[];
  bySignupMonth: RevenueLine[];
  signupColumn: string | null;
}

/** Sums revenue by key; `keys[i]` lists the keys row i counts towards, its revenue split evenly among them. */
export function revenueBy(keys: string[][], revenue: Array<number | null>, sortBy: 'revenue' | 'key' = 'revenue'): RevenueLine[] {
  const acc = new Map<string, { customers: number; revenue: number }>();
  let total = 0;
  keys.forEach((ks, i) => {
    if (ks.length === 0) return;
    const r = revenue[i] ?? 0;
    total += r;
    for (const k of ks) {
      const a = acc.get(k) ?? { customers: 0, revenue: 0 };
      a.customers += 1;
      a.revenue += r / ks.length;
      acc.set(k, a);
    }
  });
  const lines = [...acc.entries()].map(([key, a]) => ({ key, customers: a.customers, revenue: round2(a.revenue), share: total ? a.revenue / total : 0 }));
  return lines.sort(sortBy === 'key' ? (x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) : (x, y) => y.revenue - x.revenue || (x.key < y.key ? -1 : 1));
}

const monthByDay = new Map<number, string>();
/** "2024-07" for an epoch time; memoised by day since a sheet has far fewer days than rows. */
export function monthOf(t: number): string {
  const day = Math.floor(t / 86400000);
  let m = monthByDay.get(day);
  if (m === undefined) { m = new Date(t).toISOString().slice(0, 7); monthByDay.set(day, m); }
  return m;
}
