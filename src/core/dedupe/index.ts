/**
 * Deduplication of whole customer records (issue 3 §3): blocking → per-field comparison
 * levels → Fellegi–Sunter weights learnt by EM → bands → clustering without chaining →
 * flag or merge. See engine.ts for bands, model.ts for the weights, cluster.ts for groups.
 */
import { Cell, Change, ColumnRole, Roles, StepResult, Table, isCdmColumn, isEmpty } from '../table';
import { seededRandom } from '../random';
import { detectRoles } from '../roles';
import { BLOCKING_RULES, candidatePairs } from './blocking';
import { cluster } from './cluster';
import { MISSING } from './comparisons';
import { Engine, FieldExplanation, PairScore, DEFAULT_THRESHOLDS, explain, pairWeight, prepare, reasonText, scoreLevels, scorePair, withModel } from './engine';
import { extractRecord, PersonRecord } from './features';
import { Group, Provenance, Removed, mergeGroups } from './merge';
import { FsModel, estimateU, priorModel, trainEm } from './model';
import { digitsOnly, fnv1a, fold, phonetic } from './text';
import { emailMatchKey, phoneKey } from './keys';
import { canonicalFirstName } from './nicknames';

export type { FieldExplanation } from './engine';
export { buildMatcher, matchOne } from './matcher';
export type { Matcher } from './matcher';
export { candidateRows, matchIncoming } from './incoming';
export type { IncomingMatch, IncomingOptions } from './incoming';
export { mergeIncoming } from './merge';
export type { IncomingMergeChange } from './merge';
export { matchColumns } from './keys';

export interface Decision { a: string; b: string; decision: 'accept' | 'reject' }

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
}

export interface MatchPair {
  a: number; b: number; keyA: string; keyB: string;
  probability: number; weight: number; band: 'auto' | 'review';
  explanation: FieldExplanation[];
  /** Plain-words summary of the explanation. */
  reason: string;
}

/** One comparison of the trained model, for exports (Splink): m and u in `model` follow `levels`. */
export interface ModelField {
  field: string;
  /** Level names, best first; a blank on either side is "missing" and has no level. */
  levels: string[];
  /** The table's columns the field is read from. */
  columns: string[];
  /** Exact agreements are adjusted by the value's frequency. */
  tf: boolean;
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
}

/** Most review pairs listed in the report (the most likely first); reviewPairs counts all. */
export const MAX_REVIEW_PAIRS = 2000;

export const FLAG_COLUMNS = ['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason'] as const;

/**
 * A record's stable id across runs: a hash of its folded first and last name, e-mail match
 * keys, phone digits and birth date — the values that say who the customer is. It does not
 * change when CDM columns are added or other columns (spend, notes) are edited, and it is
 * the same before and after re-normalising an already clean sheet. Rows with none of these
 * fall back to a hash of all their non-CDM cells. Two identical rows share a key, which is
 * right for decisions: a decision about one applies to its exact copy.
 */
export function recordKey(table: Table, roles: Roles, row: number): string {
  return keysFor(table, roles, [row])[0];
}

function keyOfRecord(r: PersonRecord, cells: Cell[], header: string[]): string {
  let text = [r.first, r.last, r.emails.slice().sort().join(','), r.phones.slice().sort().join(','), r.dob].join('|');
  if (text === '||||') {
    text = cells.filter((_, i) => !isCdmColumn(header[i])).map((c) => (c instanceof Date ? c.toISOString() : String(c))).join('|');
  }
  return fnv1a(text) + fnv1a(text, 0x9747b28c);
}

function keysFor(table: Table, roles: Roles, rows: number[]): string[] {
  // The key ignores the role of identifier columns (a new CDM id column must not change keys).
  const base = prepare({ header: table.header, rows: [] }, roles);
  return rows.map((i) => keyOfRecord(extractRecord(table.rows[i], base.plan), table.rows[i], table.header));
}

function now(): number {
  return Date.now();
}

