/**
 * The normalise step: every user column cleaned by its role. Each changed cell becomes a
 * 'normalise' change (the audit log and the undo); each value we could not clean with
 * confidence is kept as typed and recorded as a 'flag' change (old === new).
 */
import { type Cell, type Change, type ColumnRole, type Roles, type StepResult, type Table, isCdmColumn } from '../table';
import { detectRoles, type RoleDetail } from '../roles';
import { isPlaceholder } from './missing';
import { normaliseEmail } from './email';
import { normaliseName, collapseSpaces } from './name';
import { normalisePhone } from './phone';
import { parseMoney } from './money';
import { checkBirthYear, cleanDate, planDates, type DatePlan } from './date';
import { cleanCountry, cleanStateCode, countryCode, planCountries, type CountryPlan } from './country';
import type { Lang } from '../../i18n/index';

export { isPlaceholder } from './missing';
export { normaliseEmail, emailMatchKey } from './email';
export { normaliseName, splitPersonName } from './name';
export { normalisePhone, regionFromCountry, regionFromLocale, type PhoneResult } from './phone';
export { parseMoney } from './money';
export { inferDateOrder, parseDate, planDates, cleanDate, type DateOrder, type DatePlan } from './date';
export { countryCode, planCountries, cleanCountry } from './country';

export interface NormaliseOptions {
  region?: string;
  roles?: Roles;
  /** "Today": birth dates and years after it are flagged, two-digit birth years resolve before it. */
  asOf?: Date;
  lang?: Lang;
}
export interface NormaliseReport {
  roles: RoleDetail[];
  changed: number;
  flagged: number;
  byColumn: Record<string, { changed: number; flagged: number }>;
  dateOrders: Record<string, string>;
}

type Outcome = { value: Cell; reason: string } | { flag: string } | null;

const MEMO_LIMIT = 200000;
const MEMO_TRIAL = 5000;
const MEMO_MIN_HIT_RATE = 0.3;
const DOUBLE_SPACE_RE = /\s\s|[\t\u00a0]/;
const TEXT_SPACES_RE = /[ \t\u00a0]+/g;
const UPPER_ABBREV_RE = /^[a-z]{2,3}$/i;

function quote(v: Cell): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** Trim ends and collapse runs of spaces; newlines inside free text are kept. */
function tidySpaces(s: string, role: ColumnRole): string {
  if (s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 && !DOUBLE_SPACE_RE.test(s)) return s;
  return role === 'text' || role === 'unknown' ? s.replace(TEXT_SPACES_RE, ' ').trim() : collapseSpaces(s);
}

function caseCategory(values: Cell[]): Map<string, string> {
  // "male", "Male", "MALE" -> the spelling used most often in the column.
  const counts = new Map<string, Map<string, number>>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const s = collapseSpaces(v);
    if (!s || isPlaceholder(s)) continue;
    const key = s.toLocaleLowerCase();
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
}

function cleanString(text: string, plan: ColumnPlan, region: string | undefined): Outcome {
  const { role } = plan;
  switch (role) {
    case 'name': case 'first_name': case 'last_name': case 'city': case 'street': {
      if (text.startsWith('=')) return null; // looks like a formula: data, left alone
      const v = normaliseName(text);
      return v === text ? null : { value: v, reason: 'name written in consistent capitals and spacing' };
    }
    case 'state': {
      const v = UPPER_ABBREV_RE.test(text) ? text.toUpperCase() : normaliseName(text);
      return v === text ? null : { value: v, reason: 'state written in consistent capitals' };
    }
    case 'country': case 'country_code':
      return cleanCountry(text, plan.countries!);
    case 'state_code':
      return cleanStateCode(text, plan.lang);
    case 'birth_year':
      return checkBirthYear(text, plan.asOf, plan.lang);
    case 'email': {
      const r = normaliseEmail(text);
      if (!r.valid) return { flag: `e-mail ${quote(text)} does not look like a valid address` };
      return r.email === text ? null : { value: r.email, reason: 'e-mail trimmed and lower-cased' };
    }
    case 'phone': {
      const r = normalisePhone(text, region);
      if (!r.valid) return { flag: `phone ${quote(text)} ${r.reason ?? 'is not a valid phone number'}; kept as typed` };
      return r.display === text ? null : { value: r.display, reason: 'phone written in international format' };
    }
    case 'date': case 'birth_date':
      return cleanDate(text, plan.dates!);
    case 'money': case 'count': case 'number': {
      const n = parseMoney(text);
      if (n === null) return { flag: `${quote(text)} is not a ${role === 'money' ? 'money amount' : 'number'}; kept as typed` };
      return { value: n, reason: role === 'money' ? `amount ${quote(text)} stored as a number` : `${quote(text)} stored as a number` };
    }
    case 'postcode': {
      const v = text.toUpperCase();
      return v === text ? null : { value: v, reason: 'postcode written in capitals' };
    }
    case 'category': {
      const v = plan.categoryForms?.get(text.toLocaleLowerCase());
      return v && v !== text ? { value: v, reason: `written the same way as the other ${quote(v)} values` } : null;
    }
    default:
      return null;
  }
}

