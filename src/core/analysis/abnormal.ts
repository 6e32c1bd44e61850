/**
 * Values worth a look, each with a reason in the user's words, kept out of every fit:
 * - impossible: a birth year that makes the customer older than MAX_AGE or not yet born
 *   (1893, 1899, 1900; a year in the future), an age below 0 or above MAX_AGE;
 * - far out: a number outside its column's wide fence (outliers.ts: 3 × IQR, on the log scale
 *   too for positive columns), such as an income of 666,666 among incomes near 50k;
 * - absurd rare categories: in a column of a few categories, a value almost nobody has
 *   ("YOLO", "Absurd" in a marital-status column of 2,240 rows) — at most RARE_SHARE of the
 *   rows and under a twentieth of the typical category's count. Gender, places, tags and
 *   products are never judged this way: a rare value there is real.
 * Nothing is changed: the value stays as typed, the row gets a line in CDM Flags.
 */
import { Cell, ColumnRole, isEmpty, Table } from '../table';
import type { AnalysisT } from '../../i18n/analysis';
import { ColumnCache } from './cache';
import { ColumnInfo, usable } from './columns';
import { MAX_AGE } from './derive';
import { quantileLinear, textColumn } from './values';
import { shown } from '../shown';

export interface AbnormalFlag { row: number; column: string; value: Cell; kind: 'impossible' | 'far' | 'rare'; reason: string }

const BIRTH_YEAR = /^(year[\s_]*(of[\s_]*)?birth|birth[\s_]*year|yob|出生年份?)$/i;
const AGE = /^(age|年龄)$/i;
const RARE_SHARE = 0.002;
const MIN_ROWS_FOR_RARE = 100;
const MAX_LEVELS_FOR_RARE = 15;
const NEVER_RARE: ColumnRole[] = ['gender', 'city', 'state', 'country', 'country_code', 'state_code', 'tags', 'product', 'consent', 'company'];

const round = (x: number): string => String(Math.round(x * 100) / 100);

export function findAbnormal(table: Table, infos: ColumnInfo[], cache: ColumnCache, asOf: Date, t: AnalysisT, skipFence: ReadonlySet<string>): AbnormalFlag[] {
  const flags: AbnormalFlag[] = [];
  const seen = new Set<string>();
  const add = (f: AbnormalFlag): void => {
    const key = `${f.row}\u0001${f.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    flags.push(f);
    cache.flag(f.column, f.row);
  };
  const year = asOf.getUTCFullYear();
  const cellAt = (row: number, column: string): Cell => table.rows[row][table.header.indexOf(column)] ?? '';

  // Rules first, so the fences below already count these rows as flagged.
  for (const info of infos) {
    if (info.kind !== 'numeric' || info.yesno || info.column.startsWith('CDM ')) continue;
    const values = cache.numeric(info.column);
    if (info.role === 'birth_year' || BIRTH_YEAR.test(info.column.trim())) {
      values.forEach((v, row) => {
        if (v === null) return;
        const age = year - v;
        if (age < 0 || age > MAX_AGE) add({ row, column: info.column, value: cellAt(row, info.column), kind: 'impossible', reason: t('outImpossibleBirthYear', { column: info.column, value: String(v), age }) });
      });
    } else if (AGE.test(info.column.trim())) {
      values.forEach((v, row) => {
        if (v !== null && (v < 0 || v > MAX_AGE)) add({ row, column: info.column, value: cellAt(row, info.column), kind: 'impossible', reason: t('outImpossibleAge', { column: info.column, value: String(v) }) });
      });
    }
  }

  for (const column of usable(infos, 'numeric')) {
    if (skipFence.has(column) || column.startsWith('CDM ')) continue;
    const info = infos.find((i) => i.column === column)!;
    if (info.yesno) continue;
    const fence = cache.fence(column);
    const far = fence.rows.filter((r) => !seen.has(`${r}\u0001${column}`));
    if (!far.length) continue;
    const values = cache.numeric(column);
    const sorted = cache.sorted(column);
    const low = round(quantileLinear(sorted, 0.25));
    const high = round(quantileLinear(sorted, 0.75));
    for (const row of far) {
      const v = values[row] as number;
      add({ row, column, value: cellAt(row, column), kind: 'far', reason: t(v > fence.high ? 'outFarHigh' : 'outFarLow', { column, value: String(v), low, high }) });
    }
  }

  for (const info of infos) {
    if (info.kind !== 'category' || info.skip || NEVER_RARE.includes(info.role) || info.distinct > MAX_LEVELS_FOR_RARE) continue;
    const values = textColumn(table, info.column);
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < values.length; i++) { const v = values[i]; if (v !== '') { counts.set(v, (counts.get(v) ?? 0) + 1); total++; } }
    if (total < MIN_ROWS_FOR_RARE || counts.size < 3) continue;
    const sizes = [...counts.values()].sort((a, b) => a - b);
    const typical = quantileLinear(sizes, 0.5);
    const limit = Math.max(2, RARE_SHARE * total);
    const rare = new Set([...counts.entries()].filter(([, c]) => c <= limit && c * 20 <= typical).map(([v]) => v));
    if (!rare.size) continue;
    values.forEach((v, row) => {
      if (rare.has(v) && !isEmpty(v)) add({ row, column: info.column, value: v, kind: 'rare', reason: t('outRareCategory', { column: info.column, value: shown(String(v)), n: counts.get(v)!, total }) });
    });
  }
  return flags.sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : 1));
}
