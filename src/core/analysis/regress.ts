/**
 * Ordinary least squares on a numeric design matrix (ml-regression's
 * MultivariateLinearRegression). Features are standardised before fitting so the normal
 * equations stay well conditioned whatever the units (incomes in the tens of thousands next
 * to 0/1 dummies); coefficients are converted back to the user's units for reporting and
 * for the saved model, so a new row is scored with plain arithmetic.
 */
import { MultivariateLinearRegression } from 'ml-regression';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { seededRandom, shuffled } from '../random';

const { sqrt, abs } = Math;

export interface RegressionModel {
  featureNames: string[];
  /** In user units: prediction = intercept + sum(coefficients[j] * x[j]). */
  coefficients: number[];
  intercept: number;
  /** How sheet rows become x (set when the model is fitted from a table; see spend.ts). */
  encoding?: RowEncoding;
  target?: string;
  /**
   * How the straight line becomes a prediction: identity (default); 'log1p' = the line was
   * fitted to log(1 + y), prediction = exp(line) × smear − 1 (Duan's smearing); 'logit' = the
   * chance of yes, 1 / (1 + exp(−line)).
   */
  link?: 'identity' | 'log1p' | 'logit';
  /** Duan's smearing factor for 'log1p': mean of exp(residual) on the fitted rows. */
  smear?: number;
  /** Predictions never go below this (0 for a target that is never negative). */
  min?: number;
  /** The CDM column the predictions are written to. */
  column?: string;
}

export interface RowEncoding {
  numeric: Array<{ column: string; fill: number; low: number | null; high: number | null; yesno?: { yes: string; no: string } }>;
  /** One-hot, first level (alphabetical) dropped as the baseline, as pandas drop_first. */
  categorical: Array<{ column: string; baseline: string; levels: string[] }>;
}

export interface RegressionReport {
  target: string | null;
  rows: number;
  features: string[];
  coefficients: Array<{ feature: string; coefficient: number; standardised: number }>;
  intercept: number;
  r2: number;
  cv: { folds: number; r2: number; mae: number } | null;
  /** Features ordered by |standardised coefficient|, largest first, in words. */
  importance: Array<{ feature: string; weight: number; direction: 'raises' | 'lowers' }>;
  /** The same in one sentence for the user. */
  explanation: string;
  excludedRows?: Array<{ row: number; column: string; value: number | string }>;
  predictedMissing?: number;
  /** 'numeric' (a regression) or 'yesno' (a chance of yes, logistic.ts). */
  kind?: 'numeric' | 'yesno';
  link?: RegressionModel['link'];
  /** How the prediction was made and why, in words. */
  method?: string;
  /** Yes/no targets: cross-validated AUC over out-of-fold probabilities (sklearn roc_auc_score). */
  auc?: { folds: number; auc: number } | null;
  aucInSample?: number | null;
  /** Yes/no targets: the answer that counts as yes, and the share of rows saying it. */
  positive?: { value: string; share: number };
  /** Predictions that a straight line put below the target's lowest possible value and were raised to it. */
  clamped?: number;
  /** The CDM column written. */
  column?: string;
}

export interface FitOptions {
  seed?: number;
  /** Folds for cross-validation; min(10, n) by default, 0 = none. */
  folds?: number;
  /** Cross-validate on at most this many rows (seeded sample) to stay fast on big sheets. */
  cvMaxRows?: number;
  target?: string;
  /** 'log1p': fit log(1 + y) and predict back on the user's scale (a target that is never negative). */
  transform?: 'log1p';
  /** Predictions below this are raised to it (in-sample, cross-validated and saved model alike). */
  clampMin?: number;
  /** Explicit fold of each row (0..folds-1), e.g. to compare with another tool's folds. */
  foldOf?: ArrayLike<number>;
  /** Words for the explanation (the user's language). */
  words?: ExplainWords;
  /**
   * What depends only on x (standardisation, folds, per-fold Gram matrices), kept between fits
   * of the same rows to different targets (spend as is, then log(1 + spend)). Made by
   * sharedDesign(); the caller must not change x between those fits.
   */
  shared?: SharedDesign;
}

/** Per design matrix: its scaling, and per number of folds and seed its folds and Gram matrices. */
export interface SharedDesign { byX: Map<number[][], DesignParts> }
interface DesignParts { sc: Scaling; folds: Map<string, { foldOf: Int32Array; g: Float64Array[] }> }

