/**
 * The scoring engine shared by dedupeTable, the form handler's matcher and =CDM_MATCH:
 * records + comparisons + learnt weights → a pair's weight, probability, band and the
 * field-by-field explanation.
 */
import { Roles, Table } from '../table';
import { Comparison, FIRST_DIFFERENT, MISSING, comparisonsFor } from './comparisons';
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

export interface Engine {
  plan: FieldPlan;
  records: PersonRecord[];
  comparisons: Comparison[];
  tf: TermFrequencies;
  model: FsModel;
  weights: number[][];
  prior: number;
  thresholds: Thresholds;
  /** Index of the first-name comparison, -1 if the table has no names. */
  firstIndex: number;
  /** Comparisons that identify one person, not a household (birth date, identifiers). */
  personal: boolean[];
  /** Best level of each comparison that counts as contact evidence beyond the name (-1: none). */
  contactLevel: number[];
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

export type Prepared = Pick<Engine, 'plan' | 'records' | 'comparisons' | 'tf' | 'firstIndex' | 'personal' | 'contactLevel' | 'tfRows'>;

export function prepare(table: Table, roles: Roles, ignore: string[] = []): Prepared {
  const plan = planFields(table, roles, ignore);
  const records = extractRecords(table, plan);
  const comparisons = comparisonsFor(plan, table.header);
  const { tf, rows: tfRows } = termFrequencyRows(comparisons, records);
  // tfRows: each row's weight change looked up once here rather than once per candidate pair.
  const firstIndex = comparisons.findIndex((c) => c.field === 'first name');
  // A relative shares the household's phone, address and surname, not a birth date, an
  // identity number or (mostly) an e-mail address.
  const personal = comparisons.map((c) => c.field === 'birth date' || c.field === 'e-mail' || plan.idColumns.some((col) => table.header[col] === c.field));
  const CONTACT: Record<string, number> = { 'e-mail': 0, phone: 1, street: 1, 'birth date': 0 };
  const contactLevel = comparisons.map((c, k) => CONTACT[c.field] ?? (personal[k] ? 1 : -1));
  return { plan, records, comparisons, tf, firstIndex, personal, contactLevel, tfRows };
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
  for (let k = 0; k < F; k++) {
    const l = levels[offset + k];
    if (l === MISSING) continue;
    let w = engine.weights[k][l];
    const c = engine.comparisons[k];
    if (l === 0 && c.tfValue) {
      const rows = engine.tfRows[k];
      w += row >= 0 && rows ? rows[row] : tfAdjustment(engine.tf, c.field, c.tfValue(a));
    }
    if (detail) fieldWeights[k] = w;
    weight += w;
    if (l <= engine.contactLevel[k]) contact = true;
    if (engine.personal[k]) {
      if (l === 0 || (l === 1 && c.field !== 'e-mail')) personalAgrees = true;
      else if (l === c.levels.length - 1) personalDiffers = true;
    } else if (k === engine.firstIndex) {
      if (l <= 2) personalAgrees = true;
      else personalDiffers = true;
    }
  }
  const household = engine.firstIndex >= 0 && levels[offset + engine.firstIndex] === FIRST_DIFFERENT && !personalAgrees;
  const p = probability(weight);
  let band: Band = p >= engine.thresholds.auto ? 'auto' : p >= engine.thresholds.review ? 'review' : 'none';
  // Same phone, address and surname but another first name is a relative: never one customer.
  if (household) band = 'none';
  // Only household details agree (phone, address, surname) while something personal differs
  // (another e-mail, a different-looking first name): ask, never merge on its own.
  else if (band === 'auto' && !personalAgrees && personalDiffers) band = 'review';
  // Same name in the same town is not enough to merge without asking: some contact detail,
  // address, birth date or id must agree too (when the table has any).
  else if (band === 'auto' && !contact && engine.contactLevel.some((x) => x >= 0)) band = 'review';
  // A pair a rule sent to review is shown with a score below the auto-match line, so the
  // score a user sees never says "certain" for a pair CDM is asking about.
  const shown = band === 'review' && p >= engine.thresholds.auto ? engine.thresholds.auto - 0.01 : p;
  return { weight, probability: shown, band, levels: own, fieldWeights, household, contact };
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
    if (l === 0) {
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
    out.push({ field: c.field, level: l === MISSING ? 'missing' : c.levels[l], weight: Math.round(s.fieldWeights[k] * 100) / 100 });
  });
  return out;
}

function nameValue(field: string, r: PersonRecord): string {
  switch (field) {
    case 'first name': return r.first;
    case 'last name': return r.last;
    case 'street': return r.street;
    case 'city': return r.city;
    case 'postcode': return r.postcode;
    case 'birth date': return r.dob;
    default: return '';
  }
}

/** Short plain words: "same e-mail, phone; first name close (jon/john); surname differs". */
export function reasonText(engine: Engine, s: PairScore, a: PersonRecord, b: PersonRecord): string {
  const same: string[] = [];
  const close: string[] = [];
  const differs: string[] = [];
  engine.comparisons.forEach((c, k) => {
    const l = s.levels[k];
    if (l === MISSING) return;
    if (l === 0) { same.push(c.label); return; }
    if (l === c.levels.length - 1) { differs.push(c.label); return; }
    const x = nameValue(c.field, a);
    const y = nameValue(c.field, b);
    const shown = x && y && x.length + y.length <= 30 ? ` (${x}/${y})` : '';
    close.push(`${c.label} ${c.levels[l] === 'nickname' ? 'nickname' : 'close'}${shown}`);
  });
  const parts: string[] = [];
  if (same.length) parts.push(`same ${same.join(', ')}`);
  if (close.length) parts.push(close.join(', '));
  if (differs.length) parts.push(`${differs.join(', ')} ${differs.length === 1 ? 'differs' : 'differ'}`);
  if (s.household) parts.push('different first name: a relative?');
  return parts.join('; ');
}
