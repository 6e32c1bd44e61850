/**
 * Recommendations from what customers bought together: for every pair of products, support
 * (share of customers with both), confidence (of those with A, the share with B) and lift
 * (confidence over B's overall share; above 1 means A's buyers pick B more than average).
 * A customer is offered the products they lack that their own products point to most strongly.
 */

export interface ProductStat { product: string; customers: number; support: number }
export interface PairRule { from: string; to: string; together: number; support: number; confidence: number; lift: number }

export interface RecommendReport {
  customers: number;
  products: ProductStat[];
  /** Rules with lift > 1, strongest first (capped for the report). */
  rules: PairRule[];
  /** Per segment, products its customers buy more than customers overall (lift > 1). */
  segmentFavourites: Array<{ segment: number; products: Array<{ product: string; share: number; lift: number }> }>;
  recommended: number;
}

export interface CoOccurrence {
  customers: number;
  products: ProductStat[];
  rules: PairRule[];
}

/** Splits a product cell holding several products ("A, B; C | D"). */
export const splitProducts = (cell: string): string[] =>
  [...new Set(cell.split(/[,;|]/).map((p) => p.trim()).filter((p) => p !== ''))];

/** Minimum customers a pair needs before it is trusted as a rule. */
export const MIN_PAIR_CUSTOMERS = 2;

export function coOccurrence(baskets: string[][]): CoOccurrence {
  const nonEmpty = baskets.filter((b) => b.length > 0);
  const n = nonEmpty.length;
  const count = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  for (const raw of nonEmpty) {
    const basket = [...new Set(raw)];
    for (const a of basket) {
      count.set(a, (count.get(a) ?? 0) + 1);
      let row = pairs.get(a);
      if (!row) { row = new Map(); pairs.set(a, row); }
      for (const b of basket) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
    }
  }
  const products = [...count.entries()]
    .map(([product, c]) => ({ product, customers: c, support: c / n }))
    .sort((x, y) => y.customers - x.customers || (x.product < y.product ? -1 : 1));
  const rules: PairRule[] = [];
  for (const [from, row] of pairs) {
    const cFrom = count.get(from)!;
    for (const [to, together] of row) {
      if (together < MIN_PAIR_CUSTOMERS) continue;
      const confidence = together / cFrom;
      const lift = confidence / (count.get(to)! / n);
      rules.push({ from, to, together, support: together / n, confidence, lift });
    }
  }
  rules.sort((x, y) => y.lift - x.lift || y.confidence - x.confidence || (x.from + x.to < y.from + y.to ? -1 : 1));
  return { customers: n, products, rules };
}

/**
 * Top products the customer has not bought, scored by the strongest confident rule from
 * something they own (lift > 1 only: a product everyone buys anyway is not a tip).
 */
export function recommendFor(basket: string[], model: CoOccurrence, top = 3, index = ruleIndex(model)): string[] {
  const owned = new Set(basket);
  const score = new Map<string, number>();
  for (const p of owned) {
    for (const rule of index.get(p) ?? []) {
      if (owned.has(rule.to) || rule.lift <= 1) continue;
      const s = rule.confidence;
      if (s > (score.get(rule.to) ?? 0)) score.set(rule.to, s);
    }
  }
  const popularity = new Map(model.products.map((p) => [p.product, p.customers]));
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || (popularity.get(b[0])! - popularity.get(a[0])!) || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([p]) => p);
}

export function ruleIndex(model: CoOccurrence): Map<string, PairRule[]> {
  const index = new Map<string, PairRule[]>();
  for (const r of model.rules) {
    const list = index.get(r.from) ?? [];
    list.push(r);
    index.set(r.from, list);
  }
  return index;
}

export interface Favourite { product: string; share: number; lift: number }

/**
 * What each segment buys more than everyone else: share of the segment's customers with the
 * product, over the share among all customers. This is the fallback when baskets hold one
 * product each (nothing is bought together), and fills tips up for small baskets.
 */
export function segmentFavourites(baskets: string[][], clusters: Array<number | null>): Map<number, Favourite[]> {
  const size = new Map<number, number>();
  const inSeg = new Map<number, Map<string, number>>();
  const overall = new Map<string, number>();
  let total = 0;
  baskets.forEach((basket, i) => {
    const c = clusters[i];
    if (c === null || basket.length === 0) return;
    total++;
    size.set(c, (size.get(c) ?? 0) + 1);
    let m = inSeg.get(c);
    if (!m) { m = new Map(); inSeg.set(c, m); }
    for (const p of new Set(basket)) {
      m.set(p, (m.get(p) ?? 0) + 1);
      overall.set(p, (overall.get(p) ?? 0) + 1);
    }
  });
  const out = new Map<number, Favourite[]>();
  for (const [c, m] of inSeg) {
    const n = size.get(c)!;
    const favs: Favourite[] = [];
    for (const [product, k] of m) {
      if (k < MIN_PAIR_CUSTOMERS) continue;
      const share = k / n;
      const lift = share / (overall.get(product)! / total);
      if (lift > 1) favs.push({ product, share, lift });
    }
    favs.sort((a, b) => b.share - a.share || b.lift - a.lift || (a.product < b.product ? -1 : 1));
    out.set(c, favs);
  }
  return out;
}

/** Rule-based tips first, then the segment's favourites the customer does not own yet. */
export function withFavourites(tips: string[], basket: string[], favourites: Favourite[] | undefined, top: number): string[] {
  if (tips.length >= top || !favourites) return tips;
  const out = tips.slice();
  const owned = new Set(basket);
  for (const f of favourites) {
    if (out.length >= top) break;
    if (!owned.has(f.product) && !out.includes(f.product)) out.push(f.product);
  }
  return out;
}
