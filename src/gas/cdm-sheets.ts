/**
 * CDM's own sheets: `CDM Audit` and `CDM Removed` grow by one batch per run; `CDM Review`
 * and `CDM Analysis` are rewritten by each run. Every write is one setValues.
 */
import type { Cell } from '../core/table';
import { asSheetText } from './sheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const AUDIT_SHEET = 'CDM Audit';
export const REMOVED_SHEET = 'CDM Removed';
export const REVIEW_SHEET = 'CDM Review';
export const ANALYSIS_SHEET = 'CDM Analysis';
export const BACKUP_PREFIX = 'CDM Backup ';

export const AUDIT_HEADER = ['Run', 'Time', 'Sheet', 'Row', 'Column', 'Old value', 'New value', 'Reason'];

export function getSheet(name: string): Sheet | null {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
}

export function ensureSheet(name: string): { sheet: Sheet; created: boolean } {
  const existing = getSheet(name);
  if (existing) return { sheet: existing, created: false };
  return { sheet: SpreadsheetApp.getActiveSpreadsheet().insertSheet(name), created: true };
}

/** Pads rows to one width and makes every string safe to write as text. */
export function rectangle(rows: Cell[][], width?: number): Cell[][] {
  const w = width ?? rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => {
    const out: Cell[] = new Array(w);
    for (let j = 0; j < w; j++) out[j] = j < r.length ? asSheetText(r[j] ?? '') : '';
    return out;
  });
}

/**
 * Appends rows under the existing content (with `header` first when the sheet is new), in one
 * setValues; returns the first sheet row written and how many, so undo can take them back.
 * An existing sheet grows with exactly one insert whatever the number of rows, so the calls
 * per run do not depend on the size of the data; a new one is trimmed to its columns once
 * and grown, never shrunk, in rows.
 */
export function appendBlock(name: string, header: string[], rows: Cell[][]): { first: number; count: number; created: boolean } {
  const { sheet, created } = ensureSheet(name);
  const block = created ? [header as Cell[], ...rows] : rows;
  if (block.length === 0) return { first: 0, count: 0, created };
  const width = block.reduce((m, r) => Math.max(m, r.length), header.length);
  let first: number;
  if (created) {
    first = 1;
    const max = sheet.getMaxRows();
    // Grow only: the blank rows of a new sheet cost little, and a small block (a form
    // submission's audit line) then needs no resize at all.
    if (block.length > max) sheet.insertRowsAfter(max, block.length - max);
    // A new sheet is 26 columns wide: at 50k rows the unused ones alone would take millions
    // of the spreadsheet's 10 million cells.
    const columns = sheet.getMaxColumns();
    if (width < columns) sheet.deleteColumns(width + 1, columns - width);
  } else {
    first = sheet.getLastRow() + 1;
    sheet.insertRowsAfter(first - 1, block.length);
  }
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(first, 1, block.length, width).setValues(rectangle(block, width) as unknown[][]);
  if (created) sheet.setFrozenRows(1);
  return { first: created ? 2 : first, count: rows.length, created };
}

/**
 * A fresh, empty sheet in place of one CDM rewrites on every run (its content, formats and
 * charts go with the old one, which the run's backup has copied), at the same position.
 */
export function freshSheet(name: string): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const old = ss.getSheetByName(name);
  if (!old) return ss.insertSheet(name);
  const index = old.getIndex();
  ss.deleteSheet(old);
  return ss.insertSheet(name, index - 1);
}

/** Writes a whole grid at A1 in one setValues, growing the sheet first if needed. */
export function writeGrid(sheet: Sheet, rows: Cell[][]): number {
  if (rows.length === 0) return 0;
  const grid = rectangle(rows);
  const width = grid[0].length;
  if (width === 0) return 0;
  if (grid.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, grid.length, width).setValues(grid as unknown[][]);
  return width;
}
