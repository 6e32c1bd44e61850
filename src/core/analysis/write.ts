/** Writing the analysis columns onto the customer rows, each changed cell logged as a change. */
import { Cell, Change, Table } from '../table';

/** Where writeColumns logs a changed cell: a list of changes, or a function given each one's fields. */
export type ChangeOut = Change[] | ((row: number, column: string, old: Cell, next: Cell, reason: string) => void);

/** String(old) !== String(next), without making the text of a number per cell. */
function differs(old: Cell, next: Cell): boolean {
  if (old === next) return false;
  if (typeof old === 'string' && typeof next === 'string') return true;
  return old === '' ? next !== '' : String(old) !== String(next);
}

function logChange(changes: ChangeOut, row: number, column: string, old: Cell, next: Cell, reason: string): void {
  if (typeof changes === 'function') changes(row, column, old, next, reason);
  else changes.push({ row, column, old, new: next, kind: 'analysis', reason });
}

/**
 * Logs the changes writeColumns(table, changes, columns) would log, in the same order, without
 * building the new rows: for columns the caller has already set in a copy of its own (the
 * derived columns are in the analysis's working table), so no second copy of every row is made.
 */
export function logColumns(table: Table, changes: ChangeOut, columns: Array<{ column: string; values: Cell[]; reason: string }>): void {
  const plan = columns.map((c) => ({ at: table.header.indexOf(c.column), values: c.values, column: c.column, reason: c.reason }));
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (const p of plan) {
      const next = p.values[i];
      const old = p.at >= 0 ? r[p.at] ?? '' : '';
      if (differs(old, next)) logChange(changes, i, p.column, old, next, p.reason);
    }
  }
}

/**
 * Sets the CDM columns in one pass over the rows (same result as withColumn per column).
 * `values` null means the method did not run: a column left by an earlier run is emptied
 * (its figures would be stale), a missing one is not added.
 */
export function writeColumns(table: Table, changes: ChangeOut, columns: Array<{ column: string; values: Cell[] | null; reason: string }>,
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
  // Each row is made at its final length at once (growing a copy by push reallocates it).
  const pads: Cell[][] = [];
  const rows = table.rows.map((r, i) => {
    const short = header.length - r.length;
    const row = short > 0 ? r.concat(pads[short] ??= new Array<Cell>(short).fill('')) : r.slice();
    for (const p of plan) {
      const next = p.values ? p.values[i] : '';
      const old = p.existed ? r[p.at] ?? '' : '';
      if (differs(old, next)) logChange(changes, i, p.column, old, next, p.reason);
      row[p.at] = next;
    }
    return row;
  });
  return { header, rows };
}
