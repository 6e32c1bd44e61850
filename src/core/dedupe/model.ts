/**
 * Fellegi–Sunter match weights learnt without labels, as Splink does:
 * - u (how often two different people agree by chance) starts from random pairs;
 * - m (how often the same person's two rows agree) is fitted by expectation–maximisation
 *   in training sessions, each over the candidate pairs that agree exactly on one field,
 *   learning the other fields (Splink's per-blocking-rule training);
 * - λ (the chance that two random rows are the same person) is then fitted over all
 *   candidate pairs with m and u fixed, every pair outside the blocks counting as a
 *   non-match. Pairs are grouped by comparison pattern, so an iteration costs the number of
 *   distinct patterns, not pairs;
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
  /** Per field: value → weight change for an exact agreement on it. */
  freq: Map<string, Map<string, number>>;
  /** Σ f² per field: the chance that two random rows share a value. */
  chance: Map<string, number>;
}

const TF_CLAMP = 6;
const FLOOR = 1e-6;

const priorM = (c: Comparison): number[] => c.levels.map((l) => l.m);
const priorU = (c: Comparison): number[] => c.levels.map((l) => l.u);

export function priorModel(comparisons: Comparison[], lambda = 0.001): FsModel {
  const m: Record<string, number[]> = {};
  const u: Record<string, number[]> = {};
  for (const c of comparisons) { m[c.field] = priorM(c); u[c.field] = priorU(c); }
  return { m, u, lambda, iterations: 0 };
}

function termFrequencies(comparisons: Comparison[], records: PersonRecord[]): TermFrequencies {
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
    for (const k of counts.values()) { const p = k / total; sumSq += p * p; }
    // Stored as the weight change itself, so scoring is one lookup.
    for (const [v, k] of counts) f.set(v, Math.max(-TF_CLAMP, Math.min(TF_CLAMP, Math.log2(sumSq / (k / total)))) || 1e-9);
    freq.set(c.field, f);
    chance.set(c.field, sumSq);
  }
  return { freq, chance };
}

/**
 * termFrequencies and, per comparison with term frequencies, each row's weight change for an
 * exact agreement (what tfAdjustment gives for the row's value), counted in one pass: each
 * row's value is looked up once, instead of three times and again for its weight.
 */
export function termFrequencyRows(comparisons: Comparison[], records: PersonRecord[]): { tf: TermFrequencies; rows: Array<Float64Array | null> } {
  const fields = comparisons.filter((c) => c.tfValue).map((c) => c.field);
  if (new Set(fields).size !== fields.length) {
    // Two comparisons of one field share its frequencies (the last one counted): the long way.
    const tf = termFrequencies(comparisons, records);
    return { tf, rows: comparisons.map((c) => (c.tfValue ? Float64Array.from(records, (r) => tfAdjustment(tf, c.field, c.tfValue!(r))) : null)) };
  }
  const freq = new Map<string, Map<string, number>>();
  const chance = new Map<string, number>();
  const n = records.length;
  const rows = comparisons.map((c) => {
    if (!c.tfValue) return null;
    const out = new Float64Array(n);
    const ids = new Int32Array(n);
    const idOf = new Map<string, number>();
    const counts: number[] = [];
    const values: string[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = c.tfValue(records[i]);
      if (!v) { ids[i] = -1; continue; }
      let id = idOf.get(v);
      if (id === undefined) { id = counts.length; idOf.set(v, id); counts.push(0); values.push(v); }
      counts[id]++;
      ids[i] = id;
      total++;
    }
    if (!total) return out;
    let sumSq = 0;
    for (const k of counts) { const p = k / total; sumSq += p * p; }
    const byId = new Float64Array(counts.length);
    for (let id = 0; id < counts.length; id++) byId[id] = Math.max(-TF_CLAMP, Math.min(TF_CLAMP, Math.log2(sumSq / (counts[id] / total)))) || 1e-9;
    for (let i = 0; i < n; i++) if (ids[i] >= 0) out[i] = byId[ids[i]];
    // The value → id map becomes value → weight change in place: no second map of every
    // value (100k distinct streets at 100k rows).
    for (let id = 0; id < counts.length; id++) idOf.set(values[id], byId[id]);
    freq.set(c.field, idOf);
    chance.set(c.field, sumSq);
    return out;
  });
  return { tf: { freq, chance }, rows };
}

