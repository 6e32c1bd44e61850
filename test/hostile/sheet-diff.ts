/**
 * Cell-by-cell comparison of two snapshots of a whole spreadsheet in the local runtime, for
 * hostile tests: "unchanged, or exactly the documented change". Every layer a user can see is
 * compared — values, formulas, notes, backgrounds, number formats, font weights and colours —
 * plus each sheet's grid size, frozen rows, merges, position and hidden state, and the sheet
 * list itself. Differences come back as readable lines (`Customers!C5 value: "a" → "b"`), and a
 * test may allow the changes it documents (an allow-list with the reason for each).
 *
 *   const before = captureWorkbook(rt);
 *   ... run, edit, undo ...
 *   expectNoDifferences(before, captureWorkbook(rt), [
 *     { sheet: 'CDM Audit', why: 'undo logs itself' },
 *     { sheet: 'Customers', a1: 'C2:C9', layers: ['value'], why: 'cells the user typed after the run' },
 *   ]);
 */
import { columnLetters, parseA1, type Runtime, type SheetSnapshot } from '../../runtime';

export type Layer = 'value' | 'formula' | 'note' | 'background' | 'numberFormat' | 'fontWeight' | 'fontColor';
/** Sheet-level aspects: the sheet being there at all, its grid size, position, hidden state… */
export type Aspect = 'sheet' | 'grid' | 'index' | 'hidden' | 'frozenRows' | 'merges';

export interface WorkbookSnapshot {
  /** In tab order. */
  sheets: SheetSnapshot[];
}

export interface Difference {
  sheet: string;
  /** A1 of the cell for layer differences; '' for sheet-level ones. */
  a1: string;
  row: number;
  column: number;
  what: Layer | Aspect;
  before: string;
  after: string;
  /** One readable line. */
  text: string;
}

export interface Allowed {
  sheet: string | RegExp;
  /** Layers or aspects this entry allows; all when absent. */
  layers?: Array<Layer | Aspect>;
  /** Only cells inside this range (A1, e.g. "C2:C9" or "A:A"); the whole sheet when absent. */
  a1?: string;
  /** Why this change is expected (documentation, shown nowhere but the test). */
  why: string;
}

export function captureWorkbook(rt: Runtime): WorkbookSnapshot {
  return { sheets: rt.spreadsheet.getSheets().map((s) => rt.snapshot(s.getName())) };
}

const LAYERS: Array<[Layer, keyof SheetSnapshot]> = [
  ['value', 'values'],
  ['formula', 'formulas'],
  ['note', 'notes'],
  ['background', 'backgrounds'],
  ['numberFormat', 'numberFormats'],
  ['fontWeight', 'fontWeights'],
  ['fontColor', 'fontColors'],
];

/** The runtime's defaults: a cell beyond a snapshot's extent holds these. */
const EMPTY: Record<Layer, unknown> = {
  value: '',
  formula: '',
  note: '',
  background: '#ffffff',
  numberFormat: '0.###############',
  fontWeight: 'normal',
  fontColor: '#000000',
};

function show(v: unknown): string {
  if (v === '' || v === undefined || v === null) return '(empty)';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : `Date(${v.toISOString()})`;
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 77) + '…' : v);
  return String(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return Object.is(a, b) || (a === '' && b === undefined) || (a === undefined && b === '');
}

function extent(s: SheetSnapshot | undefined): { rows: number; cols: number } {
  if (!s) return { rows: 0, cols: 0 };
  let rows = 0;
  let cols = 0;
  for (const [, key] of LAYERS) {
    const grid = (s[key] as unknown[][] | undefined) ?? [];
    rows = Math.max(rows, grid.length);
    for (const r of grid) cols = Math.max(cols, r.length);
  }
  return { rows, cols };
}

function cell(s: SheetSnapshot | undefined, key: keyof SheetSnapshot, layer: Layer, r: number, c: number): unknown {
  const grid = s ? ((s[key] as unknown[][] | undefined) ?? []) : [];
  const v = grid[r]?.[c];
  return v === undefined ? EMPTY[layer] : v;
}

function allowedBy(d: Difference, allow: Allowed[]): boolean {
  return allow.some((a) => {
    if (typeof a.sheet === 'string' ? a.sheet !== d.sheet : !a.sheet.test(d.sheet)) return false;
    if (a.layers && !a.layers.includes(d.what)) return false;
    if (!a.a1) return true;
    if (!d.a1) return false;
    const box = parseA1(a.a1);
    if (!box) throw new Error(`allow-list: "${a.a1}" is not A1 notation`);
    return d.row >= box.row && d.row <= (box.lastRow ?? Infinity) && d.column >= box.col && d.column <= (box.lastCol ?? Infinity);
  });
}

