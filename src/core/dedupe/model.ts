/**
 * Fellegi–Sunter match weights learnt without labels, as Splink does:
 * - u (how often two different people agree by chance) starts from random pairs;
 * - m (how often the same person's two rows agree) and λ (the chance that two random rows
 *   are the same person) are then fitted by expectation–maximisation on the candidate pairs,
 *   counting every pair outside the blocks as a non-match; pairs are grouped by comparison
 *   pattern so an iteration costs the number of distinct patterns, not pairs;
 * - an exact agreement on a rare value counts more than on a common one (term-frequency
 *   adjustment): the weight moves by log2(Σf² / f(value)), i.e. relative to the average
 *   chance agreement of that field.
 * Weights are log2 Bayes factors; a pair's probability is 1 / (1 + 2^-(prior + Σ weights)).
 */
import { Rng } from '../random';
import { Comparison, MISSING } from './comparisons';
import { PersonRecord } from './features';

export interface FsModel {
  m: Record<string, number[]>;
  u: Record<string, number[]>;
  lambda: number;
  iterations: number;
}

/** Frequencies of the values used for term-frequency adjustment, per field. */
export interface TermFrequencies {
  freq: Map<string, Map<string, number>>;
  /** Σ f² per field: the chance that two random rows share a value. */
  chance: Map<string, number>;
}

const TF_CLAMP = 6;
const FLOOR = 1e-6;

export function priorModel(comparisons: Comparison[], lambda = 0.001): FsModel {
  const m: Record<string, number[]> = {};
  const u: Record<string, number[]> = {};
  for (const c of comparisons) { m[c.field] = c.priorM.slice(); u[c.field] = c.priorU.slice(); }
  return { m, u, lambda, iterations: 0 };
}

export function termFrequencies(comparisons: Comparison[], records: PersonRecord[]): TermFrequencies {
  const freq = new Map<string, Map<string, number>>();
  const chance = new Map<string, number>();
  for (const c of comparisons) {
    if (!c.tfValue) continue;
    const counts = new Map<string, number>();
    let total = 0;
    for (const r of records) {
      const v = c.tfValue(r);
      if (!v) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
    if (!total) continue;
    let sumSq = 0;
    const f = new Map<string, number>();
    for (const [v, k] of counts) { const p = k / total; f.set(v, p); sumSq += p * p; }
    freq.set(c.field, f);
    chance.set(c.field, sumSq);
  }
  return { freq, chance };
}

/** Weight change for an exact agreement on value v of a field. */
export function tfAdjustment(tf: TermFrequencies, field: string, value: string): number {
  const f = tf.freq.get(field)?.get(value);
  const chance = tf.chance.get(field);
  if (!f || !chance) return 0;
  const adj = Math.log2(chance / f);
  return Math.max(-TF_CLAMP, Math.min(TF_CLAMP, adj));
}

export function compareAll(comparisons: Comparison[], a: PersonRecord, b: PersonRecord, out: Int8Array, offset = 0): void {
  for (let k = 0; k < comparisons.length; k++) out[offset + k] = comparisons[k].compare(a, b);
}

/** u from random pairs of rows, smoothed towards the priors (small tables have few pairs). */
export function estimateU(comparisons: Comparison[], records: PersonRecord[], rng: Rng, maxPairs = 30000): Record<string, number[]> {
  const n = records.length;
  const F = comparisons.length;
  const counts = comparisons.map((c) => c.priorU.map((p) => p * 20));
  const levels = new Int8Array(F);
  const total = (n * (n - 1)) / 2;
  const samples = Math.min(maxPairs, total);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    compareAll(comparisons, records[i], records[j], levels);
    for (let k = 0; k < F; k++) if (levels[k] !== MISSING) counts[k][levels[k]]++;
  }
  const u: Record<string, number[]> = {};
  comparisons.forEach((c, k) => {
    const sum = counts[k].reduce((x, y) => x + y, 0);
    u[c.field] = counts[k].map((x) => Math.max(FLOOR, x / sum));
  });
  return u;
}

