/**
 * Abnormal values: far outside a column's robust range, such as an income of 666666 among
 * incomes near 50k (a typo or a placeholder). The fence is deliberately wide — Tukey's
 * "far out" 3 × IQR — so a genuinely big customer is not thrown away.
 *
 * Money and counts are skewed (a few big spenders are normal), so when every value is
 * positive the fence is computed on the log scale, where such columns are roughly symmetric;
 * that keeps the long but real tail and still catches values off by orders of magnitude.
 */
import { quantileLinear } from './values';

// Hoisted: global lookups are slow inside node:vm (jest, the local Apps Script runtime).
const { log, exp } = Math;
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

export function findOutliers(values: number[]): OutlierFence {
  let count = 0;
  let logScale = true;
  for (const v of values) if (finite(v)) { count++; if (v <= 0) logScale = false; }
  if (count < MIN_VALUES_FOR_OUTLIERS) return { low: -Infinity, high: Infinity, indices: [] };
  // A typed array sorts numerically and natively: this runs on every numeric column of big sheets.
  const scaled = new Float64Array(count);
  let k = 0;
  for (const v of values) if (finite(v)) scaled[k++] = logScale ? log(v) : v;
  scaled.sort();
  const q1 = quantileLinear(scaled, 0.25);
  const q3 = quantileLinear(scaled, 0.75);
  const iqr = q3 - q1;
  // With no spread in the middle half every other value would look abnormal; say nothing.
  if (!(iqr > 0)) return { low: -Infinity, high: Infinity, indices: [] };
  const lo = q1 - OUTLIER_IQR_FACTOR * iqr;
  const hi = q3 + OUTLIER_IQR_FACTOR * iqr;
  const low = logScale ? exp(lo) : lo;
  const high = logScale ? exp(hi) : hi;
  const indices: number[] = [];
  values.forEach((v, i) => { if (finite(v) && (v < low || v > high)) indices.push(i); });
  return { low, high, indices };
}
