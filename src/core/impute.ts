/**
 * Imputation — never silent, and only where a made-up value means something: numeric
 * measures such as income, spend or an order count (README: What CDM changes, and what it never changes). Gaps there are filled by
 * whichever of two methods predicts the KNOWN values better on held-out rows (seeded k-fold):
 * the column median, or a linear regression (ml-regression) on the numeric columns that
 * correlate with it. Never filled: identifiers and codes (a blank customer id is a guest, not
 * the median customer), names, contact details, addresses, dates and birth years, free text,
 * tags, consent flags, gender, categories and yes/no answers — a most-common value there is a
 * made-up fact about a person. A number column whose header does not say what it measures is
 * not filled either. Every filled cell is an 'impute' change with its method.
 */
import { MultivariateLinearRegression } from 'ml-regression';
import { Matrix, SVD } from 'ml-matrix';
import { type Cell, type Change, type ColumnRole, type Roles, type StepResult, type Table, isCdmColumn, isEmpty } from './table';
import { seededRandom, shuffled } from './random';
import { readNumber, isCodeText } from './normalize/money';
import { isPlaceholder } from './normalize/missing';
import { roleFromHeader } from './roles';
import { NORMALISE_TEXT, type NormaliseKey } from '../i18n/normalize';
import { LANGS, translator, type Lang } from '../i18n/index';

export interface ImputeReport {
  columns: Array<{
    column: string;
    method: 'median' | 'regression' | 'skipped';
    filled: number;
    heldOutError?: { median: number; regression?: number };
    predictors?: string[];
    reason: string;
  }>;
}
type ColumnReport = ImputeReport['columns'][number];

const MIN_KNOWN = 5;
const MIN_PAIRS_FOR_REGRESSION = 20;
const MIN_CORRELATION = 0.3;
const MAX_PREDICTORS = 3;
const FOLDS = 5;
/** Cross-validation uses at most this many rows: enough for a stable error, fast at 100k. */
const MAX_CV_ROWS = 5000;
/** Regression must beat the median by this factor, so a lucky fold does not pick it. */
const REGRESSION_MARGIN = 0.95;

type T = (key: NormaliseKey, params?: Readonly<Record<string, string | number>>) => string;

const isGap = (c: Cell | undefined, role?: ColumnRole): boolean => c === undefined || isEmpty(c) || (typeof c === 'string' && isPlaceholder(c, role));

/** A known value: a number, or text that reads as exactly one number (see readNumber). */
function numberOf(c: Cell | undefined): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c === 'string' && c.trim()) {
    const r = readNumber(c);
    return r !== null && 'value' in r ? r.value : null;
  }
  return null;
}

// Header words that name an identifier or a code, whatever role the column got:
// "CustomerID", "customer_id", "Invoice No", "Zip", "SKU", "Phone Number".
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'sku', 'zip', 'zipcode', 'postcode', 'postal', 'code', 'ean', 'isbn', 'upc', 'iban', 'ssn', 'phone', 'mobile', 'invoice']);
const DATE_WORDS = new Set(['year', 'birth', 'born', 'dob', 'yob', 'date']);
const ID_LAST_WORDS = new Set(['no', 'nr', 'num', 'number', '#']);
const CAMEL_RE = /([a-z0-9])([A-Z])/g;
const WORD_SPLIT_RE = /[^A-Za-z0-9#]+/;

function headerWords(header: string): string[] {
  return header.replace(CAMEL_RE, '$1 $2').toLowerCase().split(WORD_SPLIT_RE).filter(Boolean);
}

/** True when the header names an identifier or code rather than an amount. */
export function headerNamesCode(header: string): boolean {
  const words = headerWords(header);
  if (words.some((w) => ID_WORDS.has(w))) return true;
  return words.length > 1 && ID_LAST_WORDS.has(words[words.length - 1]);
}

const MEASURE_ROLES = new Set<ColumnRole>(['money', 'count', 'number']);

/** The `CDM Flags` note of one filled cell: "Income estimated (median)". */
export function imputeNote(c: Change, lang: Lang = 'en'): string {
  const t = translator(NORMALISE_TEXT, lang);
  const m = c.method ?? 'median';
  const method = m === 'median' ? t('method_median') : m.startsWith('regression on ') ? t('method_regression', { columns: m.slice('regression on '.length) }) : m;
  return t('impute_note', { column: c.column, method });
}

/**
 * True when `item` (one reason of a `CDM Flags` cell) is the note a run wrote for a cell of
 * `column` it filled — in any language CDM writes — so a later run can keep the mark.
 */
export function isImputeNote(item: string, column: string): boolean {
  for (const lang of LANGS) {
    const [before, rest] = NORMALISE_TEXT[lang].impute_note.split('{column}');
    const [middle, after] = rest.split('{method}');
    const head = before + column + middle;
    if (item.length > head.length + after.length && item.startsWith(head) && item.endsWith(after)) return true;
  }
  return false;
}

function median(values: number[]): number {
  // A typed array sorts numerically without a comparator call per step (100k values per column).
  // Copied by index: Float64Array.from goes through the iterator, an object per value.
  const s = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) s[i] = values[i];
  s.sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Pearson correlation of two columns over the rows `at` where both are known, and how many
 * such rows there are. Reads the columns in place: no paired copies at 100k rows.
 */
function correlation(xs: (number | null)[], ys: (number | null)[], at: number[]): { r: number; n: number } {
  // Indexed loops: a for…of here made an iterator result per row until optimised.
  let n = 0, mx = 0, my = 0;
  for (let k = 0; k < at.length; k++) {
    const i = at[k];
    const x = xs[i], y = ys[i];
    if (x === null || y === null) continue;
    mx += x; my += y; n++;
  }
  if (n === 0) return { r: 0, n };
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let k = 0; k < at.length; k++) {
    const i = at[k];
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
    const model = x.length > 0 && x[0].length > 0 && x.every((r) => r.length === x[0].length)
      ? fromSums(x, y)
      : new MultivariateLinearRegression(x, y.map((v) => [v]), { statistics: false });
    return model.weights.every((w) => w.every(Number.isFinite)) ? model : null;
  } catch {
    return null;
  }
}

