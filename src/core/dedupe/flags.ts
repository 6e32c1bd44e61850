/**
 * The four columns a dedupe writes beside the user's (group, duplicate of, score, reason), and
 * the change log entries for them.
 */
import { type Cell, type Change, type Table, isCdmColumn, isEmpty } from '../table';

export const FLAG_COLUMNS = ['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason'] as const;

/** The row of a group that keeps the most filled-in cells: the group's main record. */
export function mostComplete(table: Table, rows: number[]): number {
  let best = rows[0];
  let bestCount = -1;
  for (const r of rows) {
    let c = 0;
    table.rows[r].forEach((v, i) => { if (!isCdmColumn(table.header[i]) && !isEmpty(v) && String(v).trim() !== '') c++; });
    if (c > bestCount) { best = r; bestCount = c; }
  }
  return best;
}

/**
 * Same result as withColumn once per column, in order, but each row is copied once instead
 * of once per column (four copies of 100k rows were a good part of the step's garbage).
 */
export function withColumns(table: Table, names: readonly string[], columns: Cell[][]): Table {
  const header = table.header.slice();
  const at = names.map((name) => table.header.indexOf(name));
  names.forEach((name, k) => { if (at[k] < 0) header.push(name); });
  // A row is copied once at its final length (growing a copy by push reallocates it).
  const added = at.filter((a) => a < 0).length;
  const pad: Cell[] = new Array<Cell>(added).fill('');
  const rows = table.rows.map((r, i) => {
    const c = added ? r.concat(pad) : r.slice();
    let extra = r.length;
    for (let k = 0; k < names.length; k++) {
      if (at[k] >= 0) c[at[k]] = columns[k][i]; else c[extra++] = columns[k][i];
    }
    return c;
  });
  return { header, rows };
}

export function flagChanges(table: Table, columns: Cell[][]): Change[] {
  const changes: Change[] = [];
  FLAG_COLUMNS.forEach((name, k) => {
    const at = table.header.indexOf(name);
    columns[k].forEach((v, row) => {
      const old: Cell = at >= 0 ? table.rows[row][at] ?? '' : '';
      if (old === v || (old === '' && v === '')) return;
      changes.push({ row, column: name, old, new: v, kind: 'dedupe', reason: v === '' ? 'no longer a duplicate' : 'duplicate check' });
    });
  });
  return changes;
}
