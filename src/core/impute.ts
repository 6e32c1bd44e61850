/**
 * Imputation — never silent. Numeric gaps are filled by whichever of two methods predicts
 * the KNOWN values better on held-out rows (seeded k-fold): the column median, or a linear
 * regression (ml-regression) on the numeric columns that correlate with it. Categorical gaps
 * get the most common value. Identifiers, contact details, addresses, dates and free text
 * are never guessed. Every filled cell is an 'impute' change with its method.
 */
import { MultivariateLinearRegression } from 'ml-regression';
import { type Cell, type Change, type ColumnRole, type Roles, type StepResult, type Table, isCdmColumn, isEmpty } from './table';
import { seededRandom, shuffled } from './random';
import { parseMoney } from './normalize/money';
import { isPlaceholder } from './normalize/missing';

export interface ImputeReport {
  columns: Array<{
    column: string;
    method: 'median' | 'regression' | 'mode' | 'skipped';
    filled: number;
    heldOutError?: { median: number; regression?: number };
    predictors?: string[];
    reason: string;
  }>;
}
type ColumnReport = ImputeReport['columns'][number];

const NUMERIC_ROLES = new Set<ColumnRole>(['money', 'count', 'number']);
const MIN_KNOWN = 5;
const MIN_PAIRS_FOR_REGRESSION = 20;
const MIN_CORRELATION = 0.3;
const MAX_PREDICTORS = 3;
const FOLDS = 5;
/** Cross-validation uses at most this many rows: enough for a stable error, fast at 100k. */
const MAX_CV_ROWS = 5000;
/** Regression must beat the median by this factor, so a lucky fold does not pick it. */
const REGRESSION_MARGIN = 0.95;

const isGap = (c: Cell | undefined): boolean => c === undefined || isEmpty(c) || (typeof c === 'string' && isPlaceholder(c));

function numberOf(c: Cell | undefined): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c === 'string' && c.trim()) return parseMoney(c);
  return null;
}

function median(values: number[]): number {
  // A typed array sorts numerically without a comparator call per step (100k values per column).
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Pearson correlation of two columns over the rows `at` where both are known, and how many
 * such rows there are. Reads the columns in place: no paired copies at 100k rows.
 */
function correlation(xs: (number | null)[], ys: (number | null)[], at: number[]): { r: number; n: number } {
  let n = 0, mx = 0, my = 0;
  for (const i of at) {
    const x = xs[i], y = ys[i];
    if (x === null || y === null) continue;
    mx += x; my += y; n++;
  }
  if (n === 0) return { r: 0, n };
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const i of at) {
    const x = xs[i], y = ys[i];
    if (x === null || y === null) continue;
    const dx = x - mx, dy = y - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return { r: sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy), n };
}

function rounder(role: ColumnRole, known: number[]): (v: number) => number {
  if (role === 'count' || known.every(Number.isInteger)) return (v) => Math.max(role === 'count' ? 0 : -Infinity, Math.round(v));
  if (role === 'money') return (v) => Math.round(v * 100) / 100;
  return (v) => Math.round(v * 1e6) / 1e6;
}

interface Numeric { values: (number | null)[]; gaps: number[] }

function fitRegression(x: number[][], y: number[]): MultivariateLinearRegression | null {
  try {
    const model = new MultivariateLinearRegression(x, y.map((v) => [v]), { statistics: false });
    return model.weights.every((w) => w.every(Number.isFinite)) ? model : null;
  } catch {
    return null;
  }
}