/** Distinct comparison patterns of the candidate pairs with their counts. */
export function patterns(gamma: Int8Array, count: number, F: number): { keys: Int8Array; counts: number[]; index: Int32Array } {
  const seen = new Map<string, number>();
  const keysList: number[] = [];
  const counts: number[] = [];
  const index = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    let key = '';
    for (let k = 0; k < F; k++) key += String.fromCharCode(66 + gamma[p * F + k]);
    let id = seen.get(key);
    if (id === undefined) {
      id = counts.length;
      seen.set(key, id);
      counts.push(0);
      for (let k = 0; k < F; k++) keysList.push(gamma[p * F + k]);
    }
    counts[id]++;
    index[p] = id;
  }
  return { keys: Int8Array.from(keysList), counts, index };
}

export function trainEm(
  comparisons: Comparison[],
  gamma: Int8Array,
  count: number,
  uStart: Record<string, number[]>,
  totalPairs: number,
  maxIterations = 40,
): FsModel {
  const F = comparisons.length;
  const model = priorModel(comparisons, 0.1);
  const all = Math.max(totalPairs, count, 1);
  for (const c of comparisons) model.u[c.field] = uStart[c.field].slice();
  if (count === 0) return model;
  const { keys, counts } = patterns(gamma, count, F);
  const P = counts.length;
  // λ is over all pairs (the chance two random rows are the same person), like Splink's
  // probability_two_random_records_match: pairs outside the blocks count as non-matches.
  let lambda = Math.min(0.5, Math.max(1e-9, (count * 0.3) / all));
  let iterations = 0;
  const post = new Float64Array(P);
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    // E step: probability each pattern is a match.
    for (let p = 0; p < P; p++) {
      let lw = Math.log(lambda) - Math.log(1 - lambda);
      for (let k = 0; k < F; k++) {
        const l = keys[p * F + k];
        if (l === MISSING) continue;
        const f = comparisons[k].field;
        lw += Math.log(model.m[f][l]) - Math.log(model.u[f][l]);
      }
      post[p] = 1 / (1 + Math.exp(-lw));
    }
    // M step.
    let matchMass = 0;
    for (let p = 0; p < P; p++) matchMass += post[p] * counts[p];
    const newLambda = Math.min(0.5, Math.max(1e-9, matchMass / all));
    let delta = Math.abs(newLambda - lambda) / lambda;
    lambda = newLambda;
    // u stays at its random-pair estimate: within blocks, non-matches agree more than chance.
    for (let k = 0; k < F; k++) {
      const c = comparisons[k];
      const L = c.levels.length;
      const mc = new Float64Array(L);
      for (let p = 0; p < P; p++) {
        const l = keys[p * F + k];
        if (l !== MISSING) mc[l] += post[p] * counts[p];
      }
      // A little prior mass keeps unseen levels from getting weight ±infinity.
      let ms = 0;
      for (let l = 0; l < L; l++) { mc[l] += c.priorM[l] * 2; ms += mc[l]; }
      for (let l = 0; l < L; l++) {
        const m = Math.max(FLOOR, mc[l] / ms);
        delta = Math.max(delta, Math.abs(m - model.m[c.field][l]));
        model.m[c.field][l] = m;
      }
    }
    if (delta < 1e-5) break;
  }
  model.lambda = lambda;
  model.iterations = iterations;
  return model;
}

/**
 * Level weights log2(m/u) per field, precomputed for scoring. Levels are ordered best first,
 * so a better level never weighs less than a worse one: a data set with no nicknames must
 * not teach that "Bob"/"Robert" is evidence against a match.
 */
export function levelWeights(comparisons: Comparison[], model: FsModel): number[][] {
  return comparisons.map((c) => {
    const w = c.levels.map((_, l) => {
      const m = model.m[c.field]?.[l] ?? c.priorM[l];
      const u = model.u[c.field]?.[l] ?? c.priorU[l];
      return Math.log2(Math.max(FLOOR, m) / Math.max(FLOOR, u));
    });
    for (let l = w.length - 2; l >= 0; l--) w[l] = Math.max(w[l], w[l + 1]);
    return w;
  });
}

export const priorWeight = (lambda: number): number => Math.log2(lambda / (1 - lambda));
export const probability = (weight: number): number => 1 / (1 + Math.pow(2, -weight));
