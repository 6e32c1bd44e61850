/**
 * Phones -> E.164 ("+14155550132", extension kept as " ext. 12").
 *
 * Metadata variant: 'libphonenumber-js/max'. With the default 'min' metadata isValid() only
 * checks the length, so a mistyped number of the right length would be written back as if
 * it were good; 'max' checks the digits against each country's number ranges, which is what
 * a clean-up tool must flag. Measured: the normalise step bundles to 301.6 kB with 'max' vs
 * 225.0 kB with 'min' (+77 kB, esbuild iife es2020, unminified like dist/Code.js). Apps Script
 * loads that once per execution and has no download budget to speak of — a fair price
 * for catching bad numbers. We never reject a number: invalid ones are kept as typed and
 * flagged, so stale metadata can only cause a flag, not data loss.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength, isSupportedCountry } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { fastInvalidPhone, fastValidPhone, type LengthVerdict } from './phone-fast';
import { countryCode } from './country';

/** Why a phone was not valid, as a key of the normalise dictionary (src/i18n/normalize.ts). */
export type PhoneProblem = 'phone_too_short' | 'phone_too_long' | 'phone_bad_length' | 'phone_not_number' | 'phone_no_country' | 'phone_not_valid' | 'phone_not_valid_for';

export interface PhoneResult { e164: string | null; extension?: string; valid: boolean; display: string; reason?: string; problem?: PhoneProblem }

// Labels people type in front of the number; stripped so the rest can be parsed strictly.
const LABEL_RE = /^(?:tel|phone|ph|mob|mobile|cell|home|work|fax|t|m|电话|手机|座机)\s*[.:：]?\s*/i;
const INTL_00_RE = /^\s*00(?=[1-9])/;
/** Remembered results, per region: a run's memo already holds the repeated ones, so this stays small. */
const MAX_CACHE = 20000;
const MAX_PHONE_CHARS = 250;

const cache = new Map<string, Map<string, PhoneResult>>();
let cached = 0;
const regions = new Map<string, CountryCode | undefined>();

const LENGTH_WORDS: Record<string, string> = {
  TOO_SHORT: 'too short to be a full phone number',
  TOO_LONG: 'too long to be a phone number',
  INVALID_LENGTH: 'has the wrong number of digits',
  NOT_A_NUMBER: 'does not look like a phone number',
  INVALID_COUNTRY: 'has no country code and no default country is set',
};
const LENGTH_PROBLEMS: Record<string, PhoneProblem> = {
  TOO_SHORT: 'phone_too_short', TOO_LONG: 'phone_too_long', INVALID_LENGTH: 'phone_bad_length',
  NOT_A_NUMBER: 'phone_not_number', INVALID_COUNTRY: 'phone_no_country',
};

function asRegion(region: string | undefined): CountryCode | undefined {
  if (!region) return undefined;
  if (regions.has(region)) return regions.get(region);
  const r = region.toUpperCase();
  const code = isSupportedCountry(r) ? (r as CountryCode) : undefined;
  if (regions.size < 1000) regions.set(region, code);
  return code;
}

/** The number without a label typed in front ("Tel:", "手机"); a label starts with a letter, so a number starting with a digit, + or ( has none. */
function withoutLabel(text: string): string {
  const first = text.charCodeAt(0);
  return (first >= 48 && first <= 57) || first === 43 || first === 40 ? text : text.replace(LABEL_RE, '');
}

/** The fast paths' reading, or null when only the library can tell. */
function parseFast(text: string, region: CountryCode | undefined): PhoneResult | null {
  const display = text;
  const cleaned = withoutLabel(text);
  const fast = fastValidPhone(cleaned, region);
  if (fast) {
    const { e164, extension } = fast;
    return { e164, extension, valid: true, display: extension ? `${e164} ext. ${extension}` : e164 };
  }
  // A plainly written number the library would find invalid: its verdict without the library.
  const invalid = fastInvalidPhone(cleaned, region);
  if (!invalid) return null;
  if (INTL_00_RE.test(cleaned)) {
    // "0033 4 78 76 78 74" in a US sheet: invalid as a US number, the library tries it as "+33 …".
    const retry = fastValidPhone(cleaned.replace(INTL_00_RE, '+'), undefined);
    if (!retry) return null;
    return { e164: retry.e164, extension: retry.extension, valid: true, display: retry.extension ? `${retry.e164} ext. ${retry.extension}` : retry.e164 };
  }
  return invalidResult(display, cleaned, region, invalid.length);
}

