/**
 * The analyse runner: derived features, statistics, values worth a look, predictions,
 * segments, RFM, churn risk, recommendations, the business view and the KPI view over one
 * customer table, each a step in steps/ or a module of its own. Each method that cannot run on
 * this table (too few rows, a missing column) is listed in `skipped` with the reason; the
 * others still run. Results are written as CDM columns and every written cell is a change.
 *
 * What it reads, when the caller does not say:
 * - derived columns (derive.ts): CDM Age, CDM Total Spend, CDM Orders, CDM Last Purchase, from
 *   a birth year, several amount or count columns, a days-since-last-purchase column;
 * - spend (the default target, RFM's monetary value): CDM Total Spend, else a money column
 *   called spend / revenue / total…, never an income (columns.ts defaultTarget);
 * - a yes/no response column (Response, Churn…) gets a chance-of-yes prediction of its own;
 * - segment features: every usable numeric column except yes/no answers and the columns a
 *   derived one stands for;
 * - purchase facts: date, count and product columns of the sheet — or all of these from
 *   `options.transactions`, rolled up per customer (orders.ts), guests never attributed.
 * Abnormal values (abnormal.ts) are flagged in CDM Flags with a reason, left out of fitting
 * and clamped to their column's fence when scoring, so one typo does not bend a model.
 * Big sheets: k is chosen on a seeded sample (segment.ts); the regression is exact least
 * squares over all rows in one pass (regress.ts).
 */
import { Cell, Change, ColumnRole, Roles, StepResult, Table } from '../table';
import { analysisText, type AnalysisT } from '../../i18n/analysis';
import { findAbnormal } from './abnormal';
import { ColumnCache } from './cache';
import { classifyColumn, classifyColumns, ColumnInfo, defaultTarget, isSpendHeader } from './columns';
import { factsFromColumns, factsFromRollup, PurchaseFacts, signupColumn } from './customers';
import { deriveFeatures } from './derive';
import { describeColumns } from './describe';
import { computeKpis, kpiSentences } from './kpi';
import { customersFromOrders, isOrderLines, lineCustomerKeys, rollUpOrders, OrderRollup } from './orders';
import { detectRoles } from '../roles';
import { AnalyseOptions, AnalysisReport, RfmChurnLine, SegmentReport, Skip } from './report';
import { rfmSegmentName } from './rfm';
import { SegmentModel } from './segment';
import { businessView } from './steps/business';
import { churnStep } from './steps/churn';
import { outlierReport } from './steps/outliers';
import { chooseTarget, PredictionOut, predictionStep, responseColumn, targetCandidates } from './steps/prediction';
import { recommendStep } from './steps/recommend';
import { rfmStep } from './steps/rfm';
import { segmentTable } from './steps/segments';
import { round2 } from './values';
import { customerName } from './who';
import { type ChangeOut, logColumns, writeColumns } from './write';
import { withReason } from '../shown';

const now = (): number => Date.now();
const FLAGS = 'CDM Flags';

/** The table with the derived columns set (replaced where an earlier run left them, else appended). */
function withDerived(table: Table, derived: Array<{ column: string; values: Cell[] }>): Table {
  if (!derived.length) return table;
  const header = table.header.slice();
  const at = derived.map((d) => {
    const i = header.indexOf(d.column);
    if (i >= 0) return i;
    header.push(d.column);
    return header.length - 1;
  });
  // Each row is made at its final length at once (growing a copy by push reallocates it).
  const pads: Cell[][] = [];
  const rows = table.rows.map((r, i) => {
    const short = header.length - r.length;
    const row = short > 0 ? r.concat(pads[short] ??= new Array<Cell>(short).fill('')) : r.slice();
    derived.forEach((d, k) => { row[at[k]] = d.values[i]; });
    return row;
  });
  return { header, rows };
}

