/**
 * The languages CDM speaks. Every string CDM shows or writes into a spreadsheet (menu, sidebar,
 * sheet headers and texts, segment names, risk levels, reasons, the intake form) comes from a
 * dictionary made with `dictionary(en, zh)`: the type makes a key missing in Chinese a compile
 * error, and test/i18n walks every dictionary in this folder for English left in the Chinese.
 *
 * Pure TypeScript (no Apps Script globals): core, the gas adapters, the CLI and the sidebar
 * share it. Each area keeps its own dictionary file here (`src/i18n/<area>.ts`), so strings are
 * added without touching anyone else's file. Core steps take `lang` in their options and build
 * their reasons with it; the add-on passes the spreadsheet's locale, the CLI `--lang`.
 */
export type Lang = 'en' | 'zh';

export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Chinese for any zh locale (zh_CN, zh_TW, zh-Hans…), English otherwise. */
export function langFor(locale: string | undefined | null): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}

export type Dictionary<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/** A dictionary of templates with `{name}` placeholders, in every language. */
export function dictionary<K extends string>(en: Record<K, string>, zh: Record<K, string>): Dictionary<K> {
  return { en, zh };
}

const PLACEHOLDER_RE = /\{(\w+)\}/g;
/**
 * Templates split once at their placeholders: [text, name, text, name, …, text]. A run fills a
 * reason for each of a million cells from a few dozen templates.
 */
const compiled = new Map<string, string[]>();
const MAX_COMPILED = 2000;

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(template); m; m = PLACEHOLDER_RE.exec(template)) {
    parts.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(template, parts);
  return parts;
}

/** Fills `{name}` placeholders; an unknown placeholder is left as it is, so a typo shows. */
export function fill(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  // A template without placeholders is its own text (the same string each time: no copy per cell).
  if (template.indexOf('{') < 0) return template;
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

/** `t(key, params)` for one dictionary and language. */
export function translator<K extends string>(dict: Dictionary<K>, lang: Lang): (key: K, params?: Readonly<Record<string, string | number>>) => string {
  const table = dict[lang] ?? dict.en;
  return (key, params) => fill(table[key] ?? dict.en[key], params);
}
