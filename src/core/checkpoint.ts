/**
 * The pipeline state between two Apps Script executions, compactly (docs/architecture.md, "One run").
 *
 * The rows the run read are the base (the add-on saves them once, with the first checkpoint),
 * so each later checkpoint holds only what differs from them.
 * - The table: a column that comes from a column of the sheet is stored as the cells that
 *   differ from it (cleaned values); a new column (CDM's results) as its values, with a
 *   dictionary when they repeat (segment names, risk levels).
 * - The change log as columns: row deltas, interned column names, kinds, reasons and methods,
 *   and for `old` / `new` a code — "the cell as read", "the cell in the table", "empty" — with
 *   an explicit value only where neither holds. Integer columns are run-length packed.
 * - Reports, roles and the rest (small) as JSON.
 * Every shortcut is checked while encoding, so decoding gives back exactly the state
 * (values by type; Dates by time; NaN and ±Infinity kept). Pure: no Apps Script here.
 */
import type { Cell, ChangeKind, Table } from './table';
import { ChangeLog, asChangeLog } from './changes';
import type { PipelineState } from './pipeline';

const FORMAT = 2;

// ---------------------------------------------------------------------------------------
// Values: JSON-safe, typed
// ---------------------------------------------------------------------------------------

type Packed = string | number | boolean | null | { d: number | 'x' } | { n: string };

function packValue(v: Cell | null | undefined): Packed {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { n: Object.is(v, -0) ? '-0' : String(v) };
  if (v instanceof Date) {
    const t = v.getTime();
    return { d: Number.isNaN(t) ? 'x' : t };
  }
  return v;
}

function unpackValue(p: Packed): Cell {
  if (p === null) return '';
  if (typeof p !== 'object') return p;
  if ('d' in p) return new Date(p.d === 'x' ? NaN : p.d);
  return p.n === '-0' ? -0 : Number(p.n);
}

/** Same value and type; Dates by time (two invalid Dates are the same), NaN is NaN. */
export function identical(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a instanceof Date || b instanceof Date) {
    if (!(a instanceof Date && b instanceof Date)) return false;
    const x = a.getTime();
    const y = b.getTime();
    return x === y || (Number.isNaN(x) && Number.isNaN(y));
  }
  return Object.is(a, b);
}

const keyOf = (v: Cell): string => (v instanceof Date ? `d${v.getTime()}` : `${typeof v}${String(v)}`);

// ---------------------------------------------------------------------------------------
// Integer columns: base-36, comma-separated, runs as value*count
// ---------------------------------------------------------------------------------------

export function packInts(values: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    const v = values[i];
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    const t = v.toString(36);
    out.push(j - i > 2 ? `${t}*${(j - i).toString(36)}` : j - i === 2 ? `${t},${t}` : t);
    i = j;
  }
  return out.join(',');
}

export function unpackInts(text: string, count: number): Float64Array {
  const out = new Float64Array(count);
  if (count === 0) return out;
  let at = 0;
  for (const token of text.split(',')) {
    const star = token.indexOf('*');
    const v = parseInt(star < 0 ? token : token.slice(0, star), 36);
    const n = star < 0 ? 1 : parseInt(token.slice(star + 1), 36);
    for (let k = 0; k < n; k++) out[at++] = v;
  }
  if (at !== count) throw new Error(`checkpoint: ${at} integers where ${count} were written`);
  return out;
}

function deltas(values: ArrayLike<number>, start = 0): number[] {
  const out = new Array<number>(values.length);
  let prev = start;
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] - prev;
    prev = values[i];
  }
  return out;
}

function undelta(values: ArrayLike<number>, start = 0): number[] {
  const out = new Array<number>(values.length);
  let prev = start;
  for (let i = 0; i < values.length; i++) {
    prev += values[i];
    out[i] = prev;
  }
  return out;
}

/** Strings (or any keys) to small integers, in order of first use. */
class Interner<T> {
  readonly list: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (v: T) => string) {}
  id(v: T): number {
    const k = this.key(v);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.index.set(k, i);
    }
    return i;
  }
}

// ---------------------------------------------------------------------------------------
// Columns of the table
// ---------------------------------------------------------------------------------------

