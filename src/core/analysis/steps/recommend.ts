/** The recommendation step: per customer, products bought together with theirs, else their segment's favourites. */
import { PurchaseFacts } from '../customers';
import { coOccurrence, Favourite, recommendFor, RecommendReport, ruleIndex, segmentFavourites, withFavourites } from '../recommend';
import { StepOut } from '../report';
import type { AnalysisT } from '../../../i18n/analysis';

const TOP_RECOMMENDATIONS = 3;
const REPORT_RULES = 30;

export function recommendStep(facts: PurchaseFacts, clusters: Array<number | null> | null, t: AnalysisT): StepOut<RecommendReport> {
  const buyers = facts.products.filter((p) => p.length > 0).length;
  if (buyers === 0) return { skipped: t('skipRecNeeds') };
  const model = coOccurrence(facts.products);
  if (model.products.length < 2) return { skipped: t('skipRecOneProduct') };
  const favourites = clusters ? segmentFavourites(facts.products, clusters) : new Map<number, Favourite[]>();
  const usefulRules = model.rules.some((r) => r.lift > 1);
  if (!usefulRules && ![...favourites.values()].some((f) => f.length > 0)) {
    return { skipped: t('skipRecNothing') };
  }
  const index = ruleIndex(model);
  // Many customers own the same set of products (and share a segment): work each case out once.
  const memo = new Map<string, string>();
  const labels = facts.products.map((basket, i) => {
    const c = clusters ? clusters[i] : null;
    if (!basket.length && c === null) return '';
    const key = `${c}\u0002${basket.slice().sort().join('\u0001')}`;
    let tip = memo.get(key);
    if (tip === undefined) {
      const fromRules = basket.length ? recommendFor(basket, model, TOP_RECOMMENDATIONS, index) : [];
      tip = withFavourites(fromRules, basket, c === null ? undefined : favourites.get(c), TOP_RECOMMENDATIONS).join(', ');
      memo.set(key, tip);
    }
    return tip;
  });
  return {
    labels,
    report: {
      customers: model.customers,
      products: model.products,
      rules: model.rules.filter((r) => r.lift > 1).slice(0, REPORT_RULES),
      segmentFavourites: [...favourites.entries()].sort((a, b) => a[0] - b[0])
        .map(([segment, products]) => ({ segment, products: products.slice(0, TOP_RECOMMENDATIONS) })),
      recommended: labels.filter((l) => l !== '').length,
    },
  };
}
