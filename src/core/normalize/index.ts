/**
 * The normalise step: every user column cleaned by its role. Each changed cell becomes a
 * 'normalise' change (the audit log and the undo); each value we could not clean with
 * confidence is kept as typed and recorded as a 'flag' change (old === new).
 *
 * A value changes only when CDM knows exactly what it means (README: What CDM changes, Values):
 * - text becomes a number only when nothing is lost (no leading zero, at most 15 digits) and
 *   the decimal point is certain — from the column's own values, else the sheet's locale,
 *   else (a CSV, no locale) the other number columns of the same table;
 * - codes (ids, postcodes, country and state codes, order numbers) and company names are
 *   never re-cased or turned into numbers: only stray spaces go;
 * - only personal names typed in one case are re-cased (see name.ts);
 * - placeholder words ("N/A", "none") empty a cell only where they cannot be a real value.
 * `changed` counts cells whose shown value changed; a text that becomes the same-looking
 * number or date (a type change, kept in the log for undo) counts as `retyped`.
 */
import { type Cell, type Change, type ColumnRole, type Roles, type StepResult, type Table, isCdmColumn } from '../table';
import { detectRoles, type RoleDetail } from '../roles';
import { isPlaceholder } from './missing';
import { normaliseEmail } from './email';
import { normaliseName, collapseSpaces } from './name';
import { normalisePhone } from './phone';
import { readNumber, decimalEvidence, decimalForLocale, isCodeText, type Decimal } from './money';
import { checkBirthYear, cleanDate, planDates, type DatePlan } from './date';
import { cleanCountry, countryCode, planCountries, type CountryPlan } from './country';
import { trimBy } from './trim';
import { NORMALISE_TEXT, type NormaliseKey } from '../../i18n/normalize';
import { translator, type Lang } from '../../i18n/index';
import { shown as brief, withReason } from '../shown';

export { isPlaceholder } from './missing';
export { normaliseEmail, emailMatchKey } from './email';
export { normaliseName, splitPersonName } from './name';
export { normalisePhone, regionFromCountry, regionFromLocale, type PhoneResult } from './phone';
export { parseMoney, readNumber, decimalEvidence, decimalForLocale, isCodeText, type Decimal, type NumberRead } from './money';
export { inferDateOrder, parseDate, planDates, cleanDate, type DateOrder, type DatePlan } from './date';
export { countryCode, planCountries, cleanCountry } from './country';

export interface NormaliseOptions {
  region?: string;
  roles?: Roles;
  /** The spreadsheet's locale ('de_DE'): the decimal point when a column does not show it, Turkish casing. */
  locale?: string;
  /** Language of the reasons written into the audit log and CDM Flags. */
  lang?: Lang;
  /** "Today": birth dates and years after it are flagged, two-digit birth years resolve before it. */
  asOf?: Date;
  /** The roles as already detected (the pipeline's), so they are not detected a second time. */
  details?: RoleDetail[];
}
export interface NormaliseReport {
  roles: RoleDetail[];
  /** Cells whose shown value changed. */
  changed: number;
  /** Cells whose type changed but not what they show ("58138" -> 58138). */
  retyped: number;
  flagged: number;
  byColumn: Record<string, { changed: number; retyped: number; flagged: number }>;
  dateOrders: Record<string, string>;
}

type Outcome = { value: Cell; reason: string } | { flag: string } | null;
type T = (key: NormaliseKey, params?: Readonly<Record<string, string | number>>) => string;

const MEMO_LIMIT = 200000;
const MEMO_TRIAL = 5000;
const MEMO_MIN_HIT_RATE = 0.3;
const DOUBLE_SPACE_RE = /\s\s|[\t\u00a0]/;
const TEXT_SPACES_RE = /[ \t\u00a0]+/g;
/** Invisible characters that are never part of a value at its ends: zero-width space, word joiner, BOM. */
const isEdgeInvisible = (c: number): boolean => c === 0x200b || c === 0x2060 || c === 0xfeff;
const INVISIBLE_START_OR_END = (s: string): boolean => {
  return isEdgeInvisible(s.charCodeAt(0)) || isEdgeInvisible(s.charCodeAt(s.length - 1));
};
/** In shaped values (e-mails, phones, amounts) direction marks and zero-width characters are noise. */
const SHAPED_NOISE_RE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const SCIENTIFIC_ID_RE = /^\d(?:[.,]\d+)?e\+?\d{1,3}$/i;

