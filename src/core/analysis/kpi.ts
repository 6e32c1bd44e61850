/**
 * The KPI view: the handful of figures a shop owner runs on, each with how it is counted,
 * and plain sentences that say what to do about them.
 *
 * - repeat-purchase rate = customers with 2 or more orders ÷ customers with at least one;
 * - average order value (AOV) = revenue ÷ orders;
 * - orders per customer = orders ÷ customers with at least one order;
 * - customer lifetime value (simple) = AOV × orders per customer ÷ (1 − repeat-purchase rate):
 *   what a customer brings per "life", divided by the share who do not come back (the usual
 *   AOV × frequency ÷ churn rate, with churn = 1 − repeat rate);
 * - retention by signup cohort: per signup month (quarter or year when there are many), the
 *   share still buying (last purchase within ACTIVE_DAYS of the as-of day) and the share who
 *   bought more than once; every cohort is listed;
 * - revenue share and response rate by segment.
 */
import type { AnalysisT } from '../../i18n/analysis';
import type { PurchaseFacts } from './customers';
import type { OrderRollup } from './orders';
import { DAY_MS } from './values';
import { monthOf } from './business';

export const ACTIVE_DAYS = 90;
/** More cohorts than this and months become quarters (then years): every cohort is still listed. */
const MAX_COHORTS = 36;

export interface CohortLine { cohort: string; customers: number; active: number | null; repeat: number | null; revenue: number | null; revenueShare: number | null }

export interface KpiReport {
  source: PurchaseFacts['source'];
  customers: number;
  buyers: number;
  revenue: number | null;
  /** Where revenue and orders were counted from (column names), for the "how" lines. */
  revenueFrom: string | null;
  ordersFrom: string | null;
  orders: number | null;
  repeatRate: number | null;
  aov: number | null;
  frequency: number | null;
  clv: number | null;
  activeDays: number;
  activeShare: number | null;
  guests: OrderRollup['guests'] | null;
  cancelled: OrderRollup['cancelled'] | null;
  /** Orders or payments that never happened (cancelled, voided, failed): no revenue, no order. */
  voided: OrderRollup['voided'] | null;
  /** The currency revenue is in, when the orders say; lines in other currencies are listed apart, never added. */
  currency: string | null;
  otherCurrencies: OrderRollup['otherCurrencies'];
  response: { column: string; yes: string; rate: number; answered: number } | null;
  responseBySegment: Array<{ segment: number; name: string; customers: number; rate: number }>;
  cohorts: { column: string | null; unit: 'month' | 'quarter' | 'year'; lines: CohortLine[] };
}

