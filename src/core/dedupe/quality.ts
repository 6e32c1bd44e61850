/**
 * Pairwise quality of a deduplication against known truth: every pair of rows in the same
 * predicted group is a predicted match, every pair with the same truth id is a real one.
 * Real pairs that blocking never compared count as misses, as in the FEBRL/Splink figures.
 */
export interface PairwiseQuality { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

function pairsOf(labels: ReadonlyArray<string | number>): Set<string> {
  const byLabel = new Map<string | number, number[]>();
  labels.forEach((l, i) => {
    if (l === '') return;
    const list = byLabel.get(l);
    if (list) list.push(i); else byLabel.set(l, [i]);
  });
  const set = new Set<string>();
  for (const list of byLabel.values()) {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) set.add(`${list[x]}-${list[y]}`);
  }
  return set;
}

/** `groups[i]` is row i's predicted group ('' for none); `truth[i]` its real entity id. */
export function pairwiseQuality(groups: ReadonlyArray<string | number>, truth: ReadonlyArray<string>): PairwiseQuality {
  const predicted = pairsOf(groups);
  const actual = pairsOf(truth);
  let tp = 0;
  for (const p of predicted) if (actual.has(p)) tp++;
  const fp = predicted.size - tp;
  const fn = actual.size - tp;
  const precision = predicted.size ? tp / predicted.size : 1;
  const recall = actual.size ? tp / actual.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** Share of real pairs that blocking put among the candidates. */
export function blockingRecall(candidates: { a: Int32Array; b: Int32Array; count: number }, truth: ReadonlyArray<string>): { found: number; total: number; recall: number } {
  const actual = pairsOf(truth);
  let found = 0;
  for (let p = 0; p < candidates.count; p++) if (actual.has(`${candidates.a[p]}-${candidates.b[p]}`)) found++;
  return { found, total: actual.size, recall: actual.size ? found / actual.size : 1 };
}