/** Weight change for an exact agreement on value v of a field. */
export function tfAdjustment(tf: TermFrequencies, field: string, value: string): number {
  const f = tf.freq.get(field)?.get(value);
  if (!f) return 0;
  return f;
}

function compareAll(comparisons: Comparison[], a: PersonRecord, b: PersonRecord, out: Int8Array, offset = 0): void {
  for (let k = 0; k < comparisons.length; k++) out[offset + k] = comparisons[k].compare(a, b);
}

/** u from random pairs of rows, smoothed towards the priors (small tables have few pairs). */
export function estimateU(comparisons: Comparison[], records: PersonRecord[], rng: Rng, maxPairs = 30000): Record<string, number[]> {
  const n = records.length;
  const F = comparisons.length;
  // The priors weigh as 1000 pairs: a small sheet has too few random pairs (and its own
  // duplicates among them) to estimate chance agreement alone.
  const counts = comparisons.map((c) => priorU(c).map((p) => p * 1000));
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
  // A pattern's key is its levels as the digits of one number when they fit in 2^53 (always,
  // for a few fields of a few levels): no key string per pair. Same patterns, same order.
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < count * F; i++) { const g = gamma[i]; if (g < lo) lo = g; else if (g > hi) hi = g; }
  const base = hi - lo + 1;
  const numeric = Math.pow(base, F) <= Number.MAX_SAFE_INTEGER;
  const seen = new Map<string | number, number>();
  const keysList: number[] = [];
  const counts: number[] = [];
  const index = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    let key: string | number;
    if (numeric) {
      key = 0;
      for (let k = 0; k < F; k++) key = key * base + (gamma[p * F + k] - lo);
    } else {
      key = '';
      for (let k = 0; k < F; k++) key += String.fromCharCode(66 + gamma[p * F + k]);
    }
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

/**
 * A training session looks only at pairs that agree exactly on one field (or on the fields
 * naming the same session, as first and last name do), and learns the m of every OTHER field
 * there, as Splink does per blocking rule: inside "same e-mail" pairs, how often do real
 * matches share a phone? Conditioning on an exact agreement keeps EM from mistaking "same
 * surname" for "same person" in blocks full of namesakes, which happens when all candidate
 * pairs are fitted at once. Fields that agree together (a name; the parts of an address)
 * are left out together. Which session a field conditions, and with which others, is the
 * comparison's `training` (comparisons.ts).
 */
interface Session { name: string; condition: (levels: Int8Array, p: number) => boolean; excluded: Set<number> }