export function dedupeTable(table: Table, roles: Roles, options: DedupeOptions = {}): StepResult<DedupeReport> {
  const timing: Record<string, number> = {};
  let t = now();
  const lap = (name: string) => { const x = now(); timing[name] = x - t; t = x; };
  const thresholds = {
    auto: options.autoThreshold ?? DEFAULT_THRESHOLDS.auto,
    review: Math.min(options.reviewThreshold ?? DEFAULT_THRESHOLDS.review, options.autoThreshold ?? DEFAULT_THRESHOLDS.auto),
  };
  const n = table.rows.length;
  const base = prepare(table, roles, options.ignore);
  lap('prepare');
  const cand = candidatePairs(base.records, BLOCKING_RULES);
  lap('blocking');
  const F = base.comparisons.length;
  const gamma = new Int8Array(cand.count * F);
  for (let p = 0; p < cand.count; p++) {
    const x = base.records[cand.a[p]];
    const y = base.records[cand.b[p]];
    for (let k = 0; k < F; k++) gamma[p * F + k] = base.comparisons[k].compare(x, y);
  }
  lap('compare');
  const totalPairs = (n * (n - 1)) / 2;
  const u = estimateU(base.comparisons, base.records, seededRandom(options.seed ?? 20240601));
  const model = F ? trainEm(base.comparisons, gamma, cand.count, u, totalPairs) : priorModel(base.comparisons);
  const engine = withModel(base, model, thresholds);
  lap('train');

  // The candidate pairs worth remembering (by their index in gamma); relatives never link.
  const linked = new Map<number, number>();
  const pairId = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const edges: Array<{ a: number; b: number; probability: number }> = [];
  const minWeight = Math.log2(thresholds.review / (1 - thresholds.review));
  for (let p = 0; p < cand.count; p++) {
    const i = cand.a[p];
    if (pairWeight(engine, gamma, base.records[i], p * F, i) < minWeight) continue;
    const s = scoreLevels(engine, gamma, base.records[i], p * F, false, i);
    if (s.band === 'none') continue;
    linked.set(pairId(i, cand.b[p]), p);
    if (s.band === 'auto') edges.push({ a: i, b: cand.b[p], probability: s.probability });
  }
  /** Full score of a pair: from gamma when it was a candidate, compared afresh otherwise. */
  const scoreOf = (i: number, j: number): PairScore => {
    const p = linked.get(pairId(i, j));
    return p === undefined ? scorePair(engine, i, j) : scoreLevels(engine, gamma, base.records[cand.a[p]], p * F, true, cand.a[p]);
  };
  lap('score');

  // Keys must not depend on options (an ignored column would change them between runs).
  // They are only needed for decisions and for the pairs reported, so they are made lazily.
  const keyCache: string[] = [];
  const ignorePlan = options.ignore?.length ? prepare({ header: table.header, rows: [] }, roles).plan : null;
  const keyOf = (i: number): string => (keyCache[i] ??= keyOfRecord(ignorePlan ? extractRecord(table.rows[i], ignorePlan) : base.records[i], table.rows[i], table.header));
  const rejects = new Set<number>();
  const accepts: Array<[number, number]> = [];
  if (options.decisions?.length) {
    const rowsByKey = new Map<string, number[]>();
    for (let i = 0; i < n; i++) { const k = keyOf(i); const l = rowsByKey.get(k); if (l) l.push(i); else rowsByKey.set(k, [i]); }
    for (const d of options.decisions) {
      const A = rowsByKey.get(d.a) ?? [];
      const B = rowsByKey.get(d.b) ?? [];
      for (const i of A) for (const j of B) {
        if (i === j) continue;
        if (d.decision === 'reject') rejects.add(pairId(i, j)); else accepts.push([i, j]);
      }
    }
  }
  const probabilityOf = (i: number, j: number): number => {
    const s = scoreOf(i, j);
    return s.household ? 0 : s.probability;
  };
  const clusters = cluster({
    n, edges, accepts, minLink: thresholds.review,
    pairProbability: probabilityOf,
    rejected: (i, j) => rejects.has(pairId(i, j)),
  });
  lap('cluster');

  const groups: Group[] = [];
  for (const members of clusters.members.values()) {
    if (members.length < 2) continue;
    groups.push({ survivor: mostComplete(table, members), rows: members });
  }
  groups.sort((x, y) => x.rows[0] - y.rows[0]);
  const forced = new Set(accepts.map(([i, j]) => pairId(i, j)));

  const groupCol: Cell[] = new Array(n).fill('');
  const ofCol: Cell[] = new Array(n).fill('');
  const scoreCol: Cell[] = new Array(n).fill('');
  const reasonCol: Cell[] = new Array(n).fill('');
  groups.forEach((g, gi) => {
    let best = 0;
    for (const r of g.rows) {
      groupCol[r] = gi + 1;
      if (r === g.survivor) continue;
      const s = scoreOf(r, g.survivor);
      best = Math.max(best, s.probability);
      ofCol[r] = g.survivor + 2;
      scoreCol[r] = round2(s.probability);
      const why = reasonText(engine, s, engine.records[r], engine.records[g.survivor]);
      reasonCol[r] = forced.has(pairId(r, g.survivor)) ? `marked as the same customer; ${why}` : why;
    }
    scoreCol[g.survivor] = round2(best);
    reasonCol[g.survivor] = `main record of ${g.rows.length} rows`;
  });

  // Auto pairs all, review pairs the most likely first up to a cap: nobody reviews more,
  // and explaining 100 000 namesake pairs would cost seconds.
  const kept: Array<{ i: number; j: number; w: number; same: boolean }> = [];
  // Review pairs stay as pair ids and weights until the cap has picked the few kept.
  const reviewIds: number[] = [];
  const reviewW: number[] = [];
  for (const [id, p] of linked) {
    if (rejects.has(id)) continue;
    const i = Math.floor(id / n);
    const j = id - i * n;
    const w = pairWeight(engine, gamma, base.records[cand.a[p]], p * F, cand.a[p]);
    if (clusters.root[i] === clusters.root[j]) kept.push({ i, j, w, same: true });
    else { reviewIds.push(id); reviewW.push(w); }
  }
  const reviewTotal = reviewIds.length;
  kept.push(...topReview(reviewIds, reviewW, n, MAX_REVIEW_PAIRS));
  kept.sort((x, y) => x.i - y.i || x.j - y.j);
  const pairs: MatchPair[] = kept.map(({ i, j, same }) => {
    const s = scoreOf(i, j);
    return {
    a: i, b: j, keyA: keyOf(i), keyB: keyOf(j),
    probability: round4(s.probability), weight: Math.round(s.weight * 100) / 100,
    band: same ? 'auto' : 'review',
    explanation: explain(engine, s),
    reason: reasonText(engine, s, engine.records[i], engine.records[j]),
    };
  });
  lap('explain');

  let out = withColumns(table, FLAG_COLUMNS, [groupCol, ofCol, scoreCol, reasonCol]);
  const changes: Change[] = flagChanges(table, [groupCol, ofCol, scoreCol, reasonCol]);
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
    fields: modelFields(base, table.header),
    pairs,
    timingMs: timing,
    skippedColumns: base.plan.skipped,
  };
  if (options.mode === 'merge') {
    const merged = mergeGroups(out, roles, groups);
    out = merged.table;
    changes.push(...merged.changes);
    report.removed = merged.removed;
    report.provenance = merged.provenance;
    lap('merge');
  }
  timing.total = Object.values(timing).reduce((a, b) => a + b, 0);
  return { table: out, changes, report };
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