export function analyseTable(table: Table, roles: Roles, options: AnalyseOptions = {}): StepResult<AnalysisReport> {
  // A sheet of order lines is rolled up on its own: another orders sheet is not its transactions.
  if (isOrderLines(table, roles)) {
    const lines = analyseOrderLines(table, roles, { ...options, transactions: undefined, transactionsFrom: undefined });
    if (lines) return lines;
  }
  const timingMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => { const t0 = now(); const v = f(); timingMs[name] = now() - t0; return v; };
  const t0 = now();
  const lang = options.lang ?? 'en';
  const t: AnalysisT = analysisText(lang);
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? new Date();
  const skipped: Skip[] = [];
  const n = table.rows.length;

  // Derived features first: they are columns like any other for everything below.
  const baseInfos = time('columns', () => classifyColumns(table, roles, t));
  const derive = time('derive', () => deriveFeatures(table, baseInfos, asOf, t, { spendColumns: options.spendColumns, orderColumns: options.orderColumns }));
  for (const g of derive.report.notSummed) skipped.push({ what: g.columns.join(' + '), reason: t('derivedNotSummed', { reason: g.reason }) });
  const work = withDerived(table, derive.derived);
  const allRoles: Roles = { ...roles };
  for (const d of derive.derived) allRoles[d.column] = d.role as ColumnRole;
  const derivedInfo = new Map(derive.derived.map((d) => [d.column, classifyColumn(d.column, d.role, d.values, t, true)]));
  const infos: ColumnInfo[] = work.header.map((h, i) => derivedInfo.get(h) ?? baseInfos[i]);
  const standIns = new Set(derive.replaced.keys());
  const cache = new ColumnCache(work, infos);

  const describe = time('describe', () => describeColumns(work, allRoles, infos, (c) => cache.numeric(c), (c) => cache.sorted(c)));
  skipped.push(...describe.skipped.map((s) => ({ what: t('whatColumn', { column: s.what }), reason: s.reason })));
  const flags = time('abnormal', () => {
    const f = findAbnormal(work, infos, cache, asOf, t, new Set());
    for (const d of derive.flags) if (!f.some((x) => x.row === d.row && x.column === d.column)) f.push({ ...d, kind: 'impossible' });
    return f.sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : 1));
  });
  const outliers = time('outliers', () => ({ ...outlierReport(infos, cache), flags: flags.slice(0, 200), flagged: flags.length }));

  // Orders: a transactions sheet rolled up per customer.
  let rollup: OrderRollup | null = null;
  const notes: string[] = [];
  const from = options.transactionsFrom;
  if (options.transactions) {
    const r = time('orders', () => rollUpOrders(options.transactions!, options.transactionRoles));
    if ('skipped' in r) {
      if (from?.auto) notes.push(t('txAutoUnused', { sheet: from.name }));
      else skipped.push({ what: t('whatTransactions'), reason: t('skipTxNoCustomer') });
    } else rollup = r;
  }

  // Predictions: the user's target (or spend), and a yes/no response beside it.
  const whatFor = (target: string | undefined): string =>
    !target || isSpendHeader(target) ? t('whatSpendPrediction') : t('whatPredictionOf', { target });
  const predictions: PredictionOut[] = [];
  time('regression', () => {
    const main = chooseTarget(work, infos, options.target, skipped, t, whatFor(options.target));
    const targets = main ? [main] : [];
    const response = responseColumn(infos);
    if (!options.target && response && !targets.includes(response.column)) targets.push(response.column);
    for (const target of targets) {
      // The columns a derived target is made of would give the answer away; a part as target
      // must not be predicted from its own total either.
      const exclude = new Set(standIns);
      for (const d of derive.derived) if (d.from.includes(target)) exclude.add(d.column);
      const p = predictionStep(work, infos, target, seed, cache, skipped, t, exclude, whatFor(target));
      if (p) predictions.push(p);
    }
  });
  // Describe, the fences and the fill medians have read the sorted columns; the rest does not need them.
  cache.releaseSorted();
  const spendColumn = defaultTarget(infos);
  const spendValues = spendColumn ? cache.numeric(spendColumn) : null;

  let segments: SegmentReport | null = null;
  let segmentModel: SegmentModel | null = null;
  let clusterOf: Array<number | null> | null = null;
  time('segments', () => {
    const seg = segmentTable(work, infos, { ...options, lang }, seed, spendValues, cache, standIns, t);
    if ('skipped' in seg) { skipped.push({ what: t('whatSegments'), reason: seg.skipped }); return; }
    segments = seg.report;
    segmentModel = seg.model;
    clusterOf = seg.labels;
  });

  // Purchase facts: the rolled-up transactions when given and matched, else this sheet's columns.
  const facts = time('facts', (): PurchaseFacts => {
    if (rollup) {
      const f = factsFromRollup(work, rollup);
      if (!('skipped' in f)) {
        if (from) notes.push(t(from.auto ? 'txAutoUsed' : 'txSheetUsed', { sheet: from.name, customer: rollup.columns.customer ?? '', link: f.from.customer ?? '' }));
        return f;
      }
      // A sheet found by itself that names none of these customers is not this sheet's orders: left alone.
      if (from?.auto) notes.push(t('txAutoUnused', { sheet: from.name }));
      else skipped.push({ what: t('whatTransactions'), reason: t('skipTxNoMatch', { column: rollup.columns.customer ?? '' }) });
      rollup = null;
    }
    return factsFromColumns(work, infos, spendColumn, cache, standIns);
  });

  const rfmOut = time('rfm', () => rfmStep(facts, asOf, n, t));
  if ('skipped' in rfmOut) skipped.push({ what: t('whatRfm'), reason: rfmOut.skipped });
  const churnOut = time('churn', () => churnStep(facts, asOf, (row) => customerName(work, roles, row), t));
  if ('skipped' in churnOut) skipped.push({ what: t('whatChurn'), reason: churnOut.skipped });
  const recOut = time('recommendations', () => recommendStep(facts, clusterOf, t));
  if ('skipped' in recOut) skipped.push({ what: t('whatRecommend'), reason: recOut.skipped });

  const business = time('business', () => businessView(cache, infos, facts, rollup, segmentModel, clusterOf, spendValues, t));

  // RFM (value so far) beside churn risk (silence against the customer's own rhythm).
  const rfmChurn: RfmChurnLine[] = [];
  if ('scores' in rfmOut && rfmOut.scores && 'risks' in churnOut && churnOut.risks) {
    const acc = new Map<string, RfmChurnLine>();
    rfmOut.scores.forEach((s, i) => {
      if (!s.segment) return;
      const line = acc.get(s.segment) ?? { segment: s.segment, name: rfmSegmentName(s.segment, t), high: 0, medium: 0, low: 0, unknown: 0 };
      const risk = churnOut.risks![i];
      line[risk === '' ? 'unknown' : risk]++;
      acc.set(s.segment, line);
    });
    rfmChurn.push(...[...acc.values()].sort((a, b) => b.high + b.medium + b.low - (a.high + a.medium + a.low)));
  }

  const kpis = time('kpis', () => {
    const signup = signupColumn(infos);
    const response = responseColumn(infos);
    const seg = segmentModel as SegmentModel | null;
    return computeKpis({
      facts, rollup, asOf,
      signup: signup ? { column: signup, times: cache.time(signup) } : null,
      response: response ? { column: response.column, yes: response.yesno!.yes, values: cache.numeric(response.column) } : null,
      segments: clusterOf && seg ? { labels: clusterOf, names: seg.names } : null,
    });
  });
  const main = predictions[0] ?? null;
  const topRule = 'report' in recOut ? recOut.report.rules.find((r) => r.confidence >= 0.3) ?? null : null;
  const currency = spendColumn ? (infos.find((i) => i.column === spendColumn)?.currencies ?? []) : [];
  const firstFlag = flags[0];
  const sentences = kpiSentences({
    kpis,
    segments: (segments as SegmentReport | null)?.segments ?? [],
    regularsQuiet: 'report' in churnOut ? churnOut.report.regularsQuiet ?? 0 : 0,
    topProduct: business.byProduct.length > 1 ? { key: business.byProduct[0].key, share: business.byProduct[0].share } : null,
    rule: topRule ? { from: topRule.from, to: topRule.to, confidence: topRule.confidence } : null,
    outliers: { count: flags.length, example: firstFlag ? `${firstFlag.column} ${String(firstFlag.value)}` : null },
    prediction: main ? {
      target: main.target, kind: main.report.kind ?? 'numeric', r2: main.report.cv?.r2 ?? null, auc: main.report.auc?.auc ?? null,
      feature: main.report.importance[0]?.feature ?? null,
    } : null,
    // A yes/no answer predicted beside the spend (a campaign's Response) is worth its own sentence.
    others: predictions.slice(1).map((p) => ({
      target: p.target, kind: p.report.kind ?? 'numeric', r2: p.report.cv?.r2 ?? null, auc: p.report.auc?.auc ?? null,
      feature: p.report.importance[0]?.feature ?? null,
    })),
    currency: currency.length === 1 ? currency[0] : null,
  }, t);

  // Write the CDM columns and log every changed cell.
  const changes: Change[] = [];
  const logged: ChangeOut = options.onChange ?? changes;
  let out = work;
  time('write', () => {
    const segModel = segmentModel as SegmentModel | null;
    const labels = clusterOf as Array<number | null> | null;
    const segReason = segModel ? t('reasonSegment', { features: segModel.features.join(', ') }) : '';
    const predictionColumns: Array<{ column: string; values: Cell[] | null; reason: string }> = predictions.map((p) => ({
      column: p.column,
      values: p.predictions.map((v) => (p.report.kind === 'yesno' ? Math.round(v * 10000) / 10000 : round2(v))) as Cell[],
      reason: p.report.kind === 'yesno'
        ? t('predReasonYesNo', { target: p.target, yes: /^(1|true|t|y)$/i.test(p.report.positive?.value ?? '') ? t('shYes') : p.report.positive?.value ?? '', features: p.model.featureNames.join(', ') })
        : t('predReasonNumeric', { target: p.target, features: p.model.featureNames.join(', ') }),
    }));
    // A spend prediction left by an earlier run is emptied when this run makes none.
    if (!predictions.some((p) => p.column === 'CDM Predicted Spend')) predictionColumns.push({ column: 'CDM Predicted Spend', values: null, reason: '' });
    const flagValues = flagColumn(table, flags);
    // The derived columns are already in `work` (the same header and rows writeColumns would
    // make from the input table): only logged, as changes against the input table.
    logColumns(table, logged, derive.derived.map((d) => ({ column: d.column, values: d.values, reason: d.reason })));
    out = writeColumns(work, logged, [
      { column: 'CDM Cluster', values: labels ? labels.map((c) => c ?? '') : null, reason: segReason },
      { column: 'CDM Segment', values: labels && segModel ? labels.map((c) => (c ? segModel.names[c - 1] : '')) : null, reason: segReason },
      ...predictionColumns,
      { column: 'CDM RFM', values: 'labels' in rfmOut ? rfmOut.labels : null, reason: t('reasonRfm') },
      { column: 'CDM Churn Risk', values: 'labels' in churnOut ? churnOut.labels : null, reason: t('reasonChurn') },
      { column: 'CDM Recommended', values: 'labels' in recOut ? recOut.labels : null, reason: t('reasonRecommend') },
      ...(flagValues ? [{ column: FLAGS, values: flagValues, reason: t('shOutliers') }] : []),
    ], t('reasonNotPossible'));
  });
  timingMs.total = now() - t0;

  const report: AnalysisReport = {
    describe,
    regression: main ? main.report : null,
    predictions: predictions.map((p) => p.report),
    targets: targetCandidates(infos.filter((i) => !i.column.startsWith('CDM ') || derivedInfo.has(i.column))),
    segments,
    rfm: 'report' in rfmOut ? rfmOut.report : null,
    churn: 'report' in churnOut ? churnOut.report : null,
    rfmChurn,
    recommendations: 'report' in recOut ? recOut.report : null,
    business,
    kpis,
    sentences,
    derived: derive.report,
    outliers,
    skipped,
    ...(notes.length ? { notes } : {}),
    model: {
      spend: main ? main.model : null,
      segments: segmentModel,
      predictions: predictions.map((p) => p.model),
    },
    lang,
    currency,
    asOf: asOf.toISOString(),
    timingMs,
  };
  return { table: out, changes, report };
}

