/**
 * String helpers for matching: folding case and accents, Jaro-Winkler, edit distance and
 * phonetic codes. Everything here is pure and allocation-light because it runs on every
 * candidate pair (a million pairs at 100k rows).
 */
import talismanJaroWinkler from 'talisman/metrics/jaro-winkler';
import doubleMetaphone from 'talisman/phonetics/double-metaphone';

const ACCENTS_RE = /[\u0300-\u036f]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/** Lower case, accents removed, punctuation to spaces, spaces collapsed. */
export function fold(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value).trim();
  if (!s) return '';
  return s.normalize('NFD').replace(ACCENTS_RE, '').toLowerCase().replace(NON_WORD_RE, ' ').trim();
}

export function tokens(folded: string): string[] {
  return folded ? folded.split(' ') : [];
}

export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  return talismanJaroWinkler(a, b);
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1 then). */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[lb];
}

/** True when b is a with two neighbouring characters swapped ("1234" / "1324"). */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

const phoneticCache = new Map<string, string>();
/** Primary Double Metaphone code of a word (letters only); cached because names repeat. */
export function phonetic(word: string): string {
  if (!word) return '';
  let code = phoneticCache.get(word);
  if (code === undefined) {
    const letters = word.replace(/[^a-z]/g, '');
    code = letters ? doubleMetaphone(letters)[0] || letters : word;
    if (phoneticCache.size > 200000) phoneticCache.clear();
    phoneticCache.set(word, code);
  }
  return code;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable fingerprint, not a security hash. */
export function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
