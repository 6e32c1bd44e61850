/**
 * The `CDM Analysis` sheet, written for a shop owner to read top-down: the summary first
 * (plain sentences, key figures with how each is counted), then the customers gone quiet, RFM
 * and churn risk explained side by side, what goes together in words, predictions, segments,
 * where the money comes from (every cohort listed; long product lists say how many more),
 * then the detail (numbers, categories, the full correlation grid) and the chart data.
 *
 * Numbers go in rounded, with number formats for the sheet's locale and currency (money,
 * percentages, counts); Sheets shows separators the locale's way. Every text comes from the
 * analysis dictionary in the report's language. One setValues, one setNumberFormats, then one
 * chart per spec.
 */
import type { AnalysisReport } from '../core/analysis/index';
import type { Cell, Table } from '../core/table';
import { analysisText, type AnalysisT } from '../i18n/analysis';
import { formatMoney } from '../core/analysis/kpi';
import { rectangle, writeGrid } from './cdm-sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A block of the grid a chart can point at: rows [row, row+rows), columns [col, col+cols). */
interface Block { row: number; col: number; rows: number; cols: number }

/** Points drawn in the scatter: enough to see the segments, and the sheet stays small. */
const SCATTER_POINTS = 400;
const HISTOGRAM_BINS = 12;
/** Products listed by name; the rest are counted in one line with their share of revenue. */
const MAX_PRODUCTS = 60;
const MAX_FLAGS_LISTED = 50;
const CHART_COLUMN = 16;
/** Correlations said in words: the strongest pairs at or above this |r|. */
const STRONG_R = 0.3;
const WORDED_PAIRS = 6;

export type Fmt = '' | 'int' | 'dec' | 'money' | 'pct' | 'r' | 'prob' | 'coef';

export interface SheetFormats { money: string }

/** Currency sign for a locale when the data shows none ("de_DE" → €). */
export function currencyFor(locale: string | null | undefined): string | null {
  const l = (locale ?? '').replace('-', '_');
  if (/^zh|^ja/i.test(l)) return '¥';
  if (/_GB$/i.test(l)) return '£';
  if (/_IN$/i.test(l)) return '₹';
  if (/^(de|fr|es|it|nl|pt_PT|fi|el|sk|sl|et|lv|lt)|_(DE|FR|ES|IT|NL|AT|BE|IE|FI|PT|GR)$/i.test(l)) return '€';
  if (/_(US|CA|AU|NZ|SG|HK|MX)$/i.test(l) || /^en$/i.test(l)) return '$';
  return null;
}

