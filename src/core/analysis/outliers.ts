/**
 * Abnormal values: far outside a column's robust range, such as an income of 666666 among
 * incomes near 50k (a typo or a placeholder). The fence is deliberately wide — Tukey's
 * "far out" 3 × IQR — so a genuinely big customer is not thrown away.
 *
 * Money and counts are skewed (a few big spenders are normal), so when no value is negative
 * a second fence is computed on the log scale — log(x), or log(1 + x) when some values are 0
 * (a category nobody bought from, MntFruits = 0) — where such columns are roughly symmetric. A value is abnormal only when it is outside both: the log fence keeps a long but
 * real tail of big spenders, the plain fence keeps small values such as a score of 1 out of 100
 * (tiny on the log scale), and a value off by orders of magnitude is outside both.
 */
import { quantileLinear } from './values';

// Hoisted: global lookups are slow inside node:vm (jest, the local Apps Script runtime).
const { log, exp, log1p, expm1 } = Math;
const finite = Number.isFinite;

export const OUTLIER_IQR_FACTOR = 3;
/** Below this many values quartiles say too little to call anything abnormal. */
export const MIN_VALUES_FOR_OUTLIERS = 8;

export interface OutlierFence {
  low: number;
  high: number;
  /** Positions (in `values`) of the values outside [low, high]. */
  indices: number[];
}

function tukeyFence(sorted: ArrayLike<number>): [number, number] | null {
  const q1 = quantileLinear(sorted, 0.25);
  const q3 = quantileLinear(sorted, 0.75);
  const iqr = q3 - q1;
  // With no spread in the middle half every other value would look abnormal; say nothing.
  if (!(iqr > 0)) return null;
  return [q1 - OUTLIER_IQR_FACTOR * iqr, q3 + OUTLIER_IQR_FACTOR * iqr];
}

/** `sortedFinite`: the finite values of `values` in ascending order, when the caller already has them (no second sort). */
export function findOutliers(values: number[], sortedFinite?: ArrayLike<number>): OutlierFence {
  let count = 0;
  let positive = true;
  let negative = false;
  for (const v of values) if (finite(v)) { count++; if (v <= 0) positive = false; if (v < 0) negative = true; }
  const none: OutlierFence = { low: -Infinity, high: Infinity, indices: [] };
  if (count < MIN_VALUES_FOR_OUTLIERS) return none;
  const plain = sortedFinite ?? sortedFiniteOf(values, count);
  const linear = tukeyFence(plain);
  if (!linear) return none;
  let [low, high] = linear;
  if (!negative) {
    const f = positive ? log : log1p;
    const logs = new Float64Array(count);
    for (let i = 0; i < count; i++) logs[i] = f(plain[i]); // still ascending
    const logFence = tukeyFence(logs);
    if (!logFence) return none;
    low = Math.min(low, positive ? exp(logFence[0]) : expm1(logFence[0]));
    high = Math.max(high, positive ? exp(logFence[1]) : expm1(logFence[1]));
  }
  const indices: number[] = [];
  values.forEach((v, i) => { if (finite(v) && (v < low || v > high)) indices.push(i); });
  return { low, high, indices };
}

/** The `count` finite values, ascending. Typed arrays sort numerically and natively: this runs on every numeric column of big sheets. */
function sortedFiniteOf(values: number[], count: number): Float64Array {
  const plain = new Float64Array(count);
  let k = 0;
  for (const v of values) if (finite(v)) plain[k++] = v;
  return plain.sort();
}
