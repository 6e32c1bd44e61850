/**
 * What Sheets does to formulas when rows or columns move: inserting or deleting rows shifts every
 * reference to the rows below (absolute `$` references too), a reference to a deleted cell
 * becomes `#REF!`, a range losing some of its rows shrinks; sorting moves a formula with its row
 * and shifts its relative references by the same distance (as a copy would). Formulas on every
 * sheet that point at the changed sheet follow, not only the sheet's own.
 *
 * The tokenizer knows string literals, sheet prefixes (`Data!A1`, `'My sheet'!A1`), cells, cell
 * ranges, whole-column (`A:C`) and whole-row (`2:5`) ranges, and leaves function names that look
 * like cells (`LOG10(`) alone. Named ranges, R1C1 and structured references are not modelled.
 */

export type Dim = 'row' | 'col';

interface Ref {
  /** Start and end offset in the formula text (the whole reference, sheet prefix included). */
  start: number;
  end: number;
  /** Sheet named in the reference (unquoted), or undefined for the formula's own sheet. */
  sheet?: string;
  prefix: string;
  a: Endpoint;
  b?: Endpoint;
}

interface Endpoint {
  col?: number;
  colAbs: boolean;
  row?: number;
  rowAbs: boolean;
}

const LETTERS = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const NUMBER = (letters: string): number => {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
};

const ENDPOINT = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?/;
const IDENT = /[A-Za-z0-9_.]/;

function parseEndpoint(text: string, at: number): { e: Endpoint; len: number } | null {
  const m = ENDPOINT.exec(text.slice(at, at + 12));
  if (!m || m[0] === '' || (!m[2] && !m[4])) return null;
  // "$" alone, or a lone "$" before digits without letters, is fine ("$5" in "$5:$7").
  if (!m[2] && m[1] && m[3]) return null;
  const e: Endpoint = {
    col: m[2] ? NUMBER(m[2]) : undefined,
    colAbs: !!m[2] && m[1] === '$',
    row: m[4] ? Number(m[4]) : undefined,
    rowAbs: !!m[4] && (m[2] ? m[3] === '$' : m[1] === '$'),
  };
  if (e.row === 0) return null;
  return { e, len: m[0].length };
}

/** Every reference in a formula, left to right. */
export function findRefs(formula: string): Ref[] {
  const refs: Ref[] = [];
  let i = formula.startsWith('=') ? 1 : 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      i++;
      while (i < formula.length && !(formula[i] === '"' && formula[i + 1] !== '"')) i += formula[i] === '"' ? 2 : 1;
      i++;
      continue;
    }
    if (i > 0 && IDENT.test(formula[i - 1]) && ch !== "'") {
      i++;
      continue;
    }
    // Optional sheet prefix.
    let j = i;
    let sheet: string | undefined;
    if (ch === "'") {
      let k = i + 1;
      let name = '';
      while (k < formula.length) {
        if (formula[k] === "'" && formula[k + 1] === "'") {
          name += "'";
          k += 2;
        } else if (formula[k] === "'") break;
        else name += formula[k++];
      }
      if (formula[k + 1] !== '!') {
        i = k + 1;
        continue;
      }
      sheet = name;
      j = k + 2;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*!/.exec(formula.slice(i, i + 120));
      if (m) {
        sheet = m[0].slice(0, -1);
        j = i + m[0].length;
      }
    }
    const a = parseEndpoint(formula, j);
    if (!a) {
      i = sheet !== undefined ? j : i + 1;
      continue;
    }
    let end = j + a.len;
    let b: { e: Endpoint; len: number } | null = null;
    if (formula[end] === ':') {
      b = parseEndpoint(formula, end + 1);
      if (b) end = end + 1 + b.len;
    }
    const next = formula[end] ?? '';
    const whole = (e: Endpoint) => e.col !== undefined && e.row !== undefined;
    const valid = b
      ? (a.e.col !== undefined || a.e.row !== undefined) && (b.e.col !== undefined || b.e.row !== undefined)
      : whole(a.e);
    if (!valid || IDENT.test(next) || next === '(' || next === '!') {
      // A function name (LOG10), a named range (Q1Sales) or something else: skip the word.
      let k = j;
      while (k < formula.length && IDENT.test(formula[k])) k++;
      i = Math.max(k, i + 1);
      continue;
    }
    refs.push({ start: i, end, sheet, prefix: formula.slice(i, j), a: a.e, b: b?.e });
    i = end;
  }
  return refs;
}

function printEndpoint(e: Endpoint): string {
  return (e.col !== undefined ? (e.colAbs ? '$' : '') + LETTERS(e.col) : '') + (e.row !== undefined ? (e.rowAbs ? '$' : '') + e.row : '');
}

function rewrite(formula: string, change: (ref: Ref) => string | null): string {
  const refs = findRefs(formula);
  if (refs.length === 0) return formula;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    const replaced = change(ref);
    if (replaced === null) continue;
    out += formula.slice(at, ref.start) + replaced;
    at = ref.end;
  }
  return out + formula.slice(at);
}

const pointsAt = (ref: Ref, formulaSheet: string, target: string): boolean => (ref.sheet ?? formulaSheet) === target;

/**
 * Rows (or columns) `at..at+count-1` of sheet `target` were deleted (count < 0 is not used) or
 * `count` rows were inserted before `at` (insert = true): the formula as Sheets rewrites it.
 */
export function shiftFormula(formula: string, formulaSheet: string, target: string, dim: Dim, at: number, count: number, insert: boolean): string {
  const key = dim === 'row' ? 'row' : 'col';
  return rewrite(formula, (ref) => {
    if (!pointsAt(ref, formulaSheet, target)) return null;
    const a = { ...ref.a };
    const b = ref.b ? { ...ref.b } : undefined;
    if (insert) {
      for (const e of [a, b]) if (e && e[key] !== undefined && (e[key] as number) >= at) e[key] = (e[key] as number) + count;
      return ref.prefix + printEndpoint(a) + (b ? ':' + printEndpoint(b) : '');
    }
    const last = at + count - 1;
    if (!b || a[key] === undefined || b[key] === undefined) {
      // One cell, or a range open in this dimension (whole columns when deleting rows).
      const e = a[key] === undefined ? null : a;
      if (e && !b) {
        const v = e[key] as number;
        if (v >= at && v <= last) return ref.prefix + '#REF!';
        if (v > last) e[key] = v - count;
      }
      return ref.prefix + printEndpoint(a) + (b ? ':' + printEndpoint(b) : '');
    }
    let lo = Math.min(a[key] as number, b[key] as number);
    let hi = Math.max(a[key] as number, b[key] as number);
    if (lo >= at && hi <= last) return ref.prefix + '#REF!';
    lo = lo > last ? lo - count : lo >= at ? at : lo;
    hi = hi > last ? hi - count : hi >= at ? at - 1 : hi;
    a[key] = lo;
    b[key] = hi;
    return ref.prefix + printEndpoint(a) + ':' + printEndpoint(b);
  });
}

/** A formula copied (or sorted) from one row to another: relative row references move with it. */
export function moveFormula(formula: string, rowDelta: number): string {
  if (rowDelta === 0) return formula;
  return rewrite(formula, (ref) => {
    const a = { ...ref.a };
    const b = ref.b ? { ...ref.b } : undefined;
    for (const e of [a, b]) {
      if (!e || e.row === undefined || e.rowAbs) continue;
      e.row += rowDelta;
      if (e.row < 1) return ref.prefix + '#REF!';
    }
    return ref.prefix + printEndpoint(a) + (b ? ':' + printEndpoint(b) : '');
  });
}
