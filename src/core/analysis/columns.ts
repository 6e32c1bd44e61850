/**
 * Which columns an analysis can use, and why the others are left out. Roles come from the
 * caller (detected or chosen by the user); columns without a useful role are judged by content.
 */
import { Cell, ColumnRole, isCdmColumn, isEmpty, Roles, Table } from '../table';
import { analysisText, type AnalysisT } from '../../i18n/analysis';
import { toNumber, toTime } from './values';

export type ColumnKind = 'numeric' | 'category' | 'date' | 'ignored';

export interface ColumnInfo {
  column: string;
  kind: ColumnKind;
  role: ColumnRole;
  missing: number;
  distinct: number;
  /** Why the column is not used for modelling, if it is not. */
  skip?: string;
  /** A yes/no column (0/1, yes/no, TRUE/FALSE, 是/否): read as 1 for `yes`, 0 for the other value. */
  yesno?: { yes: string; no: string };
  /** Currency signs seen in the column's text ("$", "€"); two or more is a mix, never added up. */
  currencies?: string[];
}

const NUMERIC_ROLES: ColumnRole[] = ['money', 'count', 'number'];
// Identity and contact fields describe who a customer is, not how they behave.
const NEVER_ANALYSED: ColumnRole[] = ['id', 'name', 'first_name', 'last_name', 'email', 'phone', 'street', 'postcode', 'text'];
export const MAX_MISSING_SHARE = 0.6;
const MAX_CATEGORY_LEVELS = 30;
const CONTENT_SHARE = 0.95;
const ID_HEADER = /(^|\b|_)(id|key|uuid|code)$|^(customer|client)\s*(id|no|number|#)/i;

/** Blank after trimming, without building a trimmed copy of every cell of a big sheet. */
function isBlank(c: Cell): boolean {
  if (typeof c !== 'string') return isEmpty(c);
  if (c === '') return true;
  if (c.charCodeAt(0) > 32 && c.charCodeAt(c.length - 1) > 32) return false;
  return c.trim() === '';
}

/**
 * `derived`: CDM columns this run worked out itself (CDM Age, CDM Total Spend…) are read like
 * the user's columns; every other CDM column is ignored.
 */
export function classifyColumns(table: Table, roles: Roles, t: AnalysisT = analysisText('en'), derived: ReadonlySet<string> = new Set()): ColumnInfo[] {
  const rows = table.rows;
  return table.header.map((column, at) => {
    const role = roles[column] ?? 'unknown';
    // The filled cells straight from the rows: no copy of the whole column, none for ignored ones.
    return ignoredColumn(column, role, t, derived.has(column)) ?? classifyFilled(column, role, rows.length, filledCells(rows.length, (i) => rows[i][at]), t);
  });
}

/** One column's kind and usability from its cells (one per data row). */
export function classifyColumn(column: string, role: ColumnRole, cells: Cell[], t: AnalysisT = analysisText('en'), derived = false): ColumnInfo {
  return ignoredColumn(column, role, t, derived) ?? classifyFilled(column, role, cells.length, filledCells(cells.length, (i) => cells[i]), t);
}

function filledCells(n: number, cell: (i: number) => Cell): Cell[] {
  const filled: Cell[] = [];
  for (let i = 0; i < n; i++) { const c = cell(i); if (!isBlank(c)) filled.push(c); }
  return filled;
}

/** A column never read for analysis (CDM's own, identity and contact), known from its header and role alone. */
function ignoredColumn(column: string, role: ColumnRole, t: AnalysisT, derived: boolean): ColumnInfo | null {
  const base = { column, role, missing: 0, distinct: 0 };
  if (isCdmColumn(column) && !derived) return { ...base, kind: 'ignored' as const, skip: t('colCdm') };
  // Identity and contact columns are never read: no need to scan them.
  if (NEVER_ANALYSED.includes(role) || (role === 'unknown' && ID_HEADER.test(column.trim()))) {
    return { ...base, kind: 'ignored' as const, skip: t('colIdentity') };
  }
  return null;
}

/** Kind and usability of a column of `rows` data rows from its non-blank cells. */
function classifyFilled(column: string, role: ColumnRole, rows: number, filled: Cell[], t: AnalysisT): ColumnInfo {
  const base = { column, role, missing: 0, distinct: 0 };
  const missing = rows - filled.length;
  const yesno = role === 'consent' ? null : yesNoOf(filled);
  const kind = yesno ? 'numeric' : kindOf(role, filled);
  // Counting stops once the answer is known: "more than one value", "more than 30 levels".
  const distinct = yesno ? 2 : distinctUpTo(filled, kind === 'category' ? MAX_CATEGORY_LEVELS + 1 : 2);
  const info: ColumnInfo = { ...base, kind, missing, distinct };
  if (yesno) info.yesno = yesno;
  if (kind === 'numeric' && !yesno) {
    const signs = currencySigns(filled);
    if (signs.length) info.currencies = signs;
  }
  if (rows > 0 && missing / rows > MAX_MISSING_SHARE) {
    return { ...info, skip: t('colTooSparse', { pct: Math.round((100 * missing) / rows) }) };
  }
  if (rows < 2) return { ...info, skip: rows ? t('colOneRow') : t('colNoRows') };
  if (distinct <= 1) return { ...info, skip: t('colConstant') };
  if (kind === 'category' && distinct > MAX_CATEGORY_LEVELS) {
    return { ...info, skip: t('colTooManyLevels', { n: MAX_CATEGORY_LEVELS }) };
  }
  if (info.currencies && info.currencies.length > 1) return { ...info, skip: t('skipCurrencyMix', { symbols: info.currencies.join(', ') }) };
  return info;
}

// Pairs of answers that mean yes / no, lower-cased; the first of each pair is "yes".
const YES_NO: Array<[string, string]> = [['1', '0'], ['yes', 'no'], ['y', 'n'], ['true', 'false'], ['是', '否'], ['t', 'f']];
const answerKey = (c: Cell): string => (typeof c === 'boolean' ? (c ? 'true' : 'false') : String(c).trim().toLowerCase());

/** The yes and no spellings when every filled cell is one of exactly two yes/no answers. */
function yesNoOf(filled: Cell[]): { yes: string; no: string } | null {
  if (filled.length === 0) return null;
  const seen = new Map<string, string>();
  for (const c of filled) {
    if (c instanceof Date) return null;
    const k = answerKey(c);
    if (!seen.has(k)) {
      seen.set(k, typeof c === 'boolean' ? String(c).toUpperCase() : String(c).trim());
      if (seen.size > 2) return null;
    }
  }
  if (seen.size !== 2) return null;
  const pair = YES_NO.find(([y, n]) => seen.has(y) && seen.has(n));
  return pair ? { yes: seen.get(pair[0])!, no: seen.get(pair[1])! } : null;
}

/** Reads a yes/no cell as 1 / 0 (null when blank or neither answer). */
export function yesNoValue(info: { yes: string; no: string }, c: Cell): number | null {
  if (isEmpty(c)) return null;
  const k = answerKey(c);
  if (k === info.yes.toLowerCase()) return 1;
  if (k === info.no.toLowerCase()) return 0;
  return null;
}

const SIGNS = ['$', '€', '£', '¥', '₹', '￥'];

/** Currency signs written at either end of the column's text values ("$12", "12,50 €"). */
function currencySigns(filled: Cell[]): string[] {
  const found = new Set<string>();
  for (const c of filled) {
    if (typeof c !== 'string') continue;
    const s = c.trim();
    for (const ch of [s.charAt(0), s.charAt(s.length - 1), s.charAt(1)]) if (SIGNS.includes(ch)) found.add(ch === '￥' ? '¥' : ch);
  }
  return [...found].sort();
}

function distinctUpTo(cells: Cell[], cap: number): number {
  const seen = new Set<string | number>();
  for (const c of cells) {
    seen.add(c instanceof Date ? c.getTime() : typeof c === 'number' ? c : String(c).trim().toLowerCase());
    if (seen.size >= cap) break;
  }
  return seen.size;
}

function kindOf(role: ColumnRole, filled: Cell[]): ColumnKind {
  if (NUMERIC_ROLES.includes(role)) return 'numeric';
  if (role === 'date' || role === 'birth_date') return 'date';
  if (role === 'category' || role === 'city' || role === 'state' || role === 'country' || role === 'gender' || role === 'country_code' || role === 'state_code') return 'category';
  if (filled.length === 0) return 'category';
  const share = (f: (c: Cell) => unknown): number => {
    let hits = 0;
    for (const c of filled) if (f(c) !== null) hits++;
    return hits / filled.length;
  };
  if (share(toNumber) >= CONTENT_SHARE) return 'numeric';
  if (share(toTime) >= CONTENT_SHARE) return 'date';
  return 'category';
}

export const usable = (infos: ColumnInfo[], kind: ColumnKind): string[] =>
  infos.filter((i) => i.kind === kind && !i.skip).map((i) => i.column);

const SPEND_HEADER = /spend|revenue|total|sales|amount|lifetime|ltv|purchases?\b|paid|value/i;
// Money a customer has, not money they spent with the shop.
const NOT_SPEND = /income|salary|wage|budget|credit|limit|price|cost/i;

/**
 * The spend column: a money column whose header says spend / revenue / total, else any numeric
 * column that says spend / revenue / sales. A lone money column called "Income" is not spend.
 */
export function defaultTarget(infos: ColumnInfo[]): string | null {
  const ok = (i: ColumnInfo): boolean => i.kind === 'numeric' && !i.skip && !i.yesno && !NOT_SPEND.test(i.column);
  const derived = infos.find((i) => ok(i) && i.column === DERIVED_SPEND);
  if (derived) return derived.column;
  const money = infos.find((i) => ok(i) && i.role === 'money' && SPEND_HEADER.test(i.column));
  if (money) return money.column;
  const named = infos.find((i) => ok(i) && /spend|revenue|sales/i.test(i.column));
  return named ? named.column : null;
}

/** The column CDM adds up from several amount columns (derive.ts). */
export const DERIVED_SPEND = 'CDM Total Spend';

/** Does this header name money a customer spent with the shop (not an income, not a price)? */
export const isSpendHeader = (header: string): boolean =>
  header === DERIVED_SPEND || (!NOT_SPEND.test(header) && /spen[dt]|revenue|sales|消费|销售/i.test(header));

/** A spend-like column that exists but cannot be used, to say why in the report. */
export function unusableTarget(infos: ColumnInfo[]): ColumnInfo | null {
  return infos.find((i) => i.kind === 'numeric' && i.skip && !NOT_SPEND.test(i.column)
    && ((i.role === 'money' && SPEND_HEADER.test(i.column)) || /spend|revenue|sales/i.test(i.column))) ?? null;
}

/** Finds a column by header pattern among columns of a kind (used for RFM / churn inputs). */
export function findByHeader(infos: ColumnInfo[], kinds: ColumnKind[], pattern: RegExp, exclude: string[] = []): string | null {
  const hit = infos.find((i) => kinds.includes(i.kind) && !exclude.includes(i.column) && pattern.test(i.column));
  return hit ? hit.column : null;
}