/** Mean absolute error of median and regression on k held-out folds of the same rows. */
function heldOutErrors(x: number[][] | null, y: number[], seed: number): { median: number; regression: number } {
  const order = shuffled(y.map((_, i) => i), seededRandom(seed)).slice(0, MAX_CV_ROWS);
  let medErr = 0, regErr = 0, count = 0;
  for (let f = 0; f < FOLDS; f++) {
    const test = order.filter((_, i) => i % FOLDS === f);
    const train = order.filter((_, i) => i % FOLDS !== f);
    if (!test.length || train.length < (x ? x[0].length + 2 : 1)) continue;
    const m = median(train.map((i) => y[i]));
    const model = x ? fitRegression(train.map((i) => x[i]), train.map((i) => y[i])) : null;
    for (const i of test) {
      medErr += Math.abs(y[i] - m);
      regErr += model && x ? Math.abs(y[i] - model.predict(x[i])[0]) : Math.abs(y[i] - m);
      count++;
    }
  }
  return { median: count ? medErr / count : 0, regression: count ? regErr / count : 0 };
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

function imputeNumeric(
  column: string, col: number, role: ColumnRole, numeric: Map<string, Numeric>, rows: Cell[][], changes: Change[], seed: number,
): ColumnReport {
  const target = numeric.get(column)!;
  const knownIdx: number[] = [];
  target.values.forEach((v, i) => { if (v !== null) knownIdx.push(i); });
  if (target.gaps.length === 0) return { column, method: 'skipped', filled: 0, reason: 'no empty cells' };
  if (knownIdx.length < MIN_KNOWN) {
    return { column, method: 'skipped', filled: 0, reason: `only ${knownIdx.length} known values, too few to estimate the rest` };
  }
  const known = knownIdx.map((i) => target.values[i]!);
  const round = rounder(role, known);
  const med = median(known);

  // Predictors: other numeric columns that move with this one.
  const candidates: Array<{ name: string; r: number }> = [];
  for (const [name, other] of numeric) {
    if (name === column) continue;
    const { r, n } = correlation(other.values, target.values, knownIdx);
    if (n < MIN_PAIRS_FOR_REGRESSION) continue;
    if (Math.abs(r) >= MIN_CORRELATION) candidates.push({ name, r });
  }
  candidates.sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
  const predictors = candidates.slice(0, MAX_PREDICTORS).map((c) => c.name);
  const predictorValues = predictors.map((p) => numeric.get(p)!.values);
  const rowX = (i: number): number[] | null => {
    const out: number[] = [];
    for (const pv of predictorValues) { const v = pv[i]; if (v === null) return null; out.push(v); }
    return out;
  };

  let model: MultivariateLinearRegression | null = null;
  let errors: { median: number; regression?: number };
  if (predictors.length) {
    const x: number[][] = [], y: number[] = [];
    for (const i of knownIdx) { const xi = rowX(i); if (xi) { x.push(xi); y.push(target.values[i]!); } }
    if (y.length >= MIN_PAIRS_FOR_REGRESSION) {
      const e = heldOutErrors(x, y, seed);
      errors = { median: round4(e.median), regression: round4(e.regression) };
      if (e.regression < e.median * REGRESSION_MARGIN) model = fitRegression(x, y);
    } else {
      errors = { median: round4(heldOutErrors(null, known, seed).median) };
    }
  } else {
    const e = heldOutErrors(null, known, seed);
    errors = { median: round4(e.median) };
  }

  const regressionMethod = `regression on ${predictors.join(', ')}`;
  let byRegression = 0;
  for (const i of target.gaps) {
    const xi = model ? rowX(i) : null;
    const value = xi && model ? round(model.predict(xi)[0]) : round(med);
    const method = xi && model ? regressionMethod : 'median';
    if (xi && model) byRegression++;
    changes.push({
      row: i, column, old: rows[i][col], new: value, kind: 'impute', method,
      reason: xi && model
        ? `empty; estimated from ${predictors.join(', ')} (a fitted line predicted known values better than the typical value)`
        : `empty; filled with the typical (median) value ${value}`,
    });
    rows[i][col] = value;
  }
  if (model) {
    const rest = target.gaps.length - byRegression;
    return {
      column, method: 'regression', filled: target.gaps.length, heldOutError: errors, predictors,
      reason: `estimated from ${predictors.join(', ')}: on held-out known values it was off by ${errors.regression} on average, against ${errors.median} for the median` +
        (rest ? `; ${rest} row(s) missing those columns got the median` : ''),
    };
  }
  return {
    column, method: 'median', filled: target.gaps.length, heldOutError: errors,
    ...(predictors.length ? { predictors } : {}),
    reason: predictors.length
      ? `median ${round(med)}: a fit on ${predictors.join(', ')} was not clearly better on held-out known values (${errors.regression} vs ${errors.median})`
      : `median ${round(med)}: no other numeric column moves with this one`,
  };
}

function imputeCategory(column: string, col: number, rows: Cell[][], changes: Change[]): ColumnReport {
  const counts = new Map<string, number>();
  const gaps: number[] = [];
  const forms = new Map<string, Cell>();
  rows.forEach((r, i) => {
    const c = r[col];
    if (isGap(c)) { gaps.push(i); return; }
    const key = String(c);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!forms.has(key)) forms.set(key, c);
  });
  if (!gaps.length) return { column, method: 'skipped', filled: 0, reason: 'no empty cells' };
  let best = '', n = 0, tie = false;
  for (const [k, c] of counts) {
    if (c > n) { best = k; n = c; tie = false; } else if (c === n) tie = true;
  }
  if (n < 2 || tie) {
    return { column, method: 'skipped', filled: 0, reason: n < 2 ? 'no value is common enough to fill gaps with' : 'two values are equally common, so no gap is filled' };
  }
  const value = forms.get(best)!;
  for (const i of gaps) {
    changes.push({ row: i, column, old: rows[i][col], new: value, kind: 'impute', method: 'mode', reason: `empty; filled with the most common value "${best}"` });
    rows[i][col] = value;
  }
  return { column, method: 'mode', filled: gaps.length, reason: `most common value "${best}" (${n} of ${rows.length - gaps.length} known)` };
}

