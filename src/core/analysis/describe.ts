/**
 * Descriptive statistics per column, with the same definitions as pandas' describe():
 * sample standard deviation (ddof = 1), quartiles by linear interpolation, Pearson
 * correlation over the rows where both columns have a value.
 */
import { mean, modeSorted, sampleStandardDeviation } from 'simple-statistics';
import { Roles, Table } from '../table';
import { classifyColumns, ColumnInfo, usable } from './columns';
import { numericColumn, present, quantileLinear, sortedNumbers, textColumn } from './values';

const sqrt = Math.sqrt;

export interface NumericSummary {
  column: string;
  count: number;
  missing: number;
  mean: number | null;
  median: number | null;
  mode: number | null;
  std: number | null;
  min: number | null;
  q1: number | null;
  q2: number | null;
  q3: number | null;
  max: number | null;
}

export interface CategorySummary {
  column: string;
  count: number;
  missing: number;
  /** Most frequent first; ties in first-seen order. */
  levels: Array<{ value: string; count: number; share: number }>;
}

export interface DescribeReport {
  rows: number;
  numeric: NumericSummary[];
  categories: CategorySummary[];
  correlation: { columns: string[]; matrix: Array<Array<number | null>> };
  skipped: Array<{ what: string; reason: string }>;
}

export function summariseNumbers(column: string, values: Array<number | null>, sorted = sortedNumbers(present(values))): NumericSummary {
  const xs = present(values);
  const n = sorted.length;
  const q = (p: number): number | null => (n ? quantileLinear(sorted, p) : null);
  return {
    column,
    count: n,
    missing: values.length - n,
    mean: n ? mean(sorted) : null,
    median: q(0.5),
    mode: n ? modeSorted(sorted) : null,
    std: n > 1 ? sampleStandardDeviation(xs) : null,
    min: n ? sorted[0] : null,
    q1: q(0.25),
    q2: q(0.5),
    q3: q(0.75),
    max: n ? sorted[n - 1] : null,
  };
}

export function summariseCategory(column: string, values: string[]): CategorySummary {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  const count = values.length - (values.filter((v) => v === '').length);
  const levels = [...counts.entries()]
    .map(([value, c]) => ({ value, count: c, share: count ? c / count : 0 }))
    .sort((a, b) => b.count - a.count);
  return { column, count, missing: values.length - count, levels };
}

/**
 * Pearson r with centred sums (two passes, as numpy). Written out rather than taken from
 * simple-statistics' sampleCorrelation, which re-derives means and deviations five times per
 * pair — too slow for every pair of columns on 100k rows.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / sqrt(saa * sbb);
}

/** Pearson correlation over pairwise-complete rows (pandas DataFrame.corr default). */
export function correlationMatrix(columns: Array<Array<number | null>>): Array<Array<number | null>> {
  const k = columns.length;
  const m: Array<Array<number | null>> = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const rows = columns.length ? columns[0].length : 0;
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const ci = columns[i];
      const cj = columns[j];
      let n = 0;
      for (let r = 0; r < rows; r++) {
        const x = ci[r];
        const y = cj[r];
        if (x !== null && y !== null) { a[n] = x; b[n] = y; n++; }
      }
      const v = n > 1 ? pearson(a, b, n) : NaN;
      m[i][j] = m[j][i] = Number.isFinite(v) ? v : null;
    }
  }
  return m;
}

export function describeColumns(table: Table, roles: Roles, infos: ColumnInfo[] = classifyColumns(table, roles),
  numeric: (column: string) => Array<number | null> = (c) => numericColumn(table, c),
  sorted: (column: string) => number[] = (c) => sortedNumbers(present(numeric(c)))): DescribeReport {
  const numericCols = infos.filter((i) => i.kind === 'numeric').map((i) => i.column);
  const numericValues = new Map(numericCols.map((c) => [c, numeric(c)]));
  const corrCols = usable(infos, 'numeric');
  return {
    rows: table.rows.length,
    numeric: numericCols.map((c) => summariseNumbers(c, numericValues.get(c)!, sorted(c))),
    categories: infos.filter((i) => i.kind === 'category' && !i.skip).map((i) => summariseCategory(i.column, textColumn(table, i.column))),
    correlation: { columns: corrCols, matrix: correlationMatrix(corrCols.map((c) => numericValues.get(c)!)) },
    skipped: infos.filter((i) => i.skip && i.kind !== 'ignored').map((i) => ({ what: i.column, reason: i.skip! })),
  };
}
