/**
 * Keeping formulas pointed at the same customers when CDM moves rows by rewriting their content
 * (a merge compacts the survivors; undoing it puts the removed rows back). Sheets follows row
 * moves only for structural changes (insert, delete, sort); CDM's moves are writes, so CDM
 * rewrites the row numbers in the formulas it writes itself, the way Sheets would have.
 *
 * `remapRows` takes a function from an old row number to the new one; a range keeps the rows
 * that survive inside it (its first and last ones). References to other sheets are left alone.
 * The scanner knows string literals, sheet prefixes ('My sheet'!A1, Data!A1), cells, ranges,
 * whole rows (2:5) and whole columns (A:C), and skips function names that look like cells (LOG10).
 * It runs in one pass over the formula (no backtracking regular expression on user text).
 */

interface RowRef {
  /** Offsets in the formula of the row digits to replace. */
  start: number;
  end: number;
  row: number;
  /** 'lo' / 'hi' for the ends of a range, 'one' for a single cell. */
  end_: 'one' | 'lo' | 'hi';
}

const isLetter = (c: string) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isWordChar = (c: string) => isLetter(c) || isDigit(c) || c === '_' || c === '.';

interface Point {
  end: number;
  hasCol: boolean;
  rowStart: number;
  rowEnd: number;
}

/** A cell-like point at `i`: $?letters{0,3} $?digits* (at least one of the two parts). */
function point(f: string, i: number): Point | null {
  let k = i;
  if (f[k] === '$') k++;
  const l0 = k;
  while (k < f.length && k - l0 < 4 && isLetter(f[k])) k++;
  const letters = k - l0;
  if (letters > 3) return null;
  if (letters > 0 && f[k] === '$') k++;
  const d0 = k;
  while (k < f.length && isDigit(f[k])) k++;
  if (letters === 0 && k === d0) return null;
  if (letters === 0 && f[i] === '$' && f[i + 1] === '$') return null;
  return { end: k, hasCol: letters > 0, rowStart: d0, rowEnd: k };
}

/** Row references of a formula that point at `sheet` (unqualified ones belong to `ownSheet`). */
function rowRefs(f: string, ownSheet: string, sheet: string): RowRef[] {
  const out: RowRef[] = [];
  let i = 0;
  while (i < f.length) {
    const c = f[i];
    if (c === '"') {
      i++;
      while (i < f.length) {
        if (f[i] === '"' && f[i + 1] === '"') i += 2;
        else if (f[i] === '"') break;
        else i++;
      }
      i++;
      continue;
    }
    if (i > 0 && isWordChar(f[i - 1])) {
      i++;
      continue;
    }
    let target = ownSheet;
    let j = i;
    if (c === "'") {
      let k = i + 1;
      let name = '';
      while (k < f.length) {
        if (f[k] === "'" && f[k + 1] === "'") {
          name += "'";
          k += 2;
        } else if (f[k] === "'") break;
        else name += f[k++];
      }
      if (f[k + 1] !== '!') {
        i = k + 1;
        continue;
      }
      target = name;
      j = k + 2;
    } else if (isLetter(c) || c === '_') {
      let k = i;
      while (k < f.length && isWordChar(f[k])) k++;
      if (f[k] === '!') {
        target = f.slice(i, k);
        j = k + 1;
      }
    }
    const a = point(f, j);
    if (!a) {
      i = j > i ? j : i + 1;
      continue;
    }
    let b: Point | null = null;
    let end = a.end;
    if (f[end] === ':') {
      b = point(f, end + 1);
      if (b) end = b.end;
    }
    const next = f[end] ?? '';
    const valid = b ? true : a.hasCol && a.rowEnd > a.rowStart;
    if (!valid || isWordChar(next) || next === '(' || next === '!') {
      let k = j;
      while (k < f.length && isWordChar(f[k])) k++;
      i = Math.max(k, i + 1);
      continue;
    }
    if (target === sheet) {
      const num = (p: Point) => Number(f.slice(p.rowStart, p.rowEnd));
      if (!b) out.push({ start: a.rowStart, end: a.rowEnd, row: num(a), end_: 'one' });
      else {
        if (a.rowEnd > a.rowStart) out.push({ start: a.rowStart, end: a.rowEnd, row: num(a), end_: 'lo' });
        if (b.rowEnd > b.rowStart) out.push({ start: b.rowStart, end: b.rowEnd, row: num(b), end_: 'hi' });
      }
    }
    i = end;
  }
  return out;
}

export interface RowMap {
  /** New row of a single-cell reference to `row`. */
  one(row: number): number;
  /** New first row of a range that started at `row`. */
  lo(row: number): number;
  /** New last row of a range that ended at `row`. */
  hi(row: number): number;
}

/** The formula with its references to `sheet`'s rows moved by `map`. */
export function remapRows(formula: string, ownSheet: string, sheet: string, map: RowMap): string {
  const refs = rowRefs(formula, ownSheet, sheet);
  if (refs.length === 0) return formula;
  let out = '';
  let at = 0;
  for (const r of refs) {
    const row = r.end_ === 'one' ? map.one(r.row) : r.end_ === 'lo' ? map.lo(r.row) : map.hi(r.row);
    out += formula.slice(at, r.start) + String(row);
    at = r.end;
  }
  return out + formula.slice(at);
}

/** Rows of `sheet` a formula refers to, as [first, last] pairs (a single cell gives [r, r]). */
export function referencedRows(formula: string, ownSheet: string, sheet: string): Array<[number, number]> {
  const refs = rowRefs(formula, ownSheet, sheet);
  const out: Array<[number, number]> = [];
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k];
    if (r.end_ === 'lo' && refs[k + 1]?.end_ === 'hi') {
      out.push([Math.min(r.row, refs[k + 1].row), Math.max(r.row, refs[k + 1].row)]);
      k++;
    } else out.push([r.row, r.row]);
  }
  return out;
}

/**
 * A RowMap from a table of moves: `to[r]` is the new row of old row r, or a negative number
 * for a row that goes (its references then take `fallback(r)`, e.g. the row it merged into).
 * Rows outside `to` stay where they are. A range keeps the rows that remain inside it.
 */
export function rowMapOf(first: number, to: Int32Array | number[], fallback: (row: number) => number): RowMap {
  const last = first + to.length - 1;
  const inBlock = (r: number) => r >= first && r <= last;
  return {
    one: (r) => (!inBlock(r) ? r : to[r - first] >= 0 ? to[r - first] : fallback(r)),
    lo: (r) => {
      if (!inBlock(r)) return r;
      for (let x = r; x <= last; x++) if (to[x - first] >= 0) return to[x - first];
      return fallback(r);
    },
    hi: (r) => {
      if (!inBlock(r)) return r;
      for (let x = r; x >= first; x--) if (to[x - first] >= 0) return to[x - first];
      return fallback(r);
    },
  };
}