const NEVER_WORDS: Partial<Record<ColumnRole, string>> = {
  id: 'identifiers', name: 'names', first_name: 'names', last_name: 'names', email: 'contact details', phone: 'contact details',
  street: 'addresses', city: 'addresses', postcode: 'addresses', state: 'addresses', country: 'addresses',
  date: 'dates', text: 'free text', unknown: 'columns of unknown kind',
};

export function imputeTable(table: Table, roles: Roles, options: { seed?: number; skip?: string[] } = {}): StepResult<ImputeReport> {
  const seed = options.seed ?? 1;
  const skip = new Set(options.skip ?? []);
  const rows = table.rows.map((r) => r.slice());
  const changes: Change[] = [];
  const columns: ColumnReport[] = [];

  const numeric = new Map<string, Numeric>();
  table.header.forEach((h, col) => {
    if (isCdmColumn(h) || !NUMERIC_ROLES.has(roles[h])) return;
    const values: (number | null)[] = new Array(rows.length);
    const gaps: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i][col];
      values[i] = numberOf(c);
      if (values[i] === null && isGap(c)) gaps.push(i);
    }
    numeric.set(h, { values, gaps });
  });

  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const role = roles[column] ?? 'unknown';
    if (skip.has(column)) {
      columns.push({ column, method: 'skipped', filled: 0, reason: 'you chose not to fill this column' });
    } else if (NUMERIC_ROLES.has(role)) {
      columns.push(imputeNumeric(column, col, role, numeric, rows, changes, seed));
    } else if (role === 'category') {
      columns.push(imputeCategory(column, col, rows, changes));
    } else {
      const gaps = rows.reduce((n, r) => n + (isGap(r[col]) ? 1 : 0), 0);
      if (gaps) columns.push({ column, method: 'skipped', filled: 0, reason: `${gaps} empty cell(s) left empty: ${NEVER_WORDS[role] ?? 'such columns'} are never guessed` });
    }
  });
  return { table: { header: table.header.slice(), rows }, changes, report: { columns } };
}
