/**
 * Person-name tidying. We only re-case names typed in ONE case (ALL CAPS or all lower):
 * a name already in mixed case ("McDonald", "van der Berg", "DeShawn") was typed that way on
 * purpose and we cannot do better than the person who typed it. Letters joined by dots are
 * initials or acronyms and keep their capitals ("J.R.R.", "U.S.A."). Turkish and Azeri
 * names (a dotted capital İ or a dotless ı, or a tr/az sheet) are cased by their own rules,
 * so "İSMAİL YILMAZ" becomes "İsmail Yılmaz", not "İsmai̇l" with a combining dot; and any
 * re-casing that would change more than the case of each letter is not done.
 */
import { trimEndUnless } from './trim';

const CJK_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const SPACES_RE = /\s+/g;
const HAS_UPPER_RE = /\p{Lu}/u;
const HAS_LOWER_RE = /\p{Ll}/u;
// A word is split at hyphens, apostrophes and dots, each part re-cased: "o'brien-smith" ->
// "O'Brien-Smith", "j.r." -> "J.R.".
const WORD_PART_RE = /[^\s\-'’.]+|[\-'’.]/g;
const TURKIC_LETTERS_RE = /[İı]/;

/** Lower-case particles of European surnames, kept lower-case unless they start the name alone. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'ter', 'ten', 'bin', 'binti', 'al', 'y', 'e']);
const ROMAN_RE = /^(ii|iii|iv|vi|vii|viii|ix)$/i;
// "Mac" is only split for well-known surnames: "Mack", "Macy", "Machado" are not Mac-names.
const MAC_NAMES = new Set(['macdonald', 'macleod', 'mackenzie', 'macintosh', 'macgregor', 'macmillan', 'maclean', 'macarthur', 'macaulay', 'macneil', 'macpherson', 'macfarlane', 'mackay', 'mackinnon', 'maclachlan', 'macrae', 'macdougall', 'mackintosh']);

interface Casing { lower(s: string): string; upper(s: string): string }

/** Unicode's default case mapping; lower-cases "İ" to "i" + a combining dot, so Turkic text uses TURKIC. */
const PLAIN: Casing = { lower: (s) => s.toLowerCase(), upper: (s) => s.toUpperCase() };
/** Turkish/Azeri: I <-> ı and İ <-> i, by hand so no runtime's locale data is needed. */
const TURKIC: Casing = {
  lower: (s) => s.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase(),
  upper: (s) => s.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase(),
};

const isTurkicLocale = (locale: string | undefined): boolean => !!locale && /^(tr|az)([_-]|$)/i.test(locale);

function casePart(part: string, c: Casing): string {
  const lower = c.lower(part);
  const cap = (s: string): string => (s ? c.upper(s.charAt(0)) + s.slice(1) : s);
  if (ROMAN_RE.test(lower)) return c.upper(lower);
  if (lower.length > 3 && lower.startsWith('mc')) return 'Mc' + cap(lower.slice(2));
  if (MAC_NAMES.has(lower)) return 'Mac' + cap(lower.slice(3));
  return cap(lower);
}

// Particles that may start a surname-only value ("van der berg" in a surname column).
const LEADING_PARTICLES = new Set(['van', 'von', 'de', 'di', 'da', 'du', 'del', 'della', 'la', 'le', 'ter', 'ten', 'den', 'der']);

function caseWord(word: string, index: number, count: number, c: Casing): string {
  if (count > 1 && index < count - 1) {
    const lower = c.lower(word);
    if (index > 0 ? PARTICLES.has(lower) : LEADING_PARTICLES.has(lower)) return lower;
  }
  return word.replace(WORD_PART_RE, (p) => (p === '-' || p === "'" || p === '’' || p === '.' ? p : casePart(p, c)));
}

export function collapseSpaces(value: string): string {
  return value.replace(SPACES_RE, ' ').trim();
}

