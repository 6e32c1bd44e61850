/**
 * Reference values: test/fixtures/analysis/segments-mall.json, made by
 * tools/make-analysis-fixtures.py with scikit-learn: StandardScaler, then KMeans(k, n_init=10,
 * random_state=0) and silhouette_score for k = 2..10 (k = 5 best at 0.5547 on scaled data).
 */
import * as path from 'path';
import { assignSegment, kmeansSegments, matchClusters, nameSegments, shortFeatureName } from '../../../src/core/analysis/segment';
import { DistanceMatrix, silhouetteScore } from '../../../src/core/analysis/silhouette';
import { DATA, expectClose, fixture, readCsv } from './load';
import { seededRandom } from '../../../src/core/random';

const ref = fixture('segments-mall.json');
const mall = readCsv(path.join(DATA, 'mall_customers.csv'));
const FEATURES: string[] = ref.features;
const rows = mall.rows.map((r) => FEATURES.map((f) => Number(r[mall.header.indexOf(f)])));

function standardise(data: number[][]): number[][] {
  const d = data[0].length;
  const mean = Array.from({ length: d }, (_, j) => data.reduce((s, r) => s + r[j], 0) / data.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(data.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / data.length));
  return data.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
}

/** Same partition up to renumbering. */
function samePartition(a: number[], b: number[]): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  return a.every((x, i) => {
    const y = b[i];
    if ((ab.has(x) && ab.get(x) !== y) || (ba.has(y) && ba.get(y) !== x)) return false;
    ab.set(x, y); ba.set(y, x);
    return true;
  });
}

describe('silhouette', () => {
  test('matches sklearn silhouette_score on sklearn labels, scaled and unscaled', () => {
    const scaled = new DistanceMatrix(standardise(rows));
    const raw = new DistanceMatrix(rows);
    for (const k of ['2', '5', '9']) {
      expectClose(silhouetteScore(scaled, ref.scaled[k].labels), ref.scaled[k].silhouette, 1e-9);
      expectClose(silhouetteScore(raw, ref.unscaled[k].labels), ref.unscaled[k].silhouette, 1e-9);
    }
  });
});

describe('kmeansSegments on mall customers (income + spending score)', () => {
  const first = kmeansSegments(rows, { featureNames: FEATURES, seed: 42 });

  test('k = 5 is chosen with silhouette ≥ 0.55, as scikit-learn', () => {
    expect(first.model.k).toBe(5);
    expect(first.silhouette).toBeGreaterThanOrEqual(0.55);
    expectClose(first.silhouette, ref.scaled['5'].silhouette, 1e-6);
    expect(samePartition(first.labels, ref.scaled['5'].labels)).toBe(true);
    for (let k = 2; k <= 10; k++) expect(first.silhouetteByK[k]).toBeLessThanOrEqual(first.silhouette);
  });

  test('two runs give identical labels', () => {
    const second = kmeansSegments(rows, { featureNames: FEATURES, seed: 42 });
    expect(second.labels).toEqual(first.labels);
    expect(second.model).toEqual(first.model);
  });

  test('cluster numbers follow the ordering rule (first feature, then the next)', () => {
    const c = first.model.centroids;
    for (let i = 1; i < c.length; i++) expect(c[i][0] >= c[i - 1][0] - 1e-9).toBe(true);
    expect(new Set(first.labels)).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  test('labels stay the same when a few rows are added (previous model given)', () => {
    const extra = [[60, 50], [120, 90], [20, 80], [75, 10], [55, 45]];
    const again = kmeansSegments([...rows, ...extra], { featureNames: FEATURES, seed: 7, previous: first.model });
    expect(again.model.k).toBe(5);
    expect(again.labels.slice(0, rows.length)).toEqual(first.labels);
  });

  test('without a previous model, a different seed still numbers the clusters the same way', () => {
    const other = kmeansSegments(rows, { featureNames: FEATURES, seed: 1234 });
    expect(other.labels).toEqual(first.labels);
  });

  test('profiles get names from their centroids and new rows are assigned to the nearest centroid', () => {
    expect(first.model.names).toContain('High income · high spending');
    expect(first.model.names).toContain('Low income · low spending');
    expect(first.model.names).toContain('Average on all counts');
    rows.slice(0, 20).forEach((r, i) => expect(assignSegment(first.model, r)).toBe(first.labels[i]));
    expect(JSON.parse(JSON.stringify(first.model))).toEqual(first.model);
  });

  test('fixed k is honoured', () => {
    const three = kmeansSegments(rows, { featureNames: FEATURES, k: 3, seed: 1 });
    expect(three.model.k).toBe(3);
    expect(Object.keys(three.silhouetteByK)).toEqual(['3']);
  });
});

describe('helpers', () => {
  test('matchClusters finds the cheapest one-to-one matching', () => {
    expect(matchClusters([[10, 0], [0, 0], [5, 5]], [[0, 0], [5, 5], [10, 0]])).toEqual([2, 0, 1]);
  });
  test('short names and segment names', () => {
    expect(shortFeatureName('Annual Income (k$)')).toBe('income');
    expect(shortFeatureName('Spending Score (1-100)')).toBe('spending');
    expect(nameSegments([[1, -1], [0.1, 0.2], [-2, 0], [-2, 0]], ['Age', 'Total Spend'])).toEqual(['Older · low spend', 'Average on all counts', 'Younger', 'Younger (2)']);
    // Only the three most pronounced traits, in feature order.
    expect(nameSegments([[0.6, -2, 1, 0.9]], ['Age', 'Income', 'Orders', 'Spend'])).toEqual(['Low income · high orders · high spend']);
  });
  test('too few rows throws a plain message', () => {
    expect(() => kmeansSegments([[1, 2], [3, 4]], { featureNames: ['a', 'b'] })).toThrow(/Too few rows/);
  });
});

describe('big tables (sampled fit)', () => {
  // Four blobs in two features, 4000 rows: above the 1500-row selection sample, so k is picked
  // on a seeded sample, refined on 5000 and every row assigned.
  const rnd = seededRandom(9);
  const blob = (cx: number, cy: number): number[] => [cx + 6 * (rnd() - 0.5), cy + 6 * (rnd() - 0.5)];
  const centres = [[10, 10], [40, 10], [10, 40], [40, 40]];
  const big = Array.from({ length: 4000 }, (_, i) => blob(centres[i % 4][0], centres[i % 4][1]));
  const a = kmeansSegments(big, { featureNames: ['x', 'y'], seed: 5 });

  test('finds the 4 blobs, reproducibly', () => {
    expect(a.model.k).toBe(4);
    expect(a.silhouette).toBeGreaterThan(0.8);
    expect(kmeansSegments(big, { featureNames: ['x', 'y'], seed: 5 }).labels).toEqual(a.labels);
  });

  test('with the previous model, added rows keep every cluster number', () => {
    const more = [...big, ...Array.from({ length: 40 }, (_, i) => blob(centres[i % 4][0], centres[i % 4][1]))];
    const b = kmeansSegments(more, { featureNames: ['x', 'y'], seed: 6, previous: a.model });
    expect(b.labels.slice(0, big.length)).toEqual(a.labels);
  });
});
