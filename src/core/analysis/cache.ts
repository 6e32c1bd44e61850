/**
 * Column values and outlier fences computed once per analysis: describe, outliers,
 * regression and segments all read the same numeric columns of what may be a 100k-row sheet.
 */
import { Table } from '../table';
import { findOutliers, OutlierFence } from './outliers';
import { numericColumn, timeColumn } from './values';

export interface ColumnFence extends OutlierFence {
  /** Table rows of the flagged values (OutlierFence.indices count only rows with a value). */
  rows: number[];
}

export class ColumnCache {
  private readonly numbers = new Map<string, Array<number | null>>();
  private readonly fences = new Map<string, ColumnFence>();
  private readonly times = new Map<string, Array<number | null>>();

  constructor(private readonly table: Table) {}

  numeric(column: string): Array<number | null> {
    let v = this.numbers.get(column);
    if (!v) { v = numericColumn(this.table, column); this.numbers.set(column, v); }
    return v;
  }

  time(column: string): Array<number | null> {
    let v = this.times.get(column);
    if (!v) { v = timeColumn(this.table, column); this.times.set(column, v); }
    return v;
  }

  fence(column: string): ColumnFence {
    let f = this.fences.get(column);
    if (!f) {
      const values = this.numeric(column);
      const rowsWith: number[] = [];
      const present: number[] = [];
      values.forEach((v, i) => { if (v !== null) { rowsWith.push(i); present.push(v); } });
      const fence = findOutliers(present);
      f = { ...fence, rows: fence.indices.map((k) => rowsWith[k]) };
      this.fences.set(column, f);
    }
    return f;
  }
}