export const sharedDesign = (): SharedDesign => ({ byX: new Map() });

export interface ExplainWords {
  none: (target: string) => string;
  sentence: (rows: number, first: string, target: string, dir: string, rest: string[]) => string;
  more: string;
  less: string;
}

const ENGLISH: ExplainWords = {
  none: (target) => `Nothing in the sheet helps predict ${target}.`,
  sentence: (rows, first, target, dir, rest) => `From ${rows} customers: ${first} matters most for ${target} (${dir})` + (rest.length ? `, then ${rest.join(', ')}.` : '.'),
  more: 'higher means more',
  less: 'higher means less',
};

export const MIN_ROWS_FOR_REGRESSION = 5;

interface Fitted { coefficients: number[]; intercept: number; zWeights: number[] }

/** Standardisation of the design matrix; constant columns are left out (they would make X'X singular). */
interface Scaling { centre: number[]; scale: number[]; keep: number[] }

function scalingOf(x: number[][], rows: ArrayLike<number> | null = null): Scaling {
  const p = x[0]?.length ?? 0;
  const n = rows ? rows.length : x.length;
  const row = (i: number): number[] => x[rows ? rows[i] : i];
  const centre = new Array<number>(p).fill(0);
  const ss = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) { const r = row(i); for (let j = 0; j < p; j++) centre[j] += r[j]; }
  for (let j = 0; j < p; j++) centre[j] /= n;
  for (let i = 0; i < n; i++) { const r = row(i); for (let j = 0; j < p; j++) { const d = r[j] - centre[j]; ss[j] += d * d; } }
  const scale = ss.map((v) => (n > 1 && v > 0 ? sqrt(v / (n - 1)) : 0));
  const keep = scale.map((v, j) => (v > 0 ? j : -1)).filter((j) => j >= 0);
  return { centre, scale, keep };
}

/** Weights on [z, 1] back to the user's units. */
function toUserUnits(w: number[], sc: Scaling, p: number): Fitted {
  const coefficients = new Array<number>(p).fill(0);
  const zWeights = new Array<number>(p).fill(0);
  let intercept = w[sc.keep.length];
  sc.keep.forEach((j, k) => {
    zWeights[j] = w[k];
    coefficients[j] = w[k] / sc.scale[j];
    intercept -= (w[k] * sc.centre[j]) / sc.scale[j];
  });
  return { coefficients, intercept, zWeights };
}

/** OLS straight on the rows with ml-regression (used when the compressed system is singular). */
function fitOlsRows(x: number[][], y: number[], rows: number[]): Fitted {
  const sc = scalingOf(x, rows);
  const p = x[0]?.length ?? 0;
  if (sc.keep.length === 0) {
    return { coefficients: new Array<number>(p).fill(0), intercept: rows.reduce((a, i) => a + y[i], 0) / (rows.length || 1), zWeights: new Array<number>(p).fill(0) };
  }
  const z = rows.map((i) => sc.keep.map((j) => (x[i][j] - sc.centre[j]) / sc.scale[j]));
  const mlr = new MultivariateLinearRegression(z, rows.map((i) => [y[i]]), { statistics: false });
  return toUserUnits(mlr.weights.map((r) => r[0]), sc, p);
}

/**
 * Least squares through ml-regression on a compressed but equivalent system. With
 * G = Σ x̃x̃' (x̃ = standardised features and 1) and b = Σ x̃y over the rows, take the Cholesky
 * factor G = R'R and y* = R'⁻¹b: the m-row problem (R, y*) has the same normal equations, so
 * the same OLS solution, as all n rows — without handing ml-matrix a 100k-row matrix (its
 * X'X on 100k × 20 takes seconds). null when G is singular (collinear columns).
 */
function solveCompressed(g: Float64Array, b: Float64Array, m: number): number[] | null {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = g[i * m + j];
      for (let k = 0; k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(sum > 1e-10 * Math.max(1, g[i * m + i]))) return null;
        l[i * m + i] = sqrt(sum);
      } else {
        l[i * m + j] = sum / l[j * m + j];
      }
    }
  }
  const yStar = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * m + k] * yStar[k];
    yStar[i] = sum / l[i * m + i];
  }
  const r = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (j >= i ? l[j * m + i] : 0)));
  const mlr = new MultivariateLinearRegression(r, yStar.map((v) => [v]), { intercept: false, statistics: false });
  const w = mlr.weights.map((row) => row[0]);
  return w.every((v) => Number.isFinite(v)) ? w : null;
}