/**
 * A sheet of order lines given as the customer sheet (an orders export, in the add-on where the
 * sheet cannot be swapped for another): the lines are rolled up into one row per customer
 * (guests get none), that table is analysed with the lines as its transactions, and each
 * customer's results (segment, prediction, RFM, churn risk, recommendation) are written on
 * every line of that customer. Guest lines get nothing; no user cell changes. null when the
 * lines name no customer at all (then the sheet is analysed as it is).
 */
function analyseOrderLines(table: Table, roles: Roles, options: AnalyseOptions): StepResult<AnalysisReport> | null {
  const t = analysisText(options.lang ?? 'en');
  const rollup = rollUpOrders(table, roles);
  if ('skipped' in rollup || rollup.customers.size === 0) return null;
  const customers = customersFromOrders(rollup, { first: t('txFirst'), last: t('txLast'), orders: t('txOrders'), revenue: t('txRevenue'), products: t('txProducts') });
  const customerRoles = detectRoles(customers, { [customers.header[0]]: 'id' }, { asOf: options.asOf, lang: options.lang }).roles;
  const inner = analyseTable(customers, customerRoles, { ...options, transactions: table, transactionRoles: roles, onChange: undefined });
  const rowOf = new Map<string, number>();
  [...rollup.customers.keys()].forEach((key, i) => rowOf.set(key, i));
  const keys = lineCustomerKeys(table, rollup.columns);
  const own = new Set(customers.header);
  // The analysis's own columns, per customer; CDM Flags there speak of the derived columns, so it stays with them.
  const written = inner.table.header.filter((h) => !own.has(h) && h !== FLAGS && !h.startsWith('CDM Age'));
  const reasons = new Map<string, string>();
  for (const c of inner.changes) if (!reasons.has(c.column)) reasons.set(c.column, c.reason);
  const changes: Change[] = [];
  const out = writeColumns(table, options.onChange ?? changes, written.map((column) => {
    const at = inner.table.header.indexOf(column);
    return {
      column,
      values: keys.map((k) => { const r = k === '' ? undefined : rowOf.get(k); return r === undefined ? '' : inner.table.rows[r][at] ?? ''; }),
      reason: t('reasonPerCustomer', { reason: reasons.get(column) ?? '' }),
    };
  }), t('reasonNotPossible'));
  // Row numbers in the report name a customer's first line, so "row N" and Show point into this sheet.
  const lineOf: number[] = new Array(customers.rows.length).fill(-1);
  keys.forEach((k, line) => { const r = k === '' ? undefined : rowOf.get(k); if (r !== undefined && lineOf[r] < 0) lineOf[r] = line; });
  const report = linesReport(inner.report, (r) => (lineOf[r] >= 0 ? lineOf[r] : r));
  const note = t('txLinesNote', { lines: rollup.lines, customers: rollup.customers.size, guests: rollup.guests.lines, cancelled: rollup.cancelled.lines + rollup.voided.lines });
  return { table: out, changes, report: { ...report, notes: [note, ...(report.notes ?? [])] } };
}