function modelFields(base: ReturnType<typeof prepare>, header: string[]): ModelField[] {
  const p = base.plan;
  const names = (cols: number[]) => cols.map((c) => header[c]);
  const columnsOf: Record<string, number[]> = {
    'first name': p.firstColumns.length ? p.firstColumns : p.nameColumns,
    'last name': p.lastColumns.length ? p.lastColumns : p.nameColumns,
    'e-mail': p.emailColumns, phone: p.phoneColumns, street: p.streetColumns, city: p.cityColumns,
    postcode: p.postcodeColumns, state: p.stateColumns, 'birth date': p.dobColumns,
  };
  return base.comparisons.map((c) => ({
    field: c.field,
    levels: c.levels.slice(),
    // Identifier comparisons are named after their column (which could be called "city").
    columns: !p.idColumns.some((col) => header[col] === c.field) && Object.prototype.hasOwnProperty.call(columnsOf, c.field) ? names(columnsOf[c.field]) : [c.field],
    tf: !!c.tfValue,
  }));
}

function round2(x: number): number { return Math.round(x * 100) / 100; }
function round4(x: number): number { return Math.round(x * 10000) / 10000; }

function mostComplete(table: Table, rows: number[]): number {
  let best = rows[0];
  let bestCount = -1;
  for (const r of rows) {
    let c = 0;
    table.rows[r].forEach((v, i) => { if (!isCdmColumn(table.header[i]) && !isEmpty(v) && String(v).trim() !== '') c++; });
    if (c > bestCount) { best = r; bestCount = c; }
  }
  return best;
}

