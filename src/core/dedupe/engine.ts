/**
 * The scoring engine shared by dedupeTable, the incoming-row matcher (form submissions) and
 * =CDM_MATCH: records + comparisons + learnt weights → a pair's weight, probability, band and
 * the field-by-field explanation. The guards and rules below read what each comparison level
 * means (comparisons.ts), never a level's position or a field's name.
 */
import { Roles, Table } from '../table';
import { Comparison, MISSING, comparisonsFor } from './comparisons';
import { FieldPlan, PersonRecord, extractRecords, planFields } from './features';
import { FsModel, TermFrequencies, levelWeights, priorWeight, probability, termFrequencyRows, tfAdjustment } from './model';

export interface FieldExplanation { field: string; level: string; weight: number }

export type Band = 'auto' | 'review' | 'none';

export interface Thresholds { auto: number; review: number }

/**
 * Default bands. Auto-match at 0.95: the model expects at most 1 wrong link in 20 at the
 * boundary, and most auto pairs score far above it (FEBRL1/2 precision is 1.000 from 0.5 to
 * 0.99, see test/core/dedupe/febrl.test.ts). Review from 0.6: below it, FEBRL pairs are
 * almost all different people, and a shop owner's review list stays short.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { auto: 0.95, review: 0.6 };

/** Per comparison, per level, what agreeing there means (from comparisons.ts), as arrays for the hot loop. */
export interface LevelFlags {
  exact: Uint8Array;
  /** 1: a detail of one person agrees; -1: it differs; 0: neither. */
  person: Int8Array;
  contact: Uint8Array;
  relative: Uint8Array;
  ask: Uint8Array;
}

export interface Engine {
  plan: FieldPlan;
  records: PersonRecord[];
  comparisons: Comparison[];
  tf: TermFrequencies;
  model: FsModel;
  weights: number[][];
  prior: number;
  thresholds: Thresholds;
  flags: LevelFlags[];
  /** The table has some way to reach or identify a customer beyond the name (a contact level). */
  hasContact: boolean;
  /** Per comparison with term frequencies, each row's weight change for an exact agreement. */
  tfRows: Array<Float64Array | null>;
}

export interface PairScore {
  weight: number;
  probability: number;
  band: Band;
  levels: Int8Array;
  /** Weight of each comparison (0 when missing), including term-frequency adjustment. */
  fieldWeights: Float64Array;
  /** True when first names clearly differ and nothing personal agrees: relatives, not one person. */
  household: boolean;
  /** True when something beyond the name agrees (e-mail, phone, address, birth date, id). */
  contact: boolean;
}

export type Prepared = Pick<Engine, 'plan' | 'records' | 'comparisons' | 'tf' | 'flags' | 'hasContact' | 'tfRows'>;

/** Which comparisons a table gets (comparisonsFor, or another library in tests and experiments). */
export type ComparisonLibrary = (plan: FieldPlan, header: string[]) => Comparison[];

export function levelFlags(c: Comparison): LevelFlags {
  const bits = (f: (l: Comparison['levels'][number]) => boolean | undefined) => Uint8Array.from(c.levels, (l) => (f(l) ? 1 : 0));
  return {
    exact: bits((l) => l.exact),
    person: Int8Array.from(c.levels, (l) => (l.person === 'agrees' ? 1 : l.person === 'differs' ? -1 : 0)),
    contact: bits((l) => l.contact),
    relative: bits((l) => l.relative),
    ask: bits((l) => l.ask),
  };
}

export function prepare(table: Table, roles: Roles, ignore: string[] = [], library: ComparisonLibrary = comparisonsFor): Prepared {
  const plan = planFields(table, roles, ignore);
  const records = extractRecords(table, plan);
  const comparisons = library(plan, table.header);
  // tfRows: each row's weight change looked up once here rather than once per candidate pair.
  const { tf, rows: tfRows } = termFrequencyRows(comparisons, records);
  const flags = comparisons.map(levelFlags);
  const hasContact = flags.some((f) => f.contact.includes(1));
  return { plan, records, comparisons, tf, flags, hasContact, tfRows };
}

export function withModel(base: Prepared, model: FsModel, thresholds: Thresholds): Engine {
  return { ...base, model, weights: levelWeights(base.comparisons, model), prior: priorWeight(model.lambda), thresholds };
}

export function levelsOf(engine: Engine, a: PersonRecord, b: PersonRecord): Int8Array {
  const out = new Int8Array(engine.comparisons.length);
  for (let k = 0; k < out.length; k++) out[k] = engine.comparisons[k].compare(a, b);
  return out;
}

/**
 * Scores one pair from its comparison levels (at `offset` in a shared array). With
 * `detail` false, `levels` and `fieldWeights` are left empty: scanning a million candidate
 * pairs must not allocate two arrays each.
 */
