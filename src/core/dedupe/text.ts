/**
 * String helpers for matching: folding case and accents, Jaro-Winkler, edit distance and
 * phonetic codes. Everything here is pure and allocation-light because it runs on every
 * candidate pair (a million pairs at 100k rows).
 */
import doubleMetaphone from 'talisman/phonetics/double-metaphone';

const ACCENTS_RE = /[\u0300-\u036f]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

const ASCII_RE = /^[\x00-\x7f]*$/;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/g;

/** Lower case, accents removed, punctuation to spaces, spaces collapsed. */
export function fold(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value).trim();
  if (!s) return '';
  // Plain ASCII (most cells) skips Unicode normalisation and property classes: much faster.
  if (ASCII_RE.test(s)) return s.toLowerCase().replace(ASCII_NON_WORD_RE, ' ').trim();
  return s.normalize('NFD').replace(ACCENTS_RE, '').toLowerCase().replace(NON_WORD_RE, ' ').trim();
}

export function tokens(folded: string): string[] {
  return folded ? folded.split(' ') : [];
}

export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

// Reused match flags: Jaro-Winkler runs on every candidate pair, and talisman's version
// allocates four arrays per call. Same formula as talisman (checked in text.test.ts).
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  if (la > flagsA.length || lb > flagsB.length) {
    flagsA = new Uint8Array(Math.max(la, lb) * 2);
    flagsB = new Uint8Array(Math.max(la, lb) * 2);
  }
  // talisman walks the shorter string against the longer one; so do we, for equal results.
  const short = la <= lb ? a : b;
  const long = la <= lb ? b : a;
  const ls = short.length;
  const ll = long.length;
  const range = ll >> 1 > 1 ? (ll >> 1) - 1 : 0;
  // Plain loops: for names a dozen characters long, two fill() calls cost more than this.
  for (let i = 0; i < ls; i++) flagsA[i] = 0;
  for (let j = 0; j < ll; j++) flagsB[j] = 0;
  let matches = 0;
  for (let i = 0; i < ls; i++) {
    const c = short.charCodeAt(i);
    const lo = i > range ? i - range : 0;
    const hi = i + range + 1 < ll ? i + range + 1 : ll;
    for (let j = lo; j < hi; j++) {
      if (!flagsB[j] && long.charCodeAt(j) === c) { flagsA[i] = 1; flagsB[j] = 1; matches++; break; }
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < ls; i++) {
    if (!flagsA[i]) continue;
    while (!flagsB[k]) k++;
    if (short.charCodeAt(i) !== long.charCodeAt(k)) t++;
    k++;
  }
  const half = (t / 2) | 0;
  return (matches / la + matches / lb + (matches - half) / matches) / 3;
}

/** Jaro-Winkler with the usual prefix scale 0.1 over up to 4 characters, boost above 0.7. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const dj = jaro(a, b);
  if (dj < 0.7) return dj;
  const limit = Math.min(a.length, b.length, 4);
  let l = 0;
  while (l < limit && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return dj + l * 0.1 * (1 - dj);
}

/** True when a and b are at most one insertion, deletion or substitution apart (O(n)). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let la = a.length;
  let lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la < lb) { const t = a; a = b; b = t; la = a.length; lb = b.length; }
  let i = 0;
  while (i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // The rest compared in place: called for most candidate pairs' e-mails and phones, where
  // two slices a call were a good part of the step's garbage.
  const skipB = la === lb ? 1 : 0;
  for (let k = i + 1; k < la; k++) if (a.charCodeAt(k) !== b.charCodeAt(k - 1 + skipB)) return false;
  return true;
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

/**
 * A 30-bit summary of a string, to rule out near matches without reading the string again:
 * the k-th occurrence of each code unit c sets bit (c + 11·k) mod 30 (a Smi, stored inline
 * in a record). One substitution changes at most two bits, one insertion or deletion one, a
 * transposition none; see farApart.
 */
export function editSignature(s: string): number {
  let sig = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    sig |= 1 << ((c + 11 * seen[c]++) % 30);
  }
  for (let i = 0; i < s.length; i++) seen[s.charCodeAt(i)] = 0;
  return sig;
}
/** Occurrences so far of each code unit (editSignature leaves it all zero). */
const seen = new Uint16Array(65536);

/**
 * True when two strings (by their lengths and editSignatures) are certainly neither equal,
 * nor within one edit, nor a transposition: most candidate pairs' e-mails and phones, which
 * are then told apart without touching the strings (each a cache miss at 100k rows).
 */
export function farApart(lenA: number, sigA: number, lenB: number, sigB: number): boolean {
  if (lenA - lenB > 1 || lenB - lenA > 1) return true;
  let x = sigA ^ sigB;
  // Fewer than three bits set: clear the lowest bit twice and see if any is left.
  x &= x - 1;
  x &= x - 1;
  return x !== 0;
}

/** True when b is a with two neighbouring characters swapped ("1234" / "1324"). */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const n = a.length;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (!(i + 1 < n && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i))) return false;
  for (let k = i + 2; k < n; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
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
