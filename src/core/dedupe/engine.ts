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
  reach: Uint8Array;
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

function levelFlags(c: Comparison): LevelFlags {
  const bits = (f: (l: Comparison['levels'][number]) => boolean | undefined) => Uint8Array.from(c.levels, (l) => (f(l) ? 1 : 0));
  return {
    exact: bits((l) => l.exact),
    person: Int8Array.from(c.levels, (l) => (l.person === 'agrees' ? 1 : l.person === 'differs' ? -1 : 0)),
    contact: bits((l) => l.contact),
    relative: bits((l) => l.relative),
    ask: bits((l) => l.ask),
    reach: bits((l) => l.reach),
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
export function scoreLevels(engine: Engine, levels: Int8Array, a: PersonRecord, b: PersonRecord, offset = 0, detail = true, row = -1): PairScore {
  const F = engine.comparisons.length;
  const own = !detail ? EMPTY_LEVELS : levels.length === F && offset === 0 ? levels : levels.slice(offset, offset + F);
  const fieldWeights = detail ? new Float64Array(F) : EMPTY_WEIGHTS;
  let weight = engine.prior;
  let personalAgrees = false;
  let personalDiffers = false;
  let contact = false;
  let relative = false;
  let ask = false;
  let reach = false;
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
    if (!f.exact[l]) allExact = false;
    if (f.contact[l]) contact = true;
    if (f.reach[l]) reach = true;
    if (f.relative[l]) relative = true;
    if (f.ask[l]) ask = true;
    const person = f.person[l];
    if (person > 0) personalAgrees = true;
    else if (person < 0) personalDiffers = true;
  }
  const household = relative && !personalAgrees;
  // One row's details are all in the other, the same, the e-mail or phone among them: the
  // customer typed (or submitted) twice, however little the weights make of it (one e-mail
  // alone among 50 000 customers). Such a pair scores at least EXACT_DUPLICATE; the user's
  // thresholds still decide its band.
  const exactDuplicate = !household && allExact && reach && oneWithinOther(engine, levels, offset, a, b);
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
 * Every detail one row gives, the other gives too (a field blank on one side only is blank in
 * the same row for all of them). A comparison of a row with itself is MISSING exactly where
 * the row has no value.
 */
function oneWithinOther(engine: Engine, levels: Int8Array, offset: number, a: PersonRecord, b: PersonRecord): boolean {
  let aOnly = false;
  let bOnly = false;
  for (let k = 0; k < engine.comparisons.length; k++) {
    if (levels[offset + k] !== MISSING) continue;
    const c = engine.comparisons[k];
    const hasA = c.compare(a, a) !== MISSING;
    const hasB = c.compare(b, b) !== MISSING;
    if (hasA && !hasB) aOnly = true;
    else if (hasB && !hasA) bOnly = true;
    if (aOnly && bOnly) return false;
  }
  return true;
}

/**
 * Whether a pair below the review line can still be lifted by a rule (an exact duplicate, a
 * level always worth asking about): the batch skips the others without scoring them.
 */
export function liftable(engine: Engine, levels: Int8Array, offset: number, a: PersonRecord, b: PersonRecord): boolean {
  let allExact = true;
  let reach = false;
  for (let k = 0; k < engine.comparisons.length; k++) {
    const l = levels[offset + k];
    if (l === MISSING) continue;
    const f = engine.flags[k];
    if (f.ask[l]) return true;
    if (!f.exact[l]) allExact = false;
    if (f.reach[l]) reach = true;
  }
  return allExact && reach && oneWithinOther(engine, levels, offset, a, b);
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
  const b = engine.records[j];
  return scoreLevels(engine, levelsOf(engine, a, b), a, b, 0, true, i);
}