type ValueColumn = { list: Packed[] } | { dict: Packed[]; idx: string };

function packColumn(values: Cell[]): ValueColumn {
  const dict = new Interner<Cell>(keyOf);
  const ids = values.map((v) => dict.id(v));
  if (dict.list.length * 4 <= values.length) return { dict: dict.list.map(packValue), idx: packInts(ids) };
  return { list: values.map(packValue) };
}

function unpackColumn(c: ValueColumn, n: number): Cell[] {
  if ('list' in c) return c.list.map(unpackValue);
  const dict = c.dict.map(unpackValue);
  const ids = unpackInts(c.idx, n);
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = dict[ids[i]];
  return out;
}

/** A column of the sheet with some cells changed, or a column of its own. */
type TableColumn = { src: number; pr: string; pv: Packed[] } | { own: ValueColumn };

/** The column of the sheet a column of the state comes from: same header, or the one a `CDM X` copy cleans. */
function baseColumn(base: Table, name: string): number {
  const at = base.header.indexOf(name);
  if (at >= 0) return at;
  if (!name.startsWith('CDM ')) return -1;
  const user = name.slice(4);
  const plain = base.header.indexOf(user);
  return plain >= 0 ? plain : base.header.indexOf(user.replace(/ \(cleaned\)$/, ''));
}

const baseCell = (base: Table, row: number, col: number): Cell | undefined => (col < 0 ? undefined : base.rows[row]?.[col]);

// ---------------------------------------------------------------------------------------
// Encode / decode
// ---------------------------------------------------------------------------------------

const EXPLICIT = 0;
const AS_READ = 1; // old: the cell as read from the sheet
const IN_TABLE = 1; // new: the cell in the state's table
const EMPTY = 2;

interface Encoded {
  v: number;
  header: string[];
  n: number;
  origin: string;
  cols: TableColumn[];
  ch: {
    n: number;
    row: string;
    col: string;
    kind: string;
    reason: string;
    method: string;
    old: string;
    new: string;
    ov: Packed[];
    nv: Packed[];
    names: string[];
    reasons: string[];
    methods: string[];
    kinds: string[];
  };
  rest: string;
}

/** Everything but the table, the row origins and the change log (roles, reports, copies… whatever the state holds). */
function restOf(state: PipelineState): Omit<PipelineState, 'table' | 'rowOrigin' | 'changes'> {
  const { table: _t, rowOrigin: _r, changes: _c, ...rest } = state;
  void _t;
  void _r;
  void _c;
  return rest;
}