export function scoreLevels(engine: Engine, levels: Int8Array, a: PersonRecord, offset = 0, detail = true, row = -1): PairScore {
  const F = engine.comparisons.length;
  const own = !detail ? EMPTY_LEVELS : levels.length === F && offset === 0 ? levels : levels.slice(offset, offset + F);
  const fieldWeights = detail ? new Float64Array(F) : EMPTY_WEIGHTS;
  let weight = engine.prior;
  let personalAgrees = false;
  let personalDiffers = false;
  let contact = false;
  let relative = false;
  let ask = false;
  let given = 0;
  let allExact = true;
  for (let k = 0; k < F; k++) {
    const l = levels[offset + k];
    if (l === MISSING) continue;
    const f = engine.flags[k];
    let w = engine.weights[k][l];
    const c = engine.comparisons[k];
    if (f.exact[l] && c.tfValue) {
      const rows = engine.tfRows[k];
      w += row >= 0 && rows ? rows[row] : tfAdjustment(engine.tf, c.field, c.tfValue(a));
    }
    if (detail) fieldWeights[k] = w;
    weight += w;
    given++;
    if (!f.exact[l]) allExact = false;
    if (f.contact[l]) contact = true;
    if (f.relative[l]) relative = true;
    if (f.ask[l]) ask = true;
    const person = f.person[l];
    if (person > 0) personalAgrees = true;
    else if (person < 0) personalDiffers = true;
  }
  const household = relative && !personalAgrees;
  // Every detail both rows give is the same, a way to reach the customer among them: the same
  // customer typed twice, however little the weights make of it (one e-mail alone among
  // 50 000 customers). Such a pair scores at least EXACT_DUPLICATE; the user's thresholds
  // still decide its band.
  const exactDuplicate = !household && given > 0 && allExact && contact;
  const p = exactDuplicate ? Math.max(probability(weight), EXACT_DUPLICATE) : probability(weight);
  let band: Band = p >= engine.thresholds.auto ? 'auto' : p >= engine.thresholds.review ? 'review' : 'none';
  // Same phone, address and surname but another first name is a relative: never one customer.
  if (household) band = 'none';
  // Only household details agree (phone, address, surname) while something personal differs
  // (another e-mail, a different-looking first name): ask, never merge on its own.
  else if (band === 'auto' && !personalAgrees && personalDiffers) band = 'review';
  // Same name in the same town is not enough to merge without asking: some contact detail,
  // address, birth date or id must agree too (when the table has any).
  else if (band === 'auto' && !contact && engine.hasContact) band = 'review';
  // Some agreements are always worth asking about (a shared mailbox under another name).
  else if (band === 'none' && ask) band = 'review';
  // A pair a rule sent to review is shown with a score below the auto-match line, so the
  // score a user sees never says "certain" for a pair CDM is asking about.
  const shown = band === 'review' && p >= engine.thresholds.auto ? engine.thresholds.auto - 0.01 : p;
  return { weight, probability: shown, band, levels: own, fieldWeights, household, contact };
}

/** The least score of an exact duplicate (every detail given the same, a contact among them). */
const EXACT_DUPLICATE = 0.99;

/**
 * Whether a pair below the review line can still be lifted by a rule (an exact duplicate, a
 * level always worth asking about): the batch skips the others without scoring them.
 */
export function liftable(engine: Engine, levels: Int8Array, offset: number): boolean {
  let given = 0;
  let allExact = true;
  let contact = false;
  for (let k = 0; k < engine.comparisons.length; k++) {
    const l = levels[offset + k];
    if (l === MISSING) continue;
    const f = engine.flags[k];
    if (f.ask[l]) return true;
    given++;
    if (!f.exact[l]) allExact = false;
    if (f.contact[l]) contact = true;
  }
  return given > 0 && allExact && contact;
}

const EMPTY_LEVELS = new Int8Array(0);
const EMPTY_WEIGHTS = new Float64Array(0);

/** The weight alone, without allocating: most candidate pairs stop here. */
export function pairWeight(engine: Engine, levels: Int8Array, a: PersonRecord, offset: number, row = -1): number {
  let weight = engine.prior;
  const F = engine.comparisons.length;
  for (let k = 0; k < F; k++) {
    const l = levels[offset + k];
    if (l === MISSING) continue;
    weight += engine.weights[k][l];
    if (engine.flags[k].exact[l]) {
      const rows = engine.tfRows[k];
      if (rows && row >= 0) weight += rows[row];
      else {
        const c = engine.comparisons[k];
        if (c.tfValue) weight += tfAdjustment(engine.tf, c.field, c.tfValue(a));
      }
    }
  }
  return weight;
}

export function scorePair(engine: Engine, i: number, j: number): PairScore {
  const a = engine.records[i];
  return scoreLevels(engine, levelsOf(engine, a, engine.records[j]), a, 0, true, i);
}

export function explain(engine: Engine, s: PairScore): FieldExplanation[] {
  const out: FieldExplanation[] = [];
  engine.comparisons.forEach((c, k) => {
    const l = s.levels[k];
    out.push({ field: c.field, level: l === MISSING ? 'missing' : c.levels[l].label, weight: Math.round(s.fieldWeights[k] * 100) / 100 });
  });
  return out;
}

/** Short plain words: "same e-mail, phone; first name close (jon/john); surname differs". */
export function reasonText(engine: Engine, s: PairScore, a: PersonRecord, b: PersonRecord): string {
  const same: string[] = [];
  const close: string[] = [];
  const differs: string[] = [];
  engine.comparisons.forEach((c, k) => {
    const l = s.levels[k];
    if (l === MISSING) return;
    const level = c.levels[l];
    if (level.exact) { same.push(c.label); return; }
    if (level.differs) { differs.push(c.label); return; }
    const x = c.shown ? c.shown(a) : '';
    const y = c.shown ? c.shown(b) : '';
    const shown = x && y && x.length + y.length <= 30 ? ` (${x}/${y})` : '';
    close.push(`${c.label} ${level.word ?? 'close'}${shown}`);
  });
  const parts: string[] = [];
  if (same.length) parts.push(`same ${same.join(', ')}`);
  if (close.length) parts.push(close.join(', '));
  if (differs.length) parts.push(`${differs.join(', ')} ${differs.length === 1 ? 'differs' : 'differ'}`);
  if (s.household) parts.push('different first name: a relative?');
  return parts.join('; ');
}
