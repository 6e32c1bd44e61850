/**
 * The `CDM Analysis` sheet: statistics, spend prediction, segment profiles, RFM, churn risk,
 * the business view, and three embedded charts (segments scatter, spend histogram, revenue by
 * segment). All numbers go in with one setValues; the charts point at blocks of that grid.
 *
 * The report is read defensively (optional sections may be null or absent) so a step the
 * user skipped, or a column the engine could not use, leaves a line saying so, not a crash.
 */
import type { AnalysisReport } from '../core/analysis/index';
import type { Cell, Table } from '../core/table';
import { writeGrid } from './cdm-sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A block of the grid a chart can point at: rows [row, row+rows), columns [col, col+cols). */
interface Block {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Points drawn in the scatter: enough to see the segments, and the sheet stays small. */
const SCATTER_POINTS = 400;
const HISTOGRAM_BINS = 12;
/** Lines per list (products, months…): the sheet stays within a new sheet's 1000 rows. */
const MAX_LINES = 60;
const CHART_COLUMN = 16;

const num = (x: unknown): Cell => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : '');
const pct = (x: unknown): Cell => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10000) / 100 : '');

class GridBuilder {
  rows: Cell[][] = [];
  add(row: Cell[]): number {
    this.rows.push(row);
    return this.rows.length;
  }
  gap(): void {
    this.rows.push([]);
  }
  title(text: string): void {
    if (this.rows.length) this.gap();
    this.add([text]);
  }
  table(header: Cell[], body: Cell[][]): Block {
    const row = this.add(header);
    for (const r of body) this.add(r);
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

/** The grid and the charts, without touching Sheets (unit-testable). */
export function analysisLayout(report: AnalysisReport, table: Table | null, sheetName: string, when: Date): { grid: Cell[][]; charts: ChartSpec[] } {
  const r = report as Loose;
  const g = new GridBuilder();
  const charts: ChartSpec[] = [];
  g.add([`CDM analysis of “${sheetName}”`, '', '', `as of ${when.toISOString().slice(0, 10)}`]);

  const d = r.describe;
  if (d?.numeric?.length) {
    g.title('Numbers');
    g.table(
      ['Column', 'Count', 'Missing', 'Mean', 'Median', 'Mode', 'Std dev', 'Min', 'Q1', 'Q3', 'Max'],
      d.numeric.map((s: Loose) => [s.column, s.count, s.missing, num(s.mean), num(s.median), num(s.mode), num(s.std), num(s.min), num(s.q1), num(s.q3), num(s.max)]),
    );
  }
  if (d?.categories?.length) {
    g.title('Categories (top 10 values)');
    const body: Cell[][] = [];
    for (const c of d.categories.slice(0, 10)) for (const l of (c.levels ?? []).slice(0, 10)) body.push([c.column, l.value, l.count, pct(l.share)]);
    g.table(['Column', 'Value', 'Customers', 'Share %'], body);
  }
  if (d?.correlation?.columns?.length > 1) {
    g.title('Correlations (Pearson)');
    g.table(['', ...d.correlation.columns], d.correlation.columns.map((c: string, i: number) => [c, ...d.correlation.matrix[i].map(num)]));
  }

  const reg = r.regression;
  g.title('Spend prediction (linear regression)');
  if (reg) {
    g.table(
      ['Target', 'Rows', 'R² (in sample)', 'R² (cross-validated)', 'Mean abs. error (cross-validated)', 'Folds'],
      [[reg.target ?? '', reg.rows, num(reg.r2), num(reg.cv?.r2), num(reg.cv?.mae), reg.cv?.folds ?? '']],
    );
    g.gap();
    g.table(['Feature', 'Coefficient', 'Standardised'], [
      ['(intercept)', num(reg.intercept), ''],
      ...(reg.coefficients ?? []).map((c: Loose) => [c.feature, num(c.coefficient), num(c.standardised)]),
    ]);
    if (reg.importance?.length) {
      g.gap();
      for (const x of reg.importance.slice(0, 5)) g.add([`${x.feature} ${x.direction} spend`, num(x.weight)]);
    }
  } else g.add(['Not enough data for a prediction.']);

  const seg = report.segments;
  g.title('Segments (k-means)');
  if (seg && seg.segments.length) {
    const features = seg.features;
    g.add([`k = ${seg.k}`, `silhouette ${num(seg.silhouette)}`, `fitted on ${seg.fittedRows} rows`]);
    g.table(
      ['Segment', 'Name', 'Customers', 'Share %', 'Share of revenue %', ...features.map((f) => `Mean ${f}`)],
      seg.segments.map((p) => [p.id, p.name, p.size, pct(p.share), pct(p.revenueShare), ...features.map((f) => num(p.means[f]))]),
    );
    if (table) {
      const scatter = scatterBlock(table, features, g);
      if (scatter) charts.push({ title: `Segments: ${features[0]} vs ${features[1]}`, type: Charts.ChartType.SCATTER, block: scatter });
    }
  } else g.add(['Not enough numeric data for segments.']);

  const rfm = report.rfm;
  if (rfm) {
    g.title('RFM segments');
    g.table(['RFM segment', 'Customers', 'Share %'], rfm.segments.map((l) => [l.segment, l.customers, pct(l.share)]));
  }
  const churn = report.churn;
  if (churn) {
    g.title('Churn risk');
    g.table(['Risk', 'Customers'], [
      ['high', churn.counts.high],
      ['medium', churn.counts.medium],
      ['low', churn.counts.low],
      ['unknown', churn.counts.unknown],
    ]);
    if (churn.typicalGapDays !== null) g.add(['Typical days between purchases', num(churn.typicalGapDays)]);
  }

  const biz = r.business;
  if (biz) {
    g.title('Where the money comes from');
    if (biz.revenueTotal !== null && biz.revenueTotal !== undefined) g.add(['Total revenue', num(biz.revenueTotal)]);
    const lines = (title: string, xs: Loose[]) => {
      if (!xs?.length) return null;
      g.gap();
      return g.table([title, 'Customers', 'Revenue', 'Share %'], xs.slice(0, MAX_LINES).map((l: Loose) => [l.key, l.customers, num(l.revenue), pct(l.share)]));
    };
    const bySeg = lines('Segment', biz.bySegment);
    if (bySeg) charts.push({ title: 'Revenue by segment', type: Charts.ChartType.COLUMN, block: { ...bySeg, cols: 1 }, options: { valueColumn: 3 } });
    lines('Product', biz.byProduct);
    lines('Signup month', biz.bySignupMonth);
  }

  if (table && reg?.target) {
    const hist = histogramBlock(table, reg.target, g);
    if (hist) charts.push({ title: `${reg.target}: how many customers spend how much`, type: Charts.ChartType.COLUMN, block: hist });
  }

  const skipped: Loose[] = r.skipped ?? [];
  if (skipped.length) {
    g.title('Left out');
    for (const s of skipped) g.add([s.what, s.reason]);
  }
  return { grid: g.rows, charts };
}

/** Points of the first two segment features, one y column per segment (so each gets a colour). */
function scatterBlock(table: Table, features: string[], g: GridBuilder): Block | null {
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
  g.title(`Chart data: ${features[0]} (x) and ${features[1]} by segment`);
  return g.table([features[0], ...clusters.map((c) => `Segment ${c}`)], body);
}

function histogramBlock(table: Table, column: string, g: GridBuilder): Block | null {
  const j = table.header.indexOf(column);
  if (j < 0) return null;
  const xs = table.rows.map((r) => r[j]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length < 2) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (hi === lo) return null;
  const width = (hi - lo) / HISTOGRAM_BINS;
  const counts = new Array(HISTOGRAM_BINS).fill(0);
  for (const x of xs) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((x - lo) / width))]++;
  g.title(`Chart data: ${column} histogram`);
  return g.table(
    [`${column} from`, 'Customers'],
    counts.map((c, i) => [Math.round((lo + i * width) * 100) / 100, c]),
  );
}

/** Writes the layout into a fresh sheet: one setValues, then one chart per spec. */
export function writeAnalysisSheet(sheet: Sheet, report: AnalysisReport, table: Table | null, sheetName: string): void {
  const { grid, charts } = analysisLayout(report, table, sheetName, new Date());
  writeGrid(sheet, grid);
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
