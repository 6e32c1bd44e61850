/** The analysis dictionary: every key in both languages, and no English left in the Chinese. */
import { ANALYSIS_TEXT } from '../../../src/i18n/analysis';

// Words that stay as they are in Chinese: product and method names, column headers CDM writes.
const KEPT = /\{\w+\}|CDM(?: [A-Z][A-Za-z]+)*|RFM|AUC|Pearson|log|R²|\b[kryC]\b/g;

describe('analysis dictionary', () => {
  test('same keys in English and Chinese, no empty text', () => {
    expect(Object.keys(ANALYSIS_TEXT.zh).sort()).toEqual(Object.keys(ANALYSIS_TEXT.en).sort());
    for (const v of Object.values(ANALYSIS_TEXT.zh)) expect(v.trim()).not.toBe('');
  });
  test('no English words left in the Chinese (placeholders and kept names aside)', () => {
    const left = Object.entries(ANALYSIS_TEXT.zh)
      .map(([k, v]) => [k, v.replace(KEPT, '')] as const)
      .filter(([, v]) => /[A-Za-z]{2,}/.test(v));
    expect(left).toEqual([]);
  });
  test('placeholders match between the languages', () => {
    const names = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(ANALYSIS_TEXT.en) as Array<keyof typeof ANALYSIS_TEXT.en>) {
      expect([k, names(ANALYSIS_TEXT.zh[k])]).toEqual([k, names(ANALYSIS_TEXT.en[k])]);
    }
  });
});
