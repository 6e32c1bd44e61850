/**
 * Blocking: only pairs that share at least one key are compared (never all n² pairs).
 * Rules are data, each giving a row's keys; a pair is credited to the first rule that finds
 * it, so the report shows what each rule added. Rules were kept only where they add true pairs
 * on FEBRL or the generated sample ("same name words" and "first name + street" added none
 * there and 30% of the candidate pairs).
 * A block larger than `maxBlock` (every "Smith" in one city) is not compared all-to-all: its
 * rows are sorted by first name, street and phone and each is compared with its `window`
 * nearest neighbours (sorted neighbourhood), so the work stays linear; the other rules still
 * reach the duplicates inside it.
 */
import { PersonRecord } from './features';

export interface BlockingRule {
  rule: string;
  keys(r: PersonRecord): string[];
  /** For a rule with at most one key a row: that key, without a one-element array per row. */
  key?(r: PersonRecord): string | false;
  /**
   * For a rule whose key is two values joined by '|': the two values apart, so blocking can
   * look them up in nested maps without building a key string per row. Same blocks, since
   * the values (folded text, sound codes, digits) never contain '|'.
   */
  pair?: { has(r: PersonRecord): boolean; a(r: PersonRecord): string; b(r: PersonRecord): string };
}

const one = (k: string | false): string[] => (k ? [k] : []);
const joined = (rule: string, has: (r: PersonRecord) => boolean, a: (r: PersonRecord) => string, b: (r: PersonRecord) => string): BlockingRule => {
  const key = (r: PersonRecord) => has(r) && `${a(r)}|${b(r)}`;
  return { rule, key, keys: (r) => one(key(r)), pair: { has, a, b } };
};
const firstWord = (s: string): string => { const sp = s.indexOf(' '); return sp < 0 ? s : s.slice(0, sp); };

export const BLOCKING_RULES: BlockingRule[] = [
  { rule: 'same e-mail', keys: (r) => r.emails },
  { rule: 'same phone', keys: (r) => r.phones },
  { rule: 'same identifier', keys: (r) => (r.ids.length ? r.ids.map((v, i) => (v ? `${i}:${v}` : '')).filter(Boolean) : r.ids) },
  // Sorted, so that first and last names typed the other way round still meet.
  joined('first and last name sound alike', (r) => !!r.first && !!r.last, (r) => (r.firstSound < r.lastSound ? r.firstSound : r.lastSound), (r) => (r.firstSound < r.lastSound ? r.lastSound : r.firstSound)),
  joined('surname sounds alike + postcode', (r) => !!r.last && !!r.postcode, (r) => r.lastSound, (r) => r.postcode),
  joined('surname sounds alike + city', (r) => !!r.last && !!r.city, (r) => r.lastSound, (r) => r.city),
  joined('first initial + birth date', (r) => !!r.dob, (r) => r.first.slice(0, 1), (r) => r.dob),
  joined('birth date + postcode', (r) => !!r.dob && !!r.postcode, (r) => r.dob, (r) => r.postcode),
  joined('street + postcode', (r) => !!r.streetName && !!r.postcode, (r) => r.streetName, (r) => r.postcode),
  joined('house number + street', (r) => !!r.streetNumber && !!r.streetName, (r) => r.streetNumber, (r) => firstWord(r.streetName)),
];

export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
  count: number;
  /** Pairs each rule added (in rule order; a pair counts for the first rule that found it). */
  perRule: Array<{ rule: string; pairs: number }>;
  /** Blocks handled by sorted neighbourhood instead of all pairs. */
  largeBlocks: number;
}

function neighbourKey(r: PersonRecord): string {
  // Joined, not a template: join makes one flat string, where a template makes a rope that
  // every comparison of the sort walks piece by piece (twice as slow).
  return [r.firstCanon, r.last, r.streetName, r.phones[0] ?? '', r.emails[0] ?? ''].join(' ');
}

export function blockKeys(rules: BlockingRule[], records: PersonRecord[]): Array<Map<string, number[]>> {
  return rules.map((rule) => {
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < records.length; i++) {
      for (const k of rule.keys(records[i])) {
        const list = blocks.get(k);
        if (list) { if (list[list.length - 1] !== i) list.push(i); } else blocks.set(k, [i]);
      }
    }
    return blocks;
  });
}

/**
 * A rule's blocks as candidatePairs needs them: a row alone in its block is kept as a bare
 * number, so the ~100k single-row blocks of a rule cost no array each.
 */