/**
 * Same result as withColumn once per column, in order, but each row is copied once instead
 * of once per column (four copies of 100k rows were a good part of the step's garbage).
 */
function withColumns(table: Table, names: readonly string[], columns: Cell[][]): Table {
  const header = table.header.slice();
  const at = names.map((name) => table.header.indexOf(name));
  names.forEach((name, k) => { if (at[k] < 0) header.push(name); });
  const rows = table.rows.map((r, i) => {
    const c = r.slice();
    for (let k = 0; k < names.length; k++) {
      if (at[k] >= 0) c[at[k]] = columns[k][i]; else c.push(columns[k][i]);
    }
    return c;
  });
  return { header, rows };
}

function flagChanges(table: Table, columns: Cell[][]): Change[] {
  const changes: Change[] = [];
  FLAG_COLUMNS.forEach((name, k) => {
    const at = table.header.indexOf(name);
    columns[k].forEach((v, row) => {
      const old: Cell = at >= 0 ? table.rows[row][at] ?? '' : '';
      if (old === v || (old === '' && v === '')) return;
      changes.push({ row, column: name, old, new: v, kind: 'dedupe', reason: v === '' ? 'no longer a duplicate' : 'duplicate check' });
    });
  });
  return changes;
}

function asRecord(value: Record<string, Cell> | string): Record<string, Cell> {
  return typeof value === 'string' ? { Name: value } : value;
}

/**
 * =CDM_MATCH: how likely two records (or two names) are the same customer, from the prior
 * weights (no table to learn from), so the same inputs always give the same answer.
 */
export function matchScore(a: Record<string, Cell> | string, b: Record<string, Cell> | string, roles?: Roles): { score: number; explanation: FieldExplanation[] } {
  const ra = asRecord(a);
  const rb = asRecord(b);
  const header = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  const table: Table = { header, rows: [header.map((h) => ra[h] ?? ''), header.map((h) => rb[h] ?? '')] };
  const r = roles ?? detectRoles(table).roles;
  // With two rows an id column that differs counts as a row key and is left out; an equal one is compared.
  const base = prepare(table, r);
  const engine = withModel(base, priorModel(base.comparisons, MATCH_PRIOR), DEFAULT_THRESHOLDS);
  const s = scorePair(engine, 0, 1);
  return { score: round4(s.household ? Math.min(s.probability, 0.1) : s.probability), explanation: explain(engine, s) };
}

/** Prior chance that two records compared with =CDM_MATCH are the same customer. */
const MATCH_PRIOR = 0.01;

/**
 * =CDM_DEDUPE_KEY: a short key that duplicates usually share, for sorting or COUNTIF. It is
 * the strongest identifier present: the e-mail match key (Gmail dots and +tags ignored);
 * else the phone's last 9 digits; else the sounds-like codes of the name words (nicknames
 * mapped: Bob → Robert), sorted, with the postcode when there is one. Without roles each
 * value is read by its shape (has @ → e-mail; mostly digits → phone or postcode).
 */
export function dedupeKey(values: Cell[], roles?: ColumnRole[]): string {
  const emails: string[] = [];
  const phones: string[] = [];
  const names: string[] = [];
  let postcode = '';
  values.forEach((v, i) => {
    if (isEmpty(v) || v instanceof Date) return;
    const s = String(v).trim();
    if (!s) return;
    const role = roles?.[i] ?? guessRole(s);
    if (role === 'email') emails.push(emailMatchKey(s));
    else if (role === 'phone') { const p = phoneKey(s); if (p) phones.push(p); }
    else if (role === 'postcode') postcode = postcode || fold(s).replace(/ /g, '');
    else if (role === 'name' || role === 'first_name' || role === 'last_name') names.push(...fold(s).split(' ').filter(Boolean));
  });
  if (emails.length) return emails.sort()[0];
  if (phones.length) return phones.sort()[0];
  if (names.length) {
    const code = names.map((w) => phonetic(canonicalFirstName(w))).sort().join('-');
    return postcode ? `${code}|${postcode}` : code;
  }
  return '';
}

function guessRole(s: string): ColumnRole {
  if (s.includes('@')) return 'email';
  const digits = digitsOnly(s).length;
  if (digits >= 7 && digits / s.replace(/\s/g, '').length > 0.6) return 'phone';
  if (digits > 0 && s.length <= 10) return 'postcode';
  return 'name';
}

/** Internal pieces for the matcher, the bench and tests. */
export { MISSING };
export type { Engine };