const TABLE_MIN_VOTES = 5;
const TABLE_DOMINANCE = 10;
const NUMBER_ROLES = new Set<ColumnRole>(['money', 'count', 'number', 'birth_year']);

/** A value inside a reason: quoted, and shortened around "…" when long (see core/shown.ts). */
function quote(v: Cell): string {
  return typeof v === 'string' ? `"${brief(v)}"` : brief(String(v));
}

/** Trim ends and collapse runs of spaces; newlines inside free text are kept. */
function tidySpaces(s: string, role: ColumnRole): string {
  if (INVISIBLE_START_OR_END(s)) s = trimBy(s, isEdgeInvisible);
  if (s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 && !DOUBLE_SPACE_RE.test(s)) return s;
  return role === 'text' || role === 'unknown' ? s.replace(TEXT_SPACES_RE, ' ').trim() : collapseSpaces(s);
}

/** What a cell shows, independent of the writer: numbers plainly, calendar days as ISO dates. */
function shown(v: Cell): string {
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return '';
    const iso = v.toISOString();
    return t % 86400000 === 0 ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'number') return Number.isNaN(v) ? '' : Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v ?? '';
}

function caseCategory(values: Cell[], role: ColumnRole): Map<string, string> {
  // "male", "Male", "MALE" -> the spelling used most often in the column.
  const counts = new Map<string, Map<string, number>>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const s = collapseSpaces(v);
    if (!s || isPlaceholder(s, role)) continue;
    const key = s.toLowerCase();
    let forms = counts.get(key);
    if (!forms) counts.set(key, (forms = new Map()));
    forms.set(s, (forms.get(s) ?? 0) + 1);
  }
  const best = new Map<string, string>();
  for (const [key, forms] of counts) {
    let top = '';
    let n = -1;
    for (const [form, c] of forms) if (c > n) { top = form; n = c; }
    best.set(key, top);
  }
  return best;
}

interface ColumnPlan {
  role: ColumnRole;
  categoryForms?: Map<string, string>;
  /** Date and birth-date columns: one reading for the whole column (date.ts). */
  dates?: DatePlan;
  /** Country and country-code columns: one written form for the whole column (country.ts). */
  countries?: CountryPlan;
  asOf: Date;
  lang: Lang;
  /** The column's decimal point: its own values' evidence, else the locale's; null when unknown or contradictory. */
  decimal: Decimal | null;
  /** A number column that holds codes ("0042", 16-digit accounts): none of its text becomes a number. */
  codes: boolean;
  locale?: string;
  t: T;
  /** Postcode columns: how many all-digit postcodes have each length (a short one is odd only among full ones). */
  postcodeLengths?: Map<number, number>;
}

function phoneFlag(text: string, r: ReturnType<typeof normalisePhone>, region: string | undefined, t: T): Outcome {
  const problem = t(r.problem ?? 'phone_not_valid', { region: region ?? '' });
  return { flag: t('phone_invalid', { value: quote(text), problem }) };
}

function cleanNumberText(text: string, plan: ColumnPlan): Outcome {
  const { role, t } = plan;
  const money = role === 'money';
  const r = readNumber(text, { decimal: plan.decimal, money });
  if (r === null) return { flag: t(money ? 'not_money' : 'not_number', { value: quote(text) }) };
  if ('keep' in r) return { flag: t(`keep_${r.keep}`, { value: quote(text) }) };
  // "1234" beside "0042" is a code too: turning it alone into a number would split the column.
  if (plan.codes) return null;
  return { value: r.value, reason: t(money ? 'money_stored' : 'number_stored', { value: quote(text) }) };
}

