/**
 * The analyse step: statistics, spend prediction, segments, RFM, churn risk,
 * recommendations and the business view over one customer table. Each method that cannot
 * run on this table (too few rows, a missing column) is listed in `skipped` with the reason;
 * the others still run. Results are written as CDM columns and every written cell is a change.
 *
 * What it reads, when the caller does not say:
 * - spend (the regression target, RFM's monetary value): a money column called spend /
 *   revenue / total…, never an income (columns.ts defaultTarget);
 * - segment features: every usable numeric column (not sparse, not constant, not an id);
 * - purchase facts: a date column called last… / latest… / recent…, a first… / signup… date,
 *   an order-count column, a product column (several products split on , ; |) — or all of
 *   these from `options.transactions` (customers.ts).
 * Abnormal values (outliers.ts) are left out of fitting and clamped to their column's fence
 * when scoring, so one typo does not bend a model or a prediction.
 * Big sheets: k is chosen on a seeded sample (segment.ts); the regression is exact OLS over
 * all rows in one pass (regress.ts).
 */
import { Cell, Change, Roles, StepResult, Table } from '../table';
import { BusinessReport, monthOf, revenueBy } from './business';
import { churnLabel, churnRiskAt, typicalGapAt } from './churn';
import { classifyColumns, ColumnInfo, defaultTarget, MAX_MISSING_SHARE, unusableTarget, usable } from './columns';
import { factsFromColumns, factsFromTransactions, PurchaseFacts, signupColumn, transactionRevenueByProduct } from './customers';
import { ColumnCache } from './cache';
import { describeColumns, DescribeReport } from './describe';
import { coOccurrence, Favourite, recommendFor, RecommendReport, ruleIndex, segmentFavourites, withFavourites } from './recommend';
import { RegressionModel, RegressionReport } from './regress';
import { rfmLabel, rfmScores } from './rfm';
import { assignSegment, kmeansSegments, SegmentModel } from './segment';
import { encodeRow, fitSpendModel } from './spend';
import { boundOrNull, DAY_MS, quantileLinear, round2, sortedNumbers, toNumber } from './values';

export { describeColumns } from './describe';
export type { DescribeReport, NumericSummary, CategorySummary } from './describe';
export { fitRegression, predict } from './regress';
export type { RegressionModel, RegressionReport, RowEncoding } from './regress';
export { kmeansSegments, assignSegment } from './segment';
export type { SegmentModel } from './segment';
export { rfmScores } from './rfm';
export { churnRisk } from './churn';
export { findOutliers } from './outliers';
export { coOccurrence, recommendFor, splitProducts } from './recommend';
export type { RecommendReport } from './recommend';
export type { BusinessReport } from './business';

export interface AnalyseOptions {
  /** Spend column; default = a money column whose header looks like spend / revenue / total. */
  target?: string;
  k?: 'auto' | number;
  /** Segment features; default = every usable numeric column. */
  features?: string[];
  /** "Today" for recency and churn; the caller passes new Date(), tests a fixed date. */
  asOf?: Date;
  /** Previous run's model: keeps cluster numbers stable. */
  previous?: AnalysisModel;
  seed?: number;
  /** Optional transactions sheet (customer, date, amount, product). */
  transactions?: Table;
}

export interface AnalysisModel { spend: RegressionModel | null; segments: SegmentModel | null }

export interface SegmentProfile {
  id: number;
  name: string;
  size: number;
  share: number;
  revenueShare: number | null;
  means: Record<string, number>;
}

export interface SegmentReport {
  k: number;
  silhouette: number;
  silhouetteByK: Record<number, number>;
  features: string[];
  /** Rows used to fit (complete, no abnormal values); the rest were only assigned. */
  fittedRows: number;
  segments: SegmentProfile[];
}

export interface RfmReport {
  source: PurchaseFacts['source'];
  from: Record<string, string>;
  scored: number;
  segments: Array<{ segment: string; customers: number; share: number }>;
}

export interface ChurnReport {
  typicalGapDays: number | null;
  counts: { high: number; medium: number; low: number; unknown: number };
  /** Highest risk first: longest overdue relative to their usual gap. */
  top: Array<{ row: number; name: string; risk: string; reason: string }>;
}

export interface OutlierReport {
  columns: Array<{ column: string; low: number | null; high: number | null; count: number; rows: Array<{ row: number; value: number }> }>;
}

