/**
 * Number and money text -> number, only when the text means exactly one number and that
 * number can be stored without losing anything. Handles currency signs and codes, both
 * separator conventions ("1,234.50" and "1.234,50"), spaces as separators ("1 200,5"),
 * accounting negatives "(12.00)", full-width digits ("１２３"), and invisible marks pasted
 * with a value (zero-width spaces, right-to-left marks).
 *
 * Never converted (kept as typed, with the reason why):
 * - leading zeros ("0042", "02135"): a code, and a number would drop the zeros;
 * - more than 15 significant digits: a spreadsheet number keeps 15, so accounts ...567 and
 *   ...568 would become the same number;
 * - scientific notation ("1.23E+15"): what Excel shows for a long number whose digits it
 *   already dropped;
 * - one separator followed by exactly three digits ("1.234", "€50.000") when neither the
 *   column nor the sheet's locale says which separator is the decimal point — and, for money,
 *   never as three decimals.
 *
 * Every pattern here is linear: anchored, with no nested or adjacent overlapping repeats.
 */
import { trimBy } from './trim';

export type Decimal = '.' | ',';

/** Why a number-like text was kept as typed. */
export type KeepReason = 'leading_zero' | 'too_many_digits' | 'scientific' | 'ambiguous_separator';

export type NumberRead = { value: number } | { keep: KeepReason } | null;

export interface NumberContext {
  /** The decimal separator the column (or the sheet's locale) uses; null or absent: unknown. */
  decimal?: Decimal | null;
  /** Money is never read with three decimals from an ambiguous value. */
  money?: boolean;
}

const CURRENCY_RE = /us\$|a\$|c\$|nz\$|hk\$|r\$|\$|€|£|¥|￥|₹|₩|₽|₺|₪|฿|₫|元|円|usd|eur|gbp|cny|rmb|jpy|aud|cad|nzd|chf|hkd|inr|sek|nok|dkk|kr|zł|pln/gi;
// Spaces and apostrophes people group thousands with, and marks that are invisible.
const SPACES_RE = /[\s\u00a0\u2009\u202f'’\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const FULL_WIDTH_RE = /[\uff0b\uff0c\uff0d\uff0e\uff10-\uff19]/g;
const DIGITS_AND_SEPARATORS_RE = /^[\d.,]+$/;
const SCIENTIFIC_RE = /^\d+(?:[.,]\d+)?e[+-]?\d+$/i;
const MAX_SIGNIFICANT_DIGITS = 15;
const MAX_NUMBER_CHARS = 256;

// ( ) + - − around a number: signs and accounting brackets.
const isSignOrBracket = (c: number): boolean => c === 40 || c === 41 || c === 43 || c === 45 || c === 0x2212;

const fullWidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** "1.234.567" with `sep` grouping thousands: each group after the first has three digits. */
function validGrouping(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3) return false;
  return true;
}

const isDigits = (s: string): boolean => {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

interface Reading { int: string; frac: string }
type Shape = Reading | { ambiguous: Decimal } | null;

/**
 * The digits of `text` (digits and separators only) as integer and fraction, when the
 * separators leave one reading; `{ ambiguous }` for "1.234"-like text whose one separator
 * can be either; null when no number is written this way.
 */
function shapeOf(text: string, decimal: Decimal | null, money = false): Shape {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the one written last is the decimal point, the other groups thousands.
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    const at = dec === ',' ? lastComma : lastDot;
    const int = text.slice(0, at);
    const frac = text.slice(at + 1);
    if (!isDigits(frac) || !validGrouping(int, group)) return null;
    return { int: int.split(group).join(''), frac };
  }
  const sep: Decimal | null = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (sep === null) return isDigits(text) ? { int: text, frac: '' } : null;
  const parts = text.split(sep);
  if (parts.length > 2) {
    // "1.234.567" / "1,234,567": only grouping writes the same separator twice.
    return validGrouping(text, sep) ? { int: parts.join(''), frac: '' } : null;
  }
  const [a, b] = parts;
  if (!isDigits(b) || (a !== '' && !isDigits(a))) return null;
  // "12,5", "1.50", "1234.567", "0.500", ".5": only a decimal point reads that way.
  if (b.length !== 3 || a.length === 0 || a.length > 3 || (a.length > 1 && a[0] === '0') || a === '0') return { int: a || '0', frac: b };
  // "€50.000" is not fifty euros even where "." is the decimal point: money has no third decimal.
  if (decimal === null || (money && decimal === sep)) return { ambiguous: sep };
  return decimal === sep ? { int: a, frac: b } : { int: a + b, frac: '' };
}

