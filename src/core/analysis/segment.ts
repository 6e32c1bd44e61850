/**
 * Customer segments: k-means++ (ml-kmeans, seeded) on z-scored features, k chosen by the
 * silhouette over 2..10. Cluster numbers are stable: without a previous model they are
 * ordered by centroid (first feature, then the next…); with one, the previous centroids seed
 * the run and clusters are matched to them at least total distance, so a re-run with a few
 * new rows keeps every customer's number.
 */
import { kmeans } from 'ml-kmeans';
import { seededRandom, shuffled } from '../random';
import { clamp } from './values';
import { DistanceMatrix, silhouetteScore } from './silhouette';
import { trait } from './names';
import { analysisText } from '../../i18n/analysis';
import type { Lang } from '../../i18n/index';
export { shortFeatureName } from './names';

export interface SegmentModel {
  features: string[];
  /** z = (x - means) / scales, population std as sklearn's StandardScaler. */
  means: number[];
  scales: number[];
  /** Centroids in the user's units, cluster 1 first. */
  centroids: number[][];
  names: string[];
  k: number;
  silhouette: number;
  /** Per feature [low, high]: abnormal values are pulled back to this range before scoring. */
  clip?: Array<[number | null, number | null]>;
}

export interface KmeansOptions {
  k?: 'auto' | number;
  seed?: number;
  previous?: SegmentModel;
  featureNames: string[];
  /** k is chosen, and the silhouette measured, on at most this many rows (seeded sample). */
  maxSelectRows?: number;
  /** The chosen k's centroids are then refined on at most this many rows; every row is assigned. */
  maxFitRows?: number;
  /** Language of the segment names. */
  lang?: Lang;
}

export interface KmeansResult {
  /** 1..k for every input row. */
  labels: number[];
  model: SegmentModel;
  silhouette: number;
  silhouetteByK: Record<number, number>;
}

export const K_MIN = 2;
export const K_MAX = 10;
const DEFAULT_MAX_SELECT_ROWS = 1500;
const DEFAULT_MAX_FIT_ROWS = 5000;

function scaling(rows: number[][]): { means: number[]; scales: number[] } {
  const d = rows[0].length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] += r[j];
  for (let j = 0; j < d; j++) means[j] /= rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) scales[j] += (r[j] - means[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(scales[j] / rows.length);
    scales[j] = s > 0 ? s : 1;
  }
  return { means, scales };
}

const toZ = (m: { means: number[]; scales: number[] }, r: number[]): number[] => r.map((v, j) => (v - m.means[j]) / m.scales[j]);
const fromZ = (m: { means: number[]; scales: number[] }, z: number[]): number[] => z.map((v, j) => v * m.scales[j] + m.means[j]);

function sqDist(a: number[], b: number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) { const e = a[j] - b[j]; s += e * e; }
  return s;
}

