/**
 * The language CDM speaks in this spreadsheet: Simplified Chinese for a zh locale, English
 * otherwise. Read once per execution (Apps Script starts every execution with a fresh global
 * scope, so the remembered value never outlives the call that read it).
 */
import { langFor, translator, type Dictionary, type Lang } from '../i18n/index';

let known: Lang | null = null;

export function sheetLang(): Lang {
  if (known === null) {
    try {
      known = langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
    } catch {
      // No spreadsheet to ask (a trigger without one, or AuthMode.NONE): English.
      return 'en';
    }
  }
  return known;
}

/** `t(key, params)` for `dict` in the spreadsheet's language. */
export function sheetText<K extends string>(dict: Dictionary<K>): (key: K, params?: Readonly<Record<string, string | number>>) => string {
  return (key, params) => translator(dict, sheetLang())(key, params);
}