export interface AnalysisReport {
  describe: DescribeReport;
  regression: RegressionReport | null;
  segments: SegmentReport | null;
  rfm: RfmReport | null;
  churn: ChurnReport | null;
  recommendations: RecommendReport | null;
  business: BusinessReport;
  outliers: OutlierReport;
  skipped: Array<{ what: string; reason: string }>;
  model: AnalysisModel;
  timingMs: Record<string, number>;
}

export const MIN_ROWS_FOR_SEGMENTS = 10;
const REPORT_ROWS = 50;
/** Customers needed before quintiles mean anything. */
const MIN_ROWS_FOR_RFM = 5;

const now = (): number => Date.now();

export function analyseTable(table: Table, roles: Roles, options: AnalyseOptions = {}): StepResult<AnalysisReport> {
  const timingMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => { const t0 = now(); const v = f(); timingMs[name] = now() - t0; return v; };
  const t0 = now();
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? new Date();
  const skipped: Array<{ what: string; reason: string }> = [];
  const n = table.rows.length;
  const infos = time('columns', () => classifyColumns(table, roles));
  const cache = new ColumnCache(table);
  const describe = time('describe', () => describeColumns(table, roles, infos, (c) => cache.numeric(c)));
  skipped.push(...describe.skipped.map((s) => ({ what: `column ${s.what}`, reason: s.reason })));
  const outliers = time('outliers', () => outlierReport(infos, cache));

  // Spend prediction
  let target = options.target ?? defaultTarget(infos);
  if (options.target && !table.header.includes(options.target)) {
    skipped.push({ what: 'spend prediction', reason: `there is no column called "${options.target}"` });
    target = null;
  } else if (options.target && infos.find((i) => i.column === options.target)?.kind !== 'numeric') {
    skipped.push({ what: 'spend prediction', reason: `"${options.target}" does not hold numbers` });
    target = null;
  } else if (target && infos.find((i) => i.column === target)?.skip && !options.target) {
    target = null;
  }
  let regression: RegressionReport | null = null;
  let spendModel: RegressionModel | null = null;
  let predictions: number[] | null = null;
  time('regression', () => {
    if (!target) {
      if (!skipped.some((s) => s.what === 'spend prediction')) {
        const bad = unusableTarget(infos);
        skipped.push({ what: 'spend prediction', reason: bad ? `${bad.column}: ${bad.skip}` : 'no spend, revenue or total column found' });
      }
      return;
    }
    const out = fitSpendModel(table, infos, target, { seed }, cache);
    if ('skipped' in out) { skipped.push({ what: 'spend prediction', reason: out.skipped }); return; }
    regression = { ...out.fit.report, excludedRows: out.fit.report.excludedRows!.slice(0, REPORT_ROWS) };
    spendModel = out.fit.model;
    predictions = out.fit.predictions;
  });
  const spendValues = target ? cache.numeric(target) : null;

  // Segments
  let segments: SegmentReport | null = null;
  let segmentModel: SegmentModel | null = null;
  let clusterOf: Array<number | null> | null = null;
  time('segments', () => {
    const seg = segmentTable(table, infos, options, seed, spendValues, cache);
    if ('skipped' in seg) { skipped.push({ what: 'segments', reason: seg.skipped }); return; }
    segments = seg.report;
    segmentModel = seg.model;
    clusterOf = seg.labels;
  });

  // Purchase facts: transactions sheet when given, else this sheet's own columns.
  const facts = time('facts', (): PurchaseFacts => {
    if (options.transactions) {
      const f = factsFromTransactions(table, options.transactions);
      if (!('skipped' in f)) return f;
      skipped.push({ what: 'transactions sheet', reason: f.skipped });
    }
    return factsFromColumns(table, infos, target, cache);
  });

  const rfmOut = time('rfm', () => rfmStep(facts, asOf, n));
  if ('skipped' in rfmOut) skipped.push({ what: 'RFM', reason: rfmOut.skipped });
  const churnOut = time('churn', () => churnStep(facts, asOf, (row) => customerName(table, roles, row)));
  if ('skipped' in churnOut) skipped.push({ what: 'churn risk', reason: churnOut.skipped });
  const recOut = time('recommendations', () => recommendStep(facts, clusterOf));
  if ('skipped' in recOut) skipped.push({ what: 'recommendations', reason: recOut.skipped });

  const business = time('business', () => businessView(cache, infos, facts, options.transactions ?? null, segmentModel, clusterOf, spendValues));

  // Write the CDM columns and log every changed cell.
  const changes: Change[] = [];
  let out = table;
  time('write', () => {
    const segModel = segmentModel as SegmentModel | null;
    const labels = clusterOf as Array<number | null> | null;
    const preds = predictions as number[] | null;
    const segReason = segModel ? `segment from ${segModel.features.join(', ')}` : '';
    out = writeColumns(table, changes, [
      { column: 'CDM Cluster', values: labels ? labels.map((c) => c ?? '') : null, reason: segReason },
      { column: 'CDM Segment', values: labels && segModel ? labels.map((c) => (c ? segModel.names[c - 1] : '')) : null, reason: segReason },
      { column: 'CDM Predicted Spend', values: preds ? preds.map(round2) : null,
        reason: spendModel ? `predicted ${target} from ${(spendModel as RegressionModel).featureNames.join(', ')}` : '' },
      { column: 'CDM RFM', values: 'labels' in rfmOut ? rfmOut.labels : null, reason: 'recency, frequency and spend scores (1-5)' },
      { column: 'CDM Churn Risk', values: 'labels' in churnOut ? churnOut.labels : null, reason: 'time since last purchase against the usual gap' },
      { column: 'CDM Recommended', values: 'labels' in recOut ? recOut.labels : null, reason: 'products bought together, or popular in the customer\'s segment' },
    ]);
  });
  timingMs.total = now() - t0;

  const report: AnalysisReport = {
    describe,
    regression,
    segments,
    rfm: 'report' in rfmOut ? rfmOut.report : null,
    churn: 'report' in churnOut ? churnOut.report : null,
    recommendations: 'report' in recOut ? recOut.report : null,
    business,
    outliers,
    skipped,
    model: { spend: spendModel, segments: segmentModel },
    timingMs,
  };
  return { table: out, changes, report };
}