/** The state as compact text, relative to `base` (the sheet's rows as read: toTable of the read). */
export function encodeState(state: PipelineState, base: Table): string {
  const { table, rowOrigin } = state;
  const n = table.rows.length;
  const width = table.header.length;

  const cols: TableColumn[] = [];
  for (let k = 0; k < width; k++) {
    const src = baseColumn(base, table.header[k]);
    const values = new Array<Cell>(n);
    for (let i = 0; i < n; i++) values[i] = table.rows[i][k];
    if (src >= 0) {
      const rows: number[] = [];
      const vals: Packed[] = [];
      for (let i = 0; i < n; i++) {
        if (!identical(values[i], baseCell(base, rowOrigin[i], src))) {
          rows.push(i);
          vals.push(packValue(values[i]));
        }
      }
      if (rows.length * 2 <= n) {
        cols.push({ src, pr: packInts(deltas(rows, -1)), pv: vals });
        continue;
      }
    }
    cols.push({ own: packColumn(values) });
  }

  // Where each original row sits in the table now (-1: removed by a merge).
  let maxOrigin = base.rows.length;
  for (const o of rowOrigin) if (o + 1 > maxOrigin) maxOrigin = o + 1;
  const position = new Int32Array(maxOrigin).fill(-1);
  rowOrigin.forEach((o, i) => (position[o] = i));
  const columnAt = new Map(table.header.map((h, k) => [h, k]));

  const names = new Interner<string>((s) => s);
  const reasons = new Interner<string>((s) => s);
  const methods = new Interner<string>((s) => s);
  const kinds = new Interner<string>((s) => s);
  const changes = asChangeLog(state.changes);
  const m = changes.length;
  const rowsOut = new Array<number>(m);
  const colOut = new Array<number>(m);
  const kindOut = new Array<number>(m);
  const reasonOut = new Array<number>(m);
  const methodOut = new Array<number>(m);
  const oldOut = new Array<number>(m);
  const newOut = new Array<number>(m);
  const ov: Packed[] = [];
  const nv: Packed[] = [];
  const baseCols = new Map<string, number>();
  // The log's fields entry by entry, without making a Change object per entry.
  changes.forEachRaw((row, column, old, next, kind, reason, method, i) => {
    rowsOut[i] = row;
    colOut[i] = names.id(column);
    kindOut[i] = kinds.id(kind);
    reasonOut[i] = reasons.id(reason);
    methodOut[i] = method === undefined ? 0 : methods.id(method) + 1; // 0: no method
    let bc = baseCols.get(column);
    if (bc === undefined) baseCols.set(column, (bc = baseColumn(base, column)));
    if (identical(old, baseCell(base, row, bc))) oldOut[i] = AS_READ;
    else if (old === '') oldOut[i] = EMPTY;
    else {
      oldOut[i] = EXPLICIT;
      ov.push(packValue(old));
    }
    const at = row < position.length ? position[row] : -1;
    const k = columnAt.get(column);
    if (at >= 0 && k !== undefined && identical(next, table.rows[at][k])) newOut[i] = IN_TABLE;
    else if (next === '') newOut[i] = EMPTY;
    else {
      newOut[i] = EXPLICIT;
      nv.push(packValue(next));
    }
  });
  const encoded: Encoded = {
    v: FORMAT,
    header: table.header,
    n,
    origin: packInts(deltas(rowOrigin, -1)),
    cols,
    ch: {
      n: m,
      row: packInts(deltas(rowsOut)),
      col: packInts(colOut),
      kind: packInts(kindOut),
      reason: packInts(reasonOut),
      method: packInts(methodOut),
      old: packInts(oldOut),
      new: packInts(newOut),
      ov,
      nv,
      names: names.list,
      reasons: reasons.list,
      methods: methods.list,
      kinds: kinds.list,
    },
    rest: stringifyTagged(restOf(state)),
  };
  return JSON.stringify(encoded);
}

