/**
 * Orders as well as customers: a transactions table (one row per order line — a shop's
 * export, a Shopify/WooCommerce orders CSV, the classic "online retail" layout of InvoiceNo,
 * StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country) rolled up
 * into one set of purchase facts per customer.
 *
 * - A line's amount is its amount column, else quantity × unit price.
 * - Cancellations (an invoice number starting with "C") and returns (a negative quantity or
 *   amount) are taken off revenue, never counted as orders, and their products are not
 *   "bought".
 * - Orders are distinct invoices (distinct purchase days when there is no invoice column).
 * - Guest lines (no customer id: blank, a placeholder, "guest") stay guests: they count in
 *   revenue and per-product revenue, and are never attributed to any customer.
 * - Dates are read one way per column (day-first or month-first from the column's evidence,
 *   normalize/date.ts), with the time of day kept ("12/1/10 8:26").
 */
import { Cell, isEmpty, Roles, Table } from '../table';
import { isPlaceholder } from '../normalize/missing';
import { inferDateOrder, parseDate, type DateOrder } from '../normalize/date';
import { splitProducts } from './recommend';
import { toNumber } from './values';

export interface OrderColumns {
  customer: string | null;
  date: string | null;
  invoice: string | null;
  product: string | null;
  quantity: string | null;
  price: string | null;
  amount: string | null;
}