/**
 * Sets the CDM columns in one pass over the rows (same result as withColumn per column).
 * `values` null means the method did not run: a column left by an earlier run is emptied
 * (its figures would be stale), a missing one is not added.
 */
function writeColumns(table: Table, changes: Change[], columns: Array<{ column: string; values: Cell[] | null; reason: string }>): Table {
  const header = table.header.slice();
  const plan: Array<{ at: number; existed: boolean; values: Cell[] | null; column: string; reason: string }> = [];
  for (const c of columns) {
    const at = header.indexOf(c.column);
    if (c.values === null && at < 0) continue;
    if (at < 0) header.push(c.column);
    plan.push({ at: at < 0 ? header.length - 1 : at, existed: at >= 0, values: c.values, column: c.column, reason: c.values ? c.reason : 'analysis not possible this run' });
  }
  if (plan.length === 0) return table;
  const rows = table.rows.map((r, i) => {
    const row = r.slice();
    while (row.length < header.length) row.push('');
    for (const p of plan) {
      const next = p.values ? p.values[i] : '';
      const old = p.existed ? r[p.at] ?? '' : '';
      if (String(old) !== String(next)) changes.push({ row: i, column: p.column, old, new: next, kind: 'analysis', reason: p.reason });
      row[p.at] = next;
    }
    return row;
  });
  return { header, rows };
}

function outlierReport(infos: ColumnInfo[], cache: ColumnCache): OutlierReport {
  return {
    columns: usable(infos, 'numeric').flatMap((column) => {
      const values = cache.numeric(column);
      const fence = cache.fence(column);
      if (fence.rows.length === 0) return [];
      return [{
        column, low: boundOrNull(fence.low), high: boundOrNull(fence.high), count: fence.rows.length,
        rows: fence.rows.slice(0, REPORT_ROWS).map((row) => ({ row, value: values[row] as number })),
      }];
    }),
  };
}

function segmentFeatures(infos: ColumnInfo[], options: AnalyseOptions): string[] | { skipped: string } {
  if (options.features && options.features.length) {
    for (const f of options.features) {
      const info = infos.find((i) => i.column === f);
      if (!info) return { skipped: `there is no column called "${f}"` };
      if (info.kind !== 'numeric') return { skipped: `"${f}" does not hold numbers` };
      if (info.skip) return { skipped: `"${f}" cannot be used: ${info.skip}` };
    }
    return options.features.slice();
  }
  const numeric = usable(infos, 'numeric');
  return numeric.length ? numeric : { skipped: 'no numeric column to group customers by' };
}

