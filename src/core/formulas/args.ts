/**
 * How the =CDM_* formulas read their arguments. Sheets passes a single cell as a value and a
 * range as a 2-D array (numbers, booleans, Dates, '' for blanks; a cell holding an error such
 * as #N/A arrives as that text).
 *
 * Error rule (the same for every formula):
 * - An argument that makes the whole call meaningless (k out of range, ranges of different
 *   sizes, an error value where rows are combined) throws a FormulaError with a short message;
 *   Sheets shows #ERROR! and the message on hover, never a stack trace. An error about one cell
 *   says which cell: the adapter (src/gas/functions.ts) names it as the user sees it (B7), and
 *   without a sheet the message says "row 6 of known_y".
 * - One bad value inside a range does not spoil the others where each cell gives its own result
 *   (=CDM_PHONE on a column): its own output cell gets a short text, blanks give blanks.
 */
import { type Cell, isEmpty } from '../table';
import { isPlaceholder } from '../normalize/missing';
import { toNumber } from '../analysis/values';

/** What Sheets passes for one argument: a value for one cell, a 2-D array for a range. */
export type FormulaArg = Cell | Cell[][] | null | undefined;
export type FormulaResult = Cell | Cell[][];

export const DAY_MS = 86400000;

/** Where in the call a problem is: the argument (0-based, as written) and the cell within it. */
export interface ArgCell { arg: number; name: string; row: number; column: number }

export class FormulaError extends Error {
  constructor(readonly text: (where: string) => string, readonly at?: ArgCell) {
    super(text(at ? positionIn(at) : ''));
    this.name = 'FormulaError';
  }
  /** The message with the cell named as the user sees it ("B7"), when the adapter knows it. */
  messageAt(cell: string | null): string {
    return this.text(cell ?? (this.at ? positionIn(this.at) : ''));
  }
}

/** "row 6 of known_y" (column too when the argument is wider than one column). */
function positionIn(at: ArgCell): string {
  return at.column > 0 ? `row ${at.row + 1}, column ${at.column + 1} of ${at.name}` : `row ${at.row + 1} of ${at.name}`;
}

export function fail(message: string): never {
  throw new FormulaError(() => message);
}

/** Fails about one cell of an argument; `text` gets the cell's name ("B7" or "row 7 of known_y"). */
export function failAt(at: ArgCell, text: (where: string) => string): never {
  throw new FormulaError(text, at);
}

export const isRange = (arg: FormulaArg): arg is Cell[][] => Array.isArray(arg);

export function grid(arg: FormulaArg): Cell[][] {
  if (isRange(arg)) return arg.map((row) => (Array.isArray(row) ? row : [row as Cell]));
  return [[arg === null || arg === undefined ? '' : arg]];
}

/** Empty, or a placeholder people type for "nothing" (N/A, -, unknown, 无 …): blank in, blank out. */
export const isBlank = (c: Cell | null | undefined): boolean =>
  isEmpty(c) || (typeof c === 'string' && (c.trim() === '' || isPlaceholder(c)));

export const rowIsBlank = (row: Cell[]): boolean => row.every(isBlank);

const SHEET_ERROR_RE = /^#(?:N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!|ERROR!)$/;

/** A cell that holds one of Sheets' error values (#N/A, #DIV/0!, #REF! …), as a formula receives it. */
export const isSheetError = (c: Cell | null | undefined): c is string => typeof c === 'string' && SHEET_ERROR_RE.test(c.trim());

/**
 * Applies `fn` to each cell, keeping the caller's shape: a cell in, a cell out; a range in, a
 * range out. An error value goes through as it is, where the cell's own result would be.
 */
export function mapCells(arg: FormulaArg, fn: (c: Cell) => Cell): FormulaResult {
  const apply = (c: Cell): Cell => (isSheetError(c) ? c.trim() : isBlank(c) ? '' : fn(c));
  return isRange(arg) ? grid(arg).map((row) => row.map(apply)) : apply(grid(arg)[0][0]);
}

/**
 * Where rows are combined (a fit, segments, quintiles), one error value would silently change
 * every result, so it stops the formula with the cell named (as Sheets' own SUM does).
 */
export function refuseErrors(arg: FormulaArg, index: number, name: string): void {
  const g = grid(arg);
  for (let r = 0; r < g.length; r++) {
    for (let c = 0; c < g[r].length; c++) {
      const v = g[r][c];
      if (isSheetError(v)) failAt({ arg: index, name, row: r, column: c }, (where) => `${name}: ${where} holds ${v.trim()}; fix that cell or leave it blank`);
    }
  }
}

/** A vector argument (one row or one column) as a flat list, with its orientation. */
export function vector(arg: FormulaArg, name: string): { values: Cell[]; across: boolean } {
  const g = grid(arg);
  if (g.length === 1) return { values: g[0], across: g[0].length > 1 };
  if (g.every((r) => r.length === 1)) return { values: g.map((r) => r[0]), across: false };
  return fail(`${name} must be a single row or a single column`);
}

/** Returns per-row results in the shape of the input vector (a column stays a column). */
export function shapeLike(values: Cell[], across: boolean, scalar: boolean): FormulaResult {
  if (scalar) return values[0];
  return across ? [values] : values.map((v) => [v]);
}

export const looksLikeHeader = (row: Cell[]): boolean =>
  row.some((c) => typeof c === 'string' && !isBlank(c) && toNumber(c) === null) && row.every((c) => isBlank(c) || toNumber(c) === null);

/** Rows of numbers: a first row of text is taken as column names; rows with a blank or text are left out. */
export function numericRows(arg: FormulaArg): { names: string[]; rows: Array<number[] | null> } {
  const g = grid(arg);
  const width = g.reduce((w, r) => Math.max(w, r.length), 0);
  const hasHeader = g.length > 1 && looksLikeHeader(g[0]);
  const names = Array.from({ length: width }, (_, i) => (hasHeader && !isBlank(g[0][i]) ? String(g[0][i]).trim() : `Column ${i + 1}`));
  const rows = g.map((row, i) => {
    if (hasHeader && i === 0) return null;
    const xs = row.map((c) => (c instanceof Date ? c.getTime() / DAY_MS : toNumber(c)));
    return xs.every((x): x is number => x !== null) && xs.length === width ? xs : null;
  });
  return { names, rows };
}

/** A row's numbers (Dates as days), or null when any cell is blank or not a number. */
export const numbersOf = (row: Cell[]): number[] | null => {
  const xs = row.map((c) => (isBlank(c) ? null : c instanceof Date ? c.getTime() / DAY_MS : toNumber(c)));
  return xs.every((v): v is number => v !== null) ? xs : null;
};