const H = {
  customerId: /^(customer|client|buyer|member|user|account)[\s_-]*(id|no|number|#|code)$|^(客户|会员)(编号|id|号)$/i,
  customer: /customer|client|buyer|member|e-?mail|客户|会员|邮箱/i,
  invoice: /invoice|order[\s_-]*(id|no|number|#)?$|^order$|receipt|transaction[\s_-]*(id|no)|订单号|订单编号|发票/i,
  date: /date|time|created|paid[\s_-]*at|ordered|when|日期|时间/i,
  notDate: /birth|dob|生日|出生/i,
  quantity: /^(qty|quantity|units?|lineitem[\s_-]*quantity|count)$|quantity|数量/i,
  price: /unit[\s_-]*price|^price$|item[\s_-]*(cost|price)|lineitem[\s_-]*price|单价|价格/i,
  amount: /^(amount|line[\s_-]*total|line[\s_-]*amount|sales|revenue|subtotal|total|order[\s_-]*total|金额|总额|小计)$/i,
  productName: /description|product[\s_-]*name|item[\s_-]*name|lineitem[\s_-]*name|商品名称|产品名称|品名/i,
  product: /product|item|sku|stock[\s_-]*code|商品|产品/i,
};

const pick = (header: string[], re: RegExp, avoid: Array<string | null> = [], not?: RegExp): string | null =>
  header.find((h) => re.test(h.trim()) && !avoid.includes(h) && !(not && not.test(h))) ?? null;

/** Which column holds what, from the headers (and role overrides, when given). */
export function detectOrderColumns(tx: Table, roles: Roles = {}): OrderColumns {
  const header = tx.header;
  const byRole = (role: string): string | null => header.find((h) => roles[h] === role) ?? null;
  const invoice = byRole('order_id') ?? pick(header, H.invoice, [], /date|time|total|amount|status|count/i);
  const date = pick(header, H.date, [invoice], H.notDate);
  const customer = pick(header, H.customerId, [invoice, date]) ?? (header.find((h) => roles[h] === 'id' && H.customer.test(h)) ?? null)
    ?? pick(header, H.customer, [invoice, date], /name|status|note|accepts|marketing/i);
  const quantity = pick(header, H.quantity, [invoice, date, customer]);
  const price = pick(header, H.price, [invoice, date, customer, quantity]);
  const amount = pick(header, H.amount, [invoice, date, customer, quantity, price]);
  const product = byRole('product') ?? pick(header, H.productName, [invoice, date, customer]) ?? pick(header, H.product, [invoice, date, customer, quantity, price, amount]);
  return { customer, date, invoice, product, quantity, price, amount };
}

/**
 * Is this table a sheet of order lines rather than of customers? It needs a date, money per
 * line (an amount, or quantity and price), and either an invoice column or customers that
 * come back on several rows.
 */
export function looksLikeOrders(tx: Table, roles: Roles = {}): boolean {
  const c = detectOrderColumns(tx, roles);
  if (!c.date || !(c.amount || (c.quantity && c.price))) return false;
  if (c.invoice && (c.quantity || c.product)) return true;
  if (!c.customer) return false;
  const at = tx.header.indexOf(c.customer);
  const seen = new Set<string>();
  let repeats = 0;
  for (const r of tx.rows) {
    const k = customerKey(r[at]);
    if (k === '') continue;
    if (seen.has(k)) repeats++; else seen.add(k);
  }
  return repeats > 0.2 * tx.rows.length;
}

/** The canonical customer key of a cell: '' for a guest (blank, a placeholder, "guest"). */
export function customerKey(c: Cell | undefined): string {
  if (c === undefined || isEmpty(c)) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (c instanceof Date || typeof c === 'boolean') return '';
  const s = String(c).trim();
  if (s === '' || isPlaceholder(s) || /^(guest|anonymous|访客|游客)$/i.test(s)) return '';
  // 17850.0 from a spreadsheet export is customer 17850.
  const whole = /^(\d+)\.0+$/.exec(s);
  return (whole ? whole[1] : s).toLowerCase();
}

export interface CustomerOrders {
  key: string;
  /** The id as first written in the transactions sheet. */
  shown: Cell;
  first: number | null;
  last: number | null;
  orders: number;
  revenue: number;
  lines: number;
  products: string[];
  /** Distinct order days, to tell the customer's rhythm. */
  days: number;
}

export interface OrderRollup {
  columns: OrderColumns;
  lines: number;
  customers: Map<string, CustomerOrders>;
  guests: { lines: number; revenue: number; orders: number };
  cancelled: { lines: number; amount: number };
  revenue: number;
  orders: number;
  /** Per product: net revenue (guests included) and distinct customers (guests not). */
  products: Map<string, { revenue: number; customers: number }>;
  dateOrder: DateOrder | null;
  /** Lines whose date could not be read. */
  undated: number;
}

const TIME_RE = /[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?/i;
const DAY = 86400000;

/** A line's date-time as epoch ms (UTC calendar day plus the time of day written). */
function lineTime(c: Cell, order: DateOrder | null): number | null {
  if (c instanceof Date) return Number.isFinite(c.getTime()) ? c.getTime() : null;
  if (isEmpty(c)) return null;
  const d = parseDate(typeof c === 'number' ? c : String(c).trim(), order);
  if (!d) return null;
  let t = d.getTime();
  if (typeof c === 'number') return t + Math.round((c % 1) * DAY);
  const m = TIME_RE.exec(String(c));
  if (m) {
    let h = Number(m[1]) % 24;
    if (m[4] && m[4].toLowerCase() === 'p' && h < 12) h += 12;
    if (m[4] && m[4].toLowerCase() === 'a' && h === 12) h = 0;
    t += ((h * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
  }
  return t;
}

export function rollUpOrders(tx: Table, roles: Roles = {}): OrderRollup | { skipped: 'no-customer' } {
  const columns = detectOrderColumns(tx, roles);
  if (!columns.customer) return { skipped: 'no-customer' };
  const at = (h: string | null): number => (h ? tx.header.indexOf(h) : -1);
  const [ci, di, ii, pi, qi, pri, ai] = [at(columns.customer), at(columns.date), at(columns.invoice), at(columns.product), at(columns.quantity), at(columns.price), at(columns.amount)];
  const dateOrder = di >= 0 ? inferDateOrder(tx.rows.filter((r) => typeof r[di] === 'string').slice(0, 5000).map((r) => String(r[di]))).order : null;
  const timeMemo = new Map<string, number | null>();
  const customers = new Map<string, CustomerOrders & { invoiceSet: Set<string>; daySet: Set<number>; productSet: Set<string> }>();
  const products = new Map<string, { revenue: number; buyers: Set<string> }>();
  const guestInvoices = new Set<string>();
  const out: OrderRollup = {
    columns, lines: tx.rows.length, customers: new Map(), guests: { lines: 0, revenue: 0, orders: 0 }, cancelled: { lines: 0, amount: 0 },
    revenue: 0, orders: 0, products: new Map(), dateOrder, undated: 0,
  };
  tx.rows.forEach((r, line) => {
    const key = customerKey(r[ci]);
    const invoice = ii >= 0 && !isEmpty(r[ii]) ? String(r[ii]).trim() : '';
    const qty = qi >= 0 ? toNumber(r[qi] ?? '') : null;
    let amount = ai >= 0 ? toNumber(r[ai] ?? '') : null;
    if (amount === null && qty !== null && pri >= 0) {
      const price = toNumber(r[pri] ?? '');
      if (price !== null) amount = qty * price;
    }
    const cancelled = /^c\d/i.test(invoice) || (qty !== null && qty < 0) || (amount !== null && amount < 0);
    if (cancelled && amount !== null) amount = -Math.abs(amount);
    let when: number | null = null;
    if (di >= 0) {
      const raw = r[di];
      if (typeof raw === 'string') {
        if (timeMemo.has(raw)) when = timeMemo.get(raw)!;
        else { when = lineTime(raw, dateOrder); timeMemo.set(raw, when); }
      } else when = lineTime(raw, dateOrder);
      if (when === null) out.undated++;
    }
    const names = pi >= 0 && !isEmpty(r[pi]) ? splitProducts(String(r[pi])) : [];
    if (amount !== null) {
      out.revenue += amount;
      for (const p of names) {
        const e = products.get(p) ?? { revenue: 0, buyers: new Set<string>() };
        e.revenue += amount / names.length;
        if (key !== '' && !cancelled) e.buyers.add(key);
        products.set(p, e);
      }
    }
    if (cancelled) { out.cancelled.lines++; out.cancelled.amount += amount ?? 0; }
    if (key === '') {
      out.guests.lines++;
      out.guests.revenue += amount ?? 0;
      if (!cancelled && invoice) guestInvoices.add(invoice);
      return;
    }
    let c = customers.get(key);
    if (!c) {
      c = { key, shown: r[ci], first: null, last: null, orders: 0, revenue: 0, lines: 0, products: [], days: 0, invoiceSet: new Set(), daySet: new Set(), productSet: new Set() };
      customers.set(key, c);
    }
    c.lines++;
    c.revenue += amount ?? 0;
    if (cancelled) return;
    if (when !== null) {
      c.first = c.first === null ? when : Math.min(c.first, when);
      c.last = c.last === null ? when : Math.max(c.last, when);
      c.daySet.add(Math.floor(when / DAY));
    }
    c.invoiceSet.add(invoice || (when !== null ? `day ${Math.floor(when / DAY)}` : `line ${line}`));
    for (const p of names) c.productSet.add(p);
  });
  for (const [key, c] of customers) {
    const { invoiceSet, daySet, productSet, ...rest } = c;
    const orders = ii >= 0 ? [...invoiceSet].filter((v) => !v.startsWith('day ') && !v.startsWith('line ')).length || invoiceSet.size : daySet.size || invoiceSet.size;
    out.customers.set(key, { ...rest, orders, days: daySet.size, revenue: Math.round(rest.revenue * 100) / 100, products: [...productSet] });
    out.orders += orders;
  }
  out.guests.orders = guestInvoices.size;
  out.orders += guestInvoices.size;
  out.revenue = Math.round(out.revenue * 100) / 100;
  out.guests.revenue = Math.round(out.guests.revenue * 100) / 100;
  out.cancelled.amount = Math.round(out.cancelled.amount * 100) / 100;
  for (const [p, e] of products) out.products.set(p, { revenue: e.revenue, customers: e.buyers.size });
  return out;
}

export interface DerivedCustomerHeaders { first: string; last: string; orders: string; revenue: string; products: string }

/**
 * A customer table made from the orders when there is none: one row per customer with an id
 * (guests never get a row), in order of first appearance in the transactions sheet.
 */
export function customersFromOrders(rollup: OrderRollup, headers: DerivedCustomerHeaders): Table {
  const idHeader = rollup.columns.customer ?? 'Customer';
  const iso = (t: number | null): Cell => (t === null ? '' : new Date(t).toISOString().slice(0, 10));
  return {
    header: [idHeader, headers.first, headers.last, headers.orders, headers.revenue, headers.products],
    rows: [...rollup.customers.values()].map((c) => [c.shown, iso(c.first), iso(c.last), c.orders, c.revenue, c.products.join(', ')]),
  };
}

/**
 * When the table given as the customer list is really a sheet of order lines: the customer
 * table CDM derives from it (one row per customer with an id; guests get none), with a
 * sentence saying so. null when the table is a customer list.
 */
export function ordersAsCustomers(tx: Table, headers: DerivedCustomerHeaders, roles: Roles = {}):
  { customers: Table; rollup: OrderRollup } | null {
  if (!looksLikeOrders(tx, roles)) return null;
  const rollup = rollUpOrders(tx, roles);
  if ('skipped' in rollup || rollup.customers.size === 0) return null;
  return { customers: customersFromOrders(rollup, headers), rollup };
}
