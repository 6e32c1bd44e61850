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
import { normalisePhone, regionFromCountry } from './phone';
import { parseMoney } from './money';
import { inferDateOrder, parseDate, type DateOrder } from './date';

export { isPlaceholder } from './missing';
export { normaliseEmail, emailMatchKey } from './email';
export { normaliseName, splitPersonName } from './name';
export { normalisePhone, regionFromCountry, regionFromLocale, type PhoneResult } from './phone';
export { parseMoney } from './money';
export { inferDateOrder, parseDate, type DateOrder } from './date';

export interface NormaliseOptions { region?: string; roles?: Roles }
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
const ORDER_WORDS: Record<DateOrder, string> = { DMY: 'day/month/year', MDY: 'month/day/year', YMD: 'year-month-day' };

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
  order: DateOrder | null;
  categoryForms?: Map<string, string>;
}

function cleanString(text: string, plan: ColumnPlan, region: string | undefined): Outcome {
  const { role } = plan;
  switch (role) {
    case 'name': case 'first_name': case 'last_name': case 'city': case 'street': {
      if (text.startsWith('=')) return null; // looks like a formula: data, left alone
      const v = normaliseName(text);
      return v === text ? null : { value: v, reason: 'name written in consistent capitals and spacing' };
    }
    case 'state': case 'country': {
      const v = UPPER_ABBREV_RE.test(text) ? text.toUpperCase() : normaliseName(text);
      return v === text ? null : { value: v, reason: `${role === 'state' ? 'state' : 'country'} written in consistent capitals` };
    }
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
    case 'date': {
      const d = parseDate(text, plan.order);
      if (d) return { value: d, reason: `date ${quote(text)} read as ${d.toISOString().slice(0, 10)}` };
      return { flag: plan.order === null && /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}/.test(text)
        ? `date ${quote(text)} could be day/month or month/day; kept as typed`
        : `date ${quote(text)} is not a date we can read; kept as typed` };
    }
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
    if (plan.role === 'date' && Number.isInteger(cell) && cell >= 10000101 && cell <= 29991231) {
      const d = parseDate(cell, plan.order);
      return d ? { value: d, reason: `date ${cell} read as ${d.toISOString().slice(0, 10)}` } : { flag: `date ${cell} is not a date we can read; kept as typed` };
    }
  }
  return null;
}

function countryColumnOf(table: Table, roles: Roles): number {
  return table.header.findIndex((h) => roles[h] === 'country');
}

export function normaliseTable(table: Table, roles: Roles, options: NormaliseOptions = {}): StepResult<NormaliseReport> {
  const effective: Roles = { ...roles, ...(options.roles ?? {}) };
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
    return (typeof c === 'string' && c ? regionFromCountry(c) : undefined) ?? options.region;
  });
  let changed = 0;
  let flagged = 0;

  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const role = effective[column] ?? 'unknown';
    const plan: ColumnPlan = { role, order: null };
    const values = role === 'date' || role === 'category' ? table.rows.map((r) => r[col]) : [];
    if (role === 'date') {
      const strings = values.filter((v): v is string => typeof v === 'string' && v !== '');
      const inferred = inferDateOrder(strings);
      // A column that contradicts itself gets no column-wide order: each value then has to
      // prove its own order, and the ones that cannot are flagged instead of guessed.
      plan.order = inferred.ambiguous ? null : inferred.order;
      if (strings.length) dateOrders[column] = inferred.order ? `${ORDER_WORDS[inferred.order]} — ${inferred.evidence}` : inferred.evidence;
    }
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