function segmentTable(table: Table, infos: ColumnInfo[], options: AnalyseOptions, seed: number, spend: Array<number | null> | null, cache: ColumnCache):
  { report: SegmentReport; model: SegmentModel; labels: Array<number | null> } | { skipped: string } {
  const features = segmentFeatures(infos, options);
  if (!Array.isArray(features)) return features;
  const columns = features.map((f) => cache.numeric(f));
  const fences = features.map((f) => cache.fence(f));
  const clip: Array<[number | null, number | null]> = fences.map((f) => [boundOrNull(f.low), boundOrNull(f.high)]);
  const fitRows: number[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    if (columns.every((col, j) => col[i] !== null && col[i]! >= fences[j].low && col[i]! <= fences[j].high)) fitRows.push(i);
  }
  if (fitRows.length < MIN_ROWS_FOR_SEGMENTS) {
    return { skipped: `too few complete rows (${fitRows.length}) to find segments; at least ${MIN_ROWS_FOR_SEGMENTS} needed` };
  }
  const previous = options.previous?.segments ?? undefined;
  let result;
  try {
    result = kmeansSegments(fitRows.map((i) => columns.map((col) => col[i] as number)), { k: options.k ?? 'auto', seed, previous, featureNames: features });
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  }
  const model: SegmentModel = { ...result.model, clip };
  const labels: Array<number | null> = new Array(table.rows.length).fill(null);
  fitRows.forEach((row, k) => { labels[row] = result.labels[k]; });
  for (let i = 0; i < table.rows.length; i++) {
    if (labels[i] !== null) continue;
    const raw = columns.map((col) => col[i]);
    if (raw.every((v) => v === null)) continue;
    labels[i] = assignSegment(model, raw.map((v, j) => (v === null ? model.means[j] : v)));
  }
  const totalSpend = spend ? spend.reduce<number>((s, v) => s + (v ?? 0), 0) : 0;
  const labelled = labels.filter((l) => l !== null).length;
  const segments: SegmentProfile[] = model.names.map((name, c) => {
    const members = labels.map((l, i) => (l === c + 1 ? i : -1)).filter((i) => i >= 0);
    const means: Record<string, number> = {};
    features.forEach((f, j) => {
      const vs = members.map((i) => columns[j][i]).filter((v): v is number => v !== null);
      means[f] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : NaN;
    });
    const revenue = spend ? members.reduce((s, i) => s + (spend[i] ?? 0), 0) : 0;
    return { id: c + 1, name, size: members.length, share: labelled ? members.length / labelled : 0, revenueShare: spend && totalSpend ? revenue / totalSpend : null, means };
  });
  return {
    model,
    labels,
    report: { k: model.k, silhouette: result.silhouette, silhouetteByK: result.silhouetteByK, features, fittedRows: fitRows.length, segments },
  };
}

/** Who a row is, for lists the user reads: name, else first + last name, else email or id. */
function customerName(table: Table, roles: Roles, row: number): string {
  const byRole = (role: string): string => {
    const col = table.header.find((h) => roles[h] === role);
    const v = col ? table.rows[row][table.header.indexOf(col)] : '';
    return v === undefined || v === null ? '' : String(v).trim();
  };
  const full = byRole('name') || [byRole('first_name'), byRole('last_name')].filter(Boolean).join(' ');
  return full || byRole('email') || byRole('id') || `row ${row + 2}`;
}

type StepOut<R> = { report: R; labels: Cell[] } | { skipped: string };

