/**
 * Logistic regression for yes/no targets (a campaign response, a churn flag): the chance of
 * yes for every row, and how well that chance tells yes from no on rows the model did not
 * see (cross-validated AUC).
 *
 * Newton's method (iteratively reweighted least squares) on standardised features (sample
 * standard deviation, as regress.ts) with an L2 penalty of ½‖w‖² on the weights, not on the
 * intercept — exactly scikit-learn's LogisticRegression(C=1) objective on the same
 * standardised matrix, so its coefficients are the reference. The penalty keeps the fit
 * finite when a feature separates yes from no perfectly. Written here rather than taken from
 * ml-logistic-regression, which runs plain gradient descent for a fixed number of steps and
 * does not reach the optimum.
 */
import { seededRandom, shuffled } from '../random';
import type { RegressionModel, RegressionReport } from './regress';

const { sqrt, exp, abs, log } = Math;

export interface LogisticOptions {
  seed?: number;
  folds?: number;
  /** Explicit fold per row (0..folds-1), to compare with another tool's folds. */
  foldOf?: ArrayLike<number>;
  /** L2 penalty on the standardised weights (scikit-learn's 1 / C). */
  lambda?: number;
  target?: string;
}

interface Scaled { centre: number[]; scale: number[]; keep: number[] }

function scaling(x: number[][], rows: number[]): Scaled {
  const p = x[0]?.length ?? 0;
  const centre = new Array<number>(p).fill(0);
  const ss = new Array<number>(p).fill(0);
  for (const i of rows) for (let j = 0; j < p; j++) centre[j] += x[i][j];
  for (let j = 0; j < p; j++) centre[j] /= rows.length || 1;
  for (const i of rows) for (let j = 0; j < p; j++) { const d = x[i][j] - centre[j]; ss[j] += d * d; }
  const scale = ss.map((v) => (rows.length > 1 && v > 0 ? sqrt(v / (rows.length - 1)) : 0));
  return { centre, scale, keep: scale.map((v, j) => (v > 0 ? j : -1)).filter((j) => j >= 0) };
}

/** Solves A v = b for a symmetric positive definite A (m × m, row-major) by Cholesky. */
function solveSpd(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j];
      for (let k = 0; k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = i === j ? sqrt(Math.max(sum, 1e-12)) : sum / l[j * m + j];
    }
  }
  const yv = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * m + k] * yv[k];
    yv[i] = sum / l[i * m + i];
  }
  const v = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = yv[i];
    for (let k = i + 1; k < m; k++) sum -= l[k * m + i] * v[k];
    v[i] = sum / l[i * m + i];
  }
  return v;
}

const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t)));

interface Fit { weights: number[]; intercept: number; zWeights: number[] }

/** Penalised Newton iterations on rows `rows`; weights in user units. */
function fitRows(x: number[][], y: number[], rows: number[], lambda: number): Fit {
  const p = x[0]?.length ?? 0;
  const sc = scaling(x, rows);
  const q = sc.keep.length;
  const m = q + 1;
  const w = new Float64Array(m); // [standardised weights..., intercept]
  // Start the intercept at the log-odds of yes.
  const yes = rows.reduce((s, i) => s + y[i], 0);
  w[q] = log((yes + 0.5) / (rows.length - yes + 0.5));
  const z = new Float64Array(m);
  z[q] = 1;
  for (let iter = 0; iter < 100; iter++) {
    const h = new Float64Array(m * m);
    const g = new Float64Array(m);
    for (const i of rows) {
      for (let k = 0; k < q; k++) { const j = sc.keep[k]; z[k] = (x[i][j] - sc.centre[j]) / sc.scale[j]; }
      let t = 0;
      for (let k = 0; k < m; k++) t += w[k] * z[k];
      const pr = sigmoid(t);
      const wt = pr * (1 - pr);
      const r = pr - y[i];
      for (let a = 0; a < m; a++) {
        g[a] += r * z[a];
        const za = wt * z[a];
        for (let c = 0; c <= a; c++) h[a * m + c] += za * z[c];
      }
    }
    for (let a = 0; a < m; a++) for (let c = 0; c < a; c++) h[c * m + a] = h[a * m + c];
    for (let k = 0; k < q; k++) { g[k] += lambda * w[k]; h[k * m + k] += lambda; }
    const step = solveSpd(h, g, m);
    let biggest = 0;
    for (let k = 0; k < m; k++) { w[k] -= step[k]; biggest = Math.max(biggest, abs(step[k])); }
    if (biggest < 1e-10) break;
  }
  const weights = new Array<number>(p).fill(0);
  const zWeights = new Array<number>(p).fill(0);
  let intercept = w[q];
  sc.keep.forEach((j, k) => {
    zWeights[j] = w[k];
    weights[j] = w[k] / sc.scale[j];
    intercept -= (w[k] * sc.centre[j]) / sc.scale[j];
  });
  return { weights, intercept, zWeights };
}

