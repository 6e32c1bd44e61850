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
}

export interface RowEncoding {
  numeric: Array<{ column: string; fill: number; low: number | null; high: number | null }>;
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
  excludedRows?: Array<{ row: number; column: string; value: number }>;
  predictedMissing?: number;
}

export interface FitOptions {
  seed?: number;
  /** Folds for cross-validation; min(10, n) by default, 0 = none. */
  folds?: number;
  /** Cross-validate on at most this many rows (seeded sample) to stay fast on big sheets. */
  cvMaxRows?: number;
  target?: string;
}

export const MIN_ROWS_FOR_REGRESSION = 5;

interface Fitted { coefficients: number[]; intercept: number; zWeights: number[] }

function fitOls(x: number[][], y: number[]): Fitted {
  const p = x[0]?.length ?? 0;
  const centre = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  // Plain loops: this runs per fold on up to 100k rows.
  const n = x.length;
  for (const r of x) for (let j = 0; j < p; j++) centre[j] += r[j];
  for (let j = 0; j < p; j++) centre[j] /= n;
  const ss = new Array<number>(p).fill(0);
  for (const r of x) for (let j = 0; j < p; j++) { const d = r[j] - centre[j]; ss[j] += d * d; }
  for (let j = 0; j < p; j++) scale[j] = n > 1 && ss[j] > 0 ? sqrt(ss[j] / (n - 1)) : 0;
  // Constant columns carry no information and would make X'X singular: leave them out.
  const keep = scale.map((s, j) => (s > 0 ? j : -1)).filter((j) => j >= 0);
  const z = x.map((r) => keep.map((j) => (r[j] - centre[j]) / scale[j]));
  const coefficients = new Array<number>(p).fill(0);
  const zWeights = new Array<number>(p).fill(0);
  let intercept = y.reduce((a, b) => a + b, 0) / (y.length || 1);
  if (keep.length > 0) {
    const mlr = new MultivariateLinearRegression(z, y.map((v) => [v]), { statistics: false });
    const w = mlr.weights.map((row) => row[0]);
    intercept = w[keep.length];
    keep.forEach((j, k) => {
      zWeights[j] = w[k];
      coefficients[j] = w[k] / scale[j];
      intercept -= (w[k] * centre[j]) / scale[j];
    });
  }
  return { coefficients, intercept, zWeights };
}

const dot = (w: number[], x: number[]): number => { let s = 0; for (let j = 0; j < w.length; j++) s += w[j] * x[j]; return s; };

export function predict(model: RegressionModel, x: number[][]): number[] {
  return x.map((r) => model.intercept + dot(model.coefficients, r));
}

function r2Of(y: number[], yHat: number[]): number {
  const m = mean(y);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) { ssRes += (y[i] - yHat[i]) ** 2; ssTot += (y[i] - m) ** 2; }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}

/**
 * k-fold cross-validation with seeded folds: every row is predicted by a model that did not
 * see it; R² and MAE are computed over all those out-of-fold predictions (as sklearn's
 * cross_val_predict followed by r2_score / mean_absolute_error).
 */
function crossValidate(x: number[][], y: number[], folds: number, seed: number): { folds: number; r2: number; mae: number } {
  const order = shuffled(x.map((_, i) => i), seededRandom(seed));
  const foldOf = new Array<number>(x.length);
  order.forEach((row, pos) => { foldOf[row] = pos % folds; });
  const yHat = new Array<number>(x.length);
  for (let f = 0; f < folds; f++) {
    const trainX: number[][] = [];
    const trainY: number[] = [];
    for (let i = 0; i < x.length; i++) if (foldOf[i] !== f) { trainX.push(x[i]); trainY.push(y[i]); }
    const fit = fitOls(trainX, trainY);
    for (let i = 0; i < x.length; i++) if (foldOf[i] === f) yHat[i] = fit.intercept + dot(fit.coefficients, x[i]);
  }
  let absErr = 0;
  for (let i = 0; i < y.length; i++) absErr += abs(y[i] - yHat[i]);
  return { folds, r2: r2Of(y, yHat), mae: absErr / y.length };
}

export function fitRegression(x: number[][], y: number[], featureNames: string[], options: FitOptions = {}): RegressionModel & { report: RegressionReport } {
  if (x.length !== y.length) throw new Error('fitRegression: x and y have different lengths');
  if (x.length < MIN_ROWS_FOR_REGRESSION) throw new Error(`Too few rows to predict (${x.length}; at least ${MIN_ROWS_FOR_REGRESSION} needed).`);
  const seed = options.seed ?? 1;
  const fit = fitOls(x, y);
  const sdY = y.length > 1 ? sampleStandardDeviation(y) : 0;
  const standardised = fit.zWeights.map((w) => (sdY > 0 ? w / sdY : 0));
  const yHat = x.map((r) => fit.intercept + dot(fit.coefficients, r));
  const folds = options.folds ?? Math.min(10, x.length);
  let cv: RegressionReport['cv'] = null;
  if (folds >= 2) {
    const cap = options.cvMaxRows ?? Infinity;
    if (x.length > cap) {
      const pick = shuffled(x.map((_, i) => i), seededRandom(seed + 7)).slice(0, cap);
      cv = crossValidate(pick.map((i) => x[i]), pick.map((i) => y[i]), folds, seed);
    } else {
      cv = crossValidate(x, y, folds, seed);
    }
  }
  const importance = featureNames
    .map((feature, j) => ({ feature, weight: Math.abs(standardised[j]), direction: (standardised[j] >= 0 ? 'raises' : 'lowers') as 'raises' | 'lowers' }))
    .filter((f) => f.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  return {
    featureNames: featureNames.slice(),
    coefficients: fit.coefficients,
    intercept: fit.intercept,
    target: options.target,
    report: {
      target: options.target ?? null,
      rows: x.length,
      features: featureNames.slice(),
      coefficients: featureNames.map((feature, j) => ({ feature, coefficient: fit.coefficients[j], standardised: standardised[j] })),
      intercept: fit.intercept,
      r2: r2Of(y, yHat),
      cv,
      importance,
      explanation: explain(importance, options.target ?? 'the target', x.length),
    },
  };
}

/** "Orders matters most (more raises Total Spend), then Annual Income (raises it)." */
function explain(importance: RegressionReport['importance'], target: string, rows: number): string {
  const top = importance.slice(0, 3);
  if (!top.length) return `Nothing in the sheet helps predict ${target}.`;
  const word = (d: 'raises' | 'lowers'): string => (d === 'raises' ? 'higher means more' : 'higher means less');
  const rest = top.slice(1).map((f) => `${f.feature} (${word(f.direction)})`);
  return `From ${rows} customers: ${top[0].feature} matters most for ${target} (${word(top[0].direction)})` +
    (rest.length ? `, then ${rest.join(', ')}.` : '.');
}
