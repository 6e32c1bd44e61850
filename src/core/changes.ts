/**
 * The run's change log (the audit and the undo), stored as columns: a run at 100k rows logs
 * over a million changes, and one object per changed cell (with its array slot) cost about
 * 80 bytes each; here an entry is a row (Int32), a column, kind and reason index, and the old
 * and new values — about 30 bytes — and Apps Script's memory ceiling is what a big sheet
 * meets first.
 *
 * It reads like the array of changes it replaces: `length`, `for…of`, `forEach`, `map`,
 * `filter`, `some`, `every`, `find`, `reduce`, `slice`, `get(i)` / `at(i)`, `push(change)` and
 * JSON (an array of changes). A Change read from it is made on demand: editing it does not
 * edit the log. `changes[i]` does not work: use `get(i)`.
 *
 * Appending never disturbs an earlier view: `concat` shares the columns with the log it
 * extends (no copy of a million entries per step) and a log that was extended elsewhere copies
 * its own entries before it grows again, so each pipeline state keeps exactly its changes.
 */
import type { Cell, Change, ChangeKind } from './table';

const KINDS: readonly ChangeKind[] = ['normalise', 'flag', 'impute', 'dedupe', 'merge', 'analysis'];
const KIND_ID: Record<string, number> = Object.create(null);
KINDS.forEach((k, i) => (KIND_ID[k] = i));
/** Kinds this log does not know yet (another engineer's new kind) are kept by name. */
const OTHER_KIND = 255;

/** The columns, shared by logs that extend one another; `n` entries are written. */
class Store {
  n = 0;
  /** Counts only: entries are numbered but none is kept (ChangeLog.countOnly). */
  discard = false;
  rows: Int32Array;
  cols: Uint16Array;
  kinds: Uint8Array;
  reasons: string[] = [];
  olds: Cell[] = [];
  news: Cell[] = [];
  /** Entry → method (imputation only): rare, so kept aside. */
  methods: Map<number, string> | null = null;
  /** Entry → kind name, for a kind outside KINDS. */
  otherKinds: Map<number, string> | null = null;
  columns: string[] = [];
  columnId = new Map<string, number>();

  constructor(capacity: number) {
    this.rows = new Int32Array(capacity);
    this.cols = new Uint16Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  /** A copy of the first `n` entries, with room for `capacity`. */
  prefix(n: number, capacity: number): Store {
    const s = new Store(this.discard ? 16 : Math.max(capacity, 16));
    s.n = n;
    s.discard = this.discard;
    if (this.discard) return s;
    s.rows.set(this.rows.subarray(0, n));
    s.cols.set(this.cols.subarray(0, n));
    s.kinds.set(this.kinds.subarray(0, n));
    s.reasons = this.reasons.slice(0, n);
    s.olds = this.olds.slice(0, n);
    s.news = this.news.slice(0, n);
    if (this.methods) for (const [i, m] of this.methods) if (i < n) (s.methods ??= new Map()).set(i, m);
    if (this.otherKinds) for (const [i, k] of this.otherKinds) if (i < n) (s.otherKinds ??= new Map()).set(i, k);
    s.columns = this.columns.slice();
    s.columnId = new Map(this.columnId);
    return s;
  }

  grow(need: number): void {
    if (need <= this.rows.length) return;
    const capacity = Math.max(need, this.rows.length * 2, 16);
    const rows = new Int32Array(capacity);
    rows.set(this.rows);
    this.rows = rows;
    const cols = new Uint16Array(capacity);
    cols.set(this.cols);
    this.cols = cols;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }

  column(name: string): number {
    let id = this.columnId.get(name);
    if (id === undefined) {
      id = this.columns.length;
      if (id > 0xffff) throw new Error('ChangeLog: more than 65536 columns');
      this.columns.push(name);
      this.columnId.set(name, id);
    }
    return id;
  }

  add(row: number, column: string, old: Cell, next: Cell, kind: ChangeKind, reason: string, method: string | undefined): void {
    if (this.discard) { this.n++; return; }
    const i = this.n;
    if (i === this.rows.length) this.grow(i + 1);
    this.rows[i] = row;
    this.cols[i] = this.column(column);
    const k = KIND_ID[kind];
    if (k === undefined) {
      this.kinds[i] = OTHER_KIND;
      (this.otherKinds ??= new Map()).set(i, kind);
    } else {
      this.kinds[i] = k;
    }
    this.reasons.push(reason);
    this.olds.push(old);
    this.news.push(next);
    if (method !== undefined) (this.methods ??= new Map()).set(i, method);
    this.n = i + 1;
  }
}

export class ChangeLog implements Iterable<Change> {
  // Kept off the enumerable properties, so that two logs with the same changes are equal
  // (jest's toEqual, JSON) however their columns were grown.
  declare private s: Store;
  declare private n: number;

