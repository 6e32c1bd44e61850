/**
 * Missing-value placeholders: what people type into a cell when they mean "nothing".
 * They are turned into a truly empty cell so counts, dedupe and imputation see a gap — but
 * only where the word cannot be a real value of the column. `Na`, `Null` and `Nil` are
 * surnames, `Nan` a first name, `None` a company, `X` a gender or a category, `NA` the code
 * of Namibia: in such columns only symbols and phrases that nobody's name or code can be
 * ("N/A", "-", "not available") count as missing.
 */
import type { ColumnRole } from '../table';

/** Never a real value of any text column. */
const SYMBOLS = [
  'n/a', 'n.a.', 'n.a', '#n/a', '-', '--', '---', '—', '–', '?', '??', '.', '/', '／',
  'not available', 'not applicable', 'no data', '(blank)', '(none)', '(empty)',
  '未知', '不详', '暂无', '缺失', '不明', '没有',
];
/** Words that mean "nothing" in a column of shaped values, but can be a name, a company, a code or a category. */
const WORDS = ['na', 'x', 'unknown', 'unk', 'none', 'null', 'nil', 'nan', 'undefined', 'missing', 'tbd', 'tba', 'empty', 'blank', '无', '空'];

const STRICT = new Set(SYMBOLS);
const BROAD = new Set([...SYMBOLS, ...WORDS]);

/**
 * Roles whose values have a shape (an e-mail, a phone, a number, a date, a postcode): no
 * real value of theirs is a word like "none", so every placeholder word means missing.
 */
const SHAPED_ROLES = new Set<ColumnRole>(['email', 'phone', 'date', 'birth_date', 'birth_year', 'money', 'count', 'number', 'postcode']);

const LONGEST = Math.max(...Array.from(BROAD, (p) => p.length));

// First characters (ASCII, lower case) a placeholder can start with: "(212) 555-0100" or
// "+44 …" is ruled out by one look at its first character, without trimming and lower-casing.
const FIRST_ASCII = new Uint8Array(128);
for (const p of BROAD) {
  const c = p.charCodeAt(0);
  if (c < 128) { FIRST_ASCII[c] = 1; if (c >= 97 && c <= 122) FIRST_ASCII[c - 32] = 1; }
}

/** The placeholders that mean "missing" in a column of `role`. */
export const placeholdersFor = (role: ColumnRole | undefined): ReadonlySet<string> =>
  role === undefined || SHAPED_ROLES.has(role) ? BROAD : STRICT;

/**
 * True when `value` means "no value" in a column of `role`. Without a role the broad list
 * is used: only for values whose kind has a shape (a phone or e-mail formula argument).
 */
export function isPlaceholder(value: unknown, role?: ColumnRole): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value !== 'string') return false;
  if (value === '') return true;
  const first = value.charCodeAt(0);
  if (first > 32 && first < 128 && !FIRST_ASCII[first]) return false;
  const v = value.length > LONGEST ? value.trim() : value;
  if (v.length > LONGEST) return false; // cheap exit for the usual long value
  const key = v.trim().toLowerCase();
  return key === '' || placeholdersFor(role).has(key);
}
