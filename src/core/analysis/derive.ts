/**
 * Derived features: facts the user's sheet holds in pieces, worked out as CDM columns that
 * never overwrite the user's own.
 * - `CDM Age` from a birth year (age = the as-of year − birth year) or a birth date (whole
 *   years completed on the as-of day). A birth year that makes nobody alive (age over 110, or
 *   a year in the future) gives no age and a flag.
 * - `CDM Total Spend` from several amount columns: a shared abbreviation prefix (MntWines,
 *   MntFruits… → "Mnt") or, without one, several money columns about spending. Columns in
 *   different currencies (or mixing them) are never added up: the run says so instead.
 * - `CDM Orders` from several purchase-count columns with a shared prefix (NumWebPurchases,
 *   NumStorePurchases…). A count of deals/discount purchases is left out: those purchases
 *   are already counted in the channel columns.
 * - `CDM Last Purchase` from a days-since-last-purchase column (Recency): the as-of day
 *   minus that many days.
 * Nothing is derived when the user already has the column (an Age, a Total Spend, an Orders
 * column, a last-purchase date). The caller can confirm or change the parts (options.spendColumns,
 * options.orderColumns; [] turns a derivation off).
 */
import { Cell, ColumnRole, isCdmColumn, Table } from '../table';
import type { AnalysisT } from '../../i18n/analysis';
import { ColumnInfo, DERIVED_SPEND } from './columns';
import { headerWords } from './names';
import { DAY_MS, toNumber, toTime } from './values';

export const DERIVED_AGE = 'CDM Age';
export const DERIVED_ORDERS = 'CDM Orders';
export const DERIVED_LAST = 'CDM Last Purchase';
export { DERIVED_SPEND };

/** Nobody alive is older; a birth year giving more is a typo or a placeholder (1900). */
export const MAX_AGE = 110;

export type DerivedKind = 'age' | 'spend' | 'orders' | 'last';

export interface DerivedColumn {
  column: string;
  kind: DerivedKind;
  role: ColumnRole;
  /** The user's columns it was worked out from. */
  from: string[];
  values: Cell[];
  /** Written with each cell (the change's reason). */
  reason: string;
}

export interface DerivedFlag { row: number; column: string; value: Cell; reason: string }

export interface DerivedReport {
  columns: Array<{ column: string; kind: DerivedKind; from: string[]; how: string; filled: number }>;
  /** Groups that look like parts of one total but were not added up, and why. */
  notSummed: Array<{ kind: DerivedKind; columns: string[]; reason: string }>;
  /** Columns left out of a sum on purpose (deal purchases), with the reason. */
  leftOut: Array<{ column: string; reason: string }>;
}

export interface DeriveResult {
  derived: DerivedColumn[];
  report: DerivedReport;
  /** User column → the derived column that stands for it in models (parts of a sum, a birth year). */
  replaced: Map<string, string>;
  flags: DerivedFlag[];
}

export interface DeriveChoice {
  /** Amount columns to add up as total spend; [] = none; absent = detect. */
  spendColumns?: string[];
  orderColumns?: string[];
}

const BIRTH_YEAR = /^(year[\s_]*(of[\s_]*)?birth|birth[\s_]*year|yob|出生年份?)$/i;
const BIRTH_DATE = /^(date[\s_]*of[\s_]*birth|birth[\s_]*date|dob|birthday|出生日期|生日)$/i;
const AGE = /^(age|年龄)$/i;
const RECENCY = /^recency$|days?[\s_]*since[\s_]*(last|purchase|order)|^days[\s_]*since$|距上次购买/i;
const HAS_LAST = /last|latest|recent|最近/i;
const SPEND_WORDS = /spen[dt]|amount|purchase|消费/i;
const NOT_SPEND = /income|salary|wage|budget|credit|limit|price|cost|revenue_?z|^z_/i;
const SPEND_PREFIX = new Set(['mnt', 'amt', 'amount', 'spend', 'spent', 'spending']);
const ORDER_WORDS = /purchases?|orders?|购买次数|订单/i;
const SUBSET_WORDS = /deal|discount|promo|coupon|voucher|优惠/i;
const EXISTING_SPEND = /^(total[\s_]*)?(spend|spent|spending|revenue|sales)$|^total[\s_]*(amount|purchases?[\s_]*amount)$|消费总额|总消费/i;
const EXISTING_ORDERS = /^(total[\s_]*|number[\s_]*of[\s_]*|num[\s_]*)?(orders?|purchases?)([\s_]*count)?$|^order[\s_]*count$|订单数/i;

