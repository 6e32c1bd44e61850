/**
 * Column values and outlier fences computed once per analysis: describe, outliers,
 * regression and segments all read the same numeric columns of what may be a 100k-row sheet.
 * Yes/no columns read as 1 / 0. Rows flagged as abnormal by a rule (an impossible birth year,
 * an absurd rare category; abnormal.ts) join the column's fence rows, so every model that
 * leaves fence rows out of fitting leaves them out too.
 */
import { Table } from '../table';
import { ColumnInfo, yesNoValue } from './columns';
import { findOutliers, OutlierFence } from './outliers';
import { numericColumn, present, sortedNumbers, timeColumn } from './values';

export interface ColumnFence extends OutlierFence {
  /** Table rows of the flagged values (OutlierFence.indices count only rows with a value). */
  rows: number[];
}

export class ColumnCache {
  private readonly numbers = new Map<string, Array<number | null>>();
  private readonly fences = new Map<string, ColumnFence>();
  private readonly sortedValues = new Map<string, number[]>();
  private readonly times = new Map<string, Array<number | null>>();
  private readonly yesno = new Map<string, { yes: string; no: string }>();
  private readonly ruled = new Map<string, Set<number>>();
  /** Every row a rule flagged, in any column (a rare category too): kept out of every fit. */
  readonly ruledAny = new Set<number>();

  constructor(private readonly table: Table, infos: ColumnInfo[] = []) {
    for (const i of infos) if (i.yesno) this.yesno.set(i.column, i.yesno);
  }

  numeric(column: string): Array<number | null> {
    let v = this.numbers.get(column);
    if (!v) {
      const yn = this.yesno.get(column);
      const at = this.table.header.indexOf(column);
      v = yn ? this.table.rows.map((r) => (at < 0 ? null : yesNoValue(yn, r[at] ?? ''))) : numericColumn(this.table, column);
      this.numbers.set(column, v);
    }
    return v;
  }

  /** The column's values in ascending order, blanks left out (describe, abnormal and the regression all need them). */
  sorted(column: string): number[] {
    let v = this.sortedValues.get(column);
    if (!v) { v = sortedNumbers(present(this.numeric(column))); this.sortedValues.set(column, v); }
    return v;
  }

  /** Lets the sorted columns go once their readers are done (they are remade if asked again): less held through the write. */
  releaseSorted(): void {
    this.sortedValues.clear();
  }

  time(column: string): Array<number | null> {
    let v = this.times.get(column);
    if (!v) { v = timeColumn(this.table, column); this.times.set(column, v); }
    return v;
  }

  /** Marks a row of a column abnormal by rule (before fences are read). */
  flag(column: string, row: number): void {
    let s = this.ruled.get(column);
    if (!s) { s = new Set(); this.ruled.set(column, s); }
    s.add(row);
    this.ruledAny.add(row);
    this.fences.delete(column);
  }

  /** Every column with rule-flagged rows, and those rows. */
  ruledEntries(): Array<[string, number[]]> {
    return [...this.ruled.entries()].map(([c, rows]) => [c, [...rows].sort((a, b) => a - b)]);
  }

  ruledRows(column: string): number[] {
    return [...(this.ruled.get(column) ?? [])].sort((a, b) => a - b);
  }

  fence(column: string): ColumnFence {
    let f = this.fences.get(column);
    if (!f) {
      const values = this.numeric(column);
      const rowsWith: number[] = [];
      const present: number[] = [];
      values.forEach((v, i) => { if (v !== null) { rowsWith.push(i); present.push(v); } });
      // A yes/no column has no "far out" values.
      const fence = this.yesno.has(column) ? { low: -Infinity, high: Infinity, indices: [] } : findOutliers(present, this.sorted(column));
      const rows = fence.indices.map((k) => rowsWith[k]);
      const ruled = this.ruled.get(column);
      if (ruled) for (const r of ruled) if (!rows.includes(r) && values[r] !== null) rows.push(r);
      rows.sort((a, b) => a - b);
      f = { ...fence, rows };
      this.fences.set(column, f);
    }
    return f;
  }
}