/** The standardised row [z, 1] of x[i] into z (z[m - 1] stays 1). */
function standardRow(r: number[], sc: Scaling, z: Float64Array): void {
  for (let k = 0; k < z.length - 1; k++) { const j = sc.keep[k]; z[k] = (r[j] - sc.centre[j]) / sc.scale[j]; }
}

/** Per-fold Gram matrices Σ z z' of [z, 1], in one pass over the rows. */
function gramByFold(x: number[][], sc: Scaling, foldOf: Int32Array, folds: number): Float64Array[] {
  const m = sc.keep.length + 1;
  const g = Array.from({ length: folds }, () => new Float64Array(m * m));
  const z = new Float64Array(m);
  z[m - 1] = 1;
  for (let i = 0; i < x.length; i++) {
    standardRow(x[i], sc, z);
    const gf = g[foldOf[i]];
    for (let a = 0; a < m; a++) {
      const za = z[a];
      for (let c = 0; c <= a; c++) gf[a * m + c] += za * z[c];
    }
  }
  for (const gf of g) for (let a = 0; a < m; a++) for (let c = 0; c < a; c++) gf[c * m + a] = gf[a * m + c];
  return g;
}

/** Per-fold moments Σ z y of [z, 1] (each sum in row order, as the Gram matrices). */
function momentsByFold(x: number[][], y: number[], sc: Scaling, foldOf: Int32Array, folds: number): Float64Array[] {
  const m = sc.keep.length + 1;
  const b = Array.from({ length: folds }, () => new Float64Array(m));
  const z = new Float64Array(m);
  z[m - 1] = 1;
  for (let i = 0; i < x.length; i++) {
    standardRow(x[i], sc, z);
    const bf = b[foldOf[i]];
    for (let a = 0; a < m; a++) bf[a] += z[a] * y[i];
  }
  return b;
}

/** Seeded folds of the rows (or the given ones). */
function foldsOf(n: number, folds: number, seed: number, given?: ArrayLike<number>): Int32Array {
  const foldOf = new Int32Array(n);
  if (given) for (let i = 0; i < n; i++) foldOf[i] = given[i];
  else if (folds >= 2) shuffled(Array.from({ length: n }, (_, i) => i), seededRandom(seed)).forEach((row, pos) => { foldOf[row] = pos % folds; });
  return foldOf;
}

/** Scaling, folds and Gram matrices of x: taken from `shared` when an earlier fit of x made them. */
function design(x: number[][], folds: number, seed: number, given: ArrayLike<number> | undefined, shared: SharedDesign | undefined):
  { sc: Scaling; foldOf: Int32Array; g: Float64Array[] } {
  const make = (sc: Scaling): { foldOf: Int32Array; g: Float64Array[] } => {
    const foldOf = foldsOf(x.length, folds, seed, given);
    return { foldOf, g: gramByFold(x, sc, foldOf, Math.max(1, folds)) };
  };
  if (!shared || given) { const sc = scalingOf(x); return { sc, ...make(sc) }; }
  let parts = shared.byX.get(x);
  if (!parts) { parts = { sc: scalingOf(x), folds: new Map() }; shared.byX.set(x, parts); }
  const key = `${folds}/${seed}`;
  let f = parts.folds.get(key);
  if (!f) { f = make(parts.sc); parts.folds.set(key, f); }
  return { sc: parts.sc, ...f };
}

const dot = (w: number[], x: number[]): number => { let s = 0; for (let j = 0; j < w.length; j++) s += w[j] * x[j]; return s; };

/** The model's answer for a line value (intercept + Σ coefficient × x). */
export function fromLine(model: Pick<RegressionModel, 'link' | 'smear' | 'min'>, line: number): number {
  let v = line;
  if (model.link === 'log1p') v = Math.exp(line) * (model.smear ?? 1) - 1;
  else if (model.link === 'logit') v = 1 / (1 + Math.exp(-line));
  return model.min !== undefined && v < model.min ? model.min : v;
}