  constructor(changes?: Iterable<Change>) {
    Object.defineProperty(this, 's', { value: new Store(16), writable: true, enumerable: false });
    Object.defineProperty(this, 'n', { value: 0, writable: true, enumerable: false });
    if (changes) for (const c of changes) this.push(c);
  }

  /**
   * A log that counts the changes it is given and keeps none: for a caller that writes no audit
   * and offers no Undo (the command line writes a new file and leaves the input as it was). At
   * 100k rows the kept entries — the old value of every cleaned cell among them — are about
   * a fifth of the run's memory. Reading an entry from it is an error.
   */
  static countOnly(): ChangeLog {
    const log = new ChangeLog();
    log.s.discard = true;
    return log;
  }

  /** True for a log made by countOnly. */
  get countsOnly(): boolean {
    return this.s.discard;
  }

  static from(changes: Iterable<Change> | ArrayLike<Change>): ChangeLog {
    if (changes instanceof ChangeLog) return changes.concat([]);
    const log = new ChangeLog();
    if (Symbol.iterator in Object(changes)) for (const c of changes as Iterable<Change>) log.push(c);
    else for (let i = 0; i < (changes as ArrayLike<Change>).length; i++) log.push((changes as ArrayLike<Change>)[i]);
    return log;
  }

  get length(): number {
    return this.n;
  }

  /** Makes this log the only writer of its columns before it grows (see the file's comment). */
  private own(): Store {
    if (this.s.n !== this.n) this.s = this.s.prefix(this.n, this.n * 2);
    return this.s;
  }

  push(...changes: Change[]): number {
    const s = this.own();
    for (const c of changes) s.add(c.row, c.column, c.old, c.new, c.kind, c.reason, c.method);
    this.n = s.n;
    return this.n;
  }

  /** Appends one change without making a Change object (the engines' hot path). */
  add(row: number, column: string, old: Cell, next: Cell, kind: ChangeKind, reason: string, method?: string): void {
    const s = this.own();
    s.add(row, column, old, next, kind, reason, method);
    this.n = s.n;
  }

  /** A new log: these changes, then `more`. This log is left as it was. */
  concat(...more: Array<Iterable<Change> | ChangeLog>): ChangeLog {
    const out = new ChangeLog();
    // Share the columns when this log is their last writer; another log appending later copies.
    out.s = this.s.n === this.n ? this.s : this.s.prefix(this.n, this.n * 2);
    out.n = this.n;
    for (const m of more) {
      if (m instanceof ChangeLog) m.forEachRaw((row, column, old, next, kind, reason, method) => out.add(row, column, old, next, kind, reason, method));
      else for (const c of m) out.push(c);
    }
    return out;
  }

  get(i: number): Change {
    const s = this.kept();
    const k = s.kinds[i];
    const kind = k === OTHER_KIND ? (s.otherKinds?.get(i) as ChangeKind) : KINDS[k];
    const method = s.methods?.get(i);
    if (method !== undefined) {
      return { row: s.rows[i], column: s.columns[s.cols[i]], old: s.olds[i], new: s.news[i], kind, method, reason: s.reasons[i] };
    }
    return { row: s.rows[i], column: s.columns[s.cols[i]], old: s.olds[i], new: s.news[i], kind, reason: s.reasons[i] };
  }

  at(i: number): Change | undefined {
    const j = i < 0 ? this.n + i : i;
    return j >= 0 && j < this.n ? this.get(j) : undefined;
  }

