/**
 * Seeded pseudo-random numbers (mulberry32). Everything CDM randomises — sample data,
 * k-means++ seeding, cross-validation folds — goes through this, so results are reproducible
 * and custom functions stay deterministic as Sheets requires.
 */
export type Rng = () => number;

// Looked up once: inside node:vm (jest, the local Apps Script runtime) every read of a
// global such as `Math` goes through the context's interceptor and costs ~0.4 µs, which made
// this function 100x slower there than in Apps Script.
const imul = Math.imul;

export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of a copy, driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