export function formatPatterns(currency: string | null): Record<Exclude<Fmt, ''>, string> {
  return {
    int: '#,##0',
    dec: '#,##0.00',
    money: currency ? `[$${currency}]#,##0.00` : '#,##0.00',
    pct: '0.0%',
    r: '0.00',
    prob: '0.0%',
    coef: '0.0000',
  };
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const roundTo = (x: unknown, d: number): Cell => (finite(x) ? Math.round(x * 10 ** d) / 10 ** d : '');

class Grid {
  rows: Cell[][] = [];
  fmts: Fmt[][] = [];
  bold = new Set<number>();
  add(row: Cell[], fmts: Fmt[] | Fmt = ''): number {
    this.rows.push(row);
    this.fmts.push(Array.isArray(fmts) ? fmts : row.map(() => fmts));
    return this.rows.length;
  }
  gap(): void { this.add([]); }
  title(text: string): void {
    if (this.rows.length) this.gap();
    this.bold.add(this.add([text]));
  }
  table(header: Cell[], body: Cell[][], fmts: Fmt[] = []): Block {
    const row = this.add(header);
    this.bold.add(row);
    for (const r of body) this.add(r, fmts);
    return { row, col: 1, rows: body.length + 1, cols: header.length };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface ChartSpec {
  title: string;
  type: GoogleAppsScript.Charts.ChartType;
  block: Block;
  options?: Record<string, unknown>;
}

export interface Layout { grid: Cell[][]; formats: string[][]; bold: number[]; charts: ChartSpec[] }

/** Sign of the spend column's values ("$12.50"), else the locale's. */
function currencyOf(report: AnalysisReport, locale: string | null): string | null {
  const r = report as Loose;
  const fromData: string[] = r.currency ?? [];
  return fromData.length === 1 ? fromData[0] : currencyFor(locale);
}

/** The grid, its formats and the charts, without touching Sheets (unit-testable). */
export function analysisLayout(report: AnalysisReport, table: Table | null, sheetName: string, when: Date, locale: string | null = null): Layout {
  const r = report as Loose;
  const t = analysisText(r.lang === 'zh' ? 'zh' : 'en');
  const g = new Grid();
  const charts: ChartSpec[] = [];
  const date = (r.asOf ? new Date(r.asOf) : when).toISOString().slice(0, 10);
  g.bold.add(g.add([t('shTitle', { sheet: sheetName }), '', '', t('shAsOf', { date })]));

  summary(g, r, t);
  atRisk(g, r, t);
  rfmAndChurn(g, r, t);
  correlationsInWords(g, r, t);
  predictions(g, r, t);
  const segBlock = segments(g, r, t);
  money(g, r, t, charts);
  derivedAndFlags(g, r, t);
  recommendations(g, r, t);
  detail(g, r, t);

  if (table && segBlock) {
    const scatter = scatterBlock(table, segBlock.features, g, t);
    if (scatter) charts.push({ title: t('shChartSegments', { x: segBlock.features[0], y: segBlock.features[1] }), type: Charts.ChartType.SCATTER, block: scatter });
  }
  const numericTarget = (r.predictions ?? []).find((p: Loose) => p.kind !== 'yesno' && p.target);
  if (table && numericTarget) {
    const hist = histogramBlock(table, numericTarget.target, g, t);
    if (hist) charts.push({ title: t('shChartHistogram', { column: numericTarget.target }), type: Charts.ChartType.COLUMN, block: hist });
  }

  const skipped: Loose[] = r.skipped ?? [];
  if (skipped.length) {
    g.title(t('shLeftOut'));
    for (const s of skipped) g.add([t('shSkippedLine', { what: s.what, reason: s.reason })]);
  }

  const patterns = formatPatterns(currencyOf(report, locale));
  const grid = rectangle(g.rows);
  const formats = grid.map((row, i) => row.map((_, j) => {
    const f = g.fmts[i][j] ?? '';
    return f && finite(g.rows[i][j]) ? patterns[f] : '';
  }));
  return { grid, formats, bold: [...g.bold].sort((a, b) => a - b), charts };
}

function summary(g: Grid, r: Loose, t: AnalysisT): void {
  const sentences: string[] = r.sentences ?? [];
  g.title(t('shSummary'));
  if (sentences.length) {
    g.bold.add(g.add([t('shWhatToDo')]));
    for (const s of sentences) g.add([s]);
  }
  const k = r.kpis;
  if (!k) return;
  g.gap();
  const rows: Array<[string, Cell, Fmt, string]> = [];
  const guests = k.guests && k.guests.lines ? t('kpiGuestsHow') : '';
  rows.push([t('kpiCustomers'), k.customers, 'int', t('kpiCustomersHow', { guests })]);
  if (k.revenue !== null) rows.push([t('kpiRevenue'), roundTo(k.revenue, 2), 'money', k.source === 'transactions' ? t('kpiRevenueHowTx', { from: k.revenueFrom ?? '' }) : t('kpiRevenueHowCol', { column: k.revenueFrom ?? '' })]);
  if (k.orders !== null) rows.push([t('kpiOrders'), k.orders, 'int', k.source === 'transactions' ? t('kpiOrdersHowTx') : t('kpiOrdersHowCol', { column: k.ordersFrom ?? '' })]);
  if (k.repeatRate !== null) rows.push([t('kpiRepeat'), roundTo(k.repeatRate, 4), 'pct', t('kpiRepeatHow')]);
  if (k.aov !== null) rows.push([t('kpiAov'), roundTo(k.aov, 2), 'money', t('kpiAovHow')]);
  if (k.frequency !== null) rows.push([t('kpiFrequency'), roundTo(k.frequency, 2), 'dec', t('kpiFrequencyHow')]);
  if (k.aov !== null && k.frequency !== null && k.repeatRate !== null) {
    rows.push([t('kpiClv'), k.clv === null ? t('kpiClvNone') : roundTo(k.clv, 2), 'money', t('kpiClvHow')]);
  }
  if (k.activeShare !== null) rows.push([t('kpiActive', { days: k.activeDays }), roundTo(k.activeShare, 4), 'pct', t('kpiActiveHow', { days: k.activeDays, date: String(r.asOf ?? '').slice(0, 10) })]);
  if (k.guests) rows.push([t('kpiGuestLines'), k.guests.lines, 'int', t('kpiGuestHow')]);
  if (k.cancelled) rows.push([t('kpiCancelled'), k.cancelled.lines, 'int', t('kpiCancelledHow')]);
  if (k.voided && k.voided.orders) rows.push([t('kpiVoided'), k.voided.orders, 'int', t('kpiVoidedHow')]);
  for (const o of k.otherCurrencies ?? []) rows.push([t('kpiOtherCurrency', { currency: o.currency }), o.lines, 'int', t('kpiOtherCurrencyHow', { amount: formatMoney(o.amount, null) })]);
  if (k.response) rows.push([t('kpiResponse', { target: k.response.column }), roundTo(k.response.rate, 4), 'pct', t('kpiResponseHow')]);
  g.bold.add(g.add([t('shKpis')]));
  g.table([t('shFigure'), t('shValue'), t('shHowCounted')], rows.map((x) => [x[0], x[1], x[3]]));
  // Per-row value formats (the table helper gives one format per column).
  const first = g.rows.length - rows.length;
  rows.forEach((x, i) => { g.fmts[first + i] = ['', x[2], '']; });
}

function atRisk(g: Grid, r: Loose, t: AnalysisT): void {
  const churn = r.churn;
  if (!churn || !churn.top?.length) return;
  g.title(t('shAtRisk'));
  const risk = (x: string): string => (x === 'high' ? t('riskHigh') : x === 'medium' ? t('riskMedium') : x === 'low' ? t('riskLow') : x);
  g.table([t('shRow'), t('shName'), t('shRisk'), t('shReason')], churn.top.map((c: Loose) => [c.row + 2, c.name, risk(c.risk), c.reason]), ['int', '', '', '']);
  if (churn.more) g.add([t('shAtRiskMore', { n: churn.more })]);
}

function rfmAndChurn(g: Grid, r: Loose, t: AnalysisT): void {
  if (!r.rfm && !r.churn) return;
  g.title(t('shRfmVsChurn'));
  g.add([t('shRfmMeans'), '', '', t('shChurnMeans')]);
  g.add([t('shRfmChurnNote')]);
  const lines: Loose[] = r.rfmChurn ?? [];
  if (lines.length) {
    g.gap();
    g.table([t('shRfmSegment'), t('shCustomers'), `${t('shChurn')}: ${t('riskHigh')}`, `${t('shChurn')}: ${t('riskMedium')}`, `${t('shChurn')}: ${t('riskLow')}`],
      lines.map((l) => [l.name, l.high + l.medium + l.low + l.unknown, l.high, l.medium, l.low]), ['', 'int', 'int', 'int', 'int']);
  } else if (r.rfm) {
    g.gap();
    g.table([t('shRfmSegment'), t('shCustomers'), t('shShare')], r.rfm.segments.map((l: Loose) => [l.segment, l.customers, roundTo(l.share, 4)]), ['', 'int', 'pct']);
  }
  const churn = r.churn;
  if (churn) {
    g.gap();
    g.table([t('shChurn'), t('shCustomers')], [
      [t('riskHigh'), churn.counts.high], [t('riskMedium'), churn.counts.medium], [t('riskLow'), churn.counts.low], [t('riskUnknown'), churn.counts.unknown],
    ], ['', 'int']);
    if (finite(churn.typicalGapDays)) g.add([t('shTypicalGap'), roundTo(churn.typicalGapDays, 1)], ['', 'dec']);
  }
}

/** The strongest pairs of the correlation grid, in words (pairs a derived column is made of are left out). */
function correlationsInWords(g: Grid, r: Loose, t: AnalysisT): void {
  const c = r.describe?.correlation;
  if (!c || c.columns.length < 2) return;
  const partOf = new Map<string, string>();
  for (const d of r.derived?.columns ?? []) for (const f of d.from) partOf.set(f, d.column);
  const pairs: Array<{ a: string; b: string; r: number }> = [];
  for (let i = 0; i < c.columns.length; i++) {
    for (let j = i + 1; j < c.columns.length; j++) {
      const v = c.matrix[i][j];
      const a = c.columns[i];
      const b = c.columns[j];
      if (!finite(v) || Math.abs(v) < STRONG_R || partOf.get(a) === b || partOf.get(b) === a) continue;
      pairs.push({ a, b, r: v });
    }
  }
  pairs.sort((x, y) => Math.abs(y.r) - Math.abs(x.r));
  g.title(t('shCorrelations'));
  if (!pairs.length) { g.add([t('shCorrNone')]); return; }
  for (const p of pairs.slice(0, WORDED_PAIRS)) g.add([t(p.r > 0 ? 'shCorrStrongPos' : 'shCorrStrongNeg', { a: p.a, b: p.b, r: p.r.toFixed(2) })]);
}

function predictions(g: Grid, r: Loose, t: AnalysisT): void {
  const list: Loose[] = r.predictions ?? (r.regression ? [r.regression] : []);
  if (!list.length) {
    g.title(t('shPrediction', { target: '' }).trim());
    g.add([t('shPredictionNone')]);
    return;
  }
  for (const p of list) {
    g.title(t('shPrediction', { target: p.target ?? '' }));
    if (p.method) g.add([`${t('shMethod')}: ${p.method}`]);
    if (p.explanation) g.add([p.explanation]);
    if (p.kind === 'yesno') {
      g.table([t('shTarget'), t('shRows'), t('shAucCv'), t('shFolds')], [[p.target ?? '', p.rows, roundTo(p.auc?.auc, 3), p.auc?.folds ?? '']], ['', 'int', 'r', 'int']);
    } else {
      g.table([t('shTarget'), t('shRows'), t('shR2'), t('shR2Cv'), t('shMaeCv'), t('shFolds')],
        [[p.target ?? '', p.rows, roundTo(p.r2, 3), roundTo(p.cv?.r2, 3), roundTo(p.cv?.mae, 2), p.cv?.folds ?? '']], ['', 'int', 'r', 'r', 'dec', 'int']);
    }
    g.gap();
    g.table([t('shFeature'), t('shCoefficient'), t('shStandardised')], [
      [t('shIntercept'), roundTo(p.intercept, 4), ''],
      ...(p.coefficients ?? []).map((c: Loose) => [c.feature, roundTo(c.coefficient, 4), roundTo(c.standardised, 3)]),
    ], ['', 'coef', 'r']);
  }
}

function segments(g: Grid, r: Loose, t: AnalysisT): { features: string[] } | null {
  const seg = r.segments;
  g.title(t('shSegments'));
  if (!seg || !seg.segments?.length) { g.add([t('shSegmentsNone')]); return null; }
  const features: string[] = seg.features;
  g.add([t('shSegmentsFit', { k: seg.k, s: Number(seg.silhouette).toFixed(2), n: seg.fittedRows })]);
  const response = r.kpis?.response;
  const rate = new Map<number, number>((r.kpis?.responseBySegment ?? []).map((x: Loose) => [x.segment, x.rate]));
  const header = [t('shSegment'), t('shName'), t('shCustomers'), t('shShare'), t('shRevenueShare'),
    ...(response ? [t('shResponseRate', { target: response.column })] : []), ...features.map((f) => t('shMeanOf', { column: f }))];
  g.table(header, seg.segments.map((p: Loose) => [p.id, p.name, p.size, roundTo(p.share, 4), roundTo(p.revenueShare, 4),
    ...(response ? [roundTo(rate.get(p.id), 4)] : []), ...features.map((f) => roundTo(p.means[f], 2))]),
  ['int', '', 'int', 'pct', 'pct', ...(response ? ['pct' as Fmt] : []), ...features.map(() => 'dec' as Fmt)]);
  return { features };
}

function money(g: Grid, r: Loose, t: AnalysisT, charts: ChartSpec[]): void {
  const biz = r.business;
  if (!biz) return;
  g.title(t('shMoney'));
  if (finite(biz.revenueTotal)) g.add([t('shTotalRevenue'), roundTo(biz.revenueTotal, 2)], ['', 'money']);
  const lines = (title: string, xs: Loose[]): Block | null => {
    if (!xs?.length) return null;
    g.gap();
    return g.table([title, t('shCustomers'), t('shRevenue'), t('shShare')], xs.map((l) => [l.key, l.customers, roundTo(l.revenue, 2), roundTo(l.share, 4)]), ['', 'int', 'money', 'pct']);
  };
  const bySeg = lines(t('shSegment'), biz.bySegment);
  if (bySeg) charts.push({ title: t('shChartRevenue'), type: Charts.ChartType.COLUMN, block: { ...bySeg, cols: 1 }, options: { valueColumn: 3 } });
  const products: Loose[] = biz.byProduct ?? [];
  lines(t('shProduct'), products.slice(0, MAX_PRODUCTS));
  if (products.length > MAX_PRODUCTS) {
    const rest = products.slice(MAX_PRODUCTS).reduce((s, p) => s + (p.share ?? 0), 0);
    g.add([t('shMoreProducts', { n: products.length - MAX_PRODUCTS, share: `${(rest * 100).toFixed(1)}%` })]);
  }
  const cohorts = r.kpis?.cohorts;
  if (cohorts?.lines?.length) {
    const unit = cohorts.unit === 'year' ? t('unitYear') : cohorts.unit === 'quarter' ? t('unitQuarter') : t('unitMonth');
    g.title(t('shCohorts', { column: cohorts.column ?? '', unit }));
    const days = r.kpis.activeDays;
    const block = g.table([t('shCohort'), t('shCustomers'), t('shStillBuying', { days }), t('shBoughtAgain'), t('shRevenue'), t('shRevenueShare')],
      cohorts.lines.map((c: Loose) => [c.cohort, c.customers, roundTo(c.active, 4), roundTo(c.repeat, 4), roundTo(c.revenue, 2), roundTo(c.revenueShare, 4)]),
      ['', 'int', 'pct', 'pct', 'money', 'pct']);
    if (cohorts.lines.length > 1) charts.push({ title: t('shChartCohorts'), type: Charts.ChartType.LINE, block: { ...block, cols: 1 }, options: { valueColumn: 3 } });
  }
}

function derivedAndFlags(g: Grid, r: Loose, t: AnalysisT): void {
  const derived: Loose[] = r.derived?.columns ?? [];
  if (derived.length) {
    g.title(t('shDerived'));
    g.table([t('shDerivedColumn'), t('shDerivedFrom'), t('shCount')], derived.map((d) => [d.column, d.how, d.filled]), ['', '', 'int']);
    for (const l of r.derived.leftOut ?? []) g.add([l.reason]);
  }
  const flags: Loose[] = r.outliers?.flags ?? [];
  if (flags.length) {
    g.title(t('shOutliers'));
    g.table([t('shRow'), t('shColumn'), t('shValue'), t('shReason')], flags.slice(0, MAX_FLAGS_LISTED).map((f) => [f.row + 2, f.column, f.value, f.reason]), ['int', '', '', '']);
    const total = r.outliers.flagged ?? flags.length;
    if (total > MAX_FLAGS_LISTED) g.add([t('shFlagsMore', { n: total - MAX_FLAGS_LISTED })]);
  }
}

function recommendations(g: Grid, r: Loose, t: AnalysisT): void {
  const rules: Loose[] = r.recommendations?.rules ?? [];
  if (!rules.length) return;
  g.title(t('shRecommendations'));
  g.table([t('shRuleFrom'), t('shRuleTo'), t('shCustomers'), t('shConfidence'), t('shLift')],
    rules.map((x) => [x.from, x.to, x.together, roundTo(x.confidence, 4), roundTo(x.lift, 2)]), ['', '', 'int', 'pct', 'r']);
}

function detail(g: Grid, r: Loose, t: AnalysisT): void {
  const d = r.describe;
  if (d?.numeric?.length) {
    g.title(t('shNumbers'));
    g.table([t('shColumn'), t('shCount'), t('shMissing'), t('shMean'), t('shMedian'), t('shMode'), t('shStd'), t('shMin'), t('shQ1'), t('shQ3'), t('shMax')],
      d.numeric.map((s: Loose) => [s.column, s.count, s.missing, roundTo(s.mean, 2), roundTo(s.median, 2), roundTo(s.mode, 2), roundTo(s.std, 2), roundTo(s.min, 2), roundTo(s.q1, 2), roundTo(s.q3, 2), roundTo(s.max, 2)]),
      ['', 'int', 'int', 'dec', 'dec', 'dec', 'dec', 'dec', 'dec', 'dec', 'dec']);
  }
  if (d?.categories?.length) {
    g.title(t('shCategories'));
    const body: Cell[][] = [];
    for (const c of d.categories) for (const l of (c.levels ?? []).slice(0, 10)) body.push([c.column, l.value, l.count, roundTo(l.share, 4)]);
    g.table([t('shColumn'), t('shCategoryValue'), t('shCustomers'), t('shShare')], body, ['', '', 'int', 'pct']);
  }
  if (d?.correlation?.columns?.length > 1) {
    g.title(t('shCorrGrid'));
    g.table(['', ...d.correlation.columns], d.correlation.columns.map((c: string, i: number) => [c, ...d.correlation.matrix[i].map((v: unknown) => roundTo(v, 2))]),
      ['', ...d.correlation.columns.map(() => 'r' as Fmt)]);
  }
}

/** Points of the first two segment features, one y column per segment (so each gets a colour). */
function scatterBlock(table: Table, features: string[], g: Grid, t: AnalysisT): Block | null {
  const xi = table.header.indexOf(features[0]);
  const yi = table.header.indexOf(features[1]);
  const ci = table.header.indexOf('CDM Cluster');
  if (features.length < 2 || xi < 0 || yi < 0 || ci < 0) return null;
  const clusters = [...new Set(table.rows.map((r) => r[ci]).filter((c) => c !== ''))].sort((a, b) => Number(a) - Number(b));
  if (clusters.length === 0) return null;
  const step = Math.max(1, Math.ceil(table.rows.length / SCATTER_POINTS));
  const body: Cell[][] = [];
  for (let i = 0; i < table.rows.length; i += step) {
    const row = table.rows[i];
    const x = row[xi];
    const y = row[yi];
    if (typeof x !== 'number' || typeof y !== 'number' || row[ci] === '') continue;
    body.push([x, ...clusters.map((c) => (c === row[ci] ? y : ''))]);
  }
  if (body.length === 0) return null;
  g.title(t('shChartData', { what: t('shChartSegments', { x: features[0], y: features[1] }) }));
  return g.table([features[0], ...clusters.map((c) => `${t('shSegment')} ${c}`)], body);
}

function histogramBlock(table: Table, column: string, g: Grid, t: AnalysisT): Block | null {
  const j = table.header.indexOf(column);
  if (j < 0) return null;
  const xs = table.rows.map((r) => r[j]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length < 2) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) { if (x < lo) lo = x; if (x > hi) hi = x; }
  if (hi === lo) return null;
  const width = (hi - lo) / HISTOGRAM_BINS;
  const counts = new Array(HISTOGRAM_BINS).fill(0);
  for (const x of xs) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((x - lo) / width))]++;
  g.title(t('shChartData', { what: t('shChartHistogram', { column }) }));
  return g.table([t('shHistFrom', { column }), t('shCustomers')], counts.map((c, i) => [Math.round((lo + i * width) * 100) / 100, c]), ['dec', 'int']);
}

