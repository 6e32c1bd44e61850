/**
 * Spend prediction from a customer table: turns columns into a design matrix (numbers as
 * they are, categories one-hot), leaves abnormal rows out of the fit, and predicts every row,
 * including those whose spend is missing.
 */
import { Cell, isEmpty, Table } from '../table';
import { ColumnInfo, usable } from './columns';
import { ColumnCache } from './cache';
import { fitRegression, FitOptions, MIN_ROWS_FOR_REGRESSION, predict, RegressionModel, RegressionReport, RowEncoding } from './regress';
import { boundOrNull, clamp, present, quantileLinear, sortedNumbers, textColumn, toNumber } from './values';

/** Dummy columns in all: each one costs a column of the least-squares problem on every row. */
const MAX_DUMMIES = 15;
/** A level needs this many rows (and 1% of them) to get its own coefficient; rarer ones count with the baseline. */
const MIN_LEVEL_ROWS = 10;

export function encodingNames(enc: RowEncoding): string[] {
  return [
    ...enc.numeric.map((n) => n.column),
    ...enc.categorical.flatMap((c) => c.levels.map((l) => `${c.column} = ${l}`)),
  ];
}

const levelKey = (c: Cell): string => (isEmpty(c) ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

/** One sheet row as model input; missing numbers take the training median, abnormal ones the fence. */
export function encodeRow(enc: RowEncoding, header: string[], row: Cell[]): number[] {
  return rowEncoder(enc, header)(row);
}

/** encodeRow with the column positions looked up once, for whole tables. */
export function rowEncoder(enc: RowEncoding, header: string[]): (row: Cell[]) => number[] {
  const numAt = enc.numeric.map((n) => header.indexOf(n.column));
  const catAt = enc.categorical.map((c) => header.indexOf(c.column));
  const catLevels = enc.categorical.map((c) => c.levels.map((l) => l.toLowerCase()));
  return (row) => {
    const x: number[] = [];
    enc.numeric.forEach((n, k) => {
      const v = numAt[k] < 0 ? null : toNumber(row[numAt[k]] ?? '');
      x.push(v === null ? n.fill : clamp(v, n.low, n.high));
    });
    catLevels.forEach((levels, k) => {
      const v = catAt[k] < 0 ? '' : levelKey(row[catAt[k]] ?? '').toLowerCase();
      for (const l of levels) x.push(v === l ? 1 : 0);
    });
    return x;
  };
}

export interface SpendFit {
  model: RegressionModel;
  report: RegressionReport;
  predictions: number[];
}

export function fitSpendModel(table: Table, infos: ColumnInfo[], target: string, options: FitOptions = {}, cache = new ColumnCache(table)):
  { fit: SpendFit } | { skipped: string } {
  const y = cache.numeric(target);
  const numericFeatures = usable(infos, 'numeric').filter((c) => c !== target);
  const excluded: NonNullable<RegressionReport['excludedRows']> = [];
  const excludedRow = new Set<number>();
  const enc: RowEncoding = { numeric: [], categorical: [] };

  for (const column of [target, ...numericFeatures]) {
    const values = cache.numeric(column);
    const fence = cache.fence(column);
    for (const row of fence.rows) {
      excluded.push({ row, column, value: values[row] as number });
      excludedRow.add(row);
    }
    if (column !== target) {
      const sorted = sortedNumbers(present(values));
      enc.numeric.push({ column, fill: quantileLinear(sorted, 0.5), low: boundOrNull(fence.low), high: boundOrNull(fence.high) });
    }
  }
  let dummies = 0;
  for (const column of usable(infos, 'category')) {
    // Levels compare case-insensitively (encodeRow does too); the first spelling seen is shown.
    const counts = new Map<string, { label: string; n: number }>();
    for (const v of textColumn(table, column)) {
      if (v === '') continue;
      const key = v.toLowerCase();
      const e = counts.get(key);
      if (e) e.n++; else counts.set(key, { label: v, n: 1 });
    }
    const minRows = Math.max(MIN_LEVEL_ROWS, 0.01 * table.rows.length);
    const all = [...counts.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const frequent = table.rows.length < 10 * MIN_LEVEL_ROWS ? all : all.filter((e) => e.n >= minRows);
    if (frequent.length < 2) continue;
    const levels = frequent.slice(1).sort((a, b) => b.n - a.n).slice(0, MAX_DUMMIES - dummies)
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).map((e) => e.label);
    if (levels.length === 0) continue;
    enc.categorical.push({ column, baseline: frequent[0].label, levels });
    dummies += levels.length;
  }
  const names = encodingNames(enc);
  if (names.length === 0) return { skipped: 'no other usable column to predict it from' };

  const encode = rowEncoder(enc, table.header);
  const x = table.rows.map(encode);
  const fitRows = y.map((v, i) => (v !== null && !excludedRow.has(i) ? i : -1)).filter((i) => i >= 0);
  const needed = Math.max(MIN_ROWS_FOR_REGRESSION, names.length + 2);
  if (fitRows.length < needed) {
    return { skipped: `too few rows with a value (${fitRows.length}; at least ${needed} needed)` };
  }
  const fitted = fitRegression(fitRows.map((i) => x[i]), fitRows.map((i) => y[i] as number), names, { ...options, target });
  const { report, ...model } = fitted;
  model.encoding = enc;
  const predictions = predict(model, x);
  report.excludedRows = excluded;
  report.predictedMissing = y.filter((v) => v === null).length;
  return { fit: { model, report, predictions } };
}
