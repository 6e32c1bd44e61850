/**
 * Writes a finished run into the customer sheet (docs/architecture.md, the final write) — and records, before writing,
 * exactly what Undo needs to take it back.
 *
 * Just before writing, the sheet is read again (one batched read). The rows the run read are
 * found again by content (row-identity.ts), so rows the user inserted, deleted or sorted since
 * are followed; a cell whose content changed since the run read it is not written and is
 * reported. The new content of each row is the sheet as it is NOW with the run's changes on
 * top: nothing the user typed meanwhile is overwritten by a stale copy.
 *
 * Flag mode writes the rows where they stand. Merge mode keeps one survivor per group: the
 * survivors are written to the top of the block the run read, each with its values, formulas,
 * notes, colours, number formats, bold and font colours, and the rest of the block is deleted.
 * Formulas keep pointing at the same customers: references to a moved row follow it, and a
 * reference to a removed row points at the row it merged into (formula-refs.ts).
 *
 * CDM's own columns are appended at the right, marked as CDM's (developer metadata on the
 * column), and replaced by later runs; a user's column with a CDM-like name is never touched.
 * Imputed cells get a note and a light background; duplicate groups can be coloured.
 */
import type { ImputeReport } from '../core/impute';
import { cdmOwnedByName, sameCell, type Cell, type Change, type Table } from '../core/table';
import { undoText } from '../i18n/undo';
import type { Lang } from '../i18n/index';
import {
  ALL_LAYERS,
  LAYER_DEFAULTS,
  TEXT_FORMAT,
  bounds,
  encode,
  inputFor,
  markColumn,
  markedColumns,
  readLayers,
  sparseByRow,
  sparseOf,
  writeLayers,
  type Enc,
  type LayerName,
  type Layers,
  type Sparse,
} from './cells';
import { remapRows, rowMapOf } from './formula-refs';
import { MSG, UserError } from './messages';
import { canonical, matchRows, packHashes, rowHashes, unpackHashes } from './row-identity';
import { asSheetText } from './sheet-io';
import { sheetDates, spreadsheetDates, type SheetDates } from './dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const IMPUTED_BACKGROUND = '#fff2cc';
export const IMPUTED_NOTE_PREFIX = 'Filled by CDM: ';
/** Light colours for duplicate groups, one per group in turn; white cells only. */
export const GROUP_COLOURS = ['#e3f2fd', '#fce4ec', '#e8f5e9', '#fff3e0', '#ede7f6', '#e0f7fa', '#f9fbe7', '#fbe9e7', '#e8eaf6', '#f1f8e9'];
const GROUP_COLUMN = 'CDM Duplicate Group';

export interface FinalTable {
  table: Table;
  /** Original data-row index of each row of `table`. */
  rowOrigin: number[];
}

/** What the run hands the write: the final table, its changes, and what was asked. */
export interface WriteInput {
  sheet: Sheet;
  runId: string;
  mode: 'flag' | 'merge';
  final: FinalTable;
  changes: Change[];
  imputeReport?: ImputeReport;
  /** Merge mode: removed rows (original index) and the original row each merged into. */
  removed: Array<{ row: number; mergedInto: number }>;
  /** Hashes of the rows as the run read them (row-identity), over `idColumns`; null = the rows are where they were read. */
  readHashes: string[] | null;
  idColumns: string[];
  rowsRead: number;
  /** Columns of the sheet when the run read it. */
  readWidth: number;
  colourGroups: boolean;
  lang: Lang;
}

