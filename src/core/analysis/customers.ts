/**
 * Per-customer purchase facts (first and last purchase, orders, spend, products), read either
 * from the customer sheet's own columns or from a transactions sheet linked by customer key.
 */
import { Cell, isEmpty, Table } from '../table';
import { ColumnInfo, findByHeader } from './columns';
import { splitProducts } from './recommend';
import { ColumnCache } from './cache';
import { textColumn, toNumber, toTime } from './values';

export interface PurchaseFacts {
  source: 'columns' | 'transactions';
  /** Column names (or transaction columns) the facts came from, for the report. */
  from: Record<string, string>;
  last: Array<number | null>;
  first: Array<number | null>;
  orders: Array<number | null>;
  spend: Array<number | null>;
  products: string[][];
  /** Transactions that matched no customer (transactions source only). */
  unmatched?: number;
}

const LAST = /last|latest|recent/i;
const FIRST = /first|since|join|sign.?up|regist|created|start/i;
const ORDERS = /orders?\b|purchases?\b|visits?\b|transactions?\b|frequency|times|count/i;
const PRODUCT = /product|item|sku|bought|purchased/i;
const SIGNUP = /sign.?up|join|regist|created|customer since|member since|since/i;

export function productColumn(table: Table, infos: ColumnInfo[]): string | null {
  const hit = infos.find((i) => i.kind !== 'numeric' && i.kind !== 'date' && PRODUCT.test(i.column) && !i.column.startsWith('CDM '));
  return hit && table.rows.length ? hit.column : null;
}

export function signupColumn(infos: ColumnInfo[]): string | null {
  return findByHeader(infos, ['date'], SIGNUP) ?? findByHeader(infos, ['date'], FIRST);
}

export function factsFromColumns(table: Table, infos: ColumnInfo[], spendColumn: string | null, cache = new ColumnCache(table)): PurchaseFacts {
  const last = findByHeader(infos, ['date'], LAST);
  const first = findByHeader(infos, ['date'], FIRST, last ? [last] : []);
  const orders = infos.find((i) => i.kind === 'numeric' && !i.skip && i.column !== spendColumn && (i.role === 'count' || ORDERS.test(i.column)))?.column ?? null;
  const product = productColumn(table, infos);
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

const T_CUSTOMER = /customer|client|email|buyer|member|account/i;
const T_ID = /\bid\b|_id$|^id/i;
const T_DATE = /date|time|day|when|ordered/i;
const T_AMOUNT = /amount|total|price|value|revenue|spend|paid|sales/i;

const keyOf = (c: Cell): string => (isEmpty(c) ? '' : String(c).trim().toLowerCase());

/**
 * Facts from a transactions sheet (one row per purchase line). Orders are counted as distinct
 * purchase days, so a basket of three lines is one order. The customer key is matched against
 * whichever customer column (id, email, name…) links the most transactions.
 */
export function factsFromTransactions(table: Table, tx: Table): PurchaseFacts | { skipped: string } {
  const pick = (re: RegExp, avoid: string[] = []): string | null => tx.header.find((h) => re.test(h) && !avoid.includes(h)) ?? null;
  const dateCol = pick(T_DATE);
  const customerCol = pick(T_CUSTOMER, dateCol ? [dateCol] : []) ?? pick(T_ID, dateCol ? [dateCol] : []);
  const amountCol = pick(T_AMOUNT, [customerCol ?? '', dateCol ?? '']);
  const productCol = pick(PRODUCT, [customerCol ?? '']);
  if (!customerCol) return { skipped: 'the transactions sheet has no customer column' };
  const txKeys = tx.rows.map((r) => keyOf(r[tx.header.indexOf(customerCol)]));
  const wanted = new Set(txKeys.filter((k) => k !== ''));
  let best: { column: number; hits: number } = { column: -1, hits: 0 };
  table.header.forEach((_, c) => {
    let hits = 0;
    for (const r of table.rows) if (wanted.has(keyOf(r[c]))) hits++;
    if (hits > best.hits) best = { column: c, hits };
  });
  if (best.column < 0) return { skipped: `no customer in the transactions sheet matches a customer in this sheet (by ${customerCol})` };
  const rowOfKey = new Map<string, number>();
  table.rows.forEach((r, i) => { const k = keyOf(r[best.column]); if (k !== '' && !rowOfKey.has(k)) rowOfKey.set(k, i); });

  const n = table.rows.length;
  const last: Array<number | null> = new Array(n).fill(null);
  const first: Array<number | null> = new Array(n).fill(null);
  const spend: Array<number | null> = new Array(n).fill(null);
  const days: Array<Set<number> | null> = new Array(n).fill(null);
  const products: Array<Set<string>> = table.rows.map(() => new Set());
  const at = (h: string | null): number => (h ? tx.header.indexOf(h) : -1);
  const [di, ai, pi] = [at(dateCol), at(amountCol), at(productCol)];
  let unmatched = 0;
  tx.rows.forEach((r, t) => {
    const row = rowOfKey.get(txKeys[t]);
    if (row === undefined) { unmatched++; return; }
    const when = di >= 0 ? toTime(r[di]) : null;
    if (when !== null) {
      last[row] = last[row] === null ? when : Math.max(last[row]!, when);
      first[row] = first[row] === null ? when : Math.min(first[row]!, when);
      if (!days[row]) days[row] = new Set();
      days[row]!.add(Math.floor(when / 86400000));
    }
    const amount = ai >= 0 ? toNumber(r[ai]) : null;
    if (amount !== null) spend[row] = (spend[row] ?? 0) + amount;
    if (pi >= 0 && !isEmpty(r[pi])) for (const p of splitProducts(String(r[pi]))) products[row].add(p);
  });
  const from: Record<string, string> = { customer: `${customerCol} ↔ ${table.header[best.column]}` };
  if (dateCol) from.date = dateCol;
  if (amountCol) from.amount = amountCol;
  if (productCol) from.products = productCol;
  return {
    source: 'transactions', from, last, first, spend, unmatched,
    orders: days.map((d) => (d ? d.size : null)),
    products: products.map((s) => [...s]),
  };
}

/** Revenue per product line from transactions (exact amounts rather than an even split). */
export function transactionRevenueByProduct(tx: Table): Map<string, { revenue: number; customers: Set<string> }> | null {
  const productCol = tx.header.find((h) => PRODUCT.test(h));
  const amountCol = tx.header.find((h) => T_AMOUNT.test(h) && h !== productCol);
  const customerCol = tx.header.find((h) => T_CUSTOMER.test(h) && h !== productCol) ?? tx.header.find((h) => T_ID.test(h) && h !== productCol);
  if (!productCol || !amountCol) return null;
  const [pi, ai, ci] = [tx.header.indexOf(productCol), tx.header.indexOf(amountCol), customerCol ? tx.header.indexOf(customerCol) : -1];
  const out = new Map<string, { revenue: number; customers: Set<string> }>();
  for (const r of tx.rows) {
    const ps = isEmpty(r[pi]) ? [] : splitProducts(String(r[pi]));
    const amount = toNumber(r[ai]) ?? 0;
    for (const p of ps) {
      const e = out.get(p) ?? { revenue: 0, customers: new Set<string>() };
      e.revenue += amount / ps.length;
      if (ci >= 0) e.customers.add(keyOf(r[ci]));
      out.set(p, e);
    }
  }
  return out;
}
