/**
 * The customer sheet <-> Table, in batches: the header and data come in with one getValues
 * and one getFormulas, and each changed block goes out with one setValues (plus one
 * setNotes/setBackgrounds when they change), so the number of Spreadsheet calls per run does
 * not depend on the number of rows.
 */
import type { Cell, Table } from '../core/table';
import { spreadsheetDates, type SheetDates } from './dates';
import { langFor } from '../i18n/index';
import { undoText } from '../i18n/undo';
import { cdmSheetIds } from './cdm-sheets';
import { MSG, UserError, cellName } from './messages';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const MAX_CELL_CHARS = 50000;
export const MAX_SPREADSHEET_CELLS = 10000000;

/** A header CDM's engines treat as a CDM column ('CDM …'); for SHEETS, ownership is the mark (cdm-sheets.ts). */
export const isCdmSheetName = (name: string): boolean => name === 'CDM' || name.startsWith('CDM ');

function isFormResponseSheet(sheet: Sheet): boolean {
  if (/^Form Responses/i.test(sheet.getName())) return true;
  try {
    return Boolean(sheet.getFormUrl());
  } catch {
    return false;
  }
}

/**
 * The sheet to work on: the one asked for by name; else the active sheet when it can be a
 * customer sheet (the user is looking at it); else the one chosen last time (a trigger has
 * no meaningful active sheet); else the first sheet that can be one. CDM's own sheets (marked
 * by CDM, whatever their name) and form response sheets are never picked unless asked for by
 * name; a user's sheet called "CDM Customers" is a customer sheet like any other.
 */
export function findCustomerSheet(requested: string | undefined, rememberedId: number | null): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ours = cdmSheetIds();
  const suitable = (sheet: Sheet): boolean => !ours.has(sheet.getSheetId()) && !isFormResponseSheet(sheet);
  if (requested) {
    const sheet = ss.getSheetByName(requested);
    if (!sheet) throw new UserError(undoText(langFor(ss.getSpreadsheetLocale()))('noSuchSheet', { sheet: requested }));
    if (ours.has(sheet.getSheetId())) throw new UserError(MSG.chosenSheetIsCdm(sheet.getName()));
    return sheet;
  }
  const active = ss.getActiveSheet();
  if (active && suitable(active)) return active;
  const sheets = ss.getSheets();
  if (rememberedId !== null) {
    const chosen = sheets.find((s) => s.getSheetId() === rememberedId);
    if (chosen && !ours.has(chosen.getSheetId())) return chosen;
  }
  const first = sheets.find(suitable);
  if (!first) throw new UserError(MSG.noCustomerSheet);
  return first;
}

export function sheetById(id: number | null, ss = SpreadsheetApp.getActiveSpreadsheet()): Sheet | null {
  if (id === null) return null;
  return ss.getSheets().find((s) => s.getSheetId() === id) ?? null;
}

/** What one batched read of the customer sheet gives. Row 0 is the header (sheet row 1). */
export interface SheetRead {
  sheet: Sheet;
  name: string;
  sheetId: number;
  values: Cell[][];
  formulas: string[][];
  /** Data rows (sheet rows 2..rows+1). */
  rows: number;
  /** Columns 1..width. */
  width: number;
  formulaCount: number;
}

export function readSheet(sheet: Sheet): SheetRead {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) throw new UserError(MSG.empty(name));
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  const values = range.getValues() as Cell[][];
  const formulas = range.getFormulas();
  let formulaCount = 0;
  for (let r = 1; r < formulas.length; r++) for (const f of formulas[r]) if (f !== '') formulaCount++;
  return { sheet, name, sheetId: sheet.getSheetId(), values, formulas, rows: lastRow - 1, width: lastColumn, formulaCount };
}

export const headerOf = (read: SheetRead): string[] => read.values[0].map((h) => String(h).trim());

/** The checks that need only the values read: each failure is a plain message, nothing changed. */
export function checkValues(read: SheetRead): void {
  if (read.values.every((row) => row.every((c) => c === ''))) throw new UserError(MSG.empty(read.name));
  const header = headerOf(read);
  if (read.rows < 1 || read.values.slice(1).every((row) => row.every((c) => c === ''))) {
    throw new UserError(MSG.headerOnly(read.name));
  }
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (h === '') throw new UserError(MSG.blankHeader(j + 1));
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new UserError(MSG.duplicateHeader(h, first + 1, j + 1));
    seen.set(key, j);
  });
  for (let r = 0; r < read.values.length; r++) {
    const row = read.values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'string' && v.length >= MAX_CELL_CHARS) throw new UserError(MSG.longValue(cellName(r + 1, c + 1), v.length));
    }
  }
}

/** Checks on the sheet itself: filters, merged cells, protections the user can't edit. */
export function checkSheet(read: SheetRead): void {
  const sheet = read.sheet;
  if (sheet.getFilter()) throw new UserError(MSG.filter(read.name));
  const range = sheet.getRange(1, 1, read.rows + 1, read.width);
  const merged = range.getMergedRanges();
  if (merged.length > 0) throw new UserError(MSG.merged(merged[0].getA1Notation()));
  const P = SpreadsheetApp.ProtectionType;
  for (const p of sheet.getProtections(P.SHEET)) if (!p.canEdit()) throw new UserError(MSG.protectedSheet(read.name));
  for (const p of sheet.getProtections(P.RANGE)) {
    if (p.canEdit()) continue;
    const r = p.getRange();
    // CDM writes rows 1..rows+1 and may append columns on the right, so any protected
    // range that starts in those rows is in the way.
    if (r.getRow() <= read.rows + 1) throw new UserError(MSG.protectedRange(r.getA1Notation()));
  }
}