/** Everything Undo needs, stored (as JSON) before the first write to the sheet. */
export interface WritePlan {
  v: 1;
  runId: string;
  sheetId: number;
  sheetName: string;
  mode: 'flag' | 'merge';
  idColumns: string[];
  /** Sheet header after the write (column k+1). */
  header: string[];
  /** CDM columns this run created (Undo deletes them). */
  created: string[];
  maxColumnsBefore: number;
  /** Per original data row: the sheet row it was found at just before the write, or -1. */
  at: number[];
  /** Data rows of the sheet just before the write (sheet rows 2..), their hashes. */
  pre: string;
  /** Merge: rows of the block the run read (sheet rows 2..regionRows+1) and the survivors' count. */
  regionRows: number;
  survivors: number;
  /**
   * Sheet rows after the write: the original data row (index into the pre-write rows) each one
   * holds. Flag mode: every data row stays where it was.
   */
  origin: number[];
  /** Cells the write changed: sheet row and column after the write, old content, new (canonical). */
  cells: { r: number[]; c: number[]; old: Enc[]; neu: string[] };
  /** Old notes, backgrounds and number formats of cells whose format the write changed. */
  decor: Array<{ r: number; c: number; l: LayerName; old: string }>;
  /** Cells not written because they changed after the run read them: [sheet row, column]. */
  kept: Array<[number, number]>;
  rowsGone: number;
  /** The user's columns deleted while the run worked: not written, not re-created. */
  columnsGone?: string[];
  /** Merge: each removed row as it was (all cells, all format layers), and the row it merged into. */
  removed: Array<{ o: number; into: number; cells: Enc[]; decor: Sparse }>;
  /** Merge: the block's format layers before the write (sparse), so a resumed write can redo them. */
  blockDecor?: Sparse;
  decorWidth: number;
  /** Cells coloured for duplicate groups: [sheet row, column, colour]. */
  coloured: Array<[number, number, string]>;
  imputedNote: string;
  counts: { cleaned: number; filled: number; merged: number; columnsAdded: number; cells: number; coloured?: number };
}

export interface WriteResult {
  rowsWritten: number;
  widthAfter: number;
  columnOf: Record<string, number>;
  /** Sheet row (after the write) of each original data row still present. */
  sheetRowOf: Map<number, number>;
  imputedCells: number;
  cellsChanged: number;
  /** Cells left alone because they changed while the run worked (A1). */
  kept: string[];
  rowsGone: number;
  columnsGone: string[];
}

// ---------------------------------------------------------------------------------------------

/**
 * Core gives calendar dates as UTC midnight. Written as a Date, Sheets would show that instant
 * in the spreadsheet's time zone (the day before, at 19:00, in New York) with a date-time
 * format; written as `yyyy-mm-dd` it is read as that day in the sheet's zone, formatted as a
 * date — what typing it would give. Dates with a time of day stay Dates.
 */
export function asWrittenDate(v: Cell, dates: SheetDates = UTC_DATES): Cell {
  if (!(v instanceof Date)) return asSheetText(v);
  const t = v.getTime();
  if (Number.isNaN(t)) return v;
  // (exec) v is the instant Sheets means (see src/gas/dates.ts); a date alone is midnight in the
  // spreadsheet's zone, i.e. a calendar date at UTC midnight.
  const day = dates.toCalendar(v) as Date;
  if (day.getTime() % 86400000 !== 0) return v;
  return day.toISOString().slice(0, 10);
}

const UTC_DATES = sheetDates('Etc/UTC');

const isDateInput = (x: unknown): boolean => x instanceof Date || (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x));

/**
 * Ranges per Sheet.getRangeList call. Apps Script documents no limit on the list (none found
 * in its reference or issue threads); this bounds one call's argument.
 */
export const MAX_RANGES_PER_LIST = 40000;

/**
 * One note for every imputed cell of a run: a per-column note would cost one write per
 * imputed column (RangeList.setNote takes one text), so the note names each column with how
 * its gaps were filled and the held-out error (the impute report's reason), the same text in
 * every marked cell. Without a report (never in a run), the cells' own reasons are used.
 */
export function imputedNote(columns: string[], changes: Change[], report?: ImputeReport, lang: Lang = 'en'): string {
  const lines = columns.map((column) => {
    const r = report?.columns.find((c) => c.column === column && c.filled > 0);
    if (r) return `${column}: ${r.reason}`;
    const reasons = [...new Set(changes.filter((c) => c.kind === 'impute' && c.column === column).map((c) => c.reason))];
    return `${column}: ${reasons.join('; ')}`;
  });
  const t = undoText(lang);
  return `${t(columns.length === 1 ? 'filledNoteOne' : 'filledNoteMany')}\n${lines.join('\n')}\n${t('filledNoteAudit')}`;
}

const letters = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
export const a1Of = (row: number, col: number): string => `${letters(col)}${row}`;

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