const present = (info: ColumnInfo | undefined): boolean => !!info && info.kind !== 'ignored' && !isCdmColumn(info.column);

export function deriveFeatures(table: Table, infos: ColumnInfo[], asOf: Date, t: AnalysisT, choice: DeriveChoice = {}): DeriveResult {
  const out: DeriveResult = { derived: [], report: { columns: [], notSummed: [], leftOut: [] }, replaced: new Map(), flags: [] };
  const byName = new Map(infos.map((i) => [i.column, i]));
  const numericUser = infos.filter((i) => present(i) && i.kind === 'numeric' && !i.yesno);
  const at = (c: string): number => table.header.indexOf(c);
  const asOfYear = asOf.getUTCFullYear();
  const dateText = asOf.toISOString().slice(0, 10);

  // --- age ---
  if (!infos.some((i) => present(i) && (AGE.test(i.column.trim()) || i.role === 'number' && /\bage\b/i.test(i.column)))) {
    const year = infos.find((i) => present(i) && (i.role === 'birth_year' || BIRTH_YEAR.test(i.column.trim())) && i.kind === 'numeric');
    const date = year ? undefined : infos.find((i) => present(i) && (i.role === 'birth_date' || BIRTH_DATE.test(i.column.trim())) && i.kind === 'date');
    const source = year ?? date;
    if (source) {
      const j = at(source.column);
      const values: Cell[] = table.rows.map((r, row) => {
        const cell = r[j];
        let age: number | null = null;
        if (year) {
          const y = toNumber(cell ?? '');
          if (y === null) return '';
          age = asOfYear - y;
        } else {
          const when = toTime(cell ?? '');
          if (when === null) return '';
          const d = new Date(when);
          age = asOfYear - d.getUTCFullYear() - ((asOf.getUTCMonth() < d.getUTCMonth() || (asOf.getUTCMonth() === d.getUTCMonth() && asOf.getUTCDate() < d.getUTCDate())) ? 1 : 0);
        }
        if (age < 0 || age > MAX_AGE || !Number.isInteger(age)) {
          out.flags.push({ row, column: source.column, value: cell, reason: t('outImpossibleBirthYear', { column: source.column, value: String(cell), age }) });
          return '';
        }
        return age;
      });
      push(out, { column: DERIVED_AGE, kind: 'age', role: 'number', from: [source.column], values, reason: t('derivedAge', { date: dateText, source: source.column }) });
      out.replaced.set(source.column, DERIVED_AGE);
    }
  }

  // --- total spend ---
  const hasSpend = numericUser.some((i) => EXISTING_SPEND.test(i.column.trim()));
  const spendParts = choice.spendColumns ?? (hasSpend ? [] : spendGroup(numericUser));
  if (spendParts.length >= 2) sumColumns(out, table, byName, spendParts, { column: DERIVED_SPEND, kind: 'spend', role: 'money' }, t);

  // --- orders ---
  const hasOrders = numericUser.some((i) => EXISTING_ORDERS.test(i.column.trim()));
  let orderParts = choice.orderColumns;
  if (!orderParts) {
    const group = hasOrders ? [] : orderGroup(numericUser);
    orderParts = group.filter((c) => !SUBSET_WORDS.test(c));
    for (const c of group) if (SUBSET_WORDS.test(c)) out.report.leftOut.push({ column: c, reason: t('derivedSubset', { column: c }) });
  }
  if (orderParts.length >= 2) sumColumns(out, table, byName, orderParts, { column: DERIVED_ORDERS, kind: 'orders', role: 'count' }, t);

  // --- last purchase from days since ---
  const hasLastDate = infos.some((i) => present(i) && i.kind === 'date' && HAS_LAST.test(i.column));
  const recency = hasLastDate ? undefined : numericUser.find((i) => RECENCY.test(i.column.trim()));
  if (recency) {
    const j = at(recency.column);
    const values: Cell[] = table.rows.map((r) => {
      const d = toNumber(r[j] ?? '');
      return d === null || d < 0 ? '' : new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()) - Math.round(d) * DAY_MS);
    });
    push(out, { column: DERIVED_LAST, kind: 'last', role: 'date', from: [recency.column], values, reason: t('derivedLast', { date: dateText, source: recency.column }) });
  }
  return out;
}

