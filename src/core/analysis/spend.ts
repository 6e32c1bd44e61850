/**
 * Prediction from a customer table: turns columns into a design matrix (numbers as they are,
 * yes/no as 1/0, categories one-hot), leaves abnormal rows out of the fit, and predicts every
 * row, including those whose target is missing.
 *
 * Numeric targets: a straight line (least squares). A target that is never negative in the
 * sheet (spend, orders, income) gets predictions that are never negative either: the line is
 * fitted as is and, separately, to log(1 + y) (back-transformed with Duan's smearing), and
 * the one that predicts held-out rows better (cross-validated R²) is kept; what is left below
 * 0 is shown as 0 and counted. Yes/no targets: logistic regression (logistic.ts), a chance of yes.
 */
import { Cell, isEmpty, Table } from '../table';
import { analysisText, type AnalysisT } from '../../i18n/analysis';
import { ColumnInfo, usable, yesNoValue } from './columns';
import { ColumnCache } from './cache';
import { fitLogistic } from './logistic';
import { ExplainWords, explain, fitRegression, FitOptions, MIN_ROWS_FOR_REGRESSION, predict, RegressionModel, RegressionReport, RowEncoding, sharedDesign } from './regress';
import { boundOrNull, clamp, quantileLinear, round2, textColumn, toNumber } from './values';

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
  const dummies = dummyEncoder(enc, header);
  return (row) => {
    const x: number[] = [];
    enc.numeric.forEach((n, k) => {
      const cell = numAt[k] < 0 ? '' : row[numAt[k]] ?? '';
      const v = n.yesno ? yesNoValue(n.yesno, cell) : toNumber(cell);
      x.push(v === null ? n.fill : clamp(v, n.low, n.high));
    });
    dummies(row, x);
    return x;
  };
}

/** Appends a row's one-hot dummies (encodeRow's categorical part) to x. */
function dummyEncoder(enc: RowEncoding, header: string[]): (row: Cell[], x: number[]) => void {
  const catAt = enc.categorical.map((c) => header.indexOf(c.column));
  const catLevels = enc.categorical.map((c) => c.levels.map((l) => l.toLowerCase()));
  return (row, x) => {
    catLevels.forEach((levels, k) => {
      const v = catAt[k] < 0 ? '' : levelKey(row[catAt[k]] ?? '').toLowerCase();
      for (const l of levels) x.push(v === l ? 1 : 0);
    });
  };
}

/**
 * rowEncoder over the whole table, the numbers taken from the cache's columns (the same
 * reading of each cell — yes/no as 1 / 0, else toNumber — already done once) instead of
 * parsing every cell again.
 */
function encodeTable(enc: RowEncoding, table: Table, cache: ColumnCache): number[][] {
  // A header named twice could pair the cache's yes/no reading with the other column: read its cells as encodeRow does.
  const once = (column: string): boolean => table.header.indexOf(column) === table.header.lastIndexOf(column);
  if (!enc.numeric.every((n) => once(n.column))) return table.rows.map(rowEncoder(enc, table.header));
  const numbers = enc.numeric.map((n) => cache.numeric(n.column));
  const dummies = dummyEncoder(enc, table.header);
  return table.rows.map((row, i) => {
    const x: number[] = [];
    for (let k = 0; k < numbers.length; k++) {
      const n = enc.numeric[k];
      const v = numbers[k][i];
      x.push(v === null ? n.fill : clamp(v, n.low, n.high));
    }
    dummies(row, x);
    return x;
  });
}

export interface SpendFit {
  model: RegressionModel;
  report: RegressionReport;
  predictions: number[];
}

export interface TableFitOptions extends FitOptions {
  /** Columns not to predict from (the parts of a derived target, a birth year standing behind CDM Age). */
  exclude?: ReadonlySet<string>;
  t?: AnalysisT;
}

const explainWords = (t: AnalysisT, yesno: boolean): ExplainWords => ({
  none: (target) => t('predExplainNone', { target }),
  sentence: (rows, first, target, dir, rest) =>
    t('predExplain', { rows, first, target, dir, rest: rest.length ? t('predExplainRest', { list: rest.join(', ') }) : t('predExplainEnd') }),
  more: t(yesno ? 'predMoreLikely' : 'predMore'),
  less: t(yesno ? 'predLessLikely' : 'predLess'),
});