/** Sets one value of a layer on many cells: a RangeList per ≤ MAX_RANGES_PER_LIST runs of cells. */
export function markCells(sheet: Sheet, cells: Array<{ r: number; c: number }>, set: (list: GoogleAppsScript.Spreadsheet.RangeList) => void): void {
  const runs = a1Runs(cells);
  for (let i = 0; i < runs.length; i += MAX_RANGES_PER_LIST) set(sheet.getRangeList(runs.slice(i, i + MAX_RANGES_PER_LIST)));
}

// --- reading the sheet as it is now -------------------------------------------------------------

export interface Now {
  values: Cell[][];
  formulas: string[][];
  lastRow: number;
  lastColumn: number;
  maxRows: number;
  maxColumns: number;
  header: string[];
}

/** The whole used block, values and formulas (one batched read of each). */
export function readNow(sheet: Sheet): Now {
  const lastRow = Math.max(1, sheet.getLastRow());
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  const values = range.getValues() as Cell[][];
  const formulas = range.getFormulas();
  return {
    values,
    formulas,
    lastRow,
    lastColumn,
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
    header: values[0].map((h) => String(h).trim()),
  };
}

/** 0-based columns of `headers` in a header row (-1 when gone). */
export const columnsOf = (header: string[], headers: string[]): number[] => headers.map((h) => header.indexOf(h));

/** Hashes of the data rows (sheet rows 2..lastRow) over the identity columns. */
export const dataRowHashes = (now: Now, idColumns: string[]): string[] => rowHashes(now.values, now.formulas, columnsOf(now.header, idColumns), 1, now.lastRow - 1);

/** Merge can change the same cell's value in several steps; only the first old value was in the sheet. */
function firstOld(changes: Change[], userColumns: Set<string>): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const c of changes) {
    if (!userColumns.has(c.column)) continue;
    const key = `${c.row}\u0000${c.column}`;
    if (!out.has(key)) out.set(key, c.old);
  }
  return out;
}

/** A cell CDM already wrote in an earlier, interrupted attempt (dates come back as Dates). */
const looksWritten = (cur: Cell, formula: string, target: Cell, dates: SheetDates = UTC_DATES): boolean =>
  !formula && (sameCell(cur, target) || (cur instanceof Date && isDateInput(asWrittenDate(target, dates))) || canonical(cur) === canonical(target));

// --- planning ------------------------------------------------------------------------------------

/**
 * A column with the name of one CDM writes (by the engines' rule, cdmOwnedByName) that CDM did
 * not make and mark is the user's: the run would replace it, so it is refused in plain words.
 */
export function checkColumnsOwned(header: string[], marked: Map<string, number>, sheetName: string, lang: Lang): void {
  const owned = cdmOwnedByName(header);
  header.forEach((h, i) => {
    if (owned[i] && marked.get(h) !== i + 1) throw new UserError(undoText(lang)('columnNotOurs', { column: h, sheet: sheetName }));
  });
}

interface Work {
  /** Values to write: rows firstRow.., columns firstCol..lastCol (setValues input). */
  block: unknown[][] | null;
  firstRow: number;
  firstCol: number;
  /** Merge: format layers of rows 2..survivors+1, columns 1..decorWidth. */
  layers: Layers | null;
  imputed: Array<{ r: number; c: number }>;
  coloured: Array<[number, number, string]>;
  deleteFrom: number;
  deleteCount: number;
  widthAfter: number;
  columnOf: Record<string, number>;
  sheetRowOf: Map<number, number>;
  created: Array<{ header: string; column: number }>;
}

/**
 * Reads the sheet again, works out the write and what Undo needs. Throws a UserError (nothing
 * written) when the write cannot be done safely. `resume` is the plan of an earlier attempt of
 * the same run: rows are where that attempt found them, and cells it already wrote are fine.
 */