function push(out: DeriveResult, d: DerivedColumn): void {
  out.derived.push(d);
  out.report.columns.push({ column: d.column, kind: d.kind, from: d.from, how: d.reason, filled: d.values.filter((v) => v !== '').length });
}

/** Amount columns sharing an abbreviation prefix (Mnt…), else money columns about spending. */
function spendGroup(numeric: ColumnInfo[]): string[] {
  const candidates = numeric.filter((i) => !NOT_SPEND.test(i.column) && i.role !== 'count');
  const byPrefix = new Map<string, string[]>();
  for (const i of candidates) {
    const words = headerWords(i.column);
    const first = words.length > 1 ? words[0].toLowerCase() : '';
    if (SPEND_PREFIX.has(first)) byPrefix.set(first, [...(byPrefix.get(first) ?? []), i.column]);
  }
  const best = [...byPrefix.values()].sort((a, b) => b.length - a.length)[0];
  if (best && best.length >= 2) return best;
  const byRole = candidates.filter((i) => i.role === 'money' && SPEND_WORDS.test(i.column));
  return byRole.length >= 2 ? byRole.map((i) => i.column) : [];
}

/** Purchase-count columns sharing their first word (Num…Purchases). */
function orderGroup(numeric: ColumnInfo[]): string[] {
  const byPrefix = new Map<string, string[]>();
  for (const i of numeric) {
    if (!ORDER_WORDS.test(i.column) || i.role === 'money') continue;
    const words = headerWords(i.column);
    if (words.length < 2) continue;
    const first = words[0].toLowerCase();
    byPrefix.set(first, [...(byPrefix.get(first) ?? []), i.column]);
  }
  const best = [...byPrefix.values()].sort((a, b) => b.length - a.length)[0];
  return best && best.length >= 2 ? best : [];
}

function sumColumns(out: DeriveResult, table: Table, byName: Map<string, ColumnInfo>, parts: string[],
  target: { column: string; kind: DerivedKind; role: ColumnRole }, t: AnalysisT): void {
  const missing = parts.filter((p) => !table.header.includes(p));
  if (missing.length) {
    out.report.notSummed.push({ kind: target.kind, columns: parts, reason: t('skipNoColumn', { column: missing[0] }) });
    return;
  }
  // Currencies: one sign per column at most, and the same one in every column (or none).
  const signs = new Set<string>();
  for (const p of parts) {
    const cs = byName.get(p)?.currencies ?? [];
    if (cs.length > 1) {
      out.report.notSummed.push({ kind: target.kind, columns: parts, reason: t('skipCurrencyMix', { symbols: cs.join(', ') }) });
      return;
    }
    for (const c of cs) signs.add(c);
  }
  if (signs.size > 1) {
    out.report.notSummed.push({ kind: target.kind, columns: parts, reason: t('skipCurrencyMix', { symbols: [...signs].sort().join(', ') }) });
    return;
  }
  const idx = parts.map((p) => table.header.indexOf(p));
  const values: Cell[] = table.rows.map((r) => {
    let sum = 0;
    let any = false;
    for (const j of idx) {
      const v = toNumber(r[j] ?? '');
      if (v !== null) { sum += v; any = true; }
    }
    return any ? Math.round(sum * 100) / 100 : '';
  });
  push(out, { ...target, from: parts.slice(), values, reason: t(target.kind === 'spend' ? 'derivedSpend' : 'derivedOrders', { parts: parts.join(' + ') }) });
  for (const p of parts) out.replaced.set(p, target.column);
}
