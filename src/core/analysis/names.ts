/**
 * Words for columns, so segment names and sentences read as business, not as headers:
 * "MntWines" → "wines spend", "Year_Birth" → the words "year birth", a known meaning
 * (age, income, spend, orders, recency) → the dictionary's noun in the user's language.
 */
import type { AnalysisT } from '../../i18n/analysis';

/** "MntGoldProds" → ["Mnt", "Gold", "Prods"]; "Year_Birth" → ["Year", "Birth"]; "Annual Income (k$)" → ["Annual", "Income"]. */
export function headerWords(header: string): string[] {
  return header
    .replace(/\([^()]*\)/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9\u00C0-\u024F\u4E00-\u9FFF]+/)
    .filter((w) => w !== '');
}

const FILLER = new Set(['annual', 'total', 'score', 'amount', 'number', 'of', 'the', 'avg', 'average', 'count', 'customer', 'in', 'per', 'usd', 'k']);
/** First words that say "an amount spent on …" or "a number of …". */
export const SPEND_PREFIXES = new Set(['mnt', 'amt', 'amount', 'spend', 'spent', 'spending', 'sales', 'revenue']);
/** Abbreviations a header starts with: "Mnt…" is an amount spent on …, "Num…" a number of …. */
const SPEND_ABBREVIATIONS = new Set(['mnt', 'amt']);
const COUNT_PREFIXES = new Set(['num', 'nb', 'cnt', 'qty']);

/** "Annual Income (k$)" → "income", "Spending Score (1-100)" → "spending", "MntWines" → "wines spend". */
export function shortFeatureName(header: string): string {
  const words = headerWords(header).map((w) => w.toLowerCase());
  if (words.length > 1 && SPEND_ABBREVIATIONS.has(words[0])) return `${words.slice(1).filter((w) => !FILLER.has(w)).join(' ') || words[1]} spend`;
  if (words.length > 1 && COUNT_PREFIXES.has(words[0])) return words.slice(1).filter((w) => !FILLER.has(w)).join(' ') || words[1];
  const kept = words.filter((w) => !FILLER.has(w));
  return kept.length ? kept.join(' ') : header.trim().toLowerCase();
}

export type Meaning = 'age' | 'income' | 'spend' | 'orders' | 'recency' | null;

/** What a feature means, when CDM knows (derived columns, and the usual headers). */
export function meaningOf(header: string): Meaning {
  if (header === 'CDM Age' || /^(age|年龄)$/i.test(header.trim())) return 'age';
  if (header === 'CDM Total Spend' || /^(total\s*)?(spend|spent|spending)$|消费总额|总消费/i.test(header.trim())) return 'spend';
  if (header === 'CDM Orders' || /^(total\s*)?(orders?|purchases?)$|订单数/i.test(header.trim())) return 'orders';
  if (/^recency$|days?[\s_]*since/i.test(header.trim())) return 'recency';
  if (/income|收入/i.test(header)) return 'income';
  return null;
}

/** The noun for a feature in the user's language; the header's own words when CDM does not know it. */
export function featureNoun(header: string, t: AnalysisT): string {
  switch (meaningOf(header)) {
    case 'age': return t('nounAge');
    case 'income': return t('nounIncome');
    case 'spend': return t('nounSpend');
    case 'orders': return t('nounOrders');
    case 'recency': return t('nounRecency');
    default: break;
  }
  // Chinese headers are already words; English ones are shortened.
  if (/[\u4E00-\u9FFF]/.test(header)) return header.replace(/\([^()]*\)|（[^（）]*）/g, '').trim();
  return shortFeatureName(header);
}

/** One trait of a segment: "older", "bought recently", "high income". */
export function trait(header: string, high: boolean, t: AnalysisT): string {
  switch (meaningOf(header)) {
    case 'age': return t(high ? 'segOlder' : 'segYounger');
    case 'recency': return t(high ? 'segLapsed' : 'segRecent');
    default: return t(high ? 'segHigh' : 'segLow', { noun: featureNoun(header, t) });
  }
}