function cleanCell(cell: Cell, plan: ColumnPlan, region: string | undefined): Outcome {
  if (typeof cell === 'string') {
    if (cell === '') return null;
    if (isPlaceholder(cell)) return { value: '', reason: `${quote(cell.trim() || cell)} means no value, so the cell is now empty` };
    const spaced = tidySpaces(cell, plan.role);
    const out = cleanString(spaced, plan, region);
    if (out === null) return spaced === cell ? null : { value: spaced, reason: 'extra spaces removed' };
    return out;
  }
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return { value: '', reason: 'not a number, so the cell is now empty' };
    if (plan.role === 'phone') {
      const r = normalisePhone(String(cell), region);
      return r.valid ? { value: r.display, reason: 'phone written in international format' } : { flag: `phone ${cell} ${r.reason ?? 'is not valid'}; kept as typed` };
    }
    if (plan.role === 'date' || plan.role === 'birth_date') return cleanDate(cell, plan.dates!);
    if (plan.role === 'birth_year') return checkBirthYear(cell, plan.asOf, plan.lang);
  }
  // A Date in a birth-date column may still be in the future: flagged, never changed.
  if (cell instanceof Date && plan.role === 'birth_date') return cleanDate(cell, plan.dates!);
  return null;
}

function countryColumnOf(table: Table, roles: Roles): number {
  const named = table.header.findIndex((h) => roles[h] === 'country');
  return named >= 0 ? named : table.header.findIndex((h) => roles[h] === 'country_code');
}

export function normaliseTable(table: Table, roles: Roles, options: NormaliseOptions = {}): StepResult<NormaliseReport> {
  const effective: Roles = { ...roles, ...(options.roles ?? {}) };
  const asOf = options.asOf ?? new Date();
  const lang: Lang = options.lang ?? 'en';
  const details = detectRoles(table).details.map((d): RoleDetail => {
    const chosen = effective[d.column];
    return chosen && chosen !== d.role ? { column: d.column, role: chosen, confidence: 1, reason: 'set by you' } : d;
  });
  const changes: Change[] = [];
  const byColumn: NormaliseReport['byColumn'] = {};
  const dateOrders: Record<string, string> = {};
  const rows = table.rows.map((r) => r.slice());
  const countryCol = countryColumnOf(table, effective);
  const rowRegion: (string | undefined)[] = rows.map((r) => {
    if (countryCol < 0) return options.region;
    const c = r[countryCol];
    return (typeof c === 'string' && c ? countryCode(c) : undefined) ?? options.region;
  });
  let changed = 0;
  let flagged = 0;

  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const role = effective[column] ?? 'unknown';
    const plan: ColumnPlan = { role, asOf, lang };
    const wholeColumn = role === 'date' || role === 'birth_date' || role === 'category' || role === 'country' || role === 'country_code';
    const values = wholeColumn ? table.rows.map((r) => r[col]) : [];
    if (role === 'date' || role === 'birth_date') {
      // One reading per column: the order is decided here, once, from the whole column.
      plan.dates = planDates(values, { birth: role === 'birth_date', asOf, lang });
      if (plan.dates.hasText) dateOrders[column] = plan.dates.summary;
    }
    if (role === 'country' || role === 'country_code') plan.countries = planCountries(values, role === 'country_code', lang);
    if (role === 'category') plan.categoryForms = caseCategory(values);
    const stats = { changed: 0, flagged: 0 };
    // Customer columns repeat values (cities, tiers, first names): each distinct text is
    // cleaned once. Phones depend on the row's region, so it is part of their key.
    // One memo per region rather than a joined key: building and hashing a new key string
    // for each of 100k cells costs more than the lookup it serves.
    const memos = new Map<string | undefined, Map<string, Outcome>>();
    const byRegion = role === 'phone';
    let memo = new Map<string, Outcome>();
    let memoSize = 0;
    // A column of mostly distinct values (e-mails, phones, streets) only pays for the memo's
    // lookups and growth: after a trial, a column that rarely repeats is cleaned directly.
    let useMemo = true;
    let lookups = 0;
    let hits = 0;
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
          out = hit !== undefined && hit !== null && 'value' in hit && hit.value instanceof Date ? { value: new Date(hit.value.getTime()), reason: hit.reason } : hit!;
        } else {
          out = cleanCell(old, plan, rowRegion[i]);
          if (memoSize < MEMO_LIMIT) { memo.set(key, out); memoSize++; }
        }
      } else {
        out = cleanCell(old, plan, rowRegion[i]);
      }
      if (out === null) continue;
      if ('flag' in out) {
        changes.push({ row: i, column, old, new: old, kind: 'flag', reason: out.flag });
        stats.flagged++;
      } else {
        rows[i][col] = out.value;
        changes.push({ row: i, column, old, new: out.value, kind: 'normalise', reason: out.reason });
        stats.changed++;
      }
    }
    byColumn[column] = stats;
    changed += stats.changed;
    flagged += stats.flagged;
  });

  return {
    table: { header: table.header.slice(), rows },
    changes,
    report: { roles: details, changed, flagged, byColumn, dateOrders },
  };
}

/** Per row, the text for the `CDM Flags` column: every flag reason on that row, joined. */
export function flagsByRow(changes: Change[], rowCount: number): string[] {
  const out: string[][] = Array.from({ length: rowCount }, () => []);
  for (const c of changes) {
    if (c.kind === 'flag' && c.row >= 0 && c.row < rowCount) out[c.row].push(c.reason);
  }
  return out.map((r) => r.join('; '));
}
