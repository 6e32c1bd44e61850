/** The cell grid's layers, defaults and the shape checks every Range call makes. */
import { MESSAGES, fail, typeNames } from '../errors';
import { DEFAULT_NUMBER_FORMAT, isDate } from '../values';

export const MAX_CELLS = 10_000_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export type Layer = 'value' | 'formula' | 'note' | 'background' | 'numberFormat' | 'fontWeight' | 'fontColor';
export const DEFAULTS: Record<Layer, unknown> = {
  value: '',
  formula: '',
  note: '',
  background: '#ffffff',
  numberFormat: DEFAULT_NUMBER_FORMAT,
  fontWeight: 'normal',
  fontColor: '#000000',
};
export const LAYERS = Object.keys(DEFAULTS) as Layer[];
export const FORMAT_LAYERS: Layer[] = ['background', 'numberFormat', 'fontWeight', 'fontColor'];

export interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function intersects(a: Box, b: Box): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

export function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

export function check2D(values: unknown, method: string): unknown[][] {
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) fail(MESSAGES.signature(typeNames([values]), method));
  return values as unknown[][];
}

export function checkShape(data: unknown[][], box: Box): void {
  if (data.length !== box.numRows) fail(MESSAGES.rowsMismatch(data.length, box.numRows));
  for (const row of data) if (row.length !== box.numCols) fail(MESSAGES.colsMismatch(row.length, box.numCols));
}

/** In-place splice without spreading (row counts can exceed the engine's argument limit). */
export function spliceArray<T>(arr: T[], at: number, deleteCount: number, insertCount: number): void {
  if (arr.length <= at) return;
  const tail = arr.slice(at + deleteCount);
  arr.length = at;
  for (let i = 0; i < insertCount; i++) arr.push(undefined as T);
  for (const x of tail) arr.push(x);
}

export function copyValue(v: unknown): unknown {
  return isDate(v) ? new Date(v.getTime()) : v;
}

export function normColor(c: unknown): string {
  if (c === null || c === undefined || c === '') return '#ffffff';
  const s = String(c).toLowerCase();
  const named: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', yellow: '#ffff00', green: '#008000', blue: '#0000ff' };
  if (named[s]) return named[s];
  if (/^#[0-9a-f]{3}$/.test(s)) return '#' + [...s.slice(1)].map((x) => x + x).join('');
  return s;
}