export function decodeState(text: string, base: Table): PipelineState {
  const e = JSON.parse(text) as Encoded;
  if (e.v !== FORMAT) throw new Error(`checkpoint format ${e.v} is not ${FORMAT}`);
  const n = e.n;
  const rowOrigin = undelta(unpackInts(e.origin, n), -1);
  const width = e.header.length;
  const rows: Cell[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = new Array<Cell>(width);
  e.cols.forEach((c, k) => {
    if ('own' in c) {
      const values = unpackColumn(c.own, n);
      for (let i = 0; i < n; i++) rows[i][k] = values[i];
      return;
    }
    for (let i = 0; i < n; i++) rows[i][k] = base.rows[rowOrigin[i]][c.src];
    const at = undelta(unpackInts(c.pr, c.pv.length), -1);
    at.forEach((i, p) => (rows[i][k] = unpackValue(c.pv[p])));
  });
  const table: Table = { header: e.header, rows };

  const ch = e.ch;
  const m = ch.n;
  const rowIds = undelta(unpackInts(ch.row, m));
  const colIds = unpackInts(ch.col, m);
  const kinds = unpackInts(ch.kind, m);
  const reasonIds = unpackInts(ch.reason, m);
  const methodIds = unpackInts(ch.method, m);
  const olds = unpackInts(ch.old, m);
  const news = unpackInts(ch.new, m);
  let maxOrigin = base.rows.length;
  for (const o of rowOrigin) if (o + 1 > maxOrigin) maxOrigin = o + 1;
  const position = new Int32Array(maxOrigin).fill(-1);
  rowOrigin.forEach((o, i) => (position[o] = i));
  const columnAt = new Map(e.header.map((h, k) => [h, k]));
  const baseCols = ch.names.map((name) => baseColumn(base, name));
  let ovAt = 0;
  let nvAt = 0;
  const changes = new ChangeLog();
  for (let i = 0; i < m; i++) {
    const row = rowIds[i];
    const column = ch.names[colIds[i]];
    const o = olds[i];
    const old = o === AS_READ ? (baseCell(base, row, baseCols[colIds[i]]) as Cell) : o === EMPTY ? '' : unpackValue(ch.ov[ovAt++]);
    const w = news[i];
    const next = w === IN_TABLE ? rows[position[row]][columnAt.get(column) as number] : w === EMPTY ? '' : unpackValue(ch.nv[nvAt++]);
    changes.add(row, column, old, next, ch.kinds[kinds[i]] as ChangeKind, ch.reasons[reasonIds[i]], methodIds[i] > 0 ? ch.methods[methodIds[i] - 1] : undefined);
  }
  const rest = parseTagged(e.rest) as Omit<PipelineState, 'table' | 'rowOrigin' | 'changes'>;
  return { table, rowOrigin, changes, ...rest };
}

// ---------------------------------------------------------------------------------------
// Reports: JSON with Dates, NaN and ±Infinity, lists of records as columns
// ---------------------------------------------------------------------------------------

const DATE_TAG = '$date';
const NUM_TAG = '$num';
const RECORDS_TAG = '$rec';
/** Lists shorter than this stay as they are (the columns would not pay for themselves). */
const MIN_RECORDS = 8;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A list of records with the same keys (review pairs, merge provenance…) as columns; repeated values as a dictionary. */
function packReport(value: unknown): Json {
  if (value instanceof Date) return { [DATE_TAG]: Number.isNaN(value.getTime()) ? 'invalid' : value.getTime() };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [NUM_TAG]: String(value) };
  if (value === null || typeof value !== 'object') return value === undefined ? null : (value as Json);
  if (Array.isArray(value)) {
    const keys = recordKeys(value);
    if (!keys) return value.map(packReport);
    const columns = keys.map((k) => {
      const cells = value.map((r) => packReport((r as Record<string, unknown>)[k]));
      const dict = new Interner<Json>((v) => JSON.stringify(v));
      const ids = cells.map((c) => dict.id(c));
      return dict.list.length * 4 <= cells.length ? { d: dict.list, i: packInts(ids) } : { l: cells };
    });
    return { [RECORDS_TAG]: [keys, value.length, columns] as unknown as Json };
  }
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = packReport(v);
  return out;
}

/** The keys when `list` is at least MIN_RECORDS plain records with the same keys, in the same order. */
function recordKeys(list: unknown[]): string[] | null {
  if (list.length < MIN_RECORDS) return null;
  let keys: string[] | null = null;
  for (const r of list) {
    if (!r || typeof r !== 'object' || Array.isArray(r) || r instanceof Date) return null;
    const k = Object.keys(r);
    if (k.some((x) => (r as Record<string, unknown>)[x] === undefined)) return null;
    if (!keys) keys = k;
    else if (k.length !== keys.length || k.some((x, i) => x !== (keys as string[])[i])) return null;
  }
  return keys;
}

function unpackReport(value: Json): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(unpackReport);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === DATE_TAG) return new Date(value[DATE_TAG] === 'invalid' ? NaN : (value[DATE_TAG] as number));
  if (keys.length === 1 && keys[0] === NUM_TAG) return Number(value[NUM_TAG]);
  if (keys.length === 1 && keys[0] === RECORDS_TAG) {
    const [names, n, columns] = value[RECORDS_TAG] as unknown as [string[], number, Array<{ d: Json[]; i: string } | { l: Json[] }>];
    const rows: Array<Record<string, unknown>> = Array.from({ length: n }, () => ({}));
    columns.forEach((c, j) => {
      const name = names[j];
      if ('l' in c) {
        c.l.forEach((v, r) => (rows[r][name] = unpackReport(v)));
        return;
      }
      const ids = unpackInts(c.i, n);
      for (let r = 0; r < n; r++) rows[r][name] = unpackReport(c.d[ids[r]]);
    });
    return rows;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = unpackReport(value[k]);
  return out;
}

function stringifyTagged(value: unknown): string {
  return JSON.stringify(packReport(value));
}

function parseTagged(text: string): unknown {
  return unpackReport(JSON.parse(text) as Json);
}
