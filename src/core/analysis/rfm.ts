/**
 * RFM: recency, frequency and monetary value scored 1–5 by quintile of the customer base,
 * and the usual segment names from the recency / frequency grid.
 */

import { analysisText, type AnalysisKey, type AnalysisT } from '../../i18n/analysis';

// Hoisted: global lookups are slow inside node:vm (jest, the local Apps Script runtime).
const { min, floor } = Math;
const finite = Number.isFinite;

export interface RfmScore { r: number; f: number; m: number; segment: string }

/**
 * Quintile score by rank: 1 + floor(5 · (values ranked below this one) / n), so equal values
 * share a score (many one-order customers all get F = 1) and 10 distinct values score
 * 1,1,2,2,3,3,4,4,5,5 — the same bins as pandas.qcut(…, 5). `better` says which way is good.
 */
export function quintileScores(values: number[], better: 'higher' | 'lower'): number[] {
  // Copied by index (Float64Array.from goes through the iterator, an object per value).
  let count = 0;
  for (const v of values) if (finite(v)) count++;
  const sorted = new Float64Array(count);
  let k = 0;
  for (const v of values) if (finite(v)) sorted[k++] = v;
  sorted.sort();
  const n = sorted.length;
  return values.map((v) => {
    if (!finite(v)) return 0;
    const below = better === 'higher' ? lowerBound(sorted, v) : n - upperBound(sorted, v);
    return 1 + min(4, floor((5 * below) / n));
  });
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
  return lo;
}
function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] <= v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The widely used R–F segment grid (R = recency score, F = frequency score). */
export function rfmSegment(r: number, f: number): string {
  if (r <= 0 || f <= 0) return '';
  if (r >= 5 && f >= 4) return 'Champions';
  if (r >= 3 && f >= 4) return 'Loyal';
  if (r >= 4 && f >= 2) return 'Potential loyalist';
  if (r === 5 && f === 1) return 'New';
  if (r === 4 && f === 1) return 'Promising';
  if (r === 3 && f === 3) return 'Need attention';
  if (r === 3) return 'About to sleep';
  if (f === 5) return "Can't lose them";
  if (f >= 3) return 'At risk';
  if (r === 1 && f === 1) return 'Lost';
  return 'Hibernating';
}

/** Missing inputs are NaN; such a customer gets scores 0 and no segment. */
export function rfmScores(recencyDays: number[], frequency: number[], monetary: number[]): RfmScore[] {
  const r = quintileScores(recencyDays, 'lower');
  const f = quintileScores(frequency, 'higher');
  const m = quintileScores(monetary, 'higher');
  return r.map((ri, i) => ({ r: ri, f: f[i], m: m[i], segment: ri && f[i] && m[i] ? rfmSegment(ri, f[i]) : '' }));
}

const SEGMENT_KEY: Record<string, AnalysisKey> = {
  Champions: 'rfmChampions', Loyal: 'rfmLoyal', 'Potential loyalist': 'rfmPotential', New: 'rfmNew', Promising: 'rfmPromising',
  'Need attention': 'rfmAttention', 'About to sleep': 'rfmAboutToSleep', "Can't lose them": 'rfmCantLose', 'At risk': 'rfmAtRisk',
  Lost: 'rfmLost', Hibernating: 'rfmHibernating',
};
const EN = analysisText('en');

/** An RFM segment's name (rfmSegment gives the English one) in the user's language. */
export const rfmSegmentName = (segment: string, t: AnalysisT = EN): string => (SEGMENT_KEY[segment] ? t(SEGMENT_KEY[segment]) : segment);

export const rfmLabel = (s: RfmScore, t: AnalysisT = EN): string =>
  (s.segment ? t('rfmLabel', { scores: `${s.r}${s.f}${s.m}`, segment: rfmSegmentName(s.segment, t) }) : '');