  /** The fields of each entry without making Change objects. */
  forEachRaw(f: (row: number, column: string, old: Cell, next: Cell, kind: ChangeKind, reason: string, method: string | undefined, index: number) => void): void {
    if (this.n === 0) return;
    const s = this.kept();
    for (let i = 0; i < this.n; i++) {
      const k = s.kinds[i];
      f(s.rows[i], s.columns[s.cols[i]], s.olds[i], s.news[i], k === OTHER_KIND ? (s.otherKinds?.get(i) as ChangeKind) : KINDS[k], s.reasons[i], s.methods?.get(i), i);
    }
  }

  /** Row, kind and column of entry i, for scans that look at few fields. */
  rowAt(i: number): number { return this.kept().rows[i]; }
  kindAt(i: number): ChangeKind {
    const k = this.kept().kinds[i];
    return k === OTHER_KIND ? (this.s.otherKinds?.get(i) as ChangeKind) : KINDS[k];
  }
  columnAt(i: number): string { return this.kept().columns[this.s.cols[i]]; }

  /** The store, when it keeps its entries (a counting log has none to read). */
  private kept(): Store {
    if (this.s.discard) throw new Error('ChangeLog: this log counts changes and keeps none');
    return this.s;
  }

  *[Symbol.iterator](): Iterator<Change> {
    for (let i = 0; i < this.n; i++) yield this.get(i);
  }

  forEach(f: (c: Change, i: number, log: ChangeLog) => void): void {
    for (let i = 0; i < this.n; i++) f(this.get(i), i, this);
  }

  map<U>(f: (c: Change, i: number, log: ChangeLog) => U): U[] {
    const out = new Array<U>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = f(this.get(i), i, this);
    return out;
  }

  filter<S extends Change>(f: (c: Change, i: number, log: ChangeLog) => c is S): S[];
  filter(f: (c: Change, i: number, log: ChangeLog) => unknown): Change[];
  filter(f: (c: Change, i: number, log: ChangeLog) => unknown): Change[] {
    const out: Change[] = [];
    for (let i = 0; i < this.n; i++) {
      const c = this.get(i);
      if (f(c, i, this)) out.push(c);
    }
    return out;
  }

  some(f: (c: Change, i: number, log: ChangeLog) => unknown): boolean {
    for (let i = 0; i < this.n; i++) if (f(this.get(i), i, this)) return true;
    return false;
  }

  every(f: (c: Change, i: number, log: ChangeLog) => unknown): boolean {
    for (let i = 0; i < this.n; i++) if (!f(this.get(i), i, this)) return false;
    return true;
  }

  find(f: (c: Change, i: number, log: ChangeLog) => unknown): Change | undefined {
    for (let i = 0; i < this.n; i++) {
      const c = this.get(i);
      if (f(c, i, this)) return c;
    }
    return undefined;
  }

  findIndex(f: (c: Change, i: number, log: ChangeLog) => unknown): number {
    for (let i = 0; i < this.n; i++) if (f(this.get(i), i, this)) return i;
    return -1;
  }

  reduce<U>(f: (acc: U, c: Change, i: number, log: ChangeLog) => U, initial: U): U {
    let acc = initial;
    for (let i = 0; i < this.n; i++) acc = f(acc, this.get(i), i, this);
    return acc;
  }

  slice(start = 0, end = this.n): Change[] {
    const a = start < 0 ? Math.max(0, this.n + start) : Math.min(start, this.n);
    const b = end < 0 ? Math.max(0, this.n + end) : Math.min(end, this.n);
    const out: Change[] = [];
    for (let i = a; i < b; i++) out.push(this.get(i));
    return out;
  }

  toArray(): Change[] {
    return this.slice();
  }

  /** JSON: the array of changes, as before the log was compact. */
  toJSON(): Change[] {
    return this.slice();
  }
}

/** A log or a plain array of changes, as a ChangeLog (checkpoints written before the log was compact hold arrays). */
export function asChangeLog(changes: ChangeLog | readonly Change[] | null | undefined): ChangeLog {
  if (changes instanceof ChangeLog) return changes;
  return ChangeLog.from(changes ?? []);
}
