/**
 * Cells as the write path and Undo handle them: a JSON-safe encoding for the undo store, the
 * text to hand setValues so Sheets keeps a value exactly, batched reads of a block's layers, and
 * CDM's marks on the columns it creates.
 */
import type { Cell } from '../core/table';
import { TEXT_FORMAT, asSheetTextIn } from './sheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A cell in JSON: dates, formulas and non-finite numbers tagged. */
export type Enc = string | number | boolean | { d: number } | { f: string } | { n: string };

export function encode(value: Cell | null | undefined, formula = ''): Enc {
  if (formula) return { f: formula };
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return { d: value.getTime() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) };
  return value;
}

/** [value, formula] of an encoded cell. */
export function decode(e: Enc): [Cell, string] {
  if (e !== null && typeof e === 'object') {
    if ('f' in e) return ['', e.f];
    if ('d' in e) return [new Date(e.d), ''];
    return [Number(e.n), ''];
  }
  return [e, ''];
}

export { TEXT_FORMAT };

/**
 * What to pass setValues so the cell ends up holding `value` (or the formula): text that Sheets
 * would read as a number, date, boolean or formula gets the leading apostrophe — except in a
 * plain-text cell (format `@`), where the apostrophe would be kept as part of the text.
 */
export function inputFor(value: Cell, formula: string, numberFormat = ''): unknown {
  return formula ? formula : asSheetTextIn(value, numberFormat);
}

export interface Layers {
  notes?: string[][];
  backgrounds?: string[][];
  numberFormats?: string[][];
  fontWeights?: string[][];
  fontColors?: string[][];
}
export type LayerName = keyof Layers;
export const ALL_LAYERS: LayerName[] = ['notes', 'backgrounds', 'numberFormats', 'fontWeights', 'fontColors'];
export const LAYER_DEFAULTS: Record<LayerName, string> = {
  notes: '',
  backgrounds: '#ffffff',
  numberFormats: '0.###############',
  fontWeights: 'normal',
  fontColors: '#000000',
};

/** The named format layers of a block, one batched read each. */
export function readLayers(sheet: Sheet, row: number, col: number, rows: number, cols: number, which: LayerName[]): Layers {
  const out: Layers = {};
  if (rows < 1 || cols < 1) return out;
  const range = sheet.getRange(row, col, rows, cols);
  for (const l of which) {
    if (l === 'notes') out.notes = range.getNotes();
    else if (l === 'backgrounds') out.backgrounds = range.getBackgrounds();
    else if (l === 'numberFormats') out.numberFormats = range.getNumberFormats();
    else if (l === 'fontWeights') out.fontWeights = range.getFontWeights() as string[][];
    else out.fontColors = range.getFontColors();
  }
  return out;
}

export function writeLayers(sheet: Sheet, row: number, col: number, layers: Layers): void {
  for (const l of ALL_LAYERS) {
    const grid = layers[l];
    if (!grid || grid.length === 0 || grid[0].length === 0) continue;
    const range = sheet.getRange(row, col, grid.length, grid[0].length);
    if (l === 'notes') range.setNotes(grid);
    else if (l === 'backgrounds') range.setBackgrounds(grid);
    else if (l === 'numberFormats') range.setNumberFormats(grid);
    else if (l === 'fontWeights') range.setFontWeights(grid as GoogleAppsScript.Spreadsheet.FontWeight[][]);
    else range.setFontColors(grid);
  }
}

/** Sparse layers: only cells that differ from the default, as [row, col, value] (block-relative). */
export type Sparse = Partial<Record<LayerName, Array<[number, number, string]>>>;

export function sparseOf(layers: Layers, rowFilter?: (r: number) => boolean): Sparse {
  const out: Sparse = {};
  for (const l of ALL_LAYERS) {
    const grid = layers[l];
    if (!grid) continue;
    const list: Array<[number, number, string]> = [];
    const def = LAYER_DEFAULTS[l];
    grid.forEach((row, r) => {
      if (rowFilter && !rowFilter(r)) return;
      row.forEach((v, c) => {
        if (v !== def && v !== null && v !== undefined) list.push([r, c, String(v)]);
      });
    });
    out[l] = list;
  }
  return out;
}

/** Sparse data indexed by row, for repeated lookups. */
export function sparseByRow(s: Sparse): Map<number, Array<[LayerName, number, string]>> {
  const out = new Map<number, Array<[LayerName, number, string]>>();
  for (const l of ALL_LAYERS) {
    for (const [r, c, v] of s[l] ?? []) {
      const list = out.get(r) ?? [];
      list.push([l, c, v]);
      out.set(r, list);
    }
  }
  return out;
}

// --- CDM's own columns in the customer sheet ---------------------------------------------------

export const COLUMN_MARK = 'cdm.column';

/**
 * CDM's columns of a sheet: header (as CDM named it) -> column number. A column is CDM's only
 * if CDM marked it when it created it (developer metadata on the whole column, which moves and
 * goes with the column); a user's column that merely starts with "CDM " is the user's.
 */
export function markedColumns(sheet: Sheet): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sheet.createDeveloperMetadataFinder().withKey(COLUMN_MARK).find()) {
    const col = m.getLocation().getColumn();
    if (col) out.set(String(m.getValue() ?? ''), col.getColumn());
  }
  return out;
}

export function markColumn(sheet: Sheet, column: number, header: string): void {
  sheet.getRange(1, column, sheet.getMaxRows(), 1).addDeveloperMetadata(COLUMN_MARK, header);
}

/** Smallest and largest of many numbers, without spreading them into one call (V8 caps arguments). */
export function bounds(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