/** Pre-cleaned text: full-width digits made ASCII; spaces and invisible marks removed. */
function compact(value: string): string {
  return value.replace(FULL_WIDTH_RE, fullWidth).replace(SPACES_RE, '');
}

/** "$164.89" → "164.89": one currency sign in front, which the general rules remove (CURRENCY_RE). */
function withoutCurrencySign(s: string): string {
  const c = s.charCodeAt(0);
  return c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 ? s.slice(1) : s;
}

/** Where a text of ASCII digits and at most one '.' has its '.': -1 for none, -2 when the text is anything else. */
function plainDot(s: string): number {
  const n = s.length;
  if (n === 0 || n > 64) return -2;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0) return -2;
      dot = i;
    } else if (c < 48 || c > 57) {
      return -2;
    }
  }
  return dot;
}

/**
 * readNumber for the text most cells hold — ASCII digits with at most one '.', no sign,
 * currency or grouping — by the same rules, without its regular expressions; undefined for
 * any other text (test/core/normalize/money-fast.test.ts compares the two on many texts).
 */
function plainNumber(text: string, context: NumberContext): NumberRead | undefined {
  const s = withoutCurrencySign(text);
  const dot = plainDot(s);
  if (dot === -2) return undefined;
  let int = s;
  let frac = '';
  if (dot >= 0) {
    const a = s.slice(0, dot);
    const b = s.slice(dot + 1);
    if (b === '') return null;
    if (b.length !== 3 || a.length === 0 || a.length > 3 || (a.length > 1 && a[0] === '0') || a === '0') {
      int = a || '0';
      frac = b;
    } else {
      const decimal = context.decimal ?? null;
      if (decimal === null || (context.money === true && decimal === '.')) return { keep: 'ambiguous_separator' };
      if (decimal === '.') { int = a; frac = b; } else { int = a + b; frac = ''; }
    }
  }
  if (int.length > 1 && int[0] === '0') return { keep: 'leading_zero' };
  const digits = int + frac;
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48) lead++;
  if (digits.length - lead > MAX_SIGNIFICANT_DIGITS) return { keep: 'too_many_digits' };
  const n = Number(frac ? `${int}.${frac}` : int);
  if (!Number.isFinite(n)) return null;
  return { value: n };
}

/**
 * What a number-like text means: `{ value }` when it is exactly one number that survives
 * storage, `{ keep }` when it is number-like but converting would lose or guess something,
 * null when it is not a number at all.
 */
export function readNumber(value: string, context: NumberContext = {}): NumberRead {
  const plain = typeof value === 'string' ? plainNumber(value, context) : undefined;
  return plain !== undefined ? plain : readNumberText(value, context);
}

/** readNumber by the general rules (every text); exported for the test that compares the fast path with it. */
export function readNumberText(value: string, context: NumberContext = {}): NumberRead {
  // No amount is this long (a spreadsheet keeps 15 digits): not worth a pass over 50k characters.
  if (String(value).length > MAX_NUMBER_CHARS) return null;
  let text = compact(String(value));
  if (!text) return null;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(CURRENCY_RE, '');
  if (text.startsWith('-') || text.startsWith('−')) { negative = !negative; text = text.slice(1); }
  else if (text.endsWith('-')) { negative = !negative; text = text.slice(0, -1); }
  else if (text.startsWith('+')) text = text.slice(1);
  if (!text) return null;
  if (SCIENTIFIC_RE.test(text)) return { keep: 'scientific' };
  if (!DIGITS_AND_SEPARATORS_RE.test(text)) return null;
  const shape = shapeOf(text, context.decimal ?? null, context.money === true);
  if (shape === null) return null;
  if ('ambiguous' in shape) return { keep: 'ambiguous_separator' };
  const { int, frac } = shape;
  if (int.length > 1 && int[0] === '0') return { keep: 'leading_zero' };
  let lead = 0;
  const digits = int + frac;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48) lead++;
  const significant = digits.length - lead;
  if (significant > MAX_SIGNIFICANT_DIGITS) return { keep: 'too_many_digits' };
  const n = Number(frac ? `${int}.${frac}` : int);
  if (!Number.isFinite(n)) return null;
  return { value: negative && n !== 0 ? -n : n };
}

/**
 * The number a text means, or null (not a number, or one that cannot be read exactly — see
 * readNumber). An ambiguous "1.234" is read with `decimal`, "." when not given, so callers
 * that only ask "is this a number?" (role detection, formulas) keep their old answer.
 */
export function parseMoney(value: string, decimal: Decimal = '.'): number | null {
  const r = readNumber(value, { decimal });
  return r !== null && 'value' in r ? r.value : null;
}

/**
 * True for text that reads as a number only by losing something — leading zeros, digits past
 * 15, scientific notation: a code (zip, account, id), whatever its column is called.
 */
