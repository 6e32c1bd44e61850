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
import { fastValidPhone } from './phone-fast';
import { trimBy } from './trim';

/** Why a phone was not valid, as a key of the normalise dictionary (src/i18n/normalize.ts). */
export type PhoneProblem = 'phone_too_short' | 'phone_too_long' | 'phone_bad_length' | 'phone_not_number' | 'phone_no_country' | 'phone_not_valid' | 'phone_not_valid_for';

export interface PhoneResult { e164: string | null; extension?: string; valid: boolean; display: string; reason?: string; problem?: PhoneProblem }

// Labels people type in front of the number; stripped so the rest can be parsed strictly.
const LABEL_RE = /^(?:tel|phone|ph|mob|mobile|cell|home|work|fax|t|m|电话|手机|座机)\s*[.:：]?\s*/i;
const INTL_00_RE = /^\s*00(?=[1-9])/;
const MAX_CACHE = 200000;
const MAX_PHONE_CHARS = 250;

const cache = new Map<string, PhoneResult>();

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
  const r = region.toUpperCase();
  return isSupportedCountry(r) ? (r as CountryCode) : undefined;
}

function parse(text: string, region: CountryCode | undefined): PhoneResult {
  const display = text;
  const cleaned = text.replace(LABEL_RE, '');
  const fast = fastValidPhone(cleaned, region);
  if (fast) {
    const { e164, extension } = fast;
    return { e164, extension, valid: true, display: extension ? `${e164} ext. ${extension}` : e164 };
  }
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
  const length = validatePhoneNumberLength(cleaned, region);
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
  const key = (region ?? '') + '\u0001' + text;
  const hit = cache.get(key);
  if (hit) return hit;
  // No phone number is this long; libphonenumber-js refuses past 250 characters too.
  const result: PhoneResult = !text
    ? { e164: null, valid: false, display: '', reason: 'is empty', problem: 'phone_not_number' }
    : text.length > MAX_PHONE_CHARS
      ? { e164: null, valid: false, display: text, reason: LENGTH_WORDS.TOO_LONG, problem: 'phone_too_long' }
      : parse(text, region);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, result);
  return result;
}

const COUNTRY_NAMES: Record<string, string> = {
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'u.s.a.': 'US', 'u.s.': 'US', us: 'US', america: 'US', '美国': 'US',
  'united kingdom': 'GB', uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', gbr: 'GB', '英国': 'GB',
  china: 'CN', prc: 'CN', "people's republic of china": 'CN', chn: 'CN', '中国': 'CN', '中华人民共和国': 'CN', '中國': 'CN', '大陆': 'CN', '中国大陆': 'CN',
  germany: 'DE', deutschland: 'DE', deu: 'DE', '德国': 'DE',
  france: 'FR', fra: 'FR', '法国': 'FR',
  canada: 'CA', can: 'CA', '加拿大': 'CA',
  australia: 'AU', aus: 'AU', '澳大利亚': 'AU', '澳洲': 'AU',
  'new zealand': 'NZ', nzl: 'NZ', '新西兰': 'NZ',
  ireland: 'IE', irl: 'IE', '爱尔兰': 'IE',
  japan: 'JP', jpn: 'JP', '日本': 'JP',
  'south korea': 'KR', korea: 'KR', 'republic of korea': 'KR', kor: 'KR', '韩国': 'KR', '한국': 'KR', '대한민국': 'KR',
  'hong kong': 'HK', hkg: 'HK', '香港': 'HK', '中国香港': 'HK',
  taiwan: 'TW', twn: 'TW', '台湾': 'TW', '台灣': 'TW', '中国台湾': 'TW',
  macau: 'MO', macao: 'MO', '澳门': 'MO', '澳門': 'MO',
  singapore: 'SG', sgp: 'SG', '新加坡': 'SG',
  malaysia: 'MY', mys: 'MY', '马来西亚': 'MY',
  india: 'IN', ind: 'IN', bharat: 'IN', '印度': 'IN',
  spain: 'ES', 'españa': 'ES', espana: 'ES', esp: 'ES', '西班牙': 'ES',
  italy: 'IT', italia: 'IT', ita: 'IT', '意大利': 'IT',
  netherlands: 'NL', 'the netherlands': 'NL', holland: 'NL', nederland: 'NL', nld: 'NL', '荷兰': 'NL',
  belgium: 'BE', 'belgië': 'BE', belgique: 'BE', bel: 'BE', '比利时': 'BE',
  switzerland: 'CH', schweiz: 'CH', suisse: 'CH', svizzera: 'CH', che: 'CH', '瑞士': 'CH',
  austria: 'AT', 'österreich': 'AT', aut: 'AT', '奥地利': 'AT',
  sweden: 'SE', sverige: 'SE', swe: 'SE', '瑞典': 'SE',
  norway: 'NO', norge: 'NO', nor: 'NO', '挪威': 'NO',
  denmark: 'DK', danmark: 'DK', dnk: 'DK', '丹麦': 'DK',
  finland: 'FI', suomi: 'FI', fin: 'FI', '芬兰': 'FI',
  poland: 'PL', polska: 'PL', pol: 'PL', '波兰': 'PL',
  portugal: 'PT', prt: 'PT', '葡萄牙': 'PT',
  brazil: 'BR', brasil: 'BR', bra: 'BR', '巴西': 'BR',
  mexico: 'MX', 'méxico': 'MX', mex: 'MX', '墨西哥': 'MX',
  argentina: 'AR', arg: 'AR', '阿根廷': 'AR',
  russia: 'RU', 'russian federation': 'RU', rus: 'RU', 'россия': 'RU', '俄罗斯': 'RU',
  'south africa': 'ZA', zaf: 'ZA', '南非': 'ZA',
  israel: 'IL', isr: 'IL', '以色列': 'IL',
  turkey: 'TR', 'türkiye': 'TR', tur: 'TR', '土耳其': 'TR',
  'united arab emirates': 'AE', uae: 'AE', '阿联酋': 'AE',
  philippines: 'PH', phl: 'PH', '菲律宾': 'PH',
  thailand: 'TH', tha: 'TH', '泰国': 'TH',
  vietnam: 'VN', 'viet nam': 'VN', vnm: 'VN', '越南': 'VN',
  indonesia: 'ID', idn: 'ID', '印度尼西亚': 'ID', '印尼': 'ID',
};
const isSpaceOrDot = (c: number): boolean => c === 46 || c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff;

/** ISO region of a country cell ("United States", "USA", "中国", "UK", "Deutschland", "de"). */
export function regionFromCountry(country: string): string | undefined {
  const key = trimBy(String(country), isSpaceOrDot).replace(/\s+/g, ' ').toLowerCase();
  if (!key) return undefined;
  const named = COUNTRY_NAMES[key] ?? COUNTRY_NAMES[key.replace(/\./g, '')];
  if (named) return named;
  if (key.length === 2 && isSupportedCountry(key.toUpperCase())) return key.toUpperCase();
  return undefined;
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