const NOT_A_NAME_RE = /[<>=@#$%^*{}[\]|\\/:;_0-9]/;

/** Same letters, only their case changed, one for one (no letter added, none dropped). */
function onlyCaseChanged(before: string, after: string, c: Casing): boolean {
  return before.length === after.length && c.lower(before) === c.lower(after);
}

/**
 * A person's name typed in one case, re-cased ("JOHN O'BRIEN" -> "John O'Brien"); anything
 * else comes back with only its spaces tidied. `locale` (the sheet's) picks Turkish casing
 * for names without a dotted/dotless i to tell.
 */
export function normaliseName(value: string, options: { locale?: string } = {}): string {
  const text = collapseSpaces(String(value));
  if (!text || CJK_RE.test(text)) return text;
  const mixed = HAS_UPPER_RE.test(text) && HAS_LOWER_RE.test(text);
  if (mixed) return text;
  if (!HAS_UPPER_RE.test(text) && !HAS_LOWER_RE.test(text)) return text; // digits/symbols only
  // Markup, e-mails, codes: not a person's name, so re-casing would only corrupt it.
  if (NOT_A_NAME_RE.test(text)) return text;
  const casing = TURKIC_LETTERS_RE.test(text) || isTurkicLocale(options.locale) ? TURKIC : PLAIN;
  const words = text.split(' ');
  const out = words.map((w, i) => caseWord(w, i, words.length, casing)).join(' ');
  return onlyCaseChanged(text, out, casing) ? out : text;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam', 'rev']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);
// Two-character Chinese surnames; everything else takes the first character as the surname.
const CN_COMPOUND = new Set(['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '南宫', '西门', '独孤']);
const TOKEN_START_RE = /^[^\p{L}\p{N}]+/u;
const TOKEN_END_CHAR_RE = /^[\p{L}\p{N}'’-]$/u;

function tokensOf(text: string): string[] {
  return text
    .split(' ')
    .map((t) => trimEndUnless(t.replace(TOKEN_START_RE, ''), TOKEN_END_CHAR_RE).toLocaleLowerCase())
    .filter((t) => t.length > 0);
}

/**
 * First and last name of a full-name cell. "Smith, John" is read surname-first; Chinese names
 * are surname-first without spaces; European particles stay with the surname ("van der Berg").
 * `tokens` are lower-cased words without titles or suffixes, for comparing names.
 */
export function splitPersonName(value: string): { first: string; last: string; tokens: string[] } {
  const text = collapseSpaces(String(value));
  if (!text) return { first: '', last: '', tokens: [] };
  if (CJK_RE.test(text) && !text.includes(' ') && !text.includes(',')) {
    const surnameLength = text.length > 2 && CN_COMPOUND.has(text.slice(0, 2)) ? 2 : 1;
    const last = text.slice(0, surnameLength);
    const first = text.slice(surnameLength);
    return { first, last, tokens: [last, first].filter(Boolean) };
  }
  const comma = text.indexOf(',');
  if (comma > 0) {
    const lastPart = tokensOf(text.slice(0, comma)).filter((t) => !SUFFIXES.has(t.replace(/\./g, '')));
    const firstPart = tokensOf(text.slice(comma + 1)).filter((t) => !TITLES.has(t.replace(/\./g, '')) && !SUFFIXES.has(t.replace(/\./g, '')));
    const origLast = collapseSpaces(text.slice(0, comma));
    const origFirstWords = collapseSpaces(text.slice(comma + 1)).split(' ').filter((w) => !TITLES.has(w.replace(/\./g, '').toLowerCase()));
    return { first: origFirstWords[0] ?? '', last: origLast, tokens: [...firstPart, ...lastPart] };
  }
  const words = text.split(' ').filter((w) => {
    const bare = w.replace(/[.,]/g, '').toLowerCase();
    return !TITLES.has(bare) && !SUFFIXES.has(bare);
  });
  const tokens = tokensOf(words.join(' '));
  if (words.length === 0) return { first: '', last: '', tokens };
  if (words.length === 1) return { first: words[0], last: '', tokens };
  // The surname starts at the first particle after the given name, else it is the last word.
  let start = words.length - 1;
  for (let i = 1; i < words.length - 1; i++) {
    if (PARTICLES.has(words[i].toLowerCase())) { start = i; break; }
  }
  return { first: words[0], last: words.slice(start).join(' '), tokens };
}