/** The report with every row number moved from the derived customer table to the order lines. */
function linesReport(r: AnalysisReport, line: (row: number) => number): AnalysisReport {
  const rows = <T extends { row: number }>(xs: T[] | undefined): T[] | undefined => xs?.map((x) => ({ ...x, row: line(x.row) }));
  return {
    ...r,
    churn: r.churn ? { ...r.churn, top: rows(r.churn.top)! } : null,
    outliers: { ...r.outliers, flags: rows(r.outliers.flags), columns: r.outliers.columns.map((c) => ({ ...c, rows: rows(c.rows)! })) },
    predictions: r.predictions.map((p) => ({ ...p, excludedRows: rows(p.excludedRows) })),
    regression: r.regression ? { ...r.regression, excludedRows: rows(r.regression.excludedRows) } : null,
  };
}

/**
 * CDM Flags after this run's flags: each row's earlier text plus the reasons not already in it
 * (so a second run adds nothing). null when nothing is flagged: the column is left alone.
 */
function flagColumn(table: Table, flags: Array<{ row: number; reason: string }>): Cell[] | null {
  if (!flags.length) return null;
  const at = table.header.indexOf(FLAGS);
  const text: string[] = table.rows.map((r) => (at >= 0 ? String(r[at] ?? '') : ''));
  for (const f of flags) {
    if (text[f.row].includes(f.reason)) continue;
    text[f.row] = withReason(text[f.row], f.reason);
  }
  return text;
}