export function predict(model: RegressionModel, x: number[][]): number[] {
  return x.map((r) => fromLine(model, model.intercept + dot(model.coefficients, r)));
}

function r2Of(y: number[], yHat: number[]): number {
  const m = mean(y);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) { ssRes += (y[i] - yHat[i]) ** 2; ssTot += (y[i] - m) ** 2; }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}

/**
 * Fits on all rows and, with folds ≥ 2, k-fold cross-validation with seeded folds: every row
 * is predicted by a model that did not see it (as sklearn's cross_val_predict). A fold's
 * training system is the total minus the fold's own moments. Returns the out-of-fold line
 * values and, per fold, its fit (to back-transform with the fold's own smearing factor).
 */
function fitWithFolds(x: number[][], y: number[], folds: number, seed: number, given?: ArrayLike<number>, shared?: SharedDesign):
  { fit: Fitted; oof: Float64Array | null; foldOf: Int32Array; foldFits: Fitted[] } {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  const { sc, foldOf, g } = design(x, folds, seed, given, shared);
  const m = sc.keep.length + 1;
  const b = momentsByFold(x, y, sc, foldOf, Math.max(1, folds));
  const gTotal = new Float64Array(m * m);
  const bTotal = new Float64Array(m);
  for (let f = 0; f < g.length; f++) {
    for (let k = 0; k < m * m; k++) gTotal[k] += g[f][k];
    for (let k = 0; k < m; k++) bTotal[k] += b[f][k];
  }
  const all = x.map((_, i) => i);
  const w = solveCompressed(gTotal, bTotal, m);
  const fit = w ? toUserUnits(w, sc, p) : fitOlsRows(x, y, all);
  if (folds < 2) return { fit, oof: null, foldOf, foldFits: [] };
  const oof = new Float64Array(n);
  const foldFits: Fitted[] = [];
  for (let f = 0; f < folds; f++) {
    const gTrain = gTotal.map((v, k) => v - g[f][k]);
    const bTrain = bTotal.map((v, k) => v - b[f][k]);
    const wf = solveCompressed(gTrain, bTrain, m);
    const ff = wf ? toUserUnits(wf, sc, p) : fitOlsRows(x, y, all.filter((i) => foldOf[i] !== f));
    foldFits.push(ff);
  }
  // One pass: each row by its own fold's fit.
  for (let i = 0; i < n; i++) { const ff = foldFits[foldOf[i]]; oof[i] = ff.intercept + dot(ff.coefficients, x[i]); }
  return { fit, oof, foldOf, foldFits };
}

/** Duan's smearing factor: mean exp(residual) over the rows. */
function smearing(x: number[][], z: number[], fit: Fitted): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(z[i] - (fit.intercept + dot(fit.coefficients, x[i])));
  return x.length ? s / x.length : 1;
}

/**
 * Each fold fit's smearing factor over its own training rows (the rows of the other folds), in
 * one pass over the rows: the same sums, in the same row order, as smearing() once per fold.
 */
function foldSmearing(x: number[][], z: number[], foldFits: Fitted[], foldOf: Int32Array): number[] {
  const folds = foldFits.length;
  const s = new Float64Array(folds);
  const k = new Float64Array(folds);
  for (let i = 0; i < x.length; i++) {
    const own = foldOf[i];
    for (let f = 0; f < folds; f++) {
      if (f === own) continue;
      const fit = foldFits[f];
      s[f] += Math.exp(z[i] - (fit.intercept + dot(fit.coefficients, x[i])));
      k[f]++;
    }
  }
  return Array.from(s, (v, f) => (k[f] ? v / k[f] : 1));
}

/** Cross-validated R² and MAE on the user's scale (out-of-fold line values back-transformed per fold). */
function crossValidated(x: number[][], y: number[], z: number[], run: ReturnType<typeof fitWithFolds>, folds: number,
  link: { log: boolean; min?: number }): { folds: number; r2: number; mae: number } | null {
  if (!run.oof) return null;
  const smears = link.log ? foldSmearing(x, z, run.foldFits, run.foldOf) : [];
  const yHat = new Array<number>(y.length);
  for (let i = 0; i < y.length; i++) {
    yHat[i] = fromLine({ link: link.log ? 'log1p' : 'identity', smear: smears[run.foldOf[i]], min: link.min }, run.oof[i]);
  }
  let absErr = 0;
  for (let i = 0; i < y.length; i++) absErr += abs(y[i] - yHat[i]);
  return { folds, r2: r2Of(y, yHat), mae: absErr / y.length };
}