function rfmStep(facts: PurchaseFacts, asOf: Date, n: number): StepOut<RfmReport> {
  const missing = (['last', 'orders', 'spend'] as const).filter((k) => facts[k].every((v) => v === null));
  if (missing.length) {
    const words = { last: 'last purchase date', orders: 'order count', spend: 'total spend' };
    return { skipped: `needs ${missing.length > 1 ? 'columns' : 'a column'} for ${missing.map((m) => words[m]).join(', ')} (or a transactions sheet)` };
  }
  const recency = facts.last.map((t) => (t === null ? NaN : Math.max(0, (asOf.getTime() - t) / DAY_MS)));
  const freq = facts.orders.map((v) => (v === null ? NaN : v));
  const money = facts.spend.map((v) => (v === null ? NaN : v));
  const complete = recency.filter((r, i) => !Number.isNaN(r) && !Number.isNaN(freq[i]) && !Number.isNaN(money[i])).length;
  if (complete < MIN_ROWS_FOR_RFM) return { skipped: `too few customers with all three values (${complete}; at least ${MIN_ROWS_FOR_RFM} needed)` };
  const scores = rfmScores(recency, freq, money);
  const counts = new Map<string, number>();
  for (const s of scores) if (s.segment) counts.set(s.segment, (counts.get(s.segment) ?? 0) + 1);
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    labels: scores.map(rfmLabel),
    report: {
      source: facts.source, from: facts.from, scored,
      segments: [...counts.entries()].map(([segment, c]) => ({ segment, customers: c, share: c / Math.max(1, n) })).sort((a, b) => b.customers - a.customers),
    },
  };
}

function churnStep(facts: PurchaseFacts, asOf: Date, nameOf: (row: number) => string): StepOut<ChurnReport> {
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

const TOP_RECOMMENDATIONS = 3;
const REPORT_RULES = 30;

function recommendStep(facts: PurchaseFacts, clusters: Array<number | null> | null): StepOut<RecommendReport> {
  const buyers = facts.products.filter((p) => p.length > 0).length;
  if (buyers === 0) return { skipped: 'needs a product column or a transactions sheet with products' };
  const model = coOccurrence(facts.products);
  if (model.products.length < 2) return { skipped: 'only one product: nothing to recommend' };
  const favourites = clusters ? segmentFavourites(facts.products, clusters) : new Map<number, Favourite[]>();
  const usefulRules = model.rules.some((r) => r.lift > 1);
  if (!usefulRules && ![...favourites.values()].some((f) => f.length > 0)) {
    return { skipped: 'customers bought one product each and there are no segments to compare: nothing to learn from' };
  }
  const index = ruleIndex(model);
  // Many customers own the same set of products (and share a segment): work each case out once.
  const memo = new Map<string, string>();
  const labels = facts.products.map((basket, i) => {
    const c = clusters ? clusters[i] : null;
    if (!basket.length && c === null) return '';
    const key = `${c}\u0002${basket.slice().sort().join('\u0001')}`;
    let tip = memo.get(key);
    if (tip === undefined) {
      const fromRules = basket.length ? recommendFor(basket, model, TOP_RECOMMENDATIONS, index) : [];
      tip = withFavourites(fromRules, basket, c === null ? undefined : favourites.get(c), TOP_RECOMMENDATIONS).join(', ');
      memo.set(key, tip);
    }
    return tip;
  });
  return {
    labels,
    report: {
      customers: model.customers,
      products: model.products,
      rules: model.rules.filter((r) => r.lift > 1).slice(0, REPORT_RULES),
      segmentFavourites: [...favourites.entries()].sort((a, b) => a[0] - b[0])
        .map(([segment, products]) => ({ segment, products: products.slice(0, TOP_RECOMMENDATIONS) })),
      recommended: labels.filter((l) => l !== '').length,
    },
  };
}

function businessView(cache: ColumnCache, infos: ColumnInfo[], facts: PurchaseFacts, tx: Table | null,
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

/** Scores one new row (the form handler, =CDM_PREDICT / =CDM_CLUSTER) with a saved model. */
export function scoreRow(model: AnalysisModel, header: string[], row: Cell[]): { cluster: number | null; segment: string | null; predictedSpend: number | null } {
  let cluster: number | null = null;
  let segment: string | null = null;
  let predictedSpend: number | null = null;
  const seg = model.segments;
  if (seg) {
    const raw = seg.features.map((f) => { const at = header.indexOf(f); return at < 0 ? null : toNumber(row[at] ?? ''); });
    if (raw.some((v) => v !== null)) {
      cluster = assignSegment(seg, raw.map((v, j) => (v === null ? seg.means[j] : v)));
      segment = seg.names[cluster - 1] ?? null;
    }
  }
  const spend = model.spend;
  if (spend && spend.encoding) {
    const x = encodeRow(spend.encoding, header, row);
    predictedSpend = round2(spend.intercept + x.reduce((s, v, j) => s + v * spend.coefficients[j], 0));
  }
  return { cluster, segment, predictedSpend };
}

export { MAX_MISSING_SHARE };