function cleanString(text: string, plan: ColumnPlan, region: string | undefined): Outcome {
  const { role, t } = plan;
  switch (role) {
    case 'name': case 'first_name': case 'last_name': {
      if (text.startsWith('=')) return null; // looks like a formula: data, left alone
      const v = normaliseName(text, { locale: plan.locale });
      return v === text ? null : { value: v, reason: t('name_case') };
    }
    case 'email': {
      const bare = text.replace(SHAPED_NOISE_RE, '');
      const r = normaliseEmail(bare);
      if (!r.valid) return { flag: t('email_invalid', { value: quote(text) }) };
      return r.email === text ? null : { value: r.email, reason: t('email_lower') };
    }
    case 'phone': {
      // Shopify and others export "'+1 415…" with a keep-as-text apostrophe: not part of the number.
      const marked = text.replace(SHAPED_NOISE_RE, '');
      const bare = marked.charCodeAt(0) === 39 ? marked.slice(1) : marked;
      const r = normalisePhone(bare, region);
      if (!r.valid) return phoneFlag(text, r, region, t);
      return r.display === text ? null : { value: r.display, reason: t('phone_intl') };
    }
    case 'date': case 'birth_date':
      // One reading per column, two-digit birth years into the past, no future birth date (date.ts).
      return cleanDate(text, plan.dates!);
    case 'country': case 'country_code':
      return cleanCountry(text, plan.countries!);
    case 'birth_year':
      return checkBirthYear(text, plan.asOf, plan.lang) ?? cleanNumberText(text.replace(SHAPED_NOISE_RE, ''), plan);
    case 'money': case 'count': case 'number':
      return cleanNumberText(text.replace(SHAPED_NOISE_RE, ''), plan);
    case 'postcode':
      // Codes are kept as typed; a US ZIP of four digits most likely lost its leading zero on the way.
      return postcodeLostZero(text, region, plan);
    case 'id': case 'order_id':
      // Ids are kept as typed; one Excel already shortened is worth a flag.
      return SCIENTIFIC_ID_RE.test(text) ? { flag: t('id_scientific', { value: quote(text) }) } : null;
    case 'category': {
      const v = plan.categoryForms?.get(text.toLowerCase());
      return v && v !== text ? { value: v, reason: t('category_same', { value: quote(v) }) } : null;
    }
    default:
      // Codes, companies, places, genders, tags, consent, products, free text: as typed.
      return null;
  }
}

/** Countries whose postcodes are all digits of one length, so a shorter one lost leading zeros. */
const POSTCODE_DIGITS: Record<string, number> = { US: 5, DE: 5, FR: 5, IT: 5, ES: 5, MX: 5, FI: 5, AU: 4, AT: 4, BE: 4, CH: 4, DK: 4, NO: 4, NZ: 4 };
const DIGITS_RE = /^\d+$/;

/**
 * A postcode of digits shorter than its country's (the row's country, else the run's region) in a
 * column where most all-digit postcodes have the full length: a Swiss list read with region US
 * (four digits everywhere) raises nothing.
 */
function postcodeLostZero(text: string, region: string | undefined, plan: ColumnPlan): Outcome {
  const length = region ? POSTCODE_DIGITS[region] : undefined;
  if (!length || !DIGITS_RE.test(text) || text.length >= length) return null;
  const lengths = plan.postcodeLengths;
  const all = lengths ? [...lengths.values()].reduce((a, b) => a + b, 0) : 0;
  if (!lengths || (lengths.get(length) ?? 0) < 0.5 * all) return null;
  return { flag: plan.t('postcode_lost_zero', { value: quote(text), digits: text.length, country: region!, length, padded: text.padStart(length, '0') }) };
}