const line = (f: Fit, r: number[]): number => { let s = f.intercept; for (let j = 0; j < r.length; j++) s += f.weights[j] * r[j]; return s; };

/**
 * Area under the ROC curve: the chance that a random yes scores above a random no (ties count
 * half) — the Mann–Whitney statistic, as sklearn.metrics.roc_auc_score.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumYes = 0;
  let yes = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]] === 1) { rankSumYes += avgRank; yes++; }
    i = j + 1;
  }
  const no = idx.length - yes;
  if (yes === 0 || no === 0) return NaN;
  return (rankSumYes - (yes * (yes + 1)) / 2) / (yes * no);
}

export function fitLogistic(x: number[][], y: number[], featureNames: string[], options: LogisticOptions = {}):
  RegressionModel & { report: RegressionReport; probabilities: number[] } {
  const n = x.length;
  const lambda = options.lambda ?? 1;
  const all = x.map((_, i) => i);
  const fit = fitRows(x, y, all, lambda);
  const probabilities = x.map((r) => sigmoid(line(fit, r)));

  let foldOf: ArrayLike<number> | null = options.foldOf ?? null;
  let folds = foldOf ? Math.max(...Array.from(foldOf)) + 1 : Math.min(options.folds ?? 10, n);
  if (!foldOf && folds >= 2) {
    const f = new Int32Array(n);
    shuffled(all, seededRandom(options.seed ?? 1)).forEach((row, pos) => { f[row] = pos % folds; });
    foldOf = f;
  }
  let cvAuc: RegressionReport['auc'] = null;
  if (foldOf && folds >= 2) {
    const oof = new Float64Array(n);
    for (let f = 0; f < folds; f++) {
      const train = all.filter((i) => foldOf![i] !== f);
      if (!train.some((i) => y[i] === 1) || !train.some((i) => y[i] === 0)) continue;
      const ff = fitRows(x, y, train, lambda);
      for (let i = 0; i < n; i++) if (foldOf[i] === f) oof[i] = sigmoid(line(ff, x[i]));
    }
    const a = auc(oof, y);
    cvAuc = Number.isFinite(a) ? { folds, auc: a } : null;
  } else folds = 0;

  const importance = featureNames
    .map((feature, j) => ({ feature, weight: abs(fit.zWeights[j]), direction: (fit.zWeights[j] >= 0 ? 'raises' : 'lowers') as 'raises' | 'lowers' }))
    .filter((f) => f.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const inSample = auc(probabilities, y);
  return {
    featureNames: featureNames.slice(),
    coefficients: fit.weights,
    intercept: fit.intercept,
    target: options.target,
    link: 'logit',
    probabilities,
    report: {
      target: options.target ?? null,
      rows: n,
      features: featureNames.slice(),
      coefficients: featureNames.map((feature, j) => ({ feature, coefficient: fit.weights[j], standardised: fit.zWeights[j] })),
      intercept: fit.intercept,
      // R² does not apply to a yes/no target: the AUC (in sample and cross-validated) does.
      r2: NaN,
      cv: null,
      auc: cvAuc,
      aucInSample: Number.isFinite(inSample) ? inSample : null,
      importance,
      explanation: '',
      kind: 'yesno',
      link: 'logit',
    },
  };
}
