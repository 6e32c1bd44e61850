/**
 * Per-customer purchase facts (first and last purchase, orders, spend, products), read either
 * from the customer sheet's own columns or from a transactions sheet linked by customer key.
 */
import { Table } from '../table';
import { customerKey, OrderRollup } from './orders';
import { ColumnInfo, findByHeader } from './columns';
import { splitProducts } from './recommend';
import { ColumnCache } from './cache';
import { textColumn } from './values';

export interface PurchaseFacts {
  source: 'columns' | 'transactions';
  /** Column names (or transaction columns) the facts came from, for the report. */
  from: Record<string, string>;
  last: Array<number | null>;
  first: Array<number | null>;
  orders: Array<number | null>;
  spend: Array<number | null>;
  products: string[][];
  /** Customers in the transactions sheet that matched no row here (transactions source only). */
  unmatched?: number;
}

const LAST = /last|latest|recent/i;
const FIRST = /first|since|join|sign.?up|regist|created|start/i;
const ORDERS = /orders?\b|purchases?\b|visits?\b|transactions?\b|frequency|times|count/i;
const PRODUCT = /product|item|sku|bought|purchased/i;
const SIGNUP = /sign.?up|join|regist|created|customer since|member since|since|^dt_?customer$|enrol|注册/i;

export function productColumn(table: Table, infos: ColumnInfo[]): string | null {
  const hit = infos.find((i) => i.kind !== 'numeric' && i.kind !== 'date' && PRODUCT.test(i.column) && !i.column.startsWith('CDM '));
  return hit && table.rows.length ? hit.column : null;
}

export function signupColumn(infos: ColumnInfo[]): string | null {
  return findByHeader(infos, ['date'], SIGNUP) ?? findByHeader(infos, ['date'], FIRST);
}

/**
 * Facts from the sheet's own columns; a derived column (CDM Orders, CDM Last Purchase) is
 * preferred, and the columns it stands for (`standIns`) are not read on their own.
 */
export function factsFromColumns(table: Table, infos: ColumnInfo[], spendColumn: string | null, cache = new ColumnCache(table), standIns: ReadonlySet<string> = new Set()): PurchaseFacts {
  const usableInfos = infos.filter((i) => !standIns.has(i.column));
  const last = findByHeader(usableInfos, ['date'], LAST);
  const first = findByHeader(usableInfos, ['date'], FIRST, last ? [last] : []);
  const countable = usableInfos.filter((i) => i.kind === 'numeric' && !i.skip && !i.yesno && i.column !== spendColumn);
  const orders = (countable.find((i) => i.column === 'CDM Orders') ?? countable.find((i) => i.role === 'count' || ORDERS.test(i.column)))?.column ?? null;
  const product = productColumn(table, usableInfos);
  const n = table.rows.length;
  const none = (): null[] => new Array(n).fill(null);
  const from: Record<string, string> = {};
  if (last) from.lastPurchase = last;
  if (first) from.firstPurchase = first;
  if (orders) from.orders = orders;
  if (spendColumn) from.spend = spendColumn;
  if (product) from.products = product;
  return {
    source: 'columns',
    from,
    last: last ? cache.time(last) : none(),
    first: first ? cache.time(first) : none(),
    orders: orders ? cache.numeric(orders) : none(),
    spend: spendColumn ? cache.numeric(spendColumn) : none(),
    products: product ? textColumn(table, product).map(splitProducts) : table.rows.map(() => []),
  };
}

/**
 * Facts from a transactions sheet rolled up per customer (orders.ts), matched to this sheet's
 * rows by customer key: whichever customer column (id, email…) holds the most of the
 * transactions' keys. Guests (no key) are never matched to anyone.
 */
export function factsFromRollup(table: Table, rollup: OrderRollup): PurchaseFacts | { skipped: 'no-match' } {
  let best: { column: number; hits: number } = { column: -1, hits: 0 };
  table.header.forEach((h, c) => {
    if (h.startsWith('CDM ')) return;
    let hits = 0;
    for (const r of table.rows) { const k = customerKey(r[c]); if (k !== '' && rollup.customers.has(k)) hits++; }
    if (hits > best.hits) best = { column: c, hits };
  });
  if (best.column < 0) return { skipped: 'no-match' };
  const n = table.rows.length;
  const facts: PurchaseFacts = {
    source: 'transactions',
    from: { customer: `${rollup.columns.customer} ↔ ${table.header[best.column]}` },
    last: new Array(n).fill(null), first: new Array(n).fill(null), orders: new Array(n).fill(null), spend: new Array(n).fill(null),
    products: table.rows.map(() => []),
    unmatched: 0,
  };
  const c = rollup.columns;
  if (c.date) facts.from.date = c.date;
  const amount = c.amount ?? (c.quantity && c.price ? `${c.quantity} × ${c.price}` : null);
  if (amount) facts.from.amount = `${amount}${c.refund ? ` − ${c.refund}` : ''}${rollup.currency ? ` (${rollup.currency})` : ''}`;
  if (c.product) facts.from.products = c.product;
  if (c.invoice) facts.from.orders = c.invoice;
  const matched = new Set<string>();
  table.rows.forEach((r, i) => {
    const k = customerKey(r[best.column]);
    const o = k === '' ? undefined : rollup.customers.get(k);
    if (!o) return;
    // A customer listed twice in the customer sheet gets the facts on the first row only.
    if (matched.has(k)) return;
    matched.add(k);
    facts.last[i] = o.last;
    facts.first[i] = o.first;
    facts.orders[i] = o.orders;
    facts.spend[i] = o.revenue;
    facts.products[i] = o.products.slice();
  });
  facts.unmatched = [...rollup.customers.keys()].filter((k) => !matched.has(k)).length;
  return facts;
}
