/** Writing the analysis columns onto the customer rows, each changed cell logged as a change. */
import { Cell, Change, Table } from '../table';

/**
 * Sets the CDM columns in one pass over the rows (same result as withColumn per column).
 * `values` null means the method did not run: a column left by an earlier run is emptied
 * (its figures would be stale), a missing one is not added.
 */
export function writeColumns(table: Table, changes: Change[], columns: Array<{ column: string; values: Cell[] | null; reason: string }>,
  notPossible = 'analysis not possible this run'): Table {
  const header = table.header.slice();
  const plan: Array<{ at: number; existed: boolean; values: Cell[] | null; column: string; reason: string }> = [];
  for (const c of columns) {
    const at = header.indexOf(c.column);
    if (c.values === null && at < 0) continue;
    if (at < 0) header.push(c.column);
    plan.push({ at: at < 0 ? header.length - 1 : at, existed: at >= 0, values: c.values, column: c.column, reason: c.values ? c.reason : notPossible });
  }
  if (plan.length === 0) return table;
  const rows = table.rows.map((r, i) => {
    const row = r.slice();
    while (row.length < header.length) row.push('');
    for (const p of plan) {
      const next = p.values ? p.values[i] : '';
      const old = p.existed ? r[p.at] ?? '' : '';
      if (String(old) !== String(next)) changes.push({ row: i, column: p.column, old, new: next, kind: 'analysis', reason: p.reason });
      row[p.at] = next;
    }
    return row;
  });
  return { header, rows };
}
