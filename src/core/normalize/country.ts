/**
 * Countries: every spelling people type ("USA", "U.S.A.", "United States", "美国", "Deutschland",
 * "gbr") resolved to its ISO 3166-1 alpha-2 code, and one written form per column.
 *
 * Library: i18n-iso-countries (MIT, maintained, 70+ languages with aliases, Chinese included).
 * Its names are the single source of truth; the few everyday names it lacks ("England",
 * "Holland", "中国大陆") are listed below. A value we cannot resolve is never guessed: it stays as
 * typed and is flagged.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import de from 'i18n-iso-countries/langs/de.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import es from 'i18n-iso-countries/langs/es.json';
import it from 'i18n-iso-countries/langs/it.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import ko from 'i18n-iso-countries/langs/ko.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import type { Cell } from '../table';
import { type Lang, translator } from '../../i18n/index';
import { ROLE_TEXT } from '../../i18n/roles';
import { shown as brief } from '../shown';

type LocaleData = Parameters<typeof countries.registerLocale>[0];
const LOCALES = [en, zh, de, fr, es, it, nl, pt, ja, ko, ru] as unknown as LocaleData[];
for (const l of LOCALES) countries.registerLocale(l);

/** Names people use that the library does not list (regions of a country, old names, Chinese variants). */
const EXTRA_NAMES: Record<string, string> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', britain: 'GB', 'great britain': 'GB', gbr: 'GB',
  holland: 'NL', 'the netherlands': 'NL', korea: 'KR', america: 'US', 'united states': 'US', 'the united states': 'US',
  prc: 'CN', "people's republic of china": 'CN', 'mainland china': 'CN', 'hongkong': 'HK', 'türkiye': 'TR', turkiye: 'TR',
  uae: 'AE', czechia: 'CZ', 'ivory coast': 'CI', bharat: 'IN', 'viet nam': 'VN', 'russia': 'RU',
  '中国大陆': 'CN', '大陆': 'CN', '中华人民共和国': 'CN', '中國': 'CN', '中華人民共和國': 'CN', '中国香港': 'HK', '香港': 'HK',
  '中国台湾': 'TW', '台湾': 'TW', '台灣': 'TW', '中国澳门': 'MO', '澳门': 'MO', '澳門': 'MO', '美國': 'US', '美利坚合众国': 'US',
  '英國': 'GB', '德國': 'DE', '法國': 'FR', '韓國': 'KR', '韩国': 'KR', '南韩': 'KR', '澳洲': 'AU', '纽西兰': 'NZ', '新西兰': 'NZ',
};

/** English display names where the library's first name is a formal one nobody types. */
const EN_DISPLAY: Record<string, string> = {
  US: 'United States', RU: 'Russia', IR: 'Iran', TZ: 'Tanzania', MK: 'North Macedonia', TW: 'Taiwan', LA: 'Laos',
  SY: 'Syria', MD: 'Moldova', VA: 'Vatican City', FM: 'Micronesia', VG: 'British Virgin Islands', VI: 'U.S. Virgin Islands',
  CZ: 'Czech Republic', KP: 'North Korea', BO: 'Bolivia', VE: 'Venezuela',
};

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/;
const KEY_DROP_RE = /[.\u3002'’]/g;
const KEY_SPACE_RE = /[\s,_\-\/]+/g;

function keyOf(text: string): string {
  return text.toLowerCase().replace(KEY_DROP_RE, '').replace(KEY_SPACE_RE, ' ').trim();
}

let index: Map<string, string> | null = null;

function nameIndex(): Map<string, string> {
  if (index) return index;
  const map = new Map<string, string>();
  const put = (name: string, code: string) => {
    const k = keyOf(name);
    if (k && !map.has(k)) map.set(k, code);
  };
  for (const lang of ['en', 'zh', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ja', 'ko', 'ru']) {
    const names = countries.getNames(lang, { select: 'all' }) as Record<string, string[]>;
    for (const code of Object.keys(names)) for (const n of names[code]) put(n, code);
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) put(name, code);
  for (const code of Object.keys(countries.getAlpha2Codes())) put(code, code);
  const alpha3 = countries.getAlpha3Codes() as Record<string, string>;
  for (const [a3, a2] of Object.entries(alpha3)) put(a3, a2);
  index = map;
  return map;
}

/** ISO alpha-2 code of a country as typed, or undefined when we do not know it for sure. */
export function countryCode(value: Cell): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text || text.length > 60) return undefined;
  return nameIndex().get(keyOf(text));
}