/** Every difference between two workbook snapshots that the allow-list does not cover. */
export function diffWorkbooks(before: WorkbookSnapshot, after: WorkbookSnapshot, allow: Allowed[] = []): Difference[] {
  const out: Difference[] = [];
  const add = (sheet: string, what: Layer | Aspect, row: number, column: number, b: unknown, a: unknown) => {
    const a1 = row > 0 && column > 0 ? `${columnLetters(column)}${row}` : '';
    const where = a1 ? `${sheet}!${a1}` : sheet;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' && what !== 'value' && what !== 'note' ? v : show(v));
    const before = text(b);
    const after = text(a);
    const d: Difference = { sheet, a1, row, column, what, before, after, text: `${where} ${what}: ${before} → ${after}` };
    if (!allowedBy(d, allow)) out.push(d);
  };
  const byName = (w: WorkbookSnapshot) => new Map(w.sheets.map((s) => [s.name, s]));
  const b = byName(before);
  const a = byName(after);
  const names = [...new Set([...before.sheets.map((s) => s.name), ...after.sheets.map((s) => s.name)])];
  for (const name of names) {
    const sb = b.get(name);
    const sa = a.get(name);
    if (!sb || !sa) {
      add(name, 'sheet', 0, 0, sb ? 'present' : 'absent', sa ? 'present' : 'absent');
      // A sheet that appeared or went is one difference, not one per cell.
      continue;
    }
    if (sb.index !== sa.index) add(name, 'index', 0, 0, String(sb.index), String(sa.index));
    if (sb.hidden !== sa.hidden) add(name, 'hidden', 0, 0, String(sb.hidden), String(sa.hidden));
    if (sb.maxRows !== sa.maxRows || sb.maxColumns !== sa.maxColumns) add(name, 'grid', 0, 0, `${sb.maxRows}×${sb.maxColumns}`, `${sa.maxRows}×${sa.maxColumns}`);
    if (sb.frozenRows !== sa.frozenRows) add(name, 'frozenRows', 0, 0, String(sb.frozenRows), String(sa.frozenRows));
    const merges = (s: SheetSnapshot) => JSON.stringify([...s.merges].sort((x, y) => x.row - y.row || x.col - y.col));
    if (merges(sb) !== merges(sa)) add(name, 'merges', 0, 0, merges(sb), merges(sa));
    const eb = extent(sb);
    const ea = extent(sa);
    const rows = Math.max(eb.rows, ea.rows);
    const cols = Math.max(eb.cols, ea.cols);
    for (const [layer, key] of LAYERS) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const x = cell(sb, key, layer, r, c);
          const y = cell(sa, key, layer, r, c);
          if (!same(x, y)) add(name, layer, r + 1, c + 1, x, y);
        }
      }
    }
  }
  return out;
}

/** The first `max` differences, one per line, and how many more there were. */
export function formatDifferences(diffs: Difference[], max = 40): string {
  const lines = diffs.slice(0, max).map((d) => `  ${d.text}`);
  if (diffs.length > max) lines.push(`  … and ${diffs.length - max} more`);
  return lines.join('\n');
}

/** Throws with the readable list when the workbooks differ beyond the documented changes. */
export function expectNoDifferences(before: WorkbookSnapshot, after: WorkbookSnapshot, allow: Allowed[] = []): void {
  const diffs = diffWorkbooks(before, after, allow);
  if (diffs.length > 0) throw new Error(`${diffs.length} unexpected difference${diffs.length === 1 ? '' : 's'}:\n${formatDifferences(diffs)}`);
}

/** Only the differences on one sheet (handy for asserting exactly which cells changed). */
export const onSheet = (diffs: Difference[], sheet: string): Difference[] => diffs.filter((d) => d.sheet === sheet);

/** The error a call ends with (its message as the sidebar shows it), or null. */
export function failure(rt: Runtime, fn: string, ...args: unknown[]): string | null {
  const ex = rt.run(fn, args);
  return ex.error ? ex.error.message.replace(/^Exception: /, '') : null;
}

/** Calls `fn` and checks it changed nothing anywhere in the workbook; returns its error message. */
export function refusedUnchanged(rt: Runtime, fn: string, ...args: unknown[]): string | null {
  const before = captureWorkbook(rt);
  const message = failure(rt, fn, ...args);
  expectNoDifferences(before, captureWorkbook(rt));
  return message;
}