function spreadsheetLocale(): string | null {
  try {
    return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale() || null;
  } catch {
    return null;
  }
}

/** Writes the layout into a fresh sheet: one setValues, one setNumberFormats, then the charts. */
export function writeAnalysisSheet(sheet: Sheet, report: AnalysisReport, table: Table | null, sheetName: string): void {
  const { grid, formats, charts } = analysisLayout(report, table, sheetName, new Date(), spreadsheetLocale());
  const width = writeGrid(sheet, grid);
  if (width === 0) return;
  // One more write for the formats; titles stay plain (a second formatting call would cost a
  // write per run for looks alone: the plain run's budget of Spreadsheet calls is 12).
  sheet.getRange(1, 1, grid.length, width).setNumberFormats(formats);
  charts.forEach((c, i) => {
    const b = c.block;
    const builder = sheet.newChart().setChartType(c.type).setOption('title', c.title);
    const valueColumn = Number(c.options?.valueColumn ?? 0);
    if (valueColumn) {
      builder.addRange(sheet.getRange(b.row, b.col, b.rows, 1));
      builder.addRange(sheet.getRange(b.row, b.col + valueColumn - 1, b.rows, 1));
    } else builder.addRange(sheet.getRange(b.row, b.col, b.rows, b.cols));
    sheet.insertChart(builder.setPosition(1 + i * 20, CHART_COLUMN, 0, 0).build());
  });
}