export function planWrite(inp: WriteInput, resume?: WritePlan): { plan: WritePlan; work: Work; valuesDone: boolean } {
  const { sheet, final, mode } = inp;
  const t = undoText(inp.lang);
  const now = readNow(sheet);
  const table = final.table;
  // (exec) The table holds core's calendar dates; the sheet, Sheets' instants (src/gas/dates.ts).
  const dates = spreadsheetDates();
  const marked = markedColumns(sheet);
  // The user's columns are the unmarked ones in the sheet (a user's "CDM Notes" included); CDM's
  // are the marked ones and the ones this run adds.
  // A user's column whose header is gone since the read was renamed (the same width, an unknown
  // header where it stood: its cells are still checked one by one below) or deleted (never
  // re-created: the run's values for it are dropped and the summary says so).
  const columnOf: Record<string, number> = {};
  const readSet = new Set(inp.idColumns);
  const columnsGone: string[] = [];
  for (const h of inp.idColumns) {
    if (now.header.includes(h) || marked.has(h)) continue;
    const at = table.header.indexOf(h);
    const there = now.header[at];
    if (at >= 0 && now.header.length === inp.readWidth && there !== undefined && !readSet.has(there) && !marked.has(there)) columnOf[h] = at + 1;
    else columnsGone.push(h);
  }
  const gone = new Set(columnsGone);
  const userHeaders = table.header.filter((h) => (now.header.includes(h) || columnOf[h] !== undefined) && !marked.has(h) && !gone.has(h));
  const userSet = new Set(userHeaders);
  const cdmHeaders = table.header.filter((h) => !userSet.has(h) && !gone.has(h));
  if (!resume) checkColumnsOwned(now.header, marked, sheet.getName(), inp.lang);
  for (const h of userHeaders) {
    if (columnOf[h] !== undefined) continue;
    const at = now.header.indexOf(h);
    if (at >= 0) columnOf[h] = at + 1;
  }
  let next = Math.max(now.lastColumn, ...[...marked.values()]) + 1;
  const created: Array<{ header: string; column: number }> = [];
  for (const h of cdmHeaders) {
    const m = marked.get(h);
    if (m !== undefined) columnOf[h] = m;
    else {
      columnOf[h] = next;
      created.push({ header: h, column: next++ });
    }
  }
  const widthAfter = Math.max(now.lastColumn, ...Object.values(columnOf));

  // Where each row the run read is now.
  const dataRows = now.lastRow - 1;
  const pre = dataRowHashes(now, inp.idColumns);
  let at: number[];
  if (resume) at = resume.at.slice();
  else if (!inp.readHashes) at = Array.from({ length: inp.rowsRead }, (_, o) => (o < dataRows ? o + 2 : -1));
  else {
    const found = matchRows(inp.readHashes, pre);
    at = Array.from(found, (j) => (j >= 0 ? j + 2 : -1));
  }
  const rowsGone = at.filter((r) => r < 0).length;
  if (mode === 'merge' && !resume && at.some((r, o) => r !== o + 2)) throw new UserError(t('mergeMoved', { sheet: sheet.getName() }));

  const changedBefore = firstOld(inp.changes, userSet);
  const cur = (R: number, C: number): Cell => (R <= now.lastRow && C <= now.lastColumn ? now.values[R - 1][C - 1] : '');
  const curF = (R: number, C: number): string => (R <= now.lastRow && C <= now.lastColumn ? now.formulas[R - 1][C - 1] : '');
  const kept: Array<[number, number]> = [];
  const userCols = userHeaders.map((h) => columnOf[h] ?? -1);
  const userIdx = userHeaders.map((h) => table.header.indexOf(h));
  const cdmCols = cdmHeaders.map((h) => columnOf[h]);
  const cdmIdx = cdmHeaders.map((h) => table.header.indexOf(h));

  /** The new content of the row holding table row i (sheet row R now): user cells, then CDM cells. */
  const rowTarget = (i: number, R: number): Array<[number, Cell]> => {
    const o = final.rowOrigin[i];
    const out: Array<[number, Cell]> = [];
    const row = table.rows[i];
    for (let k = 0; k < userCols.length; k++) {
      const C = userCols[k];
      if (C < 0 || curF(R, C)) continue; // a column gone, or a formula: left as it is
      const before = changedBefore.get(`${o}\u0000${userHeaders[k]}`);
      if (before === undefined) continue;
      const target = dates.toSheet(row[userIdx[k]] ?? '');
      const now_ = cur(R, C);
      if (sameCell(now_, target)) continue;
      if (sameCell(now_, before)) out.push([C, target]);
      else if (!(resume && looksWritten(now_, '', target, dates))) kept.push([R, C]);
    }
    for (let k = 0; k < cdmCols.length; k++) out.push([cdmCols[k], dates.toSheet(row[cdmIdx[k]] ?? '')]);
    return out;
  };

  const imputedAt = new Set<string>();
  for (const ch of inp.changes) if (ch.kind === 'impute') imputedAt.add(`${ch.row}\u0000${ch.column}`);
  const imputedColumns = new Set<string>();

  const cells = { r: [] as number[], c: [] as number[], old: [] as Enc[], neu: [] as string[] };
  const decor: WritePlan['decor'] = [];
  const imputed: Array<{ r: number; c: number }> = [];
  const sheetRowOf = new Map<number, number>();
  const origin: number[] = [];
  let work: Work;
  let removedRows: WritePlan['removed'] = [];
  let blockDecor: Sparse | undefined;
  let decorWidth = 0;
  let valuesDone = false;
  let survivors = 0;
  const regionRows = mode === 'merge' ? inp.rowsRead : dataRows;

  if (mode === 'flag') {
    // Rows stay; one block from the first column written to the right edge.
    const patches = new Map<number, Array<[number, Cell]>>();
    let firstCol = widthAfter + 1;
    let lastRowW = 1;
    table.rows.forEach((_, i) => {
      const o = final.rowOrigin[i];
      const R = at[o];
      if (R === undefined || R < 0) return;
      sheetRowOf.set(o, R);
      const real = rowTarget(i, R).filter(([C, v]) => curF(R, C) !== '' || !sameCell(v, cur(R, C)));
      if (real.length) {
        patches.set(R, real);
        lastRowW = Math.max(lastRowW, R);
        for (const [C] of real) firstCol = Math.min(firstCol, C);
      }
    });
    for (const { column } of created) firstCol = Math.min(firstCol, column);
    for (const h of cdmHeaders) if (now.header[columnOf[h] - 1] !== h) firstCol = Math.min(firstCol, columnOf[h]);
    for (let R = 2; R <= now.lastRow; R++) origin.push(R - 2);
    const needDecor = inp.colourGroups || imputedAt.size > 0;
    // Formats of the cells written (and, to colour groups, of whole rows), read once.
    const readFrom = inp.colourGroups ? 1 : firstCol;
    const readCols = Math.max(0, Math.min(now.lastColumn, widthAfter) - readFrom + 1);
    const readRows = inp.colourGroups ? Math.max(lastRowW, bounds(sheetRowOf.values()).max) : lastRowW;
    const layers: Layers =
      (firstCol <= widthAfter || inp.colourGroups) && readCols > 0
        ? readLayers(sheet, 1, readFrom, readRows, readCols, needDecor ? ['numberFormats', 'notes', 'backgrounds'] : ['numberFormats'])
        : {};
    const layerAt = (l: LayerName, R: number, C: number): string =>
      C >= readFrom && C <= now.lastColumn ? (layers[l]?.[R - 1]?.[C - readFrom] ?? LAYER_DEFAULTS[l]) : LAYER_DEFAULTS[l];
    const fmtAt = (R: number, C: number): string => layerAt('numberFormats', R, C);
    let block: unknown[][] | null = null;
    if (firstCol <= widthAfter) {
      block = [];
      for (let R = 1; R <= lastRowW; R++) {
        const row: unknown[] = [];
        for (let C = firstCol; C <= widthAfter; C++) row.push(inputFor(cur(R, C), curF(R, C), fmtAt(R, C)));
        block.push(row);
      }
      for (const h of cdmHeaders) {
        const C = columnOf[h];
        if (now.header[C - 1] !== h) {
          block[0][C - firstCol] = asSheetText(h);
          if (C <= now.lastColumn || !created.some((x) => x.column === C)) pushCell(cells, 1, C, encode(cur(1, C), curF(1, C)), canonical(h));
        }
      }
      const isCreated = new Set(created.map((x) => x.column));
      for (const [R, patch] of patches) {
        for (const [C, v] of patch) {
          const input = typeof v === 'string' && fmtAt(R, C) === TEXT_FORMAT ? v : asWrittenDate(v, dates);
          block[R - 1][C - firstCol] = input;
          if (isCreated.has(C)) continue;
          pushCell(cells, R, C, encode(cur(R, C), curF(R, C)), canonical(v));
          if (isDateInput(input) && C <= now.lastColumn) decor.push({ r: R, c: C, l: 'numberFormats', old: fmtAt(R, C) });
        }
      }
    }
    // Imputed cells written this time get a note and a light background.
    const keptAt = new Set(kept.map(([r, c]) => `${r}:${c}`));
    for (const ch of inp.changes) {
      if (ch.kind !== 'impute') continue;
      const R = sheetRowOf.get(ch.row);
      const C = columnOf[ch.column];
      if (R === undefined || C === undefined || curF(R, C)) continue;
      if (keptAt.has(`${R}:${C}`)) continue;
      imputed.push({ r: R, c: C });
      imputedColumns.add(ch.column);
      if (C <= now.lastColumn) {
        decor.push({ r: R, c: C, l: 'notes', old: layerAt('notes', R, C) });
        decor.push({ r: R, c: C, l: 'backgrounds', old: layerAt('backgrounds', R, C) });
      }
    }
    const coloured: Array<[number, number, string]> = [];
    const imputedKeys = new Set(imputed.map((x) => `${x.r}:${x.c}`));
    if (inp.colourGroups) colourGroups(inp, sheetRowOf, widthAfter, now.lastColumn, (R, C) => (imputedKeys.has(`${R}:${C}`) ? 'imputed' : layerAt('backgrounds', R, C)), coloured, decor);
    work = { block, firstRow: 1, firstCol, layers: null, imputed, coloured, deleteFrom: 0, deleteCount: 0, widthAfter, columnOf, sheetRowOf, created };
  } else {
    // Merge: survivors to the top of the block the run read, the rest deleted.
    const R0 = inp.rowsRead;
    survivors = table.rows.length;
    decorWidth = Math.min(now.lastColumn, now.maxColumns);
    const into = new Map(inp.removed.map((r) => [r.row, r.mergedInto]));
    const newRowOfOrigin = new Int32Array(R0).fill(-1);
    final.rowOrigin.forEach((o, i) => (newRowOfOrigin[o] = i + 2));
    const fallback = (row: number): number => {
      let o = row - 2;
      for (let hops = 0; hops < 8 && newRowOfOrigin[o] < 0 && into.has(o); hops++) o = into.get(o) as number;
      return newRowOfOrigin[o] >= 0 ? newRowOfOrigin[o] : row;
    };
    const map = rowMapOf(2, newRowOfOrigin, fallback);
    const name = sheet.getName();
    // Has an earlier attempt written the values already? (the block no longer reads as before)
    if (resume) {
      const prev = unpackHashes(resume.pre);
      valuesDone = pre.slice(0, R0).some((h, k) => h !== prev[k]) || dataRows < R0;
    }
    const src = resume?.blockDecor
      ? null
      : readLayers(sheet, 2, 1, R0, decorWidth, ALL_LAYERS);
    blockDecor = resume?.blockDecor ?? (src ? sparseOf(src) : {});
    const byRow = sparseByRow(blockDecor);
    const layerRow = (l: LayerName, k: number): string[] => {
      if (src) return (src[l] as string[][])[k].slice();
      const row = new Array<string>(decorWidth).fill(LAYER_DEFAULTS[l]);
      for (const [ll, c, v] of byRow.get(k) ?? []) if (ll === l && c < decorWidth) row[c] = v;
      return row;
    };
    const layers: Layers = { notes: [], backgrounds: [], numberFormats: [], fontWeights: [], fontColors: [] };
    const block: unknown[][] = [];
    const headerRow: unknown[] = [];
    for (let C = 1; C <= widthAfter; C++) {
      const h = cdmHeaders.find((x) => columnOf[x] === C);
      headerRow.push(h !== undefined ? asSheetText(h) : inputFor(cur(1, C), curF(1, C)));
    }
    block.push(headerRow);
    table.rows.forEach((_, i) => {
      const o = final.rowOrigin[i];
      const R = o + 2; // where the survivor was (merge refuses moved rows)
      const to = i + 2;
      sheetRowOf.set(o, to);
      origin.push(o);
      const patch = new Map(rowTarget(i, R));
      const row: unknown[] = [];
      const fmts = decorWidth ? layerRow('numberFormats', o) : [];
      for (let C = 1; C <= widthAfter; C++) {
        const f = curF(R, C);
        if (f) {
          const moved = remapRows(f, name, name, map);
          row.push(moved);
          if (moved !== f) pushCell(cells, to, C, { f }, canonical('', moved));
          continue;
        }
        if (patch.has(C)) {
          const v = patch.get(C) as Cell;
          row.push(typeof v === 'string' && fmts[C - 1] === TEXT_FORMAT ? v : asWrittenDate(v, dates));
          if (!cdmCols.includes(C) || C <= now.lastColumn) pushCell(cells, to, C, encode(cur(R, C)), canonical(v));
        } else row.push(inputFor(cur(R, C), '', fmts[C - 1]));
      }
      block.push(row);
      for (const l of ALL_LAYERS) (layers[l] as string[][]).push(decorWidth ? layerRow(l, o) : []);
    });
    // Imputed marks on the survivors.
    for (const ch of inp.changes) {
      if (ch.kind !== 'impute') continue;
      const to = sheetRowOf.get(ch.row);
      const C = columnOf[ch.column];
      if (to === undefined || C === undefined || curF(ch.row + 2, C)) continue;
      imputed.push({ r: to, c: C });
      imputedColumns.add(ch.column);
      if (C <= decorWidth) {
        decor.push({ r: to, c: C, l: 'notes', old: (layers.notes as string[][])[to - 2][C - 1] });
        decor.push({ r: to, c: C, l: 'backgrounds', old: (layers.backgrounds as string[][])[to - 2][C - 1] });
      }
    }
    // Removed rows, exactly as they were.
    removedRows = inp.removed.map((r) => {
      const R = r.row + 2;
      const rowCells: Enc[] = [];
      for (let C = 1; C <= now.lastColumn; C++) rowCells.push(encode(cur(R, C), curF(R, C)));
      const one: Layers = {};
      for (const l of ALL_LAYERS) one[l] = decorWidth ? [layerRow(l, r.row)] : [];
      return { o: r.row, into: r.mergedInto, cells: rowCells, decor: sparseOf(one) };
    });
    // Rows below the block (a form submission since the run read) move up with the deletion.
    for (let R = R0 + 2; R <= now.lastRow; R++) origin.push(R - 2);
    // The block's leftover rows are deleted once: a repeat finds them gone.
    let leftover = R0 > survivors;
    if (resume && valuesDone) {
      const prev = unpackHashes(resume.pre);
      leftover = dataRows >= R0 && pre.slice(survivors, R0).every((h, k) => h === prev[survivors + k]) && R0 > survivors;
    }
    work = {
      block: valuesDone ? null : block,
      firstRow: 1,
      firstCol: 1,
      layers,
      imputed,
      coloured: [],
      deleteFrom: survivors + 2,
      deleteCount: leftover ? R0 - survivors : 0,
      widthAfter,
      columnOf,
      sheetRowOf,
      created,
    };
  }

  const note = imputedNote([...imputedColumns].sort((a, b) => columnOf[a] - columnOf[b]), inp.changes, inp.imputeReport, inp.lang);
  const counts = {
    cleaned: 0,
    filled: imputed.length,
    merged: mode === 'merge' ? inp.removed.length : 0,
    columnsAdded: created.length,
    cells: cells.r.length,
    coloured: work.coloured.length,
  };
  const imputedKeys = new Set(imputed.map((x) => x.r * 100000 + x.c));
  for (let k = 0; k < cells.r.length; k++) if (cells.r[k] > 1 && userCols.includes(cells.c[k]) && !imputedKeys.has(cells.r[k] * 100000 + cells.c[k])) counts.cleaned++;
  const plan: WritePlan = {
    v: 1,
    runId: inp.runId,
    sheetId: sheet.getSheetId(),
    sheetName: sheet.getName(),
    mode,
    idColumns: inp.idColumns,
    header: headerAfter(now.header, columnOf, widthAfter, userSet),
    created: created.map((x) => x.header),
    maxColumnsBefore: now.maxColumns,
    at,
    pre: packHashes(pre),
    regionRows,
    survivors,
    origin,
    cells,
    decor,
    kept,
    rowsGone,
    columnsGone,
    removed: removedRows,
    blockDecor,
    decorWidth,
    coloured: work.coloured,
    imputedNote: note,
    counts,
  };
  return { plan, work, valuesDone };
}

