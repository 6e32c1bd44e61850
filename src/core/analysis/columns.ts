/**
 * Which columns an analysis can use, and why the others are left out. Roles come from the
 * caller (detected or chosen by the user); columns without a useful role are judged by content.
 */
import { Cell, ColumnRole, isCdmColumn, isEmpty, Roles, Table } from '../table';
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

export function classifyColumns(table: Table, roles: Roles): ColumnInfo[] {
  return table.header.map((column, at) => {
    const role: ColumnRole = roles[column] ?? 'unknown';
    const base = { column, role, missing: 0, distinct: 0 };
    if (isCdmColumn(column)) return { ...base, kind: 'ignored' as const, skip: 'written by CDM' };
    // Identity and contact columns are never read: no need to scan them.
    if (NEVER_ANALYSED.includes(role) || (role === 'unknown' && ID_HEADER.test(column.trim()))) {
      return { ...base, kind: 'ignored' as const, skip: 'identity or free-text column' };
    }
    const filled: Cell[] = [];
    for (const r of table.rows) {
      const c = r[at];
      if (!isBlank(c)) filled.push(c);
    }
    const missing = table.rows.length - filled.length;
    const kind = kindOf(role, filled);
    // Counting stops once the answer is known: "more than one value", "more than 30 levels".
    const distinct = distinctUpTo(filled, kind === 'category' ? MAX_CATEGORY_LEVELS + 1 : 2);
    const info: ColumnInfo = { ...base, kind, missing, distinct };
    if (table.rows.length > 0 && missing / table.rows.length > MAX_MISSING_SHARE) {
      return { ...info, skip: `too sparse: ${Math.round((100 * missing) / table.rows.length)}% of its cells are empty` };
    }
    if (table.rows.length < 2) return { ...info, skip: table.rows.length ? 'only one row' : 'no rows' };
    if (distinct <= 1) return { ...info, skip: 'every row has the same value' };
    if (kind === 'category' && distinct > MAX_CATEGORY_LEVELS) {
      return { ...info, skip: `too many different values (over ${MAX_CATEGORY_LEVELS}) to compare as categories` };
    }
    return info;
  });
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
  const ok = (i: ColumnInfo): boolean => i.kind === 'numeric' && !i.skip && !NOT_SPEND.test(i.column);
  const money = infos.find((i) => ok(i) && i.role === 'money' && SPEND_HEADER.test(i.column));
  if (money) return money.column;
  const named = infos.find((i) => ok(i) && /spend|revenue|sales/i.test(i.column));
  return named ? named.column : null;
}

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