/** The library's reading (about 100 µs a number); exported for the test that compares the fast paths with it. */
export function phoneByLibrary(text: string, region: CountryCode | undefined): PhoneResult {
  const display = text;
  const cleaned = withoutLabel(text);
  let parsed = parsePhoneNumberFromString(cleaned, { defaultCountry: region, extract: false });
  // "0049 30 901820": 00 is the international prefix in most of the world, but not in the
  // default region's dialling rules (the US uses 011), so try it as "+49 ...".
  if ((!parsed || !parsed.isValid()) && INTL_00_RE.test(cleaned)) {
    const retry = parsePhoneNumberFromString(cleaned.replace(INTL_00_RE, '+'), { extract: false });
    if (retry && retry.isValid()) parsed = retry;
  }
  if (parsed && parsed.isValid()) {
    const e164 = parsed.number as string;
    const extension = parsed.ext ? String(parsed.ext) : undefined;
    return { e164, extension, valid: true, display: extension ? `${e164} ext. ${extension}` : e164 };
  }
  return invalidResult(display, cleaned, region, validatePhoneNumberLength(cleaned, region));
}

/** A number the library finds invalid, with why: its length verdict, else "not valid (for the region)". */
function invalidResult(display: string, cleaned: string, region: CountryCode | undefined, length: LengthVerdict | string | undefined): PhoneResult {
  let reason: string;
  let problem: PhoneProblem;
  if (length) { reason = LENGTH_WORDS[length] ?? 'is not a valid phone number'; problem = LENGTH_PROBLEMS[length] ?? 'phone_not_valid'; }
  else if (!region && !cleaned.trim().startsWith('+')) { reason = LENGTH_WORDS.INVALID_COUNTRY; problem = 'phone_no_country'; }
  else { reason = `is not a valid phone number${region ? ` for ${region}` : ''}`; problem = region ? 'phone_not_valid_for' : 'phone_not_valid'; }
  return { e164: null, valid: false, display, reason, problem };
}

export function normalisePhone(value: string, defaultRegion?: string): PhoneResult {
  const text = String(value).trim();
  const region = asRegion(defaultRegion);
  // No phone number is this long; libphonenumber-js refuses past 250 characters too.
  if (!text) return { e164: null, valid: false, display: '', reason: 'is empty', problem: 'phone_not_number' };
  if (text.length > MAX_PHONE_CHARS) return { e164: null, valid: false, display: text, reason: LENGTH_WORDS.TOO_LONG, problem: 'phone_too_long' };
  let byText = cache.get(region ?? '');
  if (!byText) cache.set(region ?? '', (byText = new Map()));
  const hit = byText.get(text);
  if (hit) return hit;
  const result = parseFast(text, region) ?? phoneByLibrary(text, region);
  if (cached >= MAX_CACHE) {
    cache.clear();
    cached = 0;
    cache.set(region ?? '', (byText = new Map()));
  }
  byText.set(text, result);
  cached++;
  return result;
}

/**
 * ISO region of a country cell ("United States", "USA", "中国", "UK", "Deutschland", "de"): the one
 * country resolver of CDM (normalize/country.ts, i18n-iso-countries), so a row's phone region and
 * its country column agree.
 */
export function regionFromCountry(country: string): string | undefined {
  const code = countryCode(String(country));
  return code && isSupportedCountry(code) ? code : undefined;
}

// Spreadsheet locales without a country part ("de", "ja") — the country where the language is mainly spoken.
const LANGUAGE_REGION: Record<string, string> = { de: 'DE', fr: 'FR', ja: 'JP', zh: 'CN', ko: 'KR', it: 'IT', es: 'ES', nl: 'NL', pl: 'PL', pt: 'PT', ru: 'RU', sv: 'SE', da: 'DK', fi: 'FI', nb: 'NO', no: 'NO', tr: 'TR', he: 'IL', th: 'TH', vi: 'VN', id: 'ID', cs: 'CZ', hu: 'HU', el: 'GR', uk: 'UA' };

/** Region of a locale such as 'en_US', 'zh-CN', 'zh_Hans_CN' or 'de'. */
export function regionFromLocale(locale: string): string | undefined {
  const parts = String(locale).trim().split(/[_-]/);
  for (let i = parts.length - 1; i >= 1; i--) {
    const p = parts[i].toUpperCase();
    if (p.length === 2 && isSupportedCountry(p)) return p;
  }
  return LANGUAGE_REGION[parts[0].toLowerCase()];
}
