/**
 * Deduplication of whole customer records: blocking → per-field comparison levels →
 * Fellegi–Sunter weights learnt by EM → bands → clustering without chaining → flag or merge.
 * dedupeTable reads as those stages; engine.ts holds the bands and rules, model.ts the
 * weights, cluster.ts the groups, explain.ts the reasons, flags.ts the columns written.
 */
import { type Cell, type Change, type Roles, type StepResult, type Table } from '../table';
import { seededRandom } from '../random';
import { isOrderLines } from '../analysis/orders';
import { BLOCKING_RULES, type CandidatePairs, candidatePairs } from './blocking';
import { type Clusters, cluster } from './cluster';
import { type LevelMeaning } from './comparisons';
import { type ComparisonLibrary, type Engine, type PairScore, type Prepared, type Thresholds, DEFAULT_THRESHOLDS, liftable, pairWeight, prepare, scoreLevels, scorePair, withModel } from './engine';
import { type ReportedPair, reasonText, reportedPair } from './explain';
import { FLAG_COLUMNS, flagChanges, mostComplete, withColumns } from './flags';
import { type FieldChoice, type Group, type Provenance, type Removed, mergeGroups } from './merge';
import { type FsModel, estimateU, priorModel, trainEm } from './model';
import { lazyRecordKeys } from './record-key';
import { type Lang, translator } from '../../i18n/index';
import { DEDUPE_TEXT } from '../../i18n/dedupe';

export interface Decision {
  a: string;
  b: string;
  decision: 'accept' | 'reject';
  /** When merged: which record's value survives in each column (header -> a or b), chosen in the review. */
  fields?: Record<string, 'a' | 'b'>;
}

export interface DedupeOptions {
  mode?: 'flag' | 'merge';
  decisions?: Decision[];
  /** Match probability from which a pair is merged without asking (default 0.95). */
  autoThreshold?: number;
  /** Lower bound of the review band (default 0.6). */
  reviewThreshold?: number;
  seed?: number;
  /** Columns never used for matching. */
  ignore?: string[];
  /** The comparisons a table gets (default comparisonsFor): another library for experiments and tests. */
  comparisons?: ComparisonLibrary;
  /** Language of the match reasons written (src/i18n/dedupe.ts); English when absent. */
  lang?: Lang;
}

/** A reported pair; its explanation and reason are built when first read (explain.ts). */
export type MatchPair = ReportedPair;

/**
 * One comparison of the trained model, for the CLI's report and exports (Splink): its levels
 * with what each means (comparisons.ts) and the m and u learnt for each.
 */
export interface ModelField {
  field: string;
  /** Level names, best first; a blank on either side is "missing" and has no level. */
  levels: string[];
  /** What agreeing at each level means (exact, differs, person, contact, relative, ask, word), aligned with levels. */
  meanings: LevelMeaning[];
  /** Trained m and u per level (model.m / model.u of this field), aligned with levels. */
  m: number[];
  u: number[];
  /** The table's columns the field is read from. */
  columns: string[];
  /** Exact agreements are adjusted by the value's frequency. */
  tf: boolean;
  /** The column whose values' frequencies adjust an exact agreement (Splink's tf_adjustment_column), or null. */
  tfColumn: string | null;
}

export interface DedupeReport {
  rows: number;
  candidatePairs: number;
  reductionRatio: number;
  blockingRules: Array<{ rule: string; pairs: number }>;
  autoPairs: number;
  reviewPairs: number;
  groups: number;
  duplicateRows: number;
  model: FsModel;
  /** The comparisons the model was trained on (CLI report, Splink export). */
  fields?: ModelField[];
  pairs: MatchPair[];
  removed?: Removed[];
  provenance?: Provenance[];
  timingMs: Record<string, number>;
  /** Columns left out of matching, and why. */
  skippedColumns: Array<{ column: string; why: string }>;
  /** Set when the table was not deduplicated at all, and why (a table of orders, not customers). */
  skipped?: { reason: string };
}

/** Most review pairs listed in the report (the most likely first); reviewPairs counts all. */
export const MAX_REVIEW_PAIRS = 2000;