function pushCell(cells: WritePlan['cells'], r: number, c: number, old: Enc, neu: string): void {
  cells.r.push(r);
  cells.c.push(c);
  cells.old.push(old);
  cells.neu.push(neu);
}

function headerAfter(header: string[], columnOf: Record<string, number>, width: number, users: Set<string>): string[] {
  const out = header.slice(0, width);
  while (out.length < width) out.push('');
  // A user's column keeps the header it has now (renamed while the run worked, it is found by that name).
  for (const [h, c] of Object.entries(columnOf)) if (!users.has(h)) out[c - 1] = h;
  return out;
}

/** Duplicate groups in turn take the palette's colours, on the cells of their rows that were white. */
function colourGroups(
  inp: WriteInput,
  sheetRowOf: Map<number, number>,
  widthAfter: number,
  lastColumn: number,
  background: (R: number, C: number) => string,
  out: Array<[number, number, string]>,
  decor: WritePlan['decor'],
): void {
  const k = inp.final.table.header.indexOf(GROUP_COLUMN);
  if (k < 0) return;
  const colourOf = new Map<string, string>();
  inp.final.table.rows.forEach((row, i) => {
    const g = row[k];
    if (g === '' || g === null || g === undefined) return;
    const key = String(g);
    if (!colourOf.has(key)) colourOf.set(key, GROUP_COLOURS[colourOf.size % GROUP_COLOURS.length]);
    const R = sheetRowOf.get(inp.final.rowOrigin[i]);
    if (R === undefined) return;
    const colour = colourOf.get(key) as string;
    for (let C = 1; C <= widthAfter; C++) {
      const bg = background(R, C);
      if (bg !== LAYER_DEFAULTS.backgrounds) continue;
      out.push([R, C, colour]);
      if (C <= lastColumn) decor.push({ r: R, c: C, l: 'backgrounds', old: bg });
    }
  });
}

