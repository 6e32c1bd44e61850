/**
 * A file CDM wrote may hold `CDM <column>` copies of the user's columns (--new-columns), and a
 * CSV has no marks, so core drops a column of that name as CDM's before a run (cdmOwnedByName).
 * But the user may have added a column of their own called `CDM Notes` beside `Notes` after the
 * first run. A dropped copy was CDM's only if this run wrote the same values again — in the new
 * copy, or in the column cleaned in place; a column whose values the run does not reproduce is
 * the user's, and must come out whole (nothing a user typed is lost).
 */
import { cellText } from '../core/csv';
import type { PipelineState } from '../core/pipeline';
import { CDM_COLUMNS, cdmOwnedByName, type Table } from '../core/table';

/** The user column `CDM <h>` / `CDM <h> (cleaned)` copies, when `h` is a header of the file. */
function copiedColumn(name: string, header: readonly string[]): string | null {
  if (!name.startsWith('CDM ')) return null;
  const rest = name.slice(4);
  const base = rest.endsWith(' (cleaned)') ? rest.slice(0, -' (cleaned)'.length) : rest;
  return header.includes(base) ? base : null;
}

/**
 * The columns of `input` core dropped as CDM's copies whose values `state` (the finished run)
 * does not hold again, row for row: these are the user's own columns.
 */
export function copiesNotReproduced(input: Table, state: PipelineState): string[] {
  const owned = cdmOwnedByName(input.header);
  const out = state.table;
  const user: string[] = [];
  input.header.forEach((name, c) => {
    if (!owned[c] || (CDM_COLUMNS as readonly string[]).includes(name)) return;
    const base = copiedColumn(name, input.header);
    if (base === null) return;
    const at = out.header.includes(name) ? out.header.indexOf(name) : out.header.indexOf(base);
    const same = at >= 0 && out.rows.every((row, i) => cellText(row[at]) === cellText(input.rows[state.rowOrigin[i]]?.[c]));
    // Rows a merge took out keep their copy cell in the removed-rows file, as typed.
    if (!same) user.push(name);
  });
  return user;
}

/** The header names core should treat as CDM's (PipelineOptions.cdmColumns), `keep` excepted. */
export function cdmColumnsExcept(input: Table, keep: readonly string[]): string[] {
  const owned = cdmOwnedByName(input.header);
  return input.header.filter((h, i) => owned[i] && !keep.includes(h));
}
