/**
 * Every match explained field by field (as Splink's waterfall does): the level each field
 * reached, its weight, and a short reason in plain words. A report lists thousands of pairs
 * and shows few (the review sheet, a command line's report), so a reported pair keeps its
 * levels and weights compactly and builds its explanation and reason only when read.
 */
import { type Lang, translator } from '../../i18n/index';
import { DEDUPE_FIELDS, DEDUPE_TEXT } from '../../i18n/dedupe';
import { type Comparison, MISSING } from './comparisons';
import type { Band, Engine, FieldExplanation, PairScore } from './engine';
import type { PersonRecord } from './features';

export function explain(engine: Engine, s: PairScore): FieldExplanation[] {
  return explanationOf(engine.comparisons, s.levels, s.fieldWeights);
}

function explanationOf(comparisons: readonly Comparison[], levels: Int8Array, weights: Float64Array): FieldExplanation[] {
  return comparisons.map((c, k) => {
    const l = levels[k];
    return { field: c.field, level: l === MISSING ? 'missing' : c.levels[l].label, weight: Math.round(weights[k] * 100) / 100 };
  });
}

/** The values shown beside a close agreement ("jon/john"), per comparison; '' where none is shown. */
function shownValues(comparisons: readonly Comparison[], levels: Int8Array, a: PersonRecord, b: PersonRecord): string[] {
  return comparisons.map((c, k) => {
    const l = levels[k];
    if (l === MISSING || !c.shown) return '';
    const level = c.levels[l];
    if (level.exact || level.differs) return '';
    const x = c.shown(a);
    const y = c.shown(b);
    return x && y && x.length + y.length <= 30 ? ` (${x}/${y})` : '';
  });
}

/** A comparison's label in `lang`; one named after the user's own column stays as they wrote it. */
function fieldWord(c: Comparison, lang: Lang): string {
  const words = DEDUPE_FIELDS[lang] as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(words, c.label) ? words[c.label] : c.label;
}

function reasonOf(comparisons: readonly Comparison[], levels: Int8Array, shown: string[], household: boolean, lang: Lang): string {
  const t = translator(DEDUPE_TEXT, lang);
  const same: string[] = [];
  const close: string[] = [];
  const differs: string[] = [];
  comparisons.forEach((c, k) => {
    const l = levels[k];
    if (l === MISSING) return;
    const level = c.levels[l];
    if (level.exact) same.push(fieldWord(c, lang));
    else if (level.differs) differs.push(fieldWord(c, lang));
    else close.push(t('closeItem', { field: fieldWord(c, lang), word: t(level.word === 'nickname' ? 'nickname' : 'close'), shown: shown[k] }));
  });
  const list = (xs: string[]) => xs.join(t('listSeparator'));
  const parts: string[] = [];
  if (same.length) parts.push(t('same', { fields: list(same) }));
  if (close.length) parts.push(list(close));
  if (differs.length) parts.push(t(differs.length === 1 ? 'differsOne' : 'differsMany', { fields: list(differs) }));
  if (household) parts.push(t('relative'));
  return parts.join(t('partSeparator'));
}

/** Short plain words: "same e-mail, phone; first name close (jon/john); surname differs". */
export function reasonText(engine: Engine, s: PairScore, a: PersonRecord, b: PersonRecord, lang: Lang = 'en'): string {
  return reasonOf(engine.comparisons, s.levels, shownValues(engine.comparisons, s.levels, a, b), s.household, lang);
}

export interface ReportedPair {
  a: number; b: number; keyA: string; keyB: string;
  probability: number; weight: number; band: 'auto' | 'review';
  explanation: FieldExplanation[];
  /** Plain-words summary of the explanation. */
  reason: string;
}

/**
 * A pair as the report lists it. `explanation` and `reason` are built on first read and then
 * kept; they are ordinary enumerable properties to every reader (JSON, spreads, checkpoints).
 * The pair holds only its levels, weights and the few values a reason shows — not the engine
 * or the records, which a long report must not keep alive.
 */
export function reportedPair(engine: Engine, s: PairScore, i: number, j: number, keys: [string, string], band: Exclude<Band, 'none'>, lang: Lang = 'en'): ReportedPair {
  const comparisons = engine.comparisons;
  const levels = s.levels;
  const weights = s.fieldWeights;
  const shown = shownValues(comparisons, levels, engine.records[i], engine.records[j]);
  const household = s.household;
  let explanation: FieldExplanation[] | null = null;
  let reason: string | null = null;
  return {
    a: i, b: j, keyA: keys[0], keyB: keys[1],
    probability: Math.round(s.probability * 10000) / 10000, weight: Math.round(s.weight * 100) / 100,
    band,
    get explanation(): FieldExplanation[] { return (explanation ??= explanationOf(comparisons, levels, weights)); },
    set explanation(value: FieldExplanation[]) { explanation = value; },
    get reason(): string { return (reason ??= reasonOf(comparisons, levels, shown, household, lang)); },
    set reason(value: string) { reason = value; },
  };
}