function cleanCell(cell: Cell, plan: ColumnPlan, region: string | undefined): Outcome {
  const { t } = plan;
  if (typeof cell === 'string') {
    if (cell === '') return null;
    if (isPlaceholder(cell, plan.role)) return { value: '', reason: t('placeholder', { value: quote(cell.trim() || cell) }) };
    const spaced = tidySpaces(cell, plan.role);
    if (spaced === '') return { value: '', reason: t('invisible') };
    const out = cleanString(spaced, plan, region);
    if (out === null) return spaced === cell ? null : { value: spaced, reason: t('spaces') };
    return out;
  }
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return { value: '', reason: t('nan') };
    if (plan.role === 'phone') {
      const r = normalisePhone(String(cell), region);
      return r.valid ? { value: r.display, reason: t('phone_intl') } : phoneFlag(String(cell), r, region, t);
    }
    if (plan.role === 'date' || plan.role === 'birth_date') return cleanDate(cell, plan.dates!);
    if (plan.role === 'birth_year') return checkBirthYear(cell, plan.asOf, plan.lang);
    // Sheets read "02134" as the number 2134: the zero is gone from the cell; said, never guessed back.
    if (plan.role === 'postcode' && Number.isInteger(cell) && cell >= 0) return postcodeLostZero(String(cell), region, plan);
  }
  // A Date in a birth-date column may still be in the future: flagged, never changed.
  if (cell instanceof Date && plan.role === 'birth_date') return cleanDate(cell, plan.dates!);
  return null;
}

/**
 * The decimal point the table's number columns show, when one convention clearly dominates
 * (at least 5 values prove it and the other has under a tenth as many: a US export with a few
 * "2.818,33 €" pasted in still reads "$59,600" as 59600); null otherwise.
 */
function tableDecimal(table: Table, roles: Roles, evidenceOf: (col: number) => ReturnType<typeof decimalEvidence>): Decimal | null {
  let dot = 0;
  let comma = 0;
  table.header.forEach((h, col) => {
    if (isCdmColumn(h) || !NUMBER_ROLES.has(roles[h])) return;
    const e = evidenceOf(col);
    dot += e.dot;
    comma += e.comma;
  });
  if (dot >= TABLE_MIN_VOTES && comma * TABLE_DOMINANCE <= dot) return '.';
  if (comma >= TABLE_MIN_VOTES && dot * TABLE_DOMINANCE <= comma) return ',';
  return null;
}

/**
 * rows.some((r) => test(r[col])), each distinct text tested once — unless, after a trial, the
 * column's values hardly repeat, when remembering them costs more than testing again.
 */
function someValue(rows: Cell[][], col: number, test: (v: Cell) => boolean): boolean {
  let seen: Set<string> | null = new Set();
  let looked = 0;
  let hits = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][col];
    if (seen && typeof v === 'string') {
      if (seen.has(v)) { hits++; continue; }
      if (++looked === MEMO_TRIAL && hits < MEMO_TRIAL * MEMO_MIN_HIT_RATE) seen = null;
      else if (seen.size < MEMO_LIMIT) seen.add(v);
    }
    if (test(v)) return true;
  }
  return false;
}

function countryColumnOf(table: Table, roles: Roles): number {
  const named = table.header.findIndex((h) => roles[h] === 'country');
  return named >= 0 ? named : table.header.findIndex((h) => roles[h] === 'country_code');
}

/** Receives each change normaliseTableInto makes, in order, as its fields (no Change object). */
export type AddChange = (row: number, column: string, old: Cell, next: Cell, kind: 'normalise' | 'flag', reason: string) => void;

export function normaliseTable(table: Table, roles: Roles, options: NormaliseOptions = {}): StepResult<NormaliseReport> {
  const changes: Change[] = [];
  const r = normaliseTableInto(table, roles, options, (row, column, old, next, kind, reason) => {
    changes.push({ row, column, old, new: next, kind, reason });
  });
  return { table: r.table, changes, report: r.report };
}

/**
 * normaliseTable, with each change handed to `add` as it is made rather than collected: a run
 * at 100k rows makes most of a million changes here, and the pipeline writes them straight into
 * its change log (one object per change, kept until the step ends, cost more than the cleaning).
 */
