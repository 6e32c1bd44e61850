/**
 * Reading cells as numbers and dates for analysis. Sheets hand us numbers and Dates; the CLI
 * hands us strings from CSV, so plain numeric / ISO-date strings are accepted too.
 */
import { Cell, isEmpty, Table } from '../table';

// Hoisted: global lookups are slow inside node:vm (jest, the local Apps Script runtime).
const finite = Number.isFinite;
const toNum = Number;
const utc = Date.UTC;

const NUMERIC = /^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
// A currency sign or thousands separators are common in hand-typed money columns.
const MONEY_DECORATION = /^[-+]?[$€£¥]?\s?(?:[\d,]*\.)?\d+$/;

export function toNumber(c: Cell): number | null {
  if (typeof c === 'number') return finite(c) ? c : null;
  if (typeof c === 'boolean' || c instanceof Date) return null;
  if (isEmpty(c)) return null;
  const s = String(c).trim();
  if (NUMERIC.test(s)) return toNum(s);
  if (MONEY_DECORATION.test(s) && /\d/.test(s)) {
    const n = toNum(s.replace(/[$€£¥,\s]/g, ''));
    return finite(n) ? n : null;
  }
  return null;
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/** Dates as epoch milliseconds (UTC calendar day for date-only strings). */
export function toTime(c: Cell): number | null {
  if (c instanceof Date) {
    const t = c.getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof c !== 'string' || c === '') return null;
  // Fast path for the common cleaned form YYYY-MM-DD (sheets of 100k rows have several date columns).
  if (c.length === 10 && c.charCodeAt(4) === 45 && c.charCodeAt(7) === 45) {
    const y = digits(c, 0, 4);
    const mo = digits(c, 5, 7);
    const d = digits(c, 8, 10);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return utc(y, mo - 1, d);
  }
  const m = ISO_DATE.exec(c.trim());
  if (!m) return null;
  const y = toNum(m[1]);
  const mo = toNum(m[2]);
  const d = toNum(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return utc(y, mo - 1, d, toNum(m[4] ?? 0), toNum(m[5] ?? 0), toNum(m[6] ?? 0));
}

/** The number written in c[from, to) when every character is a digit, else -1. */
function digits(c: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = c.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export const DAY_MS = 86400000;

export function numericColumn(table: Table, column: string): Array<number | null> {
  const at = table.header.indexOf(column);
  return table.rows.map((r) => (at < 0 ? null : toNumber(r[at] ?? '')));
}

export function timeColumn(table: Table, column: string): Array<number | null> {
  const at = table.header.indexOf(column);
  return table.rows.map((r) => (at < 0 ? null : toTime(r[at] ?? '')));
}

export function textColumn(table: Table, column: string): string[] {
  const at = table.header.indexOf(column);
  return table.rows.map((r) => {
    const c = at < 0 ? '' : r[at];
    if (isEmpty(c)) return '';
    return c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();
  });
}

export const present = (xs: Array<number | null>): number[] => xs.filter((x): x is number => x !== null);

/** Rounds for display in a sheet cell; keeps cents. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Linear-interpolated quantile of sorted values, as pandas / numpy default (type 7). */
export function quantileLinear(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Fences travel as JSON, where ±Infinity would become null anyway: null means "no bound". */
export const boundOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function clamp(v: number, low: number | null, high: number | null): number {
  if (low !== null && v < low) return low;
  if (high !== null && v > high) return high;
  return v;
}

/** Ascending numeric sort through a typed array (much faster than sort with a comparator). */
export function sortedNumbers(xs: ArrayLike<number>): number[] {
  // Copied by index both ways: Float64Array.from and Array.from go through the iterator, an
  // object per value in code not yet optimised (each runs once per column of 100k values).
  const n = xs.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = xs[i];
  s.sort();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = s[i];
  return out;
}