export const isAlpha2 = (text: string): boolean => /^[A-Za-z]{2}$/.test(text) && countries.isValid(text.toUpperCase());
export const isAlpha3 = (text: string): boolean => /^[A-Za-z]{3}$/.test(text) && countries.alpha3ToAlpha2(text.toUpperCase()) !== undefined;

export function alpha3Of(code: string): string {
  return countries.alpha2ToAlpha3(code) ?? code;
}

/** The name CDM writes for a country when the column has no spelling of its own for it. */
export function countryName(code: string, lang: 'en' | 'zh'): string {
  if (lang === 'zh') return countries.getName(code, 'zh') ?? code;
  return EN_DISPLAY[code] ?? countries.getName(code, 'en') ?? code;
}

type Style = 'alpha2' | 'alpha3' | 'en' | 'zh';

function styleOf(text: string): Style {
  if (/^[A-Za-z]{2}$/.test(text)) return 'alpha2';
  if (/^[A-Z]{3}$/.test(text)) return 'alpha3';
  return CJK_RE.test(text) ? 'zh' : 'en';
}

export interface CountryPlan {
  /** The one form the column is written in. */
  style: Style;
  /** For name columns: the spelling of each country this column uses most. */
  spelling: Map<string, string>;
  lang: Lang;
}

/**
 * The column's form: codes for a country-code column; for a names column the form most of its
 * recognised values already have (English or Chinese names, or codes), each country in the
 * spelling the column uses most ("USA" stays "USA" in a column where "USA" is the usual form).
 */
export function planCountries(values: Cell[], codeColumn: boolean, lang: Lang = 'en'): CountryPlan {
  const styles: Record<Style, number> = { alpha2: 0, alpha3: 0, en: 0, zh: 0 };
  const spellings = new Map<string, Map<string, number>>();
  // A country column repeats a few values: each distinct text is resolved once.
  const seen = new Map<string, { code: string | undefined; raw: Style }>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const text = v.trim();
    let known = seen.get(text);
    if (known === undefined) {
      known = { code: countryCode(text), raw: styleOf(text) };
      if (seen.size < 100000) seen.set(text, known);
    }
    const code = known.code;
    if (!code) continue;
    // "USA" is a code, but in a column of names people write it as the country's name.
    const raw = known.raw;
    const style: Style = raw === 'alpha3' && !codeColumn ? 'en' : raw;
    styles[style]++;
    if (style === 'en' || style === 'zh') {
      const key = `${style}:${code}`;
      let m = spellings.get(key);
      if (!m) spellings.set(key, (m = new Map()));
      m.set(text, (m.get(text) ?? 0) + 1);
    }
  }
  let style: Style;
  if (codeColumn) style = styles.alpha3 > styles.alpha2 ? 'alpha3' : 'alpha2';
  else {
    style = 'en';
    for (const s of ['zh', 'alpha2', 'alpha3'] as Style[]) if (styles[s] > styles[style]) style = s;
  }
  const spelling = new Map<string, string>();
  for (const [key, forms] of spellings) {
    if (!key.startsWith(style + ':')) continue;
    let top = '';
    let n = -1;
    // Most used first; on a tie the library's own name, so the choice does not depend on row order.
    for (const [form, c] of forms) if (c > n || (c === n && form === countryName(key.slice(3), style as 'en' | 'zh'))) { top = form; n = c; }
    spelling.set(key.slice(3), top);
  }
  return { style, spelling, lang };
}

export type CountryOutcome = { value: string; reason: string } | { flag: string } | null;

/** One country cell written in the column's form; unknown values are kept and flagged. */
export function cleanCountry(text: string, plan: CountryPlan): CountryOutcome {
  const t = translator(ROLE_TEXT, plan.lang);
  const code = countryCode(text);
  if (!code) return { flag: t('countryUnknown', { value: brief(text) }) };
  // A code stays exactly as typed, case included (codes are never re-cased: README, "What CDM changes"); only a
  // country written as a name in a code column becomes its code.
  if ((plan.style === 'alpha2' || plan.style === 'alpha3') && (isAlpha2(text) || isAlpha3(text))) return null;
  let out: string;
  switch (plan.style) {
    case 'alpha2': out = code; break;
    case 'alpha3': out = alpha3Of(code); break;
    default: out = plan.spelling.get(code) ?? countryName(code, plan.style);
  }
  if (out === text) return null;
  return { value: out, reason: t(plan.style === 'alpha2' || plan.style === 'alpha3' ? 'countryCodeWritten' : 'countryNameWritten', { value: brief(text), out }) };
}