/** The candidate pairs worth remembering, with each one's full score on demand. */
interface Scored {
  /** Pair id (i·n + j, i < j) → its index among the candidates; relatives never link. */
  linked: Map<number, number>;
  /** Auto-band pairs: the edges clustering starts from. */
  edges: Array<{ a: number; b: number; probability: number }>;
  pairId(i: number, j: number): number;
  /** Full score of a pair: from its comparison levels when it was a candidate, compared afresh otherwise. */
  scoreOf(i: number, j: number): PairScore;
  /** The weight alone of a linked candidate (by its index). */
  weightOf(p: number): number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function dedupeTable(table: Table, roles: Roles, options: DedupeOptions = {}): StepResult<DedupeReport> {
  // One customer's order lines share a name, an e-mail and a phone: they are not duplicates.
  // The analysis rolls orders up per customer; here the table is left as it is.
  // Roles alone would also match a customer list with each customer's last order number (realworld):
  // the lines must roll up as orders do (core/analysis/orders.ts isOrderLines).
  if (isOrderLines(table, roles)) return notDeduplicated(table, translator(DEDUPE_TEXT, options.lang ?? 'en')('ordersTable'));
  const timing: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => { const x = Date.now(); timing[name] = x - t; t = x; };
  const auto = options.autoThreshold ?? DEFAULT_THRESHOLDS.auto;
  const thresholds: Thresholds = { auto, review: Math.min(options.reviewThreshold ?? DEFAULT_THRESHOLDS.review, auto) };
  const n = table.rows.length;

  const base = prepare(table, roles, options.ignore, options.comparisons);
  lap('prepare');
  const cand = candidatePairs(base.records, BLOCKING_RULES);
  lap('blocking');
  const gamma = compareCandidates(base, cand);
  lap('compare');
  const totalPairs = (n * (n - 1)) / 2;
  const model = train(base, gamma, cand.count, totalPairs, options.seed);
  const engine = withModel(base, model, thresholds);
  lap('train');
  const scored = scoreCandidates(engine, cand, gamma, n);
  lap('score');
  const keyOf = lazyRecordKeys(table, roles, base.records, !!options.ignore?.length);
  const decided = decisionsOf(options.decisions ?? [], keyOf, n, scored.pairId);
  const clusters = cluster({
    n, edges: scored.edges, accepts: decided.accepts, minLink: thresholds.review,
    pairProbability: (i, j) => { const s = scored.scoreOf(i, j); return s.household ? 0 : s.probability; },
    rejected: (i, j) => decided.rejects.has(scored.pairId(i, j)),
  });
  lap('cluster');
  const groups = groupsOf(table, clusters);
  const lang = options.lang ?? 'en';
  const columns = flagValues(engine, groups, scored, new Set(decided.accepts.map(([i, j]) => scored.pairId(i, j))), n, lang);
  const { pairs, reviewTotal } = reportPairs(engine, scored, clusters, decided.rejects, keyOf, n, lang);
  lap('explain');

  let out = withColumns(table, FLAG_COLUMNS, columns);
  const changes: Change[] = flagChanges(table, columns);
  const report: DedupeReport = {
    rows: n,
    candidatePairs: cand.count,
    reductionRatio: totalPairs ? 1 - cand.count / totalPairs : 0,
    blockingRules: cand.perRule,
    autoPairs: pairs.filter((p) => p.band === 'auto').length,
    reviewPairs: reviewTotal,
    groups: groups.length,
    duplicateRows: groups.reduce((s, g) => s + g.rows.length - 1, 0),
    model,
    fields: modelFields(base, model, table.header),
    pairs,
    timingMs: timing,
    skippedColumns: base.plan.skipped,
  };
  if (options.mode === 'merge') {
    const merged = mergeGroups(out, roles, groups, decided.choices);
    out = merged.table;
    changes.push(...merged.changes);
    report.removed = merged.removed;
    report.provenance = merged.provenance;
    lap('merge');
  }
  timing.total = Object.values(timing).reduce((a, b) => a + b, 0);
  return { table: out, changes, report };
}

/** The table as it is, with a report that says why nothing was looked for. */
function notDeduplicated(table: Table, reason: string): StepResult<DedupeReport> {
  const n = table.rows.length;
  return {
    table,
    changes: [],
    report: {
      rows: n, candidatePairs: 0, reductionRatio: 0, blockingRules: [], autoPairs: 0, reviewPairs: 0, groups: 0,
      duplicateRows: 0, model: priorModel([]), fields: [], pairs: [], timingMs: { total: 0 }, skippedColumns: [], skipped: { reason },
    },
  };
}

/** Every candidate pair's comparison levels, F to a pair, in one typed array. */
function compareCandidates(base: Prepared, cand: CandidatePairs): Int8Array {
  const F = base.comparisons.length;
  const gamma = new Int8Array(cand.count * F);
  for (let p = 0; p < cand.count; p++) {
    const x = base.records[cand.a[p]];
    const y = base.records[cand.b[p]];
    for (let k = 0; k < F; k++) gamma[p * F + k] = base.comparisons[k].compare(x, y);
  }
  return gamma;
}

/** The weights: u from random pairs, m and the prior by EM over the candidate pairs. */
function train(base: Prepared, gamma: Int8Array, count: number, totalPairs: number, seed = 20240601): FsModel {
  const u = estimateU(base.comparisons, base.records, seededRandom(seed));
  return base.comparisons.length ? trainEm(base.comparisons, gamma, count, u, totalPairs) : priorModel(base.comparisons);
}

/** The candidate pairs in a band (most stop at their weight, without being scored in full). */
function scoreCandidates(engine: Engine, cand: CandidatePairs, gamma: Int8Array, n: number): Scored {
  const F = engine.comparisons.length;
  const records = engine.records;
  const linked = new Map<number, number>();
  const pairId = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const edges: Scored['edges'] = [];
  const minWeight = Math.log2(engine.thresholds.review / (1 - engine.thresholds.review));
  for (let p = 0; p < cand.count; p++) {
    const i = cand.a[p];
    const j = cand.b[p];
    if (pairWeight(engine, gamma, records[i], p * F, i) < minWeight && !liftable(engine, gamma, p * F, records[i], records[j])) continue;
    const s = scoreLevels(engine, gamma, records[i], records[j], p * F, false, i);
    if (s.band === 'none') continue;
    linked.set(pairId(i, j), p);
    if (s.band === 'auto') edges.push({ a: i, b: j, probability: s.probability });
  }
  const scoreOf = (i: number, j: number): PairScore => {
    const p = linked.get(pairId(i, j));
    return p === undefined ? scorePair(engine, i, j) : scoreLevels(engine, gamma, records[cand.a[p]], records[cand.b[p]], p * F, true, cand.a[p]);
  };
  const weightOf = (p: number): number => pairWeight(engine, gamma, records[cand.a[p]], p * F, cand.a[p]);
  return { linked, edges, pairId, scoreOf, weightOf };
}

/** The user's Accept / Reject decisions, by record key, as pairs of rows of this table. */
function decisionsOf(decisions: Decision[], keyOf: (row: number) => string, n: number, pairId: Scored['pairId']): { rejects: Set<number>; accepts: Array<[number, number]>; choices: FieldChoice[] } {
  const rejects = new Set<number>();
  const accepts: Array<[number, number]> = [];
  const choices: FieldChoice[] = [];
  if (!decisions.length) return { rejects, accepts, choices };
  const rowsByKey = new Map<string, number[]>();
  for (let i = 0; i < n; i++) { const k = keyOf(i); const l = rowsByKey.get(k); if (l) l.push(i); else rowsByKey.set(k, [i]); }
  for (const d of decisions) {
    const A = rowsByKey.get(d.a) ?? [];
    const B = rowsByKey.get(d.b) ?? [];
    for (const i of A) for (const j of B) {
      if (i === j) continue;
      if (d.decision === 'reject') rejects.add(pairId(i, j));
      else {
        accepts.push([i, j]);
        // The values the user chose for a merge (sidebar review), honoured by mergeGroups.
        if (d.fields && Object.keys(d.fields).length) choices.push({ a: i, b: j, fields: d.fields });
      }
    }
  }
  return { rejects, accepts, choices };
}

/** Groups of two or more rows, each with its main record, in row order. */
function groupsOf(table: Table, clusters: Clusters): Group[] {
  const groups: Group[] = [];
  for (const members of clusters.members.values()) {
    if (members.length < 2) continue;
    groups.push({ survivor: mostComplete(table, members), rows: members });
  }
  return groups.sort((x, y) => x.rows[0] - y.rows[0]);
}

/** The values of the four flag columns: group, duplicate of (sheet row), score, reason. */
function flagValues(engine: Engine, groups: Group[], scored: Scored, forced: Set<number>, n: number, lang: Lang): Cell[][] {
  const t = translator(DEDUPE_TEXT, lang);
  const groupCol: Cell[] = new Array(n).fill('');
  const ofCol: Cell[] = new Array(n).fill('');
  const scoreCol: Cell[] = new Array(n).fill('');
  const reasonCol: Cell[] = new Array(n).fill('');
  groups.forEach((g, gi) => {
    let best = 0;
    for (const r of g.rows) {
      groupCol[r] = gi + 1;
      if (r === g.survivor) continue;
      const s = scored.scoreOf(r, g.survivor);
      best = Math.max(best, s.probability);
      ofCol[r] = g.survivor + 2;
      scoreCol[r] = round2(s.probability);
      const why = reasonText(engine, s, engine.records[r], engine.records[g.survivor], lang);
      reasonCol[r] = forced.has(scored.pairId(r, g.survivor)) ? t('marked', { why }) : why;
    }
    scoreCol[g.survivor] = round2(best);
    reasonCol[g.survivor] = t('main', { n: g.rows.length });
  });
  return [groupCol, ofCol, scoreCol, reasonCol];
}

/**
 * The pairs the report lists: auto pairs all, review pairs the most likely first up to a cap
 * (nobody reviews more, and scoring 100 000 namesake pairs in full would cost seconds).
 */
function reportPairs(engine: Engine, scored: Scored, clusters: Clusters, rejects: Set<number>, keyOf: (row: number) => string, n: number, lang: Lang): { pairs: MatchPair[]; reviewTotal: number } {
  const kept: Array<{ i: number; j: number; w: number; same: boolean }> = [];
  // Review pairs stay as pair ids and weights until the cap has picked the few kept.
  const reviewIds: number[] = [];
  const reviewW: number[] = [];
  for (const [id, p] of scored.linked) {
    if (rejects.has(id)) continue;
    const i = Math.floor(id / n);
    const j = id - i * n;
    const w = scored.weightOf(p);
    if (clusters.root[i] === clusters.root[j]) kept.push({ i, j, w, same: true });
    else { reviewIds.push(id); reviewW.push(w); }
  }
  kept.push(...topReview(reviewIds, reviewW, n, MAX_REVIEW_PAIRS));
  kept.sort((x, y) => x.i - y.i || x.j - y.j);
  const pairs = kept.map(({ i, j, same }) => reportedPair(engine, scored.scoreOf(i, j), i, j, [keyOf(i), keyOf(j)], same ? 'auto' : 'review', lang));
  return { pairs, reviewTotal: reviewIds.length };
}

/**
 * The `max` review pairs with the highest weight (ties: lower rows first), sorted so. Only
 * pairs at or above the max-th highest weight are made into objects and fully sorted: the
 * same pairs as sorting all of them, without ~100k objects at 100k rows.
 */
function topReview(ids: number[], weights: number[], n: number, max: number): Array<{ i: number; j: number; w: number; same: boolean }> {
  let cut = -Infinity;
  let all = true;
  if (ids.length > max) {
    const w = Float64Array.from(weights).sort();
    // NaN sorts last and would make the comparison below unsafe: then keep every pair.
    if (!Number.isNaN(w[w.length - 1])) { cut = w[w.length - max]; all = false; }
  }
  const out: Array<{ i: number; j: number; w: number; same: boolean }> = [];
  for (let k = 0; k < ids.length; k++) {
    if (!all && !(weights[k] >= cut)) continue;
    const i = Math.floor(ids[k] / n);
    out.push({ i, j: ids[k] - i * n, w: weights[k], same: false });
  }
  out.sort((x, y) => y.w - x.w || x.i - y.i || x.j - y.j);
  return out.slice(0, max);
}

function modelFields(base: Prepared, model: FsModel, header: string[]): ModelField[] {
  return base.comparisons.map((c) => {
    const columns = (c.columns ? c.columns(base.plan) : []).map((col) => header[col]);
    const meanings = c.levels.map(({ label: _label, m: _m, u: _u, ...meaning }) => meaning);
    return {
      field: c.field,
      levels: c.levels.map((l) => l.label),
      meanings,
      m: (model.m[c.field] ?? c.levels.map((l) => l.m)).slice(),
      u: (model.u[c.field] ?? c.levels.map((l) => l.u)).slice(),
      columns,
      tf: !!c.tfValue,
      tfColumn: c.tfValue ? columns[0] ?? null : null,
    };
  });
}