export function fitRegression(x: number[][], y: number[], featureNames: string[], options: FitOptions = {}): RegressionModel & { report: RegressionReport } {
  if (x.length !== y.length) throw new Error('fitRegression: x and y have different lengths');
  if (x.length < MIN_ROWS_FOR_REGRESSION) throw new Error(`Too few rows to predict (${x.length}; at least ${MIN_ROWS_FOR_REGRESSION} needed).`);
  const seed = options.seed ?? 1;
  const folds = options.foldOf ? Math.max(...Array.from(options.foldOf)) + 1 : Math.min(options.folds ?? 10, x.length);
  const cap = options.cvMaxRows ?? Infinity;
  const log = options.transform === 'log1p';
  if (log && y.some((v) => v <= -1)) throw new Error('fitRegression: log(1 + y) needs y above -1');
  // The line is fitted to z: y itself, or log(1 + y).
  const z = log ? y.map((v) => Math.log1p(v)) : y;
  const link = { log, min: options.clampMin };
  let fit: Fitted;
  let cv: RegressionReport['cv'] = null;
  if (folds >= 2 && x.length > cap && !options.foldOf) {
    fit = fitWithFolds(x, z, 0, seed, undefined, options.shared).fit;
    const pick = shuffled(x.map((_, i) => i), seededRandom(seed + 7)).slice(0, cap);
    const px = pick.map((i) => x[i]);
    const pz = pick.map((i) => z[i]);
    cv = crossValidated(px, pick.map((i) => y[i]), pz, fitWithFolds(px, pz, folds, seed), folds, link);
  } else {
    const run = fitWithFolds(x, z, folds, seed, options.foldOf, options.shared);
    fit = run.fit;
    cv = crossValidated(x, y, z, run, folds, link);
  }
  const smear = log ? smearing(x, z, fit) : undefined;
  const model: RegressionModel = {
    featureNames: featureNames.slice(),
    coefficients: fit.coefficients,
    intercept: fit.intercept,
    target: options.target,
  };
  if (log) { model.link = 'log1p'; model.smear = smear; }
  if (options.clampMin !== undefined) model.min = options.clampMin;
  const sdZ = z.length > 1 ? sampleStandardDeviation(z) : 0;
  const standardised = fit.zWeights.map((w) => (sdZ > 0 ? w / sdZ : 0));
  let clamped = 0;
  const yHat = x.map((r) => {
    const line = fit.intercept + dot(fit.coefficients, r);
    const raw = fromLine({ ...model, min: undefined }, line);
    if (options.clampMin !== undefined && raw < options.clampMin) clamped++;
    return fromLine(model, line);
  });
  const importance = featureNames
    .map((feature, j) => ({ feature, weight: Math.abs(standardised[j]), direction: (standardised[j] >= 0 ? 'raises' : 'lowers') as 'raises' | 'lowers' }))
    .filter((f) => f.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  return {
    ...model,
    report: {
      target: options.target ?? null,
      rows: x.length,
      features: featureNames.slice(),
      coefficients: featureNames.map((feature, j) => ({ feature, coefficient: fit.coefficients[j], standardised: standardised[j] })),
      intercept: fit.intercept,
      r2: r2Of(y, yHat),
      cv,
      importance,
      explanation: explain(importance, options.target ?? 'the target', x.length, options.words ?? ENGLISH),
      kind: 'numeric',
      link: model.link ?? 'identity',
      clamped,
    },
  };
}

/** "Orders matters most (more raises Total Spend), then Annual Income (raises it)." */
export function explain(importance: RegressionReport['importance'], target: string, rows: number, words: ExplainWords = ENGLISH): string {
  const top = importance.slice(0, 3);
  if (!top.length) return words.none(target);
  const word = (d: 'raises' | 'lowers'): string => (d === 'raises' ? words.more : words.less);
  const rest = top.slice(1).map((f) => `${f.feature} (${word(f.direction)})`);
  return words.sentence(rows, top[0].feature, target, word(top[0].direction), rest);
}