export function sessionsFor(comparisons: Comparison[]): Session[] {
  const F = comparisons.length;
  const exactAt = comparisons.map((c) => Uint8Array.from(c.levels, (l) => (l.exact ? 1 : 0)));
  const exact = (ks: number[]) => (g: Int8Array, p: number) => ks.every((k) => g[p * F + k] !== MISSING && exactAt[k][g[p * F + k]] === 1);
  const sessionOf = (c: Comparison): string | null => (c.training?.session === undefined ? `same ${c.field}` : c.training.session);
  const groupOf = (k: number): string | undefined => comparisons[k].training?.group;
  const sessions: Session[] = [];
  const held = new Set<string>();
  comparisons.forEach((c) => {
    const name = sessionOf(c);
    if (name === null || held.has(name) || c.training?.joins) return;
    held.add(name);
    const members = comparisons.map((x, k) => (sessionOf(x) === name ? k : -1)).filter((k) => k >= 0);
    const anchors = members.filter((k) => !comparisons[k].training?.joins);
    if (anchors.length < (c.training?.parts ?? 1)) return;
    const excluded = new Set<number>(members);
    const groups = new Set(members.map(groupOf).filter((g): g is string => g !== undefined));
    comparisons.forEach((_, k) => { const g = groupOf(k); if (g !== undefined && groups.has(g)) excluded.add(k); });
    sessions.push({ name, condition: exact(members), excluded });
  });
  return sessions;
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
  const model = priorModel(comparisons, 0.001);
  for (const c of comparisons) model.u[c.field] = uStart[c.field].slice();
  if (count === 0) return model;
  const { keys, counts } = patterns(gamma, count, F);
  const P = counts.length;
  const logBf = comparisons.map((c) => c.levels.map(() => 0));
  const refreshBf = () => comparisons.forEach((c, k) => c.levels.forEach((_, l) => {
    logBf[k][l] = Math.log(model.m[c.field][l]) - Math.log(model.u[c.field][l]);
  }));
  // Sum over sessions of (expected matches × m) per field and level, then normalised.
  const mSum = comparisons.map((c) => c.levels.map(() => 0));
  const mWeight = comparisons.map(() => 0);
  let iterations = 0;
  const post = new Float64Array(P);
  for (const session of sessionsFor(comparisons)) {
    const inSession: number[] = [];
    let pairs = 0;
    for (let p = 0; p < P; p++) if (session.condition(keys, p)) { inSession.push(p); pairs += counts[p]; }
    if (pairs < 20) continue;
    const m = comparisons.map((c) => model.m[c.field].slice());
    let lambda = 0.5;
    for (let it = 0; it < maxIterations; it++) {
      iterations++;
      let matchMass = 0;
      for (const p of inSession) {
        let lw = Math.log(lambda) - Math.log(1 - lambda);
        for (let k = 0; k < F; k++) {
          const l = keys[p * F + k];
          if (l === MISSING || session.excluded.has(k)) continue;
          lw += Math.log(m[k][l]) - Math.log(model.u[comparisons[k].field][l]);
        }
        post[p] = 1 / (1 + Math.exp(-lw));
        matchMass += post[p] * counts[p];
      }
      const newLambda = Math.min(0.999, Math.max(1e-4, matchMass / pairs));
      let delta = Math.abs(newLambda - lambda);
      lambda = newLambda;
      for (let k = 0; k < F; k++) {
        if (session.excluded.has(k)) continue;
        const c = comparisons[k];
        const L = c.levels.length;
        const mc = new Float64Array(L);
        for (const p of inSession) {
          const l = keys[p * F + k];
          if (l !== MISSING) mc[l] += post[p] * counts[p];
        }
        // A little prior mass keeps unseen levels from getting weight ±infinity.
        let ms = 0;
        for (let l = 0; l < L; l++) { mc[l] += c.levels[l].m * 2; ms += mc[l]; }
        for (let l = 0; l < L; l++) {
          const v = Math.max(FLOOR, mc[l] / ms);
          delta = Math.max(delta, Math.abs(v - m[k][l]));
          m[k][l] = v;
        }
      }
      if (delta < 1e-5) break;
    }
    const matches = lambda * pairs;
    for (let k = 0; k < F; k++) {
      if (session.excluded.has(k)) continue;
      for (let l = 0; l < m[k].length; l++) mSum[k][l] += m[k][l] * matches;
      mWeight[k] += matches;
    }
  }
  comparisons.forEach((c, k) => {
    if (mWeight[k] > 0) model.m[c.field] = mSum[k].map((x) => Math.max(FLOOR, x / mWeight[k]));
  });
  // λ over all pairs (the chance two random rows are the same person, like Splink's
  // probability_two_random_records_match), with m and u fixed; pairs outside the blocks
  // count as non-matches.
  refreshBf();
  const all = Math.max(totalPairs, count, 1);
  const patternBf = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let s = 0;
    for (let k = 0; k < F; k++) { const l = keys[p * F + k]; if (l !== MISSING) s += logBf[k][l]; }
    patternBf[p] = s;
  }
  let lambda = Math.min(0.5, Math.max(1e-9, count / 10 / all));
  for (let it = 0; it < 100; it++) {
    iterations++;
    const prior = Math.log(lambda) - Math.log(1 - lambda);
    let mass = 0;
    for (let p = 0; p < P; p++) mass += counts[p] / (1 + Math.exp(-(prior + patternBf[p])));
    const next = Math.min(0.5, Math.max(1e-12, mass / all));
    const done = Math.abs(next - lambda) / lambda < 1e-6;
    lambda = next;
    if (done) break;
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
      const m = model.m[c.field]?.[l] ?? c.levels[l].m;
      const u = model.u[c.field]?.[l] ?? c.levels[l].u;
      return Math.log2(Math.max(FLOOR, m) / Math.max(FLOOR, u));
    });
    for (let l = w.length - 2; l >= 0; l--) w[l] = Math.max(w[l], w[l + 1]);
    return w;
  });
}

export const priorWeight = (lambda: number): number => Math.log2(lambda / (1 - lambda));
export const probability = (weight: number): number => 1 / (1 + Math.pow(2, -weight));