function blockLists(rule: BlockingRule, records: PersonRecord[]): Iterable<number | number[] | Int32Array> {
  if (rule.pair) return pairBlockLists(rule.pair, records);
  const blocks = new Map<string, number | number[]>();
  const add = (k: string, i: number) => {
    const list = blocks.get(k);
    if (list === undefined) blocks.set(k, i);
    else if (typeof list === 'number') { if (list !== i) blocks.set(k, [list, i]); }
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < records.length; i++) {
    if (rule.key) {
      const k = rule.key(records[i]);
      if (k) add(k, i);
    } else {
      for (const k of rule.keys(records[i])) add(k, i);
    }
  }
  return blocks.values();
}

/**
 * blockLists for a two-value rule. Each row's two values are numbered (one map per value,
 * no key string a row), each pair of numbers gets a block number, and a counting sort
 * gathers each block's rows in row order. Blocks are views of one array: a rule costs a few
 * typed arrays instead of a map per first value and an array per block, which the garbage
 * collector copied at 100k rows.
 */
function pairBlockLists(pair: NonNullable<BlockingRule['pair']>, records: PersonRecord[]): Int32Array[] {
  const n = records.length;
  const aIds = new Map<string, number>();
  const bIds = new Map<string, number>();
  const aOf = new Int32Array(n).fill(-1);
  const bOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (!pair.has(r)) continue;
    aOf[i] = numbered(aIds, pair.a(r));
    bOf[i] = numbered(bIds, pair.b(r));
  }
  // a·|b| + b is below |rows|², exact in a double for any sheet.
  const width = bIds.size;
  const blockIds = new Map<number, number>();
  const blockOf = new Int32Array(n);
  for (let i = 0; i < n; i++) blockOf[i] = aOf[i] < 0 ? -1 : numbered(blockIds, aOf[i] * width + bOf[i]);
  const starts = new Int32Array(blockIds.size + 1);
  for (let i = 0; i < n; i++) if (blockOf[i] >= 0) starts[blockOf[i] + 1]++;
  for (let k = 0; k < blockIds.size; k++) starts[k + 1] += starts[k];
  const rows = new Int32Array(starts[blockIds.size]);
  const next = starts.slice(0, blockIds.size);
  for (let i = 0; i < n; i++) if (blockOf[i] >= 0) rows[next[blockOf[i]]++] = i;
  const out: Int32Array[] = [];
  for (let k = 0; k < blockIds.size; k++) if (starts[k + 1] - starts[k] > 1) out.push(rows.subarray(starts[k], starts[k + 1]));
  return out;
}

/** The number of a value in `ids`, numbering it when new. */
function numbered<K>(ids: Map<K, number>, value: K): number {
  let id = ids.get(value);
  if (id === undefined) { id = ids.size; ids.set(value, id); }
  return id;
}

export function candidatePairs(records: PersonRecord[], rules: BlockingRule[] = BLOCKING_RULES, maxBlock = 8, window = 2): CandidatePairs {
  const n = records.length;
  const R = rules.length;
  // Each pair is coded as (i·n + j)·R + rule, so sorting puts a pair's copies together with
  // the first rule that found it in front; n·n·R stays far below 2^53 for any sheet.
  let raw = new Float64Array(Math.max(1024, n * 8));
  let size = 0;
  const push = (x: number, y: number, r: number) => {
    const i = x < y ? x : y;
    const j = x < y ? y : x;
    if (size === raw.length) { const bigger = new Float64Array(raw.length * 2); bigger.set(raw); raw = bigger; }
    raw[size++] = (i * n + j) * R + r;
  };
  let largeBlocks = 0;
  let sortKeys: string[] | null = null;
  rules.forEach((rule, r) => {
    for (const list of blockLists(rule, records)) {
      if (typeof list === 'number') continue;
      if (list.length <= maxBlock) {
        for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) push(list[x], list[y], r);
        continue;
      }
      largeBlocks++;
      const keys = (sortKeys ??= records.map(neighbourKey));
      // One full comparison a call: unequal keys are seldom the same length, so === is cheap.
      const sorted = Array.from(list).sort((x, y) => (keys[x] < keys[y] ? -1 : keys[x] === keys[y] ? x - y : 1));
      for (let x = 0; x < sorted.length; x++) {
        const end = Math.min(sorted.length, x + window + 1);
        for (let y = x + 1; y < end; y++) push(sorted[x], sorted[y], r);
      }
    }
  });
  const codes = raw.subarray(0, size).sort();
  const a = new Int32Array(size);
  const b = new Int32Array(size);
  const perRule = rules.map((rule) => ({ rule: rule.rule, pairs: 0 }));
  let count = 0;
  let last = -1;
  for (let p = 0; p < size; p++) {
    const code = codes[p];
    const r = code % R;
    const pair = (code - r) / R;
    if (pair === last) continue;
    last = pair;
    const i = Math.floor(pair / n);
    a[count] = i;
    b[count] = pair - i * n;
    count++;
    perRule[r].pairs++;
  }
  return { a, b, count, perRule, largeBlocks };
}
