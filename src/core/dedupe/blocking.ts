/**
 * Blocking: only pairs that share at least one key are compared (never all n² pairs).
 * Rules are data, each giving a row's keys; a pair is credited to the first rule that
 * finds it, so the report shows what each rule added. Blocks larger than `maxBlock` are
 * skipped (they would be mostly non-matches, e.g. every "Smith" in one city), and the other
 * rules still reach the real duplicates inside them.
 */
import { PersonRecord } from './features';
import { phonetic } from './text';

export interface BlockingRule {
  rule: string;
  keys(r: PersonRecord): string[];
}

const one = (k: string | false): string[] => (k ? [k] : []);

export const BLOCKING_RULES: BlockingRule[] = [
  { rule: 'same e-mail', keys: (r) => r.emails },
  { rule: 'same phone', keys: (r) => r.phones },
  { rule: 'same identifier', keys: (r) => r.ids.map((v, i) => (v ? `${i}:${v}` : '')).filter(Boolean) },
  { rule: 'same name words', keys: (r) => one(r.nameKey.includes(' ') && r.nameKey) },
  // Sorted, so that first and last names typed the other way round still meet.
  { rule: 'first and last name sound alike', keys: (r) => one(!!r.first && !!r.last && [phonetic(r.firstCanon), phonetic(r.last)].sort().join('|')) },
  { rule: 'surname sounds alike + postcode', keys: (r) => one(!!r.last && !!r.postcode && `${phonetic(r.last)}|${r.postcode}`) },
  { rule: 'surname sounds alike + city', keys: (r) => one(!!r.last && !!r.city && `${phonetic(r.last)}|${r.city}`) },
  { rule: 'first initial + birth date', keys: (r) => one(!!r.dob && `${r.first.slice(0, 1)}|${r.dob}`) },
  { rule: 'birth date + postcode', keys: (r) => one(!!r.dob && !!r.postcode && `${r.dob}|${r.postcode}`) },
  { rule: 'street + postcode', keys: (r) => one(!!r.streetName && !!r.postcode && `${r.streetName}|${r.postcode}`) },
  { rule: 'house number + street', keys: (r) => one(!!r.streetNumber && !!r.streetName && `${r.streetNumber}|${r.streetName.split(' ')[0]}`) },
  { rule: 'first name + street', keys: (r) => one(!!r.first && !!r.streetName && `${r.firstCanon}|${r.streetName}`) },
];

export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
  count: number;
  /** Pairs each rule added (in rule order; a pair counts for the first rule that found it). */
  perRule: Array<{ rule: string; pairs: number }>;
  skippedBlocks: number;
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

export function candidatePairs(records: PersonRecord[], rules: BlockingRule[] = BLOCKING_RULES, maxBlock = 200): CandidatePairs {
  const n = records.length;
  const blocksByRule = blockKeys(rules, records);
  let skippedBlocks = 0;
  // Each row's usable blocks per rule, so pairs can be found row by row without a pair set.
  const rowBlocks: number[][][] = rules.map(() => []);
  const blockLists: number[][] = [];
  blocksByRule.forEach((blocks, r) => {
    const perRow = rowBlocks[r];
    for (const list of blocks.values()) {
      if (list.length < 2) continue;
      if (list.length > maxBlock) { skippedBlocks++; continue; }
      const id = blockLists.length;
      blockLists.push(list);
      for (const i of list) (perRow[i] ??= []).push(id);
    }
  });
  let cap = Math.max(1024, n * 4);
  let a = new Int32Array(cap);
  let b = new Int32Array(cap);
  let count = 0;
  const perRule = rules.map((r) => ({ rule: r.rule, pairs: 0 }));
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rules.length; r++) {
      const ids = rowBlocks[r][i];
      if (!ids) continue;
      for (const id of ids) {
        for (const j of blockLists[id]) {
          if (j <= i || stamp[j] === i) continue;
          stamp[j] = i;
          if (count === cap) {
            cap *= 2;
            const na = new Int32Array(cap); na.set(a); a = na;
            const nb = new Int32Array(cap); nb.set(b); b = nb;
          }
          a[count] = i; b[count] = j; count++;
          perRule[r].pairs++;
        }
      }
    }
  }
  return { a, b, count, perRule, skippedBlocks };
}