export function normaliseTableInto(table: Table, roles: Roles, options: NormaliseOptions, add: AddChange): { table: Table; report: NormaliseReport } {
  const effective: Roles = { ...roles, ...(options.roles ?? {}) };
  const lang: Lang = options.lang ?? 'en';
  const asOf = options.asOf ?? new Date();
  const t = translator(NORMALISE_TEXT, lang);
  const localeDecimal = decimalForLocale(options.locale);
  // Without a locale (a CSV), the file's other number columns are the next witness: a file is
  // written in one convention ("$59,600" beside "1234.50" in another column is 59600).
  // Each number column's evidence is read once, for the table's witness and for the column.
  const evidence = new Map<number, ReturnType<typeof decimalEvidence>>();
  const evidenceOf = (col: number) => {
    let e = evidence.get(col);
    if (!e) evidence.set(col, (e = decimalEvidence(table.rows.map((r) => r[col]))));
    return e;
  };
  const sheetDecimal = localeDecimal ?? tableDecimal(table, effective, evidenceOf);
  const details = (options.details ?? detectRoles(table).details).map((d): RoleDetail => {
    const chosen = effective[d.column];
    return chosen && chosen !== d.role ? { column: d.column, role: chosen, confidence: 1, reason: 'set by you' } : d;
  });
  const byColumn: NormaliseReport['byColumn'] = {};
  const dateOrders: Record<string, string> = {};
  const rows = table.rows.map((r) => r.slice());
  const countryCol = countryColumnOf(table, effective);
  // A country column repeats a few values: each distinct text is resolved once.
  const codes = new Map<string, string | undefined>();
  const codeOf = (c: string): string | undefined => {
    if (codes.has(c)) return codes.get(c);
    const code = countryCode(c);
    if (codes.size < 10000) codes.set(c, code);
    return code;
  };
  const rowRegion: (string | undefined)[] = rows.map((r) => {
    if (countryCol < 0) return options.region;
    const c = r[countryCol];
    return (typeof c === 'string' && c ? codeOf(c) : undefined) ?? options.region;
  });
  let changed = 0;
  let retyped = 0;
  let flagged = 0;

  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const role = effective[column] ?? 'unknown';
    const plan: ColumnPlan = { role, decimal: null, codes: false, locale: options.locale, t, asOf, lang };
    const wholeColumn = role === 'date' || role === 'birth_date' || role === 'category' || role === 'country' || role === 'country_code';
    const values = wholeColumn ? table.rows.map((r) => r[col]) : [];
    if (NUMBER_ROLES.has(role)) {
      // The column's own values decide the decimal point; the locale only when they say nothing.
      const own = evidenceOf(col);
      plan.decimal = own.conflict ? null : own.decimal ?? sheetDecimal;
      plan.codes = someValue(table.rows, col, isCodeText);
    }
    if (role === 'date' || role === 'birth_date') {
      // One reading per column: the order is decided here, once, from the whole column; a column
      // that contradicts itself or settles nothing rewrites none of its day/month values.
      plan.dates = planDates(values, { birth: role === 'birth_date', asOf, lang });
      if (plan.dates.hasText) dateOrders[column] = plan.dates.summary;
    }
    if (role === 'country' || role === 'country_code') plan.countries = planCountries(values, role === 'country_code', lang);
    if (role === 'category') plan.categoryForms = caseCategory(values, role);
    if (role === 'postcode') {
      plan.postcodeLengths = new Map();
      for (const r of table.rows) {
        const c = r[col];
        const text = typeof c === 'number' && Number.isInteger(c) && c >= 0 ? String(c) : typeof c === 'string' ? c.trim() : '';
        if (DIGITS_RE.test(text)) plan.postcodeLengths.set(text.length, (plan.postcodeLengths.get(text.length) ?? 0) + 1);
      }
    }
    const stats = { changed: 0, retyped: 0, flagged: 0 };
    // Customer columns repeat values (cities, tiers, first names): each distinct text is
    // cleaned once. Phones depend on the row's region, so it is part of their key.
    // One memo per region rather than a joined key: building and hashing a new key string
    // for each of 100k cells costs more than the lookup it serves.
    const memos = new Map<string | undefined, Map<string, Outcome>>();
    const byRegion = role === 'phone' || role === 'postcode';
    let memo = new Map<string, Outcome>();
    let memoSize = 0;
    // A column of mostly distinct values (e-mails, phones, streets) only pays for the memo's
    // lookups and growth: after a trial, a column that rarely repeats is cleaned directly.
    let useMemo = true;
    let lookups = 0;
    let hits = 0;
    // Whether a remembered outcome only retypes its text (what the cell shows stays): worked out
    // once per distinct text rather than once per cell (a Date's ISO text is not free).
    const retypes = new Map<Outcome, boolean>();
    for (let i = 0; i < rows.length; i++) {
      const old = rows[i][col];
      if (old === undefined || old === '') continue;
      let out: Outcome;
      if (typeof old === 'string' && !useMemo) {
        out = cleanCell(old, plan, rowRegion[i]);
      } else if (typeof old === 'string') {
        if (byRegion) {
          const region = rowRegion[i];
          let m = memos.get(region);
          if (!m) memos.set(region, (m = new Map()));
          memo = m;
        }
        const key = old;
        const hit = memo.get(key);
        if (++lookups === MEMO_TRIAL && hits < MEMO_TRIAL * MEMO_MIN_HIT_RATE) useMemo = false;
        if (hit !== undefined || memo.has(key)) {
          hits++;
          if (hit !== undefined && hit !== null && 'value' in hit) {
            let same = retypes.get(hit);
            if (same === undefined) retypes.set(hit, (same = shown(old) === shown(hit.value)));
            const value = hit.value instanceof Date ? new Date(hit.value.getTime()) : hit.value;
            rows[i][col] = value;
            add(i, column, old, value, 'normalise', hit.reason);
            if (same) stats.retyped++;
            else stats.changed++;
            continue;
          }
          out = hit!;
        } else {
          out = cleanCell(old, plan, rowRegion[i]);
          if (memoSize < MEMO_LIMIT) { memo.set(key, out); memoSize++; }
        }
      } else {
        out = cleanCell(old, plan, rowRegion[i]);
      }
      if (out === null) continue;
      if ('flag' in out) {
        add(i, column, old, old, 'flag', out.flag);
        stats.flagged++;
      } else {
        rows[i][col] = out.value;
        add(i, column, old, out.value, 'normalise', out.reason);
        if (shown(old) === shown(out.value)) stats.retyped++;
        else stats.changed++;
      }
    }
    byColumn[column] = stats;
    changed += stats.changed;
    retyped += stats.retyped;
    flagged += stats.flagged;
  });

  return {
    table: { header: table.header.slice(), rows },
    report: { roles: details, changed, retyped, flagged, byColumn, dateOrders },
  };
}