export interface KpiInput {
  facts: PurchaseFacts;
  rollup: OrderRollup | null;
  asOf: Date;
  /** Signup time per row (a signup column), else null; cohorts fall back to the first purchase. */
  signup: { column: string; times: Array<number | null> } | null;
  response: { column: string; yes: string; values: Array<number | null> } | null;
  segments: { labels: Array<number | null>; names: string[] } | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function computeKpis(input: KpiInput): KpiReport {
  const { facts, rollup, asOf } = input;
  const n = facts.last.length;
  let buyers = 0;
  let repeaters = 0;
  let orders = 0;
  let anyOrders = false;
  let revenue = 0;
  let anyRevenue = false;
  let active = 0;
  let dated = 0;
  for (let i = 0; i < n; i++) {
    const o = facts.orders[i];
    if (o !== null) {
      anyOrders = true;
      orders += o;
      if (o >= 1) buyers++;
      if (o >= 2) repeaters++;
    }
    const s = facts.spend[i];
    if (s !== null) { anyRevenue = true; revenue += s; }
    const l = facts.last[i];
    if (l !== null) { dated++; if ((asOf.getTime() - l) / DAY_MS <= ACTIVE_DAYS) active++; }
  }
  // With transactions, revenue and orders include guests: the shop's takings, not only its customers'.
  if (rollup) {
    revenue = rollup.revenue;
    orders = rollup.orders;
    anyRevenue = true;
    anyOrders = true;
  }
  const repeatRate = anyOrders ? ratio(repeaters, buyers) : null;
  const aov = anyOrders && anyRevenue ? ratio(revenue, orders) : null;
  const customerOrders = rollup ? orders - rollup.guests.orders : orders;
  const frequency = anyOrders ? ratio(customerOrders, buyers) : null;
  const clv = aov !== null && frequency !== null && repeatRate !== null && repeatRate < 1 ? (aov * frequency) / (1 - repeatRate) : null;

  let response: KpiReport['response'] = null;
  const responseBySegment: KpiReport['responseBySegment'] = [];
  if (input.response) {
    const vs = input.response.values;
    const answered = vs.filter((v) => v !== null).length;
    const yes = vs.filter((v) => v === 1).length;
    if (answered) response = { column: input.response.column, yes: input.response.yes, rate: yes / answered, answered };
    if (input.segments && answered) {
      input.segments.names.forEach((name, c) => {
        let k = 0;
        let y = 0;
        input.segments!.labels.forEach((l, i) => { if (l === c + 1 && vs[i] !== null) { k++; if (vs[i] === 1) y++; } });
        if (k) responseBySegment.push({ segment: c + 1, name, customers: k, rate: y / k });
      });
    }
  }

  return {
    source: facts.source,
    customers: n,
    buyers,
    revenue: anyRevenue ? Math.round(revenue * 100) / 100 : null,
    revenueFrom: facts.from.amount ?? facts.from.spend ?? null,
    ordersFrom: facts.from.orders ?? null,
    orders: anyOrders ? orders : null,
    repeatRate,
    aov,
    frequency,
    clv,
    activeDays: ACTIVE_DAYS,
    activeShare: ratio(active, dated),
    guests: rollup ? rollup.guests : null,
    cancelled: rollup ? rollup.cancelled : null,
    voided: rollup ? rollup.voided : null,
    currency: rollup ? rollup.currency : null,
    otherCurrencies: rollup ? rollup.otherCurrencies : [],
    response,
    responseBySegment,
    cohorts: cohortTable(input),
  };
}

function cohortTable(input: KpiInput): KpiReport['cohorts'] {
  const { facts, asOf } = input;
  const times = input.signup ? input.signup.times : facts.first;
  const column = input.signup ? input.signup.column : facts.source === 'transactions' ? (facts.from.date ?? null) : null;
  if (!column || !times.some((t) => t !== null)) return { column: null, unit: 'month', lines: [] };
  // monthOf makes each month's text once per day, not once per row.
  const months = new Set<string>();
  for (const t of times) if (t !== null) months.add(monthOf(t));
  const unit: 'month' | 'quarter' | 'year' = months.size <= MAX_COHORTS ? 'month' : months.size <= 3 * MAX_COHORTS ? 'quarter' : 'year';
  const keyOf = (t: number): string => {
    if (unit === 'month') return monthOf(t);
    const d = new Date(t);
    const y = d.getUTCFullYear();
    if (unit === 'year') return String(y);
    return `${y} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };
  const acc = new Map<string, { customers: number; active: number; dated: number; repeat: number; counted: number; revenue: number; anyRevenue: boolean }>();
  let total = 0;
  times.forEach((t, i) => {
    if (t === null) return;
    const k = keyOf(t);
    const a = acc.get(k) ?? { customers: 0, active: 0, dated: 0, repeat: 0, counted: 0, revenue: 0, anyRevenue: false };
    a.customers++;
    const l = facts.last[i];
    if (l !== null) { a.dated++; if ((asOf.getTime() - l) / DAY_MS <= ACTIVE_DAYS) a.active++; }
    const o = facts.orders[i];
    if (o !== null) { a.counted++; if (o >= 2) a.repeat++; }
    const s = facts.spend[i];
    if (s !== null) { a.revenue += s; a.anyRevenue = true; total += s; }
    acc.set(k, a);
  });
  const lines = [...acc.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([cohort, a]) => ({
    cohort,
    customers: a.customers,
    active: ratio(a.active, a.dated),
    repeat: ratio(a.repeat, a.counted),
    revenue: a.anyRevenue ? Math.round(a.revenue * 100) / 100 : null,
    revenueShare: a.anyRevenue && total ? a.revenue / total : null,
  }));
  return { column, unit, lines };
}

/** Numbers in sentences: "1,234.50", "41%". */
export function formatMoney(x: number, sign: string | null): string {
  const s = Math.abs(x).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 ? '-' : ''}${sign ?? ''}${s}`;
}
export const formatPct = (x: number): string => `${Math.round(x * 100)}%`;

export interface PredictionSaid { target: string; kind: 'numeric' | 'yesno'; r2: number | null; auc: number | null; feature: string | null }

export interface SentenceInput {
  kpis: KpiReport;
  segments: Array<{ id: number; name: string; share: number; revenueShare: number | null }>;
  regularsQuiet: number;
  topProduct: { key: string; share: number } | null;
  rule: { from: string; to: string; confidence: number } | null;
  outliers: { count: number; example: string | null };
  prediction: PredictionSaid | null;
  /** Further predictions of the run (a yes/no response beside the spend). */
  others?: PredictionSaid[];
  currency: string | null;
}

/** 5–8 plain sentences, most useful first; each only when its figures exist. */
export function kpiSentences(s: SentenceInput, t: AnalysisT): string[] {
  const out: string[] = [];
  const k = s.kpis;
  const money = (x: number): string => formatMoney(x, s.currency);
  const seg = s.segments
    .filter((g) => g.revenueShare !== null)
    .sort((a, b) => (b.revenueShare! - b.share) - (a.revenueShare! - a.share))[0];
  if (seg && seg.revenueShare! > seg.share) {
    out.push(t('sentSegment', { id: seg.id, name: seg.name, customers: formatPct(seg.share), revenue: formatPct(seg.revenueShare!) }));
  }
  if (s.regularsQuiet === 1) out.push(t('sentRegularsQuietOne'));
  else if (s.regularsQuiet > 1) out.push(t('sentRegularsQuiet', { n: s.regularsQuiet }));
  if (k.repeatRate !== null && k.aov !== null) out.push(t('sentRepeat', { rate: formatPct(k.repeatRate), aov: money(k.aov) }));
  // Past 90% repeat buyers the formula's "lifetimes" run away: the figure stays in the KPI table with its formula.
  if (k.clv !== null && k.repeatRate !== null && k.repeatRate < 0.9) out.push(t('sentClv', { clv: money(k.clv) }));
  if (k.response && k.responseBySegment.length > 1) {
    const best = k.responseBySegment.slice().sort((a, b) => b.rate - a.rate)[0];
    if (best.rate > k.response.rate) {
      out.push(t('sentResponse', { id: best.segment, name: best.name, target: k.response.column, rate: formatPct(best.rate), overall: formatPct(k.response.rate) }));
    }
  }
  if (s.rule) out.push(t('sentBasket', { from: s.rule.from, to: s.rule.to, confidence: formatPct(s.rule.confidence) }));
  if (s.topProduct) out.push(t('sentTopProduct', { product: s.topProduct.key, share: formatPct(s.topProduct.share) }));
  for (const o of k.otherCurrencies) {
    out.push(t('sentOtherCurrency', { lines: o.lines, currency: o.currency, amount: formatMoney(o.amount, null), main: k.currency ?? '' }));
  }
  if (s.outliers.count > 0 && s.outliers.example) out.push(t('sentOutliers', { n: s.outliers.count, example: s.outliers.example }));
  // Only a prediction worth acting on is said in words (a poor one stays in its table).
  for (const p of [s.prediction, ...(s.others ?? [])]) {
    if (!p || !p.feature) continue;
    if (p.kind === 'yesno' && p.auc !== null && p.auc >= 0.6) out.push(t('sentPredictYesNo', { target: p.target, auc: p.auc.toFixed(2), feature: p.feature }));
    else if (p.kind === 'numeric' && p.r2 !== null && p.r2 >= 0.3) out.push(t('sentPredictNumeric', { target: p.target, r2: p.r2.toFixed(2), feature: p.feature }));
  }
  // What the orders hold beyond revenue, said last so the sentences to act on come first; in one
  // sentence when there are several (guests, orders that never happened, returns).
  const apart: Array<{ one: string; part: string }> = [];
  if (k.guests && k.guests.lines > 0 && k.revenue) {
    const share = formatPct(k.guests.revenue / k.revenue);
    apart.push({ one: t('sentGuests', { lines: k.guests.lines, share }), part: t('partGuests', { lines: k.guests.lines, share }) });
  }
  if (k.voided && k.voided.orders > 0) apart.push({ one: t('sentVoided', { n: k.voided.orders }), part: t('partVoided', { n: k.voided.orders }) });
  if (k.cancelled && k.cancelled.lines > 0) {
    const amount = money(k.cancelled.amount);
    apart.push({ one: t('sentCancelled', { n: k.cancelled.lines, amount }), part: t('partCancelled', { n: k.cancelled.lines, amount }) });
  }
  if (apart.length === 1) out.push(apart[0].one);
  else if (apart.length > 1) out.push(t('sentCountedApart', { parts: apart.map((a) => a.part).join(t('partJoin')) }));
  return out.slice(0, 8);
}