export function fitSpendModel(table: Table, infos: ColumnInfo[], target: string, options: TableFitOptions = {}, cache = new ColumnCache(table, infos)):
  { fit: SpendFit } | { skipped: string } {
  const t = options.t ?? analysisText('en');
  const targetInfo = infos.find((i) => i.column === target);
  const yesno = targetInfo?.yesno ?? null;
  const y = cache.numeric(target);
  const numericFeatures = usable(infos, 'numeric').filter((c) => c !== target && !options.exclude?.has(c));
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
      const sorted = cache.sorted(column);
      const info = infos.find((i) => i.column === column);
      const entry: RowEncoding['numeric'][number] = { column, fill: quantileLinear(sorted, 0.5), low: boundOrNull(fence.low), high: boundOrNull(fence.high) };
      if (info?.yesno) entry.yesno = info.yesno;
      enc.numeric.push(entry);
    }
  }
  let dummies = 0;
  const categories = usable(infos, 'category').filter((c) => !options.exclude?.has(c));
  for (const column of categories) {
    for (const row of cache.ruledRows(column)) {
      excluded.push({ row, column, value: levelKey(table.rows[row][table.header.indexOf(column)] ?? '') });
      excludedRow.add(row);
    }
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
  // Rows a rule flagged in a column that is not a feature (an impossible birth year behind CDM Age).
  for (const [column, rows] of cache.ruledEntries()) {
    for (const row of rows) {
      if (excludedRow.has(row)) continue;
      excluded.push({ row, column, value: levelKey(table.rows[row][table.header.indexOf(column)] ?? '') });
      excludedRow.add(row);
    }
  }
  const names = encodingNames(enc);
  if (names.length === 0) return { skipped: t('skipNoFeatures') };

  const x = encodeTable(enc, table, cache);
  const fitRows = y.map((v, i) => (v !== null && !excludedRow.has(i) ? i : -1)).filter((i) => i >= 0);
  const needed = Math.max(MIN_ROWS_FOR_REGRESSION, names.length + 2);
  if (fitRows.length < needed) return { skipped: t('skipTooFewRows', { n: fitRows.length, min: needed }) };
  const fx = fitRows.map((i) => x[i]);
  const fy = fitRows.map((i) => y[i] as number);

  let model: RegressionModel;
  let report: RegressionReport;
  if (yesno) {
    const yes = fy.filter((v) => v === 1).length;
    if (yes === 0 || yes === fy.length) return { skipped: t('skipOneClass', { value: yes ? yesno.yes : yesno.no }) };
    const fitted = fitLogistic(fx, fy, names, { seed: options.seed, target, folds: options.folds, foldOf: options.foldOf });
    const { report: r, probabilities: _p, ...m } = fitted;
    model = m;
    // A 0/1 or TRUE/FALSE column's "yes" reads as the word yes.
    const yesWord = /^(1|true|t|y)$/i.test(yesno.yes) ? t('shYes') : yesno.yes;
    report = { ...r, positive: { value: yesno.yes, share: yes / fy.length }, method: t('predMethodLogistic', { yes: yesWord }) };
    report.explanation = explain(report.importance, target, fy.length, explainWords(t, true));
  } else {
    const words = explainWords(t, false);
    const never = fy.every((v) => v >= 0);
    // Both fits read the same rows: standardisation, folds and Gram matrices are made once.
    const base = { ...options, target, words, shared: sharedDesign() };
    const line = fitRegression(fx, fy, names, never ? { ...base, clampMin: 0 } : base);
    let chosen = line;
    let method = never && line.report.clamped ? t('predMethodClamp', { target, n: line.report.clamped }) : t('predMethodOls');
    if (never) {
      const logFit = fitRegression(fx, fy, names, { ...base, clampMin: 0, transform: 'log1p' });
      if (logFit.report.cv && line.report.cv && logFit.report.cv.r2 > line.report.cv.r2) {
        chosen = logFit;
        method = t('predMethodLog', { target, log: round2(logFit.report.cv.r2), ols: round2(line.report.cv.r2) });
      }
    }
    const { report: r, ...m } = chosen;
    model = m;
    report = { ...r, method };
  }
  model.encoding = enc;
  const predictions = predict(model, x);
  report.excludedRows = excluded;
  report.predictedMissing = y.filter((v) => v === null).length;
  return { fit: { model, report, predictions } };
}
