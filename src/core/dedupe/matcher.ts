/**
 * Matching one new row (a form submission) against an existing table, fast: the table's
 * records and blocking indexes are built once, and a new row is scored only against the
 * rows that share one of its blocking keys.
 */
import { Cell, Roles, Table } from '../table';
import { seededRandom } from '../random';
import { BLOCKING_RULES, blockKeys } from './blocking';
import { Engine, FieldExplanation, DEFAULT_THRESHOLDS, Thresholds, levelsOf, prepare, scoreLevels, withModel } from './engine';
import { explain, reasonText } from './explain';
import type { Lang } from '../../i18n/index';
import { extractRecord } from './features';
import { FsModel, estimateU, priorModel } from './model';

const BAND_RANK = { auto: 2, review: 1, none: 0 } as const;

export interface Matcher {
  engine: Engine;
  header: string[];
  blocks: Array<Map<string, number[]>>;
  /** Rows compared at most per blocking key (a huge block is mostly other people). */
  maxPerBlock: number;
}

export function buildMatcher(table: Table, roles: Roles, model?: FsModel, thresholds: Thresholds = DEFAULT_THRESHOLDS): Matcher {
  const base = prepare(table, roles);
  let m = model;
  if (!m) {
    // Without a trained model: prior m, u from the table's own random pairs, and a prior
    // that one new submission matches one given existing row of about 1 / rows.
    m = priorModel(base.comparisons, Math.min(0.01, 1 / Math.max(1, table.rows.length)));
    if (table.rows.length > 1) m.u = estimateU(base.comparisons, base.records, seededRandom(7), 5000);
  }
  return { engine: withModel(base, m, thresholds), header: table.header, blocks: blockKeys(BLOCKING_RULES, base.records), maxPerBlock: 200 };
}

export interface OneMatch { row: number; probability: number; band: 'auto' | 'review' | 'none'; explanation: FieldExplanation[]; reason: string }

/** The best existing row for `row`, with the batch's explanation and reason words (in `lang`). */
export function matchOne(matcher: Matcher, row: Cell[], lang: Lang = 'en'): OneMatch | null {
  const { engine } = matcher;
  const rec = extractRecord(row, engine.plan);
  const seen = new Set<number>();
  let best: { row: number; s: ReturnType<typeof scoreLevels> } | null = null;
  // The strongest decision first (a rule may lift a pair above a heavier one), then the weight.
  const better = (s: ReturnType<typeof scoreLevels>, than: ReturnType<typeof scoreLevels>) =>
    BAND_RANK[s.band] > BAND_RANK[than.band] || (BAND_RANK[s.band] === BAND_RANK[than.band] && s.weight > than.weight);
  BLOCKING_RULES.forEach((rule, r) => {
    for (const key of rule.keys(rec)) {
      const list = matcher.blocks[r].get(key);
      if (!list) continue;
      const limit = Math.min(list.length, matcher.maxPerBlock);
      for (let x = 0; x < limit; x++) {
        const i = list[x];
        if (seen.has(i)) continue;
        seen.add(i);
        const s = scoreLevels(engine, levelsOf(engine, rec, engine.records[i]), rec, engine.records[i]);
        if (!best || better(s, best.s)) best = { row: i, s };
      }
    }
  });
  if (!best) return null;
  const { row: at, s } = best as { row: number; s: ReturnType<typeof scoreLevels> };
  const reason = reasonText(engine, s, rec, engine.records[at], lang);
  return { row: at, probability: Math.round(s.probability * 10000) / 10000, band: s.band, explanation: explain(engine, s), reason };
}