/** Cells all sheets use now (Sheets counts every cell of every sheet's grid). */
export function spreadsheetCells(): number {
  let total = 0;
  for (const s of SpreadsheetApp.getActiveSpreadsheet().getSheets()) total += s.getMaxRows() * s.getMaxColumns();
  return total;
}

/**
 * The cells a run will add at most, estimated when it starts (the final write counts exactly
 * before it writes): CDM's own columns (or the cleaned copies of every column) over the sheet's
 * rows, one compact audit line per row, removed rows in merge mode, fresh review and analysis
 * sheets (the old ones stay as the run's backups), and the undo data — packed text, a few cells
 * per run. No copy of the customer sheet is made any more.
 */
export function cellsNeeded(read: SheetRead, inPlace: boolean, cdmColumns: number, merge = false): number {
  const sheet = read.sheet;
  const free = Math.max(0, sheet.getMaxColumns() - read.width);
  const newColumns = Math.max(0, cdmColumns + (inPlace ? 0 : read.width) - free) * sheet.getMaxRows();
  const audit = (read.rows + 1) * 5;
  const removed = merge ? Math.ceil(read.rows / 2) * (read.width + 4) : 0;
  const undo = Math.ceil((read.rows * read.width * 40) / 45000) * 4;
  return newColumns + audit + removed + undo + 2 * NEW_SHEET_CELLS;
}

/** A new sheet's grid: 1000 rows × 26 columns. */
export const NEW_SHEET_CELLS = 1000 * 26;

/** Cells the CDM sheets a run writes will take on top of what they take now: a new sheet is a full default grid. */
export function cdmSheetCells(names: string[], _copied: string[] = []): number {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = new Set(ss.getSheets().map((s) => s.getName()));
  return names.filter((n) => !existing.has(n)).length * NEW_SHEET_CELLS;
}

export function checkRoom(read: SheetRead, inPlace: boolean, cdmColumns: number, extraCells = 0, merge = false): void {
  const have = spreadsheetCells();
  const need = cellsNeeded(read, inPlace, cdmColumns, merge) + extraCells;
  if (have + need > MAX_SPREADSHEET_CELLS) {
    const fmt = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    throw new UserError(undoText(langFor(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()))('budget', { have: fmt(have), need: fmt(need) }));
  }
}

/**
 * The data as a Table for core (computed values of formula cells included, read-only), dates
 * as calendar dates: Sheets gives midnight in the spreadsheet's zone, core reads the UTC fields
 * (src/gas/dates.ts), so 2024-03-05 stays 2024-03-05 in every zone.
 */
export function toTable(read: SheetRead, dates: SheetDates = spreadsheetDates()): Table {
  const rows = read.values.slice(1).map((r) => r.map((v) => (v instanceof Date ? dates.toCalendar(v) : v)));
  return { header: headerOf(read), rows };
}

/** A short hash of what was read, so a later execution can tell whether the sheet changed. */
export function fingerprint(values: Cell[][], formulas: string[][], rows: number, width: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 + c, 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193) >>> 0;
  };
  for (let r = 0; r <= rows && r < values.length; r++) {
    for (let c = 0; c < width; c++) {
      const v = values[r][c];
      feed(v instanceof Date ? 'D' + v.getTime() : typeof v + ':' + String(v ?? ''));
      feed(formulas[r]?.[c] ?? '');
    }
  }
  return `${rows}x${width}:${h1.toString(36)}${h2.toString(36)}`;
}

/**
 * setValues reads a string the way a user's typing is read: `=SUM(A1)` becomes a formula,
 * `+1 call back` and `-discount` are tried as formulas, `00123` becomes 123, `1/2` a date.
 * A leading apostrophe makes Sheets keep the text exactly (and is not part of the value), so
 * every string that could be read as anything but text gets one. On plain text it is
 * invisible, so erring on the side of quoting is harmless.
 */
export function needsQuote(s: string): boolean {
  if (s === '') return false;
  if (/^[\s]*[=+\-@'.\d$€£¥(]/.test(s)) return true;
  if (/^\s*(true|false)\s*$/i.test(s)) return true;
  return /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d/i.test(s);
}

/**
 * `v` as setValues must get it to store exactly `v`. A cell formatted as plain text ('@')
 * stores what it is given, apostrophe included, so there the text goes in bare: quoting it
 * would turn a text zip "02135" into "'02135" (values engineer).
 */
export const asSheetTextIn = (v: Cell, numberFormat: string | undefined): Cell =>
  typeof v === 'string' && numberFormat !== TEXT_FORMAT && needsQuote(v) ? "'" + v : v;

export const asSheetText = (v: Cell): Cell => asSheetTextIn(v, undefined);

/** Sheets' number format for plain text. */
export const TEXT_FORMAT = '@';