/**
 * MultivariateLinearRegression(x, y) with its intercept and without statistics, from the sums
 * it forms rather than from copies of x: the library appends a column of ones to x, multiplies
 * its transpose by it (X'X) and by y (X'y) with ml-matrix's mmul, then solves with the SVD
 * inverse. Each sum here runs over the rows in the same order from 0, as mmul adds them, so
 * X'X and X'y are the same numbers bit for bit, and the SVD and products are the library's own:
 * the same weights, without the n×(p+1) matrices and their transpose (90k rows, six fits a column).
 */
export function fromSums(x: number[][], y: number[]): MultivariateLinearRegression {
  const n = x.length;
  const p = x[0].length;
  const m = p + 1;
  const xx = new Float64Array(m * m);
  const xy = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const r = x[k];
    const yk = y[k];
    for (let i = 0; i < p; i++) {
      const v = r[i];
      for (let j = i; j < p; j++) xx[i * m + j] += v * r[j];
      xx[i * m + p] += v * 1; // the column of ones
      xy[i] += v * yk;
    }
    xx[p * m + p] += 1;
    xy[p] += 1 * yk;
  }
  // X'X is symmetric (a product and its mirror are the same double).
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) xx[i * m + j] = xx[j * m + i];
  const xxM = new Matrix(Array.from({ length: m }, (_, i) => Array.from(xx.subarray(i * m, i * m + m))));
  const xyM = new Matrix(Array.from(xy, (v) => [v]));
  const invxx = new SVD(xxM).inverse();
  const beta = xyM.transpose().mmul(invxx).transpose();
  // The library's own way to make a model from weights (its load path), so predict is its own.
  const Model = MultivariateLinearRegression as unknown as new (x: true, model: { weights: number[][]; inputs: number; outputs: number; intercept: boolean }, options: { statistics: boolean }) => MultivariateLinearRegression;
  return new Model(true, { weights: beta.to2DArray(), inputs: p, outputs: 1, intercept: true }, { statistics: false });
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
  column: string, col: number, role: ColumnRole, numeric: Map<string, Numeric>, rows: Cell[][], changes: Change[], seed: number, t: T,
): ColumnReport {
  const target = numeric.get(column)!;
  const knownIdx: number[] = [];
  target.values.forEach((v, i) => { if (v !== null) knownIdx.push(i); });
  if (target.gaps.length === 0) return { column, method: 'skipped', filled: 0, reason: t('skip_none_empty') };
  if (knownIdx.length < MIN_KNOWN) {
    return { column, method: 'skipped', filled: 0, reason: t('skip_too_few', { n: knownIdx.length }) };
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
  const columns = predictors.join(', ');
  let byRegression = 0;
  for (const i of target.gaps) {
    const xi = model ? rowX(i) : null;
    const value = xi && model ? round(model.predict(xi)[0]) : round(med);
    const method = xi && model ? regressionMethod : 'median';
    if (xi && model) byRegression++;
    changes.push({
      row: i, column, old: rows[i][col], new: value, kind: 'impute', method,
      reason: xi && model ? t('impute_regression', { columns }) : t('impute_median', { value }),
    });
    rows[i][col] = value;
  }
  if (model) {
    const rest = target.gaps.length - byRegression;
    return {
      column, method: 'regression', filled: target.gaps.length, heldOutError: errors, predictors,
      reason: t('report_regression', { columns, regression: errors.regression ?? '', median: errors.median }) +
        (rest ? t('report_regression_rest', { n: rest }) : ''),
    };
  }
  return {
    column, method: 'median', filled: target.gaps.length, heldOutError: errors,
    ...(predictors.length ? { predictors } : {}),
    reason: predictors.length
      ? t('report_median_fit', { value: round(med), columns, regression: errors.regression ?? '', median: errors.median })
      : t('report_median_alone', { value: round(med) }),
  };
}

const NEVER_WORDS: Record<ColumnRole, NormaliseKey> = {
  id: 'never_id', order_id: 'never_id', name: 'never_names', first_name: 'never_names', last_name: 'never_names',
  email: 'never_contact', phone: 'never_contact',
  street: 'never_address', city: 'never_address', postcode: 'never_address', state: 'never_address', country: 'never_address',
  country_code: 'never_codes', state_code: 'never_codes',
  date: 'never_dates', birth_date: 'never_dates', birth_year: 'never_dates',
  text: 'never_text', unknown: 'never_unknown', category: 'never_categories', gender: 'never_gender',
  consent: 'never_consent', tags: 'never_tags', company: 'never_company', product: 'never_products', boolean: 'never_yes_no',
  money: 'never_other', count: 'never_other', number: 'never_other',
};

/**
 * Why a numeric column is not a measure worth filling, or null when it is: codes in the
 * cells or the header, or a plain number column whose header names no measure.
 */
function notAMeasure(column: string, role: ColumnRole, rows: Cell[][], col: number): NormaliseKey | null {
  if (headerWords(column).some((w) => DATE_WORDS.has(w))) return 'skip_year';
  if (headerNamesCode(column) || rows.some((r) => isCodeText(r[col]))) return 'skip_code';
  if (role === 'number' && !MEASURE_ROLES.has(roleFromHeader(column) as ColumnRole)) return 'skip_unknown_measure';
  return null;
}

export function imputeTable(table: Table, roles: Roles, options: { seed?: number; skip?: string[]; lang?: Lang } = {}): StepResult<ImputeReport> {
  const seed = options.seed ?? 1;
  const t = translator(NORMALISE_TEXT, options.lang ?? 'en');
  const skip = new Set(options.skip ?? []);
  const rows = table.rows.map((r) => r.slice());
  const changes: Change[] = [];
  const columns: ColumnReport[] = [];
  const gapsIn = (col: number, role: ColumnRole) => rows.reduce((n, r) => n + (isGap(r[col], role) ? 1 : 0), 0);

  // Measures that may be filled, and every numeric column as a possible predictor.
  const numeric = new Map<string, Numeric>();
  const refused = new Map<string, NormaliseKey>();
  table.header.forEach((h, col) => {
    const role = roles[h];
    if (isCdmColumn(h) || !MEASURE_ROLES.has(role)) return;
    const why = notAMeasure(h, role, rows, col);
    if (why) { refused.set(h, why); return; }
    const values: (number | null)[] = new Array(rows.length);
    const gaps: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i][col];
      values[i] = numberOf(c);
      if (values[i] === null && isGap(c, role)) gaps.push(i);
    }
    numeric.set(h, { values, gaps });
  });

  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const role = roles[column] ?? 'unknown';
    if (skip.has(column)) {
      columns.push({ column, method: 'skipped', filled: 0, reason: t('skip_by_you') });
    } else if (numeric.has(column)) {
      columns.push(imputeNumeric(column, col, role, numeric, rows, changes, seed, t));
    } else {
      const gaps = gapsIn(col, role);
      if (!gaps) return;
      const why = refused.get(column);
      columns.push({ column, method: 'skipped', filled: 0, reason: why ? t(why, { n: gaps }) : t('skip_never', { n: gaps, what: t(NEVER_WORDS[role] ?? 'never_other') }) });
    }
  });
  return { table: { header: table.header.slice(), rows }, changes, report: { columns } };
}