export function isCodeText(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value.length > 64) return false;
  const n = readNumber(value);
  return n !== null && 'keep' in n && n.keep !== 'ambiguous_separator';
}

/**
 * Which decimal separator a column's own values prove: "1.234,56", "12,5" and "1.234.567"
 * prove ","; "1,234.56", "12.50" and "1,234,567" prove ".". Values that read both ways
 * prove nothing. `conflict` when the column proves both (then nothing ambiguous is read).
 */
export function decimalEvidence(values: Iterable<unknown>): { decimal: Decimal | null; conflict: boolean; dot: number; comma: number } {
  let dot = 0;
  let comma = 0;
  // A column repeats its values ("$48,000"): each distinct text is read once — unless, after a
  // trial, its values hardly repeat (amounts to the cent), when remembering costs more than it saves.
  let seen: Map<string, Decimal | null> | null = new Map();
  let looked = 0;
  let hits = 0;
  for (const v of values) {
    if (typeof v !== 'string' || v.length > 64) continue;
    let proves = seen?.get(v);
    if (proves !== undefined) hits++;
    else {
      proves = proof(v);
      if (seen && seen.size < 50000) seen.set(v, proves);
    }
    if (seen && ++looked === 5000 && hits < 1500) seen = null;
    if (proves === '.') dot++;
    else if (proves === ',') comma++;
  }
  if (dot && comma) return { decimal: null, conflict: true, dot, comma };
  return { decimal: dot ? '.' : comma ? ',' : null, conflict: false, dot, comma };
}

/** The decimal separator one text proves, or null (see decimalEvidence). */
function proof(v: string): Decimal | null {
  // Digits with at most one '.' (most cells), by the rules below without their expressions:
  // no separator proves nothing; "12.50" proves '.'; "1.234" (ambiguous) and "12." nothing.
  const plain = withoutCurrencySign(v);
  const at = plainDot(plain);
  if (at !== -2) {
    if (at < 0) return null;
    const b = plain.length - at - 1;
    if (b === 0) return null;
    if (b === 3 && at >= 1 && at <= 3 && plain.charCodeAt(0) !== 48) return null;
    return '.';
  }
  const text = compact(v).replace(CURRENCY_RE, '');
  const bare = trimBy(text, isSignOrBracket);
  if (!bare || !DIGITS_AND_SEPARATORS_RE.test(bare)) return null;
  const d = bare.lastIndexOf('.');
  const c = bare.lastIndexOf(',');
  if (d >= 0 && c >= 0) return shapeOf(bare, null) !== null ? (c > d ? ',' : '.') : null;
  const sep = d >= 0 ? '.' : c >= 0 ? ',' : null;
  if (sep === null) return null;
  const shape = shapeOf(bare, null);
  if (shape === null || 'ambiguous' in shape) return null;
  const grouping = shape.frac === '';
  return grouping ? (sep === '.' ? ',' : '.') : sep;
}

// Locales whose numbers use a decimal comma (CLDR), and the exceptions among their countries.
const COMMA_LANGUAGES = new Set(['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru', 'pl', 'tr', 'id', 'da', 'sv', 'nb', 'nn', 'no', 'fi', 'cs', 'sk', 'hu', 'ro', 'el', 'uk', 'vi', 'bg', 'hr', 'sl', 'sr', 'lt', 'lv', 'et', 'ca', 'is', 'be', 'kk', 'az', 'ka', 'bs', 'mk', 'sq', 'gl', 'eu']);
const DOT_EXCEPTIONS = new Set(['es_MX', 'es_US', 'es_PR', 'es_GT', 'es_HN', 'es_NI', 'es_PA', 'es_SV', 'es_DO', 'de_CH', 'de_LI', 'it_CH', 'fr_CH']);
const COMMA_EXCEPTIONS = new Set(['en_ZA', 'en_DK', 'en_SE', 'en_FI', 'en_NL', 'en_DE', 'en_AT', 'en_BE', 'en_SI']);

/** The decimal separator of a spreadsheet locale ('de_DE' -> ',', 'en_US' -> '.'); null when unknown. */
export function decimalForLocale(locale: string | undefined | null): Decimal | null {
  if (!locale) return null;
  const parts = String(locale).trim().replace(/-/g, '_').split('_');
  const lang = parts[0].toLowerCase();
  if (!lang) return null;
  const country = parts.length > 1 ? parts[parts.length - 1].toUpperCase() : '';
  const key = `${lang}_${country}`;
  if (DOT_EXCEPTIONS.has(key)) return '.';
  if (COMMA_EXCEPTIONS.has(key)) return ',';
  return COMMA_LANGUAGES.has(lang) ? ',' : '.';
}