// --- writing ------------------------------------------------------------------------------------

/** Applies a planned write. Every step can be repeated: a resumed run calls this again. */
export function applyWrite(sheet: Sheet, plan: WritePlan, work: Work): void {
  if (work.widthAfter > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), work.widthAfter - sheet.getMaxColumns());
  const marked = markedColumns(sheet);
  for (const { header, column } of work.created) if (marked.get(header) === undefined) markColumn(sheet, column, header);
  if (work.block && work.block.length) sheet.getRange(work.firstRow, work.firstCol, work.block.length, work.block[0].length).setValues(work.block);
  if (work.layers && work.layers.notes && work.layers.notes.length && plan.decorWidth > 0) {
    // Imputed marks go into the permuted layers before they are written.
    for (const x of work.imputed) {
      if (x.c > plan.decorWidth) continue;
      (work.layers.notes as string[][])[x.r - 2][x.c - 1] = plan.imputedNote;
      (work.layers.backgrounds as string[][])[x.r - 2][x.c - 1] = IMPUTED_BACKGROUND;
    }
    writeLayers(sheet, 2, 1, work.layers);
  }
  const unmarked = work.layers ? work.imputed.filter((x) => x.c > plan.decorWidth) : work.imputed;
  if (unmarked.length) markCells(sheet, unmarked, (list) => list.setNote(plan.imputedNote).setBackground(IMPUTED_BACKGROUND));
  const byColour = new Map<string, Array<{ r: number; c: number }>>();
  for (const [r, c, colour] of work.coloured) {
    const list = byColour.get(colour) ?? [];
    list.push({ r, c });
    byColour.set(colour, list);
  }
  for (const [colour, list] of byColour) markCells(sheet, list, (l) => l.setBackground(colour));
  if (work.deleteCount > 0) sheet.deleteRows(work.deleteFrom, work.deleteCount);
}

/** What the summary and links need from a write. */
export function resultOf(plan: WritePlan, work: Work): WriteResult {
  return {
    rowsWritten: plan.mode === 'merge' ? plan.survivors : plan.origin.length,
    widthAfter: work.widthAfter,
    columnOf: work.columnOf,
    sheetRowOf: work.sheetRowOf,
    imputedCells: work.imputed.length,
    cellsChanged: plan.cells.r.length,
    kept: plan.kept.map(([r, c]) => a1Of(r, c)),
    rowsGone: plan.rowsGone,
    columnsGone: plan.columnsGone ?? [],
  };
}

export { MSG };