function nearest(centroids: number[][], z: number[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const d = sqDist(centroids[c], z);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

interface Run { centroids: number[][]; labels: number[]; inertia: number }

/** Squared centroid shift (in z units) that counts as converged; sklearn's default tol is 1e-4 of the variance. */
const KMEANS_TOLERANCE = 1e-6;

/** Best of several seeded k-means++ starts (lowest inertia), like sklearn's n_init. */
function bestRun(z: number[][], k: number, seed: number, starts: number, init?: number[][]): Run {
  let best: Run | null = null;
  const tries = init ? 1 : starts;
  for (let t = 0; t < tries; t++) {
    const res = kmeans(z, k, { seed: seed + 1009 * t, initialization: init ?? 'kmeans++', maxIterations: 100, tolerance: KMEANS_TOLERANCE });
    const labels = res.clusters.slice();
    let inertia = 0;
    for (let i = 0; i < z.length; i++) inertia += sqDist(z[i], res.centroids[labels[i]]);
    if (!best || inertia < best.inertia - 1e-12) best = { centroids: res.centroids.map((c) => c.slice()), labels, inertia };
  }
  return best!;
}

/** Minimum-total-distance one-to-one matching of new clusters to previous ones (k ≤ 10: DP over subsets). */
export function matchClusters(fresh: number[][], previous: number[][]): number[] {
  const k = fresh.length;
  const full = 1 << k;
  const cost = new Float64Array(full).fill(Infinity);
  const choice = new Int32Array(full).fill(-1);
  cost[0] = 0;
  for (let mask = 0; mask < full; mask++) {
    if (cost[mask] === Infinity) continue;
    const i = popcount(mask); // next fresh cluster to place
    if (i >= k) continue;
    for (let slot = 0; slot < k; slot++) {
      if (mask & (1 << slot)) continue;
      const next = mask | (1 << slot);
      const c = cost[mask] + Math.sqrt(sqDist(fresh[i], previous[slot]));
      if (c < cost[next]) { cost[next] = c; choice[next] = slot; }
    }
  }
  const slotOf = new Array<number>(k);
  let mask = full - 1;
  for (let i = k - 1; i >= 0; i--) { const s = choice[mask]; slotOf[i] = s; mask &= ~(1 << s); }
  return slotOf;
}

function popcount(x: number): number { let c = 0; while (x) { x &= x - 1; c++; } return c; }

/** Ordering rule without history: by centroid on the first feature, then the next ones. */
function orderByCentroid(centroids: number[][]): number[] {
  const idx = centroids.map((_, i) => i).sort((a, b) => {
    for (let j = 0; j < centroids[a].length; j++) {
      const d = centroids[a][j] - centroids[b][j];
      if (Math.abs(d) > 1e-9) return d;
    }
    return a - b;
  });
  const slotOf = new Array<number>(centroids.length);
  idx.forEach((c, pos) => { slotOf[c] = pos; });
  return slotOf;
}

export function kmeansSegments(rows: number[][], options: KmeansOptions): KmeansResult {
  const n = rows.length;
  const featureNames = options.featureNames;
  if (n < K_MIN + 1) throw new Error(`Too few rows to find segments (${n}).`);
  const seed = options.seed ?? 1;
  const prev = options.previous && sameFeatures(options.previous.features, featureNames) ? options.previous : undefined;
  const scale = scaling(rows);

  // Big sheets: k is picked on a seeded sample (silhouette is quadratic in rows), refined on a
  // larger one, and then every row is assigned to its nearest centroid.
  const maxSelect = options.maxSelectRows ?? DEFAULT_MAX_SELECT_ROWS;
  const maxFit = Math.max(maxSelect, options.maxFitRows ?? DEFAULT_MAX_FIT_ROWS);
  const all = rows.map((_, i) => i);
  const order = n > maxSelect ? shuffled(all, seededRandom(seed)) : all;
  const fitZ = order.slice(0, maxSelect).map((i) => toZ(scale, rows[i]));
  const refineZ = n > maxSelect ? order.slice(0, maxFit).map((i) => toZ(scale, rows[i])) : null;
  const dist = new DistanceMatrix(fitZ);
  const distinctRows = new Set(fitZ.map((r) => r.join(','))).size;
  // sklearn's classic n_init = 10 on small tables; on big ones one k-means++ start per k
  // (sklearn's n_init = 'auto' since 1.4), then the refinement on a bigger sample.
  const starts = n <= 1000 ? 10 : 1;

  const kMax = Math.min(K_MAX, distinctRows - 1, fitZ.length - 1);
  let ks: number[];
  if (typeof options.k === 'number') ks = [Math.max(K_MIN, Math.min(Math.round(options.k), Math.max(K_MIN, distinctRows)))];
  else if (prev && prev.k <= kMax) ks = [prev.k]; // keep the user's segments from one run to the next
  else ks = Array.from({ length: Math.max(0, kMax - K_MIN + 1) }, (_, i) => K_MIN + i);
  if (ks.length === 0 || ks[0] > distinctRows) throw new Error('Too few different customers to find segments.');

  const silhouetteByK: Record<number, number> = {};
  let chosen: Run | null = null;
  let chosenK = ks[0];
  let chosenSil = -Infinity;
  for (const k of ks) {
    const init = prev && prev.k === k ? prev.centroids.map((c) => toZ(scale, c)) : undefined;
    const run = bestRun(fitZ, k, seed, starts, init);
    const sil = silhouetteScore(dist, run.labels);
    silhouetteByK[k] = sil;
    if (!chosen || sil > chosenSil + 1e-12) { chosen = run; chosenK = k; chosenSil = sil; }
  }
  const run = refineZ ? bestRun(refineZ, chosenK, seed, 1, chosen!.centroids) : chosen!;
  const slotOf = prev && prev.k === chosenK
    ? matchClusters(run.centroids, prev.centroids.map((c) => toZ(scale, c)))
    : orderByCentroid(run.centroids);
  const centroidsZ = new Array<number[]>(chosenK);
  run.centroids.forEach((c, i) => { centroidsZ[slotOf[i]] = c; });

  // Final centroids from the fitted rows; every row (sampled or not) goes to its nearest one.
  const zRow = new Array<number>(featureNames.length).fill(0);
  const labels = rows.map((r) => {
    for (let j = 0; j < r.length; j++) zRow[j] = (r[j] - scale.means[j]) / scale.scales[j];
    return nearest(centroidsZ, zRow) + 1;
  });
  const model: SegmentModel = {
    features: featureNames.slice(),
    means: scale.means,
    scales: scale.scales,
    centroids: centroidsZ.map((c) => fromZ(scale, c)),
    names: nameSegments(centroidsZ, featureNames, options.lang),
    k: chosenK,
    silhouette: chosenSil,
  };
  return { labels, model, silhouette: chosenSil, silhouetteByK };
}

function sameFeatures(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** 1..k: the nearest centroid of a row given in the user's units. */
export function assignSegment(model: SegmentModel, row: number[]): number {
  return segmentAssigner(model)(row);
}

/** assignSegment for many rows: the centroids are standardised once, not once per row. */
export function segmentAssigner(model: SegmentModel): (row: number[]) => number {
  const centroidsZ = model.centroids.map((c) => toZ(model, c));
  return (row) => {
    const clipped = model.clip ? row.map((v, j) => clamp(v, model.clip![j][0], model.clip![j][1])) : row;
    return nearest(centroidsZ, toZ(model, clipped)) + 1;
  };
}

/** A segment is "high"/"low" on a feature when its centroid is half a standard deviation from the mean. */
const NOTABLE_Z = 0.5;

/** At most this many traits in a name, the most pronounced ones, so names stay short. */
const MAX_TRAITS = 3;

export function nameSegments(centroidsZ: number[][], featureNames: string[], lang: Lang = 'en'): string[] {
  const t = analysisText(lang);
  const names = centroidsZ.map((c) => {
    const notable = c.map((z, j) => ({ z, j })).filter((x) => Math.abs(x.z) >= NOTABLE_Z);
    const kept = notable.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, MAX_TRAITS).sort((a, b) => a.j - b.j);
    const parts = kept.map(({ z, j }) => trait(featureNames[j], z > 0, t));
    const text = parts.length ? parts.join(t('segJoin')) : t('segAverage');
    return text.charAt(0).toUpperCase() + text.slice(1);
  });
  const seen = new Map<string, number>();
  return names.map((nm) => {
    const times = (seen.get(nm) ?? 0) + 1;
    seen.set(nm, times);
    return times > 1 ? t('segRepeat', { name: nm, n: times }) : nm;
  });
}
