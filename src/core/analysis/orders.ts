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
import { isOrdersTable } from '../roles';
import { toNumber } from './values';

export interface OrderColumns {
  customer: string | null;
  date: string | null;
  invoice: string | null;
  product: string | null;
  quantity: string | null;
  price: string | null;
  amount: string | null;
  /** A payment or order status (Shopify Financial Status, Stripe Status): cancelled / failed / voided lines bought nothing. */
  status: string | null;
  /** Shopify's "Cancelled at": a line of a cancelled order when it holds anything. */
  cancelledAt: string | null;
  /** Money given back on the line or order (Shopify Refunded Amount, Stripe Amount Refunded). */
  refund: string | null;
  /** The line's currency (Shopify Currency, Stripe Currency or Converted Currency). */
  currency: string | null;
}

const H = {
  customerId: /^(customer|client|buyer|member|user|account)[\s_-]*(id|no|number|#|code)$|^(客户|会员)(编号|id|号)$/i,
  customer: /customer|client|buyer|member|e-?mail|客户|会员|邮箱/i,
  invoice: /invoice|order[\s_-]*(id|no|number|#)?$|^order$|receipt|transaction[\s_-]*(id|no)|订单号|订单编号|发票/i,
  /** One payment per line (Stripe's charge id): each line its own order when there is no order number. */
  paymentId: /^(id|payment[\s_-]*id|charge[\s_-]*id|transaction[\s_-]*id|支付编号|交易号)$/i,
  date: /date|time|created|paid[\s_-]*at|ordered|when|日期|时间/i,
  /** The moment of the order, preferred over when it was paid, fulfilled or cancelled. */
  orderDate: /invoice[\s_-]*date|order[\s_-]*date|created|^date$|^date[\s_-]*\(|下单|订单日期|日期/i,
  notDate: /birth|dob|生日|出生|cancel|refund|fulfil|due|expir|dispute|updated|modified/i,
  quantity: /^(qty|quantity|units?|lineitem[\s_-]*quantity|count)$|quantity|数量/i,
  price: /unit[\s_-]*price|^price$|item[\s_-]*(cost|price)|lineitem[\s_-]*price|单价|价格/i,
  /** Money per line or order, best first: a converted amount is already in one currency. */
  amounts: [
    /^converted[\s_-]*amount$/i,
    /^(amount|line[\s_-]*total|line[\s_-]*amount|sales|net[\s_-]*sales|net[\s_-]*total|net[\s_-]*revenue|revenue|order[\s_-]*total|total|gross[\s_-]*sales|金额|总额|实付金额|订单金额)$/i,
    /^(subtotal|小计)$/i,
  ],
  refund: /refund/i,
  status: /status|状态/i,
  cancelledAt: /^(cancell?ed[\s_-]*(at|on|date)|cancell?ation[\s_-]*date)$|取消时间/i,
  currency: /^(currency|currency[\s_-]*code|order[\s_-]*currency|币种|货币)$/i,
  convertedCurrency: /^converted[\s_-]*currency$/i,
  productName: /description|product[\s_-]*name|item[\s_-]*name|lineitem[\s_-]*name|^products?(\s*\(s\))?$|商品名称|产品名称|品名/i,
  product: /product|item|sku|stock[\s_-]*code|商品|产品/i,
};

/** Status words of a line that bought nothing: a cancelled, voided, failed or abandoned order or payment. */
const VOID_STATUS = /^(cancell?ed|voided|void|failed|declined|expired|abandoned|blocked|trash|draft|checkout[\s_-]*draft|已取消|取消|失败|作废)$/i;
/** Status words that say the column is about payment (Shopify's Financial Status, not its Fulfillment Status). */
const PAYMENT_STATUS = /^(paid|pending|authorized|partially[\s_]paid|refunded|partially[\s_]refunded|voided|failed|succeeded|completed|processing|on-hold|cancell?ed|已支付|已付款|已退款|已取消)$/i;
/** Descriptions of a payment rather than of what was bought ("Order 1043", "Subscription creation"). */
const NOT_A_PRODUCT = /^(order|invoice|payment|charge|subscription|refund|receipt|transaction)\b/i;
/** "2× Ceramic Mug", "3 x Tea" (WooCommerce's Product(s) column): the product without its count. */
const QUANTITY_PREFIX = /^\d+\s*[×xX*]\s+/;

const pick = (header: string[], re: RegExp, avoid: Array<string | null> = [], not?: RegExp): string | null =>
  header.find((h) => re.test(h.trim()) && !avoid.includes(h) && !(not && not.test(h))) ?? null;

/** Up to `n` of a column's cells, spread over the table. */
function sample(tx: Table, column: string, n = 400): Cell[] {
  const at = tx.header.indexOf(column);
  const step = Math.max(1, Math.floor(tx.rows.length / n));
  const out: Cell[] = [];
  for (let i = 0; i < tx.rows.length && out.length < n; i += step) out.push(tx.rows[i][at]);
  return out;
}

const filledShare = (cells: Cell[]): number => (cells.length ? cells.filter((c) => !isEmpty(c)).length / cells.length : 0);

/** An order number column holds something on most lines (Shopify's Receipt Number, Stripe's Invoice ID are mostly blank). */
function usableInvoice(tx: Table, h: string | null): boolean {
  return h !== null && filledShare(sample(tx, h)) >= 0.5;
}

/** A product column repeats (a catalogue is smaller than the lines) and is not a payment's description. */
function usableProduct(tx: Table, h: string | null): boolean {
  if (h === null) return false;
  const values = sample(tx, h).filter((c) => !isEmpty(c)).map((c) => String(c).trim());
  if (values.length === 0) return false;
  if (values.filter((v) => NOT_A_PRODUCT.test(v)).length > values.length / 2) return false;
  return values.length < 10 || new Set(values).size <= 0.9 * values.length;
}

/** Which column holds what, from the headers (and role overrides, when given) checked against a sample of the cells. */
export function detectOrderColumns(tx: Table, roles: Roles = {}): OrderColumns {
  const header = tx.header;
  const byRole = (role: string): string | null => header.find((h) => roles[h] === role) ?? null;
  let invoice = byRole('order_id') ?? pick(header, H.invoice, [], /date|time|total|amount|status|count/i);
  if (!usableInvoice(tx, invoice)) invoice = header.find((h) => h !== invoice && H.invoice.test(h.trim()) && !/date|time|total|amount|status|count/i.test(h) && usableInvoice(tx, h)) ?? null;
  // Shopify's order number is its "Name" column ("#1043"): a column of #numbers that repeat across lines.
  if (!invoice) invoice = header.find((h) => /^(name|order)$/i.test(h.trim()) && orderNumbers(sample(tx, h))) ?? null;
  const dates = header.filter((h) => H.date.test(h.trim()) && h !== invoice && !H.notDate.test(h));
  const date = dates.find((h) => H.orderDate.test(h.trim())) ?? dates[0] ?? null;
  const customer = pick(header, H.customerId, [invoice, date]) ?? (header.find((h) => roles[h] === 'id' && H.customer.test(h)) ?? null)
    ?? pick(header, H.customer, [invoice, date], /name|status|note|accepts|marketing|type|description|message/i);
  if (!invoice) {
    const id = header.find((h) => H.paymentId.test(h.trim()) && h !== customer && distinctShare(sample(tx, h)) === 1) ?? null;
    if (id) invoice = id;
  }
  const quantity = pick(header, H.quantity, [invoice, date, customer]);
  const price = pick(header, H.price, [invoice, date, customer, quantity], /compare/i);
  const taken = [invoice, date, customer, quantity, price];
  let amount: string | null = null;
  for (const re of H.amounts) { amount = pick(header, re, taken, H.refund); if (amount) break; }
  const refund = amount && /^converted/i.test(amount)
    ? pick(header, /^converted[\s_-]*amount[\s_-]*refunded$/i)
    : pick(header, /^(refunded[\s_-]*amount|amount[\s_-]*refunded|refunds?|refund[\s_-]*amount|退款金额)$/i);
  const currency = amount && /^converted/i.test(amount) ? pick(header, H.convertedCurrency) : pick(header, H.currency);
  const statuses = header.filter((h) => H.status.test(h) && !taken.includes(h));
  const status = statuses.find((h) => sample(tx, h).filter((c) => !isEmpty(c)).some((c) => PAYMENT_STATUS.test(String(c).trim()))) ?? null;
  const cancelledAt = pick(header, H.cancelledAt);
  // A product's name reads better than its code (Description over StockCode, Lineitem name over Lineitem sku).
  const productHeaders = [...header.filter((h) => H.productName.test(h.trim())), byRole('product'), ...header.filter((h) => H.product.test(h.trim()))]
    .filter((h): h is string => h !== null && !taken.includes(h) && h !== amount);
  const product = productHeaders.find((h) => usableProduct(tx, h)) ?? null;
  return { customer, date, invoice, product, quantity, price, amount, status, cancelledAt, refund, currency };
}

const ORDER_NUMBER = /^#?\d{3,}$/;

function orderNumbers(cells: Cell[]): boolean {
  const values = cells.filter((c) => !isEmpty(c)).map((c) => String(c).trim());
  return values.length > 0 && values.filter((v) => ORDER_NUMBER.test(v)).length >= 0.9 * values.length;
}

function distinctShare(cells: Cell[]): number {
  const values = cells.filter((c) => !isEmpty(c)).map((c) => String(c).trim());
  return values.length ? new Set(values).size / values.length : 0;
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

/**
 * A sheet of order lines given where customers are expected: its roles say orders (an order
 * number, a date, what was bought) and its content rolls up (see looksLikeOrders).
 */
export function isOrderLines(table: Table, roles: Roles): boolean {
  return isOrdersTable(roles) && looksLikeOrders(table, roles);
}

/**
 * Each line's customer key ('' for a guest), the customer read from the order's other lines
 * when a line leaves it blank (order-level fields on an order's first line only).
 */
export function lineCustomerKeys(tx: Table, columns: OrderColumns): string[] {
  const ci = columns.customer ? tx.header.indexOf(columns.customer) : -1;
  const ii = columns.invoice ? tx.header.indexOf(columns.invoice) : -1;
  if (ci < 0) return tx.rows.map(() => '');
  const byOrder = new Map<string, string>();
  if (ii >= 0) {
    for (const r of tx.rows) {
      const inv = isEmpty(r[ii]) ? '' : String(r[ii]).trim();
      const k = customerKey(r[ci]);
      if (inv && k && !byOrder.has(inv)) byOrder.set(inv, k);
    }
  }
  return tx.rows.map((r) => {
    const k = customerKey(r[ci]);
    if (k || ii < 0) return k;
    const inv = isEmpty(r[ii]) ? '' : String(r[ii]).trim();
    return inv ? byOrder.get(inv) ?? '' : '';
  });
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

/** The products named in a cell: "A, B; C" split, WooCommerce's "2× A" counts taken off. */
export function productsIn(cell: Cell): string[] {
  if (isEmpty(cell)) return [];
  return [...new Set(splitProducts(String(cell)).map((p) => p.replace(QUANTITY_PREFIX, '').trim()).filter((p) => p !== ''))];
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
  /** Lines taken off revenue: C-invoices, negative quantities or amounts (returns and refunds). */
  cancelled: { lines: number; amount: number };
  /** Lines of orders or payments that never happened (cancelled, voided, failed): no revenue, no order. */
  voided: { lines: number; orders: number };
  revenue: number;
  orders: number;
  /** Per product: net revenue (guests included) and distinct customers (guests not). */
  products: Map<string, { revenue: number; customers: number }>;
  dateOrder: DateOrder | null;
  /** Lines whose date could not be read. */
  undated: number;
  /** The currency revenue is counted in (upper case), when the sheet says. */
  currency: string | null;
  /** Lines in other currencies: never added to revenue (CDM does not sum two currencies). */
  otherCurrencies: Array<{ currency: string; lines: number; amount: number }>;
  /** The amount column holds one figure per order (on its first line), not per line. */
  orderLevelAmount: boolean;
}

/** One order's money so far: something bought on it, something given back, and what is left. */
interface OrderNet { net: number; bought: boolean; returned: boolean; when: number | null; products: Set<string> }

function note(orders: Map<string, OrderNet>, key: string, amount: number | null, bought: boolean, when: number | null = null, products: string[] = []): void {
  let o = orders.get(key);
  if (!o) { o = { net: 0, bought: false, returned: false, when: null, products: new Set() }; orders.set(key, o); }
  o.net += amount ?? 0;
  if (!bought) { o.returned = true; return; }
  o.bought = true;
  if (when !== null) o.when = o.when === null ? when : Math.min(o.when, when);
  for (const p of products) o.products.add(p);
}

/** Orders that count: something was bought on them and not all of it was given back. */
const countedOrders = (orders: Map<string, OrderNet>): OrderNet[] =>
  [...orders.values()].filter((o) => o.bought && (!o.returned || o.net > 0.005));

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

/** A money cell's currency from its sign ("€12.50"), when it has one. */
function signCurrency(c: Cell): string {
  if (typeof c !== 'string') return '';
  const m = /[$€£¥]/.exec(c);
  return m ? ({ $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' } as Record<string, string>)[m[0]] : '';
}

export function rollUpOrders(tx: Table, roles: Roles = {}): OrderRollup | { skipped: 'no-customer' } {
  const columns = detectOrderColumns(tx, roles);
  if (!columns.customer) return { skipped: 'no-customer' };
  const at = (h: string | null): number => (h ? tx.header.indexOf(h) : -1);
  const [ci, di, ii, pi, qi, pri, ai] = [at(columns.customer), at(columns.date), at(columns.invoice), at(columns.product), at(columns.quantity), at(columns.price), at(columns.amount)];
  const [si, xi, ri, ki] = [at(columns.status), at(columns.cancelledAt), at(columns.refund), at(columns.currency)];
  const rows = tx.rows;
  const invoiceOf = (r: Cell[]): string => (ii >= 0 && !isEmpty(r[ii]) ? String(r[ii]).trim() : '');

  // Order-level fields written on an order's first line only (Shopify): every line of the order
  // reads them from the line that has them.
  const firstOf = new Map<string, number>();
  const linesOf = new Map<string, number>();
  rows.forEach((r, line) => {
    const inv = invoiceOf(r);
    if (!inv) return;
    if (!firstOf.has(inv)) firstOf.set(inv, line);
    linesOf.set(inv, (linesOf.get(inv) ?? 0) + 1);
  });
  const orderField = (col: number): Map<string, Cell> => {
    const m = new Map<string, Cell>();
    if (col < 0 || ii < 0) return m;
    for (const r of rows) { const inv = invoiceOf(r); if (inv && !isEmpty(r[col]) && !m.has(inv)) m.set(inv, r[col]); }
    return m;
  };
  const fill = (col: number, byOrder: Map<string, Cell>) => (r: Cell[]): Cell => {
    if (col < 0) return '';
    const v = r[col];
    if (!isEmpty(v)) return v;
    const inv = invoiceOf(r);
    return inv ? byOrder.get(inv) ?? '' : '';
  };
  const customerOf = fill(ci, orderField(ci));
  const dateOf = fill(di, orderField(di));
  const statusOf = fill(si, orderField(si));
  const cancelledOf = fill(xi, orderField(xi));
  const currencyOf = fill(ki, orderField(ki));
  const amountByOrder = orderField(ai);
  const refundByOrder = orderField(ri);
  const refundOf = fill(ri, refundByOrder);
  // Orders whose amount was all given back (Shopify: Total - Refunded Amount = 0): none of their lines bought anything.
  const refundedOrders = new Set<string>();
  if (ri >= 0) {
    for (const [inv, v] of amountByOrder) {
      const total = toNumber(v);
      const back = toNumber(refundByOrder.get(inv) ?? '');
      if (total !== null && back !== null && back > 0 && total - back <= 0.005) refundedOrders.add(inv);
    }
  }

  // An amount filled on one line per order (Shopify's Total) is the order's, counted once.
  let multi = 0;
  let oneFilled = 0;
  if (ai >= 0 && ii >= 0) {
    const filled = new Map<string, number>();
    for (const r of rows) { const inv = invoiceOf(r); if (inv && !isEmpty(r[ai])) filled.set(inv, (filled.get(inv) ?? 0) + 1); }
    for (const [inv, n] of linesOf) if (n > 1) { multi++; if ((filled.get(inv) ?? 0) === 1) oneFilled++; }
  }
  const orderLevelAmount = multi > 0 && oneFilled >= 0.9 * multi;

  const dateOrder = di >= 0 ? inferDateOrder(rows.map(dateOf).filter((c): c is string => typeof c === 'string').slice(0, 5000)).order : null;

  // The currency revenue is counted in: the sheet's only one, else the one most lines are in.
  const currencyCount = new Map<string, number>();
  const currencyOfLine = (r: Cell[]): string => {
    const c = currencyOf(r);
    return (!isEmpty(c) ? String(c).trim().toUpperCase() : '') || (ai >= 0 ? signCurrency(r[ai]) : '') || (pri >= 0 ? signCurrency(r[pri]) : '');
  };
  for (const r of rows) { const c = currencyOfLine(r); if (c) currencyCount.set(c, (currencyCount.get(c) ?? 0) + 1); }
  const main = [...currencyCount.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const other = new Map<string, { lines: number; amount: number }>();

  const timeMemo = new Map<string, number | null>();
  const customers = new Map<string, CustomerOrders & { orderSet: Map<string, OrderNet> }>();
  const products = new Map<string, { revenue: number; buyers: Set<string> }>();
  const guestOrders = new Map<string, OrderNet>();
  const voidOrders = new Set<string>();
  const out: OrderRollup = {
    columns, lines: rows.length, customers: new Map(), guests: { lines: 0, revenue: 0, orders: 0 }, cancelled: { lines: 0, amount: 0 },
    voided: { lines: 0, orders: 0 }, revenue: 0, orders: 0, products: new Map(), dateOrder, undated: 0,
    currency: main, otherCurrencies: [], orderLevelAmount,
  };
  rows.forEach((r, line) => {
    const key = customerKey(customerOf(r));
    const invoice = invoiceOf(r);
    const qty = qi >= 0 ? toNumber(r[qi] ?? '') : null;
    const names = pi >= 0 ? productsIn(r[pi]) : [];
    const status = String(statusOf(r) ?? '').trim();
    const voided = VOID_STATUS.test(status) || !isEmpty(cancelledOf(r));
    if (voided) {
      out.voided.lines++;
      if (invoice) voidOrders.add(invoice);
      if (key === '') out.guests.lines++;
      return;
    }
    // Money of this line: the order's amount once (on its first line) or the line's own, less what was refunded.
    const first = !invoice || firstOf.get(invoice) === line;
    let amount: number | null = null;
    if (ai >= 0) {
      amount = orderLevelAmount ? (first ? toNumber(amountByOrder.get(invoice) ?? r[ai] ?? '') : 0) : toNumber(r[ai] ?? '');
    }
    if (amount === null && qty !== null && pri >= 0) {
      const price = toNumber(r[pri] ?? '');
      if (price !== null) amount = qty * price;
    }
    if (amount !== null && ri >= 0 && (!orderLevelAmount || first)) {
      const back = toNumber((orderLevelAmount ? refundOf(r) : r[ri]) ?? '');
      if (back !== null && back > 0) amount -= back;
    }
    const returned = /^c\d/i.test(invoice) || (qty !== null && qty < 0) || (amount !== null && amount < 0);
    if (returned && amount !== null) amount = -Math.abs(amount);
    // Per-product revenue: the line's quantity × price when the amount is the order's.
    let productAmount = amount;
    if (orderLevelAmount && qty !== null && pri >= 0) {
      const price = toNumber(r[pri] ?? '');
      if (price !== null) productAmount = qty * price;
    }
    const currency = currencyOfLine(r);
    if (main && currency && currency !== main) {
      // Never summed with the main currency: counted apart, and the line still says who bought what.
      const o = other.get(currency) ?? { lines: 0, amount: 0 };
      o.lines++;
      o.amount += amount ?? 0;
      other.set(currency, o);
      amount = null;
      productAmount = null;
    }
    let when: number | null = null;
    if (di >= 0) {
      const raw = dateOf(r);
      if (typeof raw === 'string') {
        if (timeMemo.has(raw)) when = timeMemo.get(raw)!;
        else { when = lineTime(raw, dateOrder); timeMemo.set(raw, when); }
      } else when = lineTime(raw, dateOrder);
      if (when === null) out.undated++;
    }
    if (amount !== null) out.revenue += amount;
    const orderKey = invoice || (when !== null ? `day ${Math.floor(when / DAY)}` : `line ${line}`);
    if (returned) { out.cancelled.lines++; out.cancelled.amount += amount ?? 0; }
    // An order refunded in full (nothing kept) bought nothing: no date, no products.
    const refundedAll = !returned && ri >= 0 && (orderLevelAmount && invoice ? refundedOrders.has(invoice) : amount !== null && amount <= 0);
    const bought = !returned && !refundedAll;
    if (productAmount !== null) {
      for (const p of names) {
        const e = products.get(p) ?? { revenue: 0, buyers: new Set<string>() };
        e.revenue += productAmount / names.length;
        if (key !== '' && bought) e.buyers.add(key);
        products.set(p, e);
      }
    }
    if (key === '') {
      out.guests.lines++;
      out.guests.revenue += amount ?? 0;
      if (invoice) note(guestOrders, invoice, amount, bought);
      return;
    }
    let c = customers.get(key);
    if (!c) {
      c = { key, shown: customerOf(r), first: null, last: null, orders: 0, revenue: 0, lines: 0, products: [], days: 0, orderSet: new Map() };
      customers.set(key, c);
    }
    c.lines++;
    c.revenue += amount ?? 0;
    note(c.orderSet, orderKey, amount, bought, when, names);
  });
  for (const [key, c] of customers) {
    const { orderSet, ...rest } = c;
    // Dates and products come from the orders that count: a refunded or returned order bought nothing.
    const kept = countedOrders(orderSet);
    const times = kept.map((o) => o.when).filter((w): w is number => w !== null);
    const days = new Set(times.map((w) => Math.floor(w / DAY))).size;
    const productSet = new Set<string>();
    for (const o of kept) for (const p of o.products) productSet.add(p);
    // Without an order number, orders are distinct purchase days.
    const orders = ii >= 0 ? kept.length : days;
    out.customers.set(key, {
      ...rest, orders, days, first: times.length ? Math.min(...times) : null, last: times.length ? Math.max(...times) : null,
      revenue: Math.round(rest.revenue * 100) / 100, products: [...productSet],
    });
    out.orders += orders;
  }
  out.guests.orders = countedOrders(guestOrders).length;
  out.orders += out.guests.orders;
  out.voided.orders = voidOrders.size;
  out.revenue = Math.round(out.revenue * 100) / 100;
  out.guests.revenue = Math.round(out.guests.revenue * 100) / 100;
  out.cancelled.amount = Math.round(out.cancelled.amount * 100) / 100;
  out.otherCurrencies = [...other.entries()].map(([currency, o]) => ({ currency, lines: o.lines, amount: Math.round(o.amount * 100) / 100 }));
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
