/**
 * Writes a finished pipeline state back over the rows it was read from (design.md §4).
 *
 * Only the rows read (sheet rows 1..rows+1) are written, so rows appended meanwhile (a form
 * submission) are left alone; in merge mode the survivors are written to the top of that
 * block and the rest of the block — rows that were read — is deleted. Formula cells are
 * written back as their own formula, i.e. left as they were, whatever core made of their
 * value. Imputed cells get a note and a light background. When rows stay in place they are
 * marked through one RangeList (one setNote, one setBackground) without reading the sheet's
 * notes and backgrounds, so the user's other notes and colours are never rewritten; when rows
 * move (merge mode) notes and backgrounds are read and written back permuted with their rows.
 */
import type { ImputeReport } from '../core/impute';
import { sameCell, type Cell, type Change, type Table } from '../core/table';
import { TEXT_FORMAT, asSheetText, asSheetTextIn, headerOf, type SheetRead } from './sheet-io';
import { sheetDates, spreadsheetDates, type SheetDates } from './dates';

export const IMPUTED_BACKGROUND = '#fff2cc';
export const IMPUTED_NOTE_PREFIX = 'Filled by CDM: ';

export interface FinalTable {
  table: Table;
  /** Original data-row index of each row of `table`. */
  rowOrigin: number[];
}

export interface WriteResult {
  rowsWritten: number;
  widthAfter: number;
  /** Sheet column of each header of the final table. */
  columnOf: Record<string, number>;
  /** Sheet row (1-based, after the write) of each original data row still present. */
  sheetRowOf: Map<number, number>;
  imputedCells: number;
  cellsChanged: number;
}

const isFormula = (read: SheetRead, dataRow: number, column: number): boolean =>
  column <= read.width && (read.formulas[dataRow + 1]?.[column - 1] ?? '') !== '';

/** The sheet column of each header: existing columns keep their place, new ones go right. */
export function columnMap(read: SheetRead, header: string[]): Record<string, number> {
  const map: Record<string, number> = {};
  headerOf(read).forEach((h, j) => (map[h] = j + 1));
  let next = read.width + 1;
  for (const h of header) if (!(h in map)) map[h] = next++;
  return map;
}

/**
 * A date the run changed, as the instant Sheets means (see src/gas/dates.ts). A date alone
 * (midnight in the spreadsheet's zone) is written as `yyyy-mm-dd`, read as that day in the
 * sheet's zone and formatted as a date — what typing it would give; written as a Date it would
 * get a date-time format. Dates with a time of day stay Dates.
 */
export function asWrittenDate(v: Cell, dates: SheetDates = sheetDates('UTC')): Cell {
  if (!(v instanceof Date)) return asSheetText(v);
  const t = v.getTime();
  if (Number.isNaN(t)) return v;
  const day = dates.toCalendar(v) as Date;
  if (day.getTime() % 86400000 !== 0) return v;
  return day.toISOString().slice(0, 10);
}

/**
 * Ranges per Sheet.getRangeList call. Apps Script documents no limit on the list (none found
 * in its reference or issue threads); this bounds one call's argument. Below it the marking
 * costs 2 calls whatever the size; each further MAX_RANGES_PER_LIST runs of imputed cells
 * (consecutive rows of one column) costs 2 more. The 50k-row sample has about 12k runs.
 */
export const MAX_RANGES_PER_LIST = 40000;

/**
 * One note for every imputed cell of a run: a per-column note would cost one write per
 * imputed column (RangeList.setNote takes one text), so the note names each column with how
 * its gaps were filled and the held-out error (the impute report's reason), the same text in
 * every marked cell. Without a report (never in a run), the cells' own reasons are used.
 */
export function imputedNote(columns: string[], changes: Change[], report?: ImputeReport): string {
  const lines = columns.map((column) => {
    const r = report?.columns.find((c) => c.column === column && c.filled > 0);
    if (r) return `${column}: ${r.reason}`;
    const reasons = [...new Set(changes.filter((c) => c.kind === 'impute' && c.column === column).map((c) => c.reason))];
    return `${column}: ${reasons.join('; ')}`;
  });
  const intro = columns.length === 1 ? 'this cell was empty. How it was filled:' : "this cell was empty. How each column's empty cells were filled:";
  return `${IMPUTED_NOTE_PREFIX}${intro}\n${lines.join('\n')}\nEach filled cell is listed in CDM Audit.`;
}

const letters = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A1 ranges covering the cells, consecutive rows of one column joined ("C5:C9"). */
export function a1Runs(cells: Array<{ r: number; c: number }>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const { r, c } of cells) {
    const rows = byColumn.get(c) ?? [];
    rows.push(r);
    byColumn.set(c, rows);
  }
  const out: string[] = [];
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const col = letters(c);
    const rows = [...new Set(byColumn.get(c))].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      out.push(i === j ? `${col}${rows[i]}` : `${col}${rows[i]}:${col}${rows[j]}`);
      i = j + 1;
    }
  }
  return out;
}

