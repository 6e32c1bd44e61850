/**
 * Finds English left in what CDM shows or writes under a Chinese locale. A string
 * counts as English when it holds an ASCII word of two or more letters that is neither one of
 * the true invariants below nor a word of the user's own data (their values and headers, which
 * CDM shows as typed). E-mail addresses, web links and numbers are taken out first.
 *
 * Known English in other engineers' areas waits in PENDING with its owner: the walk stays green
 * while they translate, lists what is still pending, and fails on any English not listed there
 * (and on a PENDING entry that no longer matches anything, so the list only shrinks).
 */

export interface Shown {
  /** Where it was shown or written: "sheet CDM Audit!H5", "sidebar review", "menu", "form item 3 help". */
  source: string;
  text: string;
}

export interface Found extends Shown {
  words: string[];
}

/**
 * Words that are the same in every language: names of things, not sentences.
 * - CDM: the product's name. RFM, E.164, R², MAE, AUC, Pearson: the methods' own names (Chinese texts use them too).
 * - The names of CDM's result columns and sheets are a contract (README: formulas, the CLI and
 *   every later run find them by name), so they stay as they are in every locale; each listed whole.
 */
export const INVARIANT_WORDS = new Set(['CDM', 'RFM', 'E.164', 'R²', 'MAE', 'AUC', 'ID', 'A1', 'Pearson']);

export const CONTRACT_NAMES = [
  'CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason', 'CDM Cluster', 'CDM Segment',
  'CDM Predicted Spend', 'CDM RFM', 'CDM Churn Risk', 'CDM Recommended', 'CDM Flags', 'CDM Status',
  'CDM Age', 'CDM Total Spend', 'CDM Orders', 'CDM Last Purchase',
  'CDM Analysis', 'CDM Review', 'CDM Audit', 'CDM Removed', 'CDM State', 'CDM Undo', 'CDM Backup',
];

const EMAIL = /[^\s@<>()"'“”（）]+@[^\s@<>()"'“”（）]+\.[A-Za-z]{2,}/g;
const URL = /https?:\/\/\S+/g;
const WORD = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]{2,}/g;
/** A run's id (20250630090000-mko): an identifier, not a word. */
const RUN_ID = /\b\d{14}-[a-z0-9]{3}\b/g;
/** Keys CDM writes for its own use (a review pair's record keys): hex digits, not words. */
const HEX_KEY = /\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/g;

/** Every ASCII word of the user's own data (values and headers), lower-cased. */
export function userWords(values: ReadonlyArray<ReadonlyArray<unknown>>): Set<string> {
  const out = new Set<string>();
  for (const row of values) {
    for (const v of row) {
      if (v === null || v === undefined || v === '') continue;
      const text = v instanceof Date ? '' : String(v);
      for (const w of text.replace(EMAIL, ' ').replace(URL, ' ').match(WORD) ?? []) out.add(w.toLowerCase());
    }
  }
  return out;
}

/** The English words of `text` (empty: nothing to translate). */
export function englishWords(text: string, user: ReadonlySet<string>, extra: Iterable<string> = []): string[] {
  let rest = text.replace(EMAIL, ' ').replace(URL, ' ').replace(RUN_ID, ' ').replace(HEX_KEY, ' ');
  // Contract names are removed whole, longest first ("CDM Duplicate Of" before "CDM Duplicate").
  for (const name of [...CONTRACT_NAMES, ...extra].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
  const words = rest.match(WORD) ?? [];
  return words.filter((w) => !INVARIANT_WORDS.has(w) && !user.has(w.toLowerCase()) && !/^[A-Z]$/.test(w));
}

export interface Pending {
  /** Whose strings these are (the engineer's area), so the list says who must translate them. */
  owner: string;
  /** Where (matched against Shown.source). */
  source: RegExp;
  /** What (matched against the text). */
  text: RegExp;
  why: string;
}

export interface WalkResult {
  english: Found[];
  pending: Array<{ entry: Pending; hits: Found[] }>;
  unexpected: Found[];
  stale: Pending[];
}

export function walk(shown: Shown[], user: ReadonlySet<string>, pending: Pending[], extra: string[] = []): WalkResult {
  const english: Found[] = [];
  const seen = new Set<string>();
  for (const s of shown) {
    const words = englishWords(s.text, user, extra);
    const key = `${s.source}\u0000${s.text}`;
    if (words.length && !seen.has(key)) {
      seen.add(key);
      english.push({ ...s, words });
    }
  }
  const hitsOf = new Map<Pending, Found[]>(pending.map((p) => [p, []]));
  const unexpected: Found[] = [];
  for (const f of english) {
    const entry = pending.find((p) => p.source.test(f.source) && p.text.test(f.text));
    if (entry) hitsOf.get(entry)!.push(f);
    else unexpected.push(f);
  }
  return {
    english,
    pending: pending.map((entry) => ({ entry, hits: hitsOf.get(entry)! })),
    unexpected,
    stale: pending.filter((p) => hitsOf.get(p)!.length === 0),
  };
}

/** The failure message: every English string with its source, grouped by where it was found. */
export function report(found: Found[], limit = 400): string {
  const lines = found.slice(0, limit).map((f) => `  ${f.source}: ${JSON.stringify(f.text.length > 160 ? f.text.slice(0, 157) + '…' : f.text)}  [${f.words.slice(0, 6).join(' ')}]`);
  if (found.length > limit) lines.push(`  … and ${found.length - limit} more`);
  return lines.join('\n');
}
