/**
 * The run's settings — phone region, number of segments (k), duplicate mode, where cleaned
 * values go — each decided here once, in one order, for the sidebar, the run, the intake
 * form, the command line and the =CDM_* formulas. Pure: each surface hands in what it has.
 *
 * The order, strongest first:
 *   1. what the user gives now (a sidebar field, a command-line flag, a formula argument);
 *   2. what the user chose before (saved by the last run in this spreadsheet);
 *   3. for the phone region only, the spreadsheet's country (its locale);
 *   4. CDM's default: region US, k auto, mode flag, cleaned values in place.
 * A choice the user made beats a guess from the locale: someone who set GB once does not want
 * every form response and every =CDM_PHONE read as German because the sheet's locale is de_DE.
 * The command line has no saved choice and no locale (a CSV has none, and the result must not
 * depend on the machine it runs on), so there only 1 and 4 apply.
 *
 * A given value that cannot be used is refused with a SettingError naming the setting as the
 * surface calls it; a saved value that cannot be used is passed over (it is not the user's
 * doing now).
 */
import { K_MAX, K_MIN } from './analysis/segment';
import { regionFromLocale } from './normalize/phone';
import { type Lang, translator } from '../i18n/index';
import { SETTINGS_TEXT } from '../i18n/settings';

export type DedupeMode = 'flag' | 'merge';

export interface Settings {
  mode: DedupeMode;
  /** Phone region (ISO 3166 alpha-2) for numbers written without a country code. */
  region: string;
  /** true: cleaned values replace the user's; false: they go into new `CDM …` columns. */
  inPlace: boolean;
  /** Number of segments, or 'auto' to choose by silhouette. */
  k: 'auto' | number;
}

export type SettingName = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = { mode: 'flag', region: 'US', inPlace: true, k: 'auto' };

/** The one range of k everywhere (the same one the automatic choice searches). */
export const K_RANGE: Readonly<{ min: number; max: number }> = { min: K_MIN, max: K_MAX };

export interface SettingSources {
  /** What the user gives now; blank (undefined, null, '') means not given. */
  given?: Partial<Record<SettingName, unknown>> | null;
  /** What the user chose before (the last run's settings). */
  saved?: Partial<Record<SettingName, unknown>> | null;
  /** The spreadsheet's locale (en_GB, zh_CN): suggests the phone region. */
  locale?: string | null;
}

export interface SettingWords {
  /** How this surface names each setting in a message (default: the setting's own name). */
  labels?: Partial<Record<SettingName, string>>;
  lang?: Lang;
}

export class SettingError extends Error {
  constructor(readonly setting: SettingName, readonly value: unknown, message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function parseMode(v: unknown): DedupeMode | null {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : v;
  return s === 'flag' || s === 'merge' ? s : null;
}

export function parseRegion(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(s) ? s : null;
}

/** 'auto' (or the word auto), or a whole number within K_RANGE; anything else is null. */
export function parseK(v: unknown): 'auto' | number | null {
  if (typeof v === 'string' && v.trim().toLowerCase() === 'auto') return 'auto';
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= K_RANGE.min && n <= K_RANGE.max ? n : null;
}

export function parseInPlace(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (['yes', 'true', 'in place'].includes(s)) return true;
  if (['no', 'false', 'new columns'].includes(s)) return false;
  return null;
}

const PARSERS: { [K in SettingName]: (v: unknown) => Settings[K] | null } = {
  mode: parseMode, region: parseRegion, inPlace: parseInPlace, k: parseK,
};

/** The error for a given value that cannot be used, in the surface's words. */
export function settingError(setting: SettingName, value: unknown, words: SettingWords = {}): SettingError {
  const t = translator(SETTINGS_TEXT, words.lang ?? 'en');
  const label = words.labels?.[setting] ?? setting;
  const params = { label, value: String(value), min: K_RANGE.min, max: K_RANGE.max, flag: 'flag', merge: 'merge', auto: 'auto', examples: 'CN, US, GB' };
  return new SettingError(setting, value, t(setting, params));
}

/** One setting: given → saved → (region: locale) → default. */
export function resolveSetting<K extends SettingName>(setting: K, sources: SettingSources, words: SettingWords = {}): Settings[K] {
  const parse = PARSERS[setting] as (v: unknown) => Settings[K] | null;
  const given = sources.given?.[setting];
  if (!isBlank(given)) {
    const value = parse(given);
    if (value === null) throw settingError(setting, given, words);
    return value;
  }
  const saved = sources.saved?.[setting];
  if (!isBlank(saved)) {
    const value = parse(saved);
    if (value !== null) return value;
  }
  if (setting === 'region' && sources.locale) {
    const fromLocale = regionFromLocale(sources.locale);
    if (fromLocale) return fromLocale as Settings[K];
  }
  return DEFAULT_SETTINGS[setting];
}

/** Every setting, each by resolveSetting's order. */
export function resolveSettings(sources: SettingSources, words: SettingWords = {}): Settings {
  return {
    mode: resolveSetting('mode', sources, words),
    region: resolveSetting('region', sources, words),
    inPlace: resolveSetting('inPlace', sources, words),
    k: resolveSetting('k', sources, words),
  };
}