export function writeCustomerSheet(read: SheetRead, final: FinalTable, changes: Change[], imputeReport?: ImputeReport): WriteResult {
  const sheet = read.sheet;
  const dates = spreadsheetDates();
  const { table, rowOrigin } = final;
  const columnOf = columnMap(read, table.header);
  const widthAfter = Math.max(read.width, ...Object.values(columnOf));
  const indexAt: number[] = new Array(widthAfter + 1).fill(-1);
  table.header.forEach((h, k) => (indexAt[columnOf[h]] = k));
  const rowsOut = table.rows.length;
  const moved = rowsOut !== read.rows || rowOrigin.some((o, i) => o !== i);

  // The new content of rows 1..rowsOut+1, columns 1..widthAfter, and the first column that differs.
  const grid: Cell[][] = [];
  let firstChanged = widthAfter + 1;
  let cellsChanged = 0;
  const current = (r: number, c: number): Cell => {
    if (r > read.rows || c > read.width) return '';
    const f = read.formulas[r][c - 1];
    return f !== '' ? f : read.values[r][c - 1];
  };
  const headerRow: Cell[] = [];
  for (let c = 1; c <= widthAfter; c++) headerRow.push(c <= read.width ? current(0, c) : table.header[indexAt[c]]);
  grid.push(headerRow);
  for (let i = 0; i < rowsOut; i++) {
    const origin = rowOrigin[i];
    const row: Cell[] = [];
    for (let c = 1; c <= widthAfter; c++) {
      let v: Cell;
      if (isFormula(read, origin, c)) v = read.formulas[origin + 1][c - 1];
      else if (indexAt[c] >= 0) v = dates.toSheet(table.rows[i][indexAt[c]] ?? ''); // core's calendar dates -> Sheets' instants
      else v = c <= read.width ? read.values[origin + 1][c - 1] : '';
      row.push(v);
    }
    grid.push(row);
  }
  for (let r = 0; r < grid.length; r++) {
    for (let c = 1; c <= widthAfter; c++) {
      if (!sameCell(grid[r][c - 1], current(r, c))) {
        cellsChanged++;
        if (c < firstChanged) firstChanged = c;
      }
    }
  }

  const sheetRowOf = new Map<number, number>();
  rowOrigin.forEach((o, i) => sheetRowOf.set(o, i + 2));

  // Imputed cells of rows still present, by sheet position.
  const imputed: Array<{ r: number; c: number; column: string }> = [];
  for (const ch of changes) {
    if (ch.kind !== 'impute') continue;
    const r = sheetRowOf.get(ch.row);
    const c = columnOf[ch.column];
    if (r === undefined || c === undefined || isFormula(read, ch.row, c)) continue;
    imputed.push({ r, c, column: ch.column });
  }
  const imputedColumns = [...new Set(imputed.map((x) => x.column))].sort((a, b) => columnOf[a] - columnOf[b]);
  const note = imputedNote(imputedColumns, changes, imputeReport);

  // Notes and backgrounds follow their rows when rows move, so they are read (before any
  // write) over the whole block and written back permuted.
  let decor: { row0: number; col0: number; rows: number; cols: number; notes: string[][]; backs: string[][] } | null = null;
  if (moved) {
    const col0 = 1;
    const col1 = Math.min(read.width, sheet.getMaxColumns());
    if (col1 >= col0) {
      const src = sheet.getRange(2, col0, read.rows, col1 - col0 + 1);
      const oldNotes = src.getNotes();
      const oldBacks = src.getBackgrounds();
      const notes: string[][] = [];
      const backs: string[][] = [];
      for (let i = 0; i < rowsOut; i++) {
        notes.push(oldNotes[rowOrigin[i]].slice());
        backs.push(oldBacks[rowOrigin[i]].slice());
      }
      decor = { row0: 2, col0, rows: rowsOut, cols: col1 - col0 + 1, notes, backs };
    }
  }

  // Values: one block from the first changed column to the right edge.
  if (widthAfter > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), widthAfter - sheet.getMaxColumns());
  if (firstChanged <= widthAfter) {
    // Plain-text cells take text as it is (see asSheetText): their formats, in one read.
    const formatWidth = Math.min(widthAfter, read.width) - firstChanged + 1;
    const formatRows = Math.min(grid.length, read.rows + 1);
    const formats = formatWidth > 0 ? sheet.getRange(1, firstChanged, formatRows, formatWidth).getNumberFormats() : [];
    const out = grid.map((row, r) =>
      row.slice(firstChanged - 1).map((v, j) => {
        const c = firstChanged + j;
        const formula = r > 0 ? isFormula(read, rowOrigin[r - 1], c) : r === 0 && c <= read.width && read.formulas[0][c - 1] !== '';
        if (formula) return v;
        const format = formats[r]?.[j];
        return sameCell(v, current(r, c)) ? asSheetTextIn(v, format) : format === TEXT_FORMAT && typeof v === 'string' ? v : asWrittenDate(v, dates);
      }),
    );
    sheet.getRange(1, firstChanged, grid.length, widthAfter - firstChanged + 1).setValues(out as unknown[][]);
  }

  // Imputed cells the permuted block does not cover (all of them when rows stay) are marked
  // through RangeLists: no read, and nothing but those cells is touched.
  const unmarked: Array<{ r: number; c: number }> = [];
  if (decor && decor.rows > 0) {
    for (const x of imputed) {
      if (x.c < decor.col0 || x.c >= decor.col0 + decor.cols) {
        unmarked.push(x);
        continue;
      }
      decor.notes[x.r - 2][x.c - decor.col0] = note;
      decor.backs[x.r - 2][x.c - decor.col0] = IMPUTED_BACKGROUND;
    }
    const target = sheet.getRange(decor.row0, decor.col0, decor.rows, decor.cols);
    target.setNotes(decor.notes);
    target.setBackgrounds(decor.backs);
  } else {
    unmarked.push(...imputed);
  }
  const runs = a1Runs(unmarked);
  for (let i = 0; i < runs.length; i += MAX_RANGES_PER_LIST) {
    sheet.getRangeList(runs.slice(i, i + MAX_RANGES_PER_LIST)).setNote(note).setBackground(IMPUTED_BACKGROUND);
  }

  if (rowsOut < read.rows) sheet.deleteRows(rowsOut + 2, read.rows - rowsOut);

  return { rowsWritten: rowsOut, widthAfter, columnOf, sheetRowOf, imputedCells: imputed.length, cellsChanged };
}