/**
 * Per row, the text for the `CDM Flags` column: every flag reason on that row, joined; the
 * reasons are given one at a time (add) as the changes are made.
 */
export class FlagTexts {
  private readonly out: string[];
  /** 0, 1, or 2 = the row's reasons are listed in `more`. */
  private readonly count: Uint8Array;
  private readonly more = new Map<number, string[]>();

  constructor(private readonly rowCount: number) {
    // Most rows have no flag and the rest one: a row's list is made only at its second reason.
    this.out = new Array<string>(rowCount).fill('');
    this.count = new Uint8Array(rowCount);
  }

  add(r: number, reason: string): void {
    if (!(r >= 0 && r < this.rowCount)) return;
    if (this.count[r] === 0) { this.out[r] = withReason('', reason ?? ''); this.count[r] = 1; return; }
    let list = this.more.get(r);
    if (!list) { this.more.set(r, (list = [this.out[r]])); this.count[r] = 2; }
    // Two columns can raise the same words (a phone in Phone and in Default Address Phone): said once.
    if (!list.includes(reason)) list.push(reason);
  }

  texts(): string[] {
    // Never more than a cell holds (core/shown.ts), however many of a row's cells are flagged.
    for (const [r, list] of this.more) this.out[r] = list.reduce(withReason, '');
    return this.out;
  }
}

/** Per row, the text for the `CDM Flags` column: every flag reason on that row, joined. */
export function flagsByRow(changes: Change[], rowCount: number): string[] {
  const flags = new FlagTexts(rowCount);
  for (let i = 0; i < changes.length; i++) if (changes[i].kind === 'flag') flags.add(changes[i].row, changes[i].reason);
  return flags.texts();
}
