/**
 * Mean silhouette coefficient (Rousseeuw 1987), Euclidean, as sklearn.metrics.silhouette_score:
 * s(i) = (b - a) / max(a, b), with s(i) = 0 for a point alone in its cluster.
 * No installed package provides it; the distances are computed once and reused for every k.
 */

// Hoisted: global lookups are slow inside node:vm (jest, the local Apps Script runtime).
const sqrt = Math.sqrt;

export class DistanceMatrix {
  readonly n: number;
  /** Row-major n × n distances. */
  readonly d: Float64Array;

  constructor(points: number[][]) {
    const n = points.length;
    this.n = n;
    this.d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const p = points[i];
      for (let j = i + 1; j < n; j++) {
        const q = points[j];
        let s = 0;
        for (let t = 0; t < p.length; t++) { const e = p[t] - q[t]; s += e * e; }
        const dist = sqrt(s);
        this.d[i * n + j] = dist;
        this.d[j * n + i] = dist;
      }
    }
  }

  get(i: number, j: number): number { return this.d[i * this.n + j]; }
}

/** labels: any integers; returns NaN when there are fewer than 2 clusters. */
export function silhouetteScore(dist: DistanceMatrix, labels: number[]): number {
  const n = dist.n;
  const ids = [...new Set(labels)];
  if (ids.length < 2 || ids.length >= n) return NaN;
  const slot = new Map(ids.map((id, k) => [id, k]));
  const lab = labels.map((l) => slot.get(l)!);
  const size = new Array<number>(ids.length).fill(0);
  for (const l of lab) size[l]++;
  // Rows of each cluster in ascending order: each row's sum per cluster is then a plain running
  // sum (the same additions in the same order as one pass over the row, without a store per distance).
  const members = ids.map(() => [] as number[]);
  lab.forEach((l, j) => members[l].push(j));
  const index = members.map((rows) => Int32Array.from(rows));
  const sums = new Float64Array(ids.length);
  let total = 0;
  const d = dist.d;
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let c = 0; c < index.length; c++) sums[c] = sumAt(d, base, index[c]);
    const own = lab[i];
    if (size[own] <= 1) continue;
    const a = sums[own] / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < ids.length; c++) if (c !== own && size[c] > 0) b = Math.min(b, sums[c] / size[c]);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/** d[base + j] summed over the given j, in their order. */
function sumAt(d: Float64Array, base: number, at: Int32Array): number {
  let s = 0;
  for (let t = 0; t < at.length; t++) s += d[base + at[t]];
  return s;
}
