/**
 * Which row is which after the user inserted, deleted or sorted rows — by content.
 *
 * Why not developer metadata on each row (it moves with its row, which is exactly the job)?
 * Google allows metadata on a row only one row at a time (the API's DimensionRange "must
 * represent a single row or column"; Apps Script's Range.addDeveloperMetadata refuses larger
 * ranges), so tagging 50,000 rows takes 50,000 calls — far past Apps Script's 6 minutes — and
 * a sheet holds at most 30,000 characters of metadata, which 100,000 rows cannot fit even with
 * one-character keys. So CDM keeps, per row it wrote, a short hash of the row's content (the
 * user's columns; a formula counts as "a formula", as Sheets rewrites its text when rows move)
 * as it left it, and finds rows again by that hash:
 *
 * 1. Exact: a current row with the same hash is that row. Equal hashes (a customer entered
 *    twice, identical) pair in order: the k-th stored one is the k-th current one.
 * 2. Edited rows: a run of unmatched stored rows between two matched neighbours takes the
 *    unmatched current rows between those neighbours' current rows, when there are exactly as
 *    many — the user changed a cell in those rows but left them where they were (or sorted the
 *    sheet the other way round: then they are taken in reverse).
 * Rows found neither way are reported, never guessed.
 */
import type { Cell } from '../core/table';

/** One cell as comparable text: formulas by their text, dates by their instant. */
export function canonical(value: Cell | null | undefined, formula = ''): string {
  if (formula) return 'F' + formula;
  if (value === '' || value === null || value === undefined) return '';
  if (value instanceof Date) return 'D' + value.getTime();
  if (typeof value === 'number') return 'N' + (Number.isNaN(value) ? 'NaN' : String(value));
  if (typeof value === 'boolean') return value ? 'T' : 'B';
  return 'S' + value;
}

/** Same cell content as a canonical text (or as a cell), for "does it still hold CDM's value". */
export const sameCanonical = (a: Cell | null | undefined, aFormula: string, canon: string): boolean => canonical(a, aFormula) === canon;

/**
 * A 52-bit hash of a row's cells (already canonical), as base-36 text (≤ 11 characters). Two
 * independent 32-bit FNV-style lanes; the column separator is hashed too, so moving text from
 * one cell into its neighbour changes the hash.
 */
export function hashCells(cells: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const s of cells) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  return ((h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff)).toString(36);
}

/**
 * A cell as it counts for a row's identity: a formula only as "a formula" — Sheets rewrites its
 * text when rows are inserted, deleted or sorted above it, and the row is still the same row.
 */
const identityOf = (value: Cell | null | undefined, formula: string): string => (formula ? 'F' : canonical(value));

/**
 * Hash of every data row of a grid over the given columns (0-based indices into the row; -1 =
 * a column that is gone, hashed as empty). `values`/`formulas` include the header row 0.
 */
export function rowHashes(values: Cell[][], formulas: string[][], columns: number[], firstRow = 1, lastRow = values.length - 1): string[] {
  const out: string[] = [];
  const cells: string[] = new Array(columns.length);
  for (let r = firstRow; r <= lastRow; r++) {
    const v = values[r] ?? [];
    const f = formulas[r] ?? [];
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      cells[k] = c < 0 ? '' : identityOf(v[c], f[c] ?? '');
    }
    out.push(hashCells(cells));
  }
  return out;
}

/**
 * For each stored row, the current row holding it, or -1. Both lists are in sheet order.
 * See the module comment for the rules.
 */
export function matchRows(stored: string[], current: string[]): Int32Array {
  const match = new Int32Array(stored.length).fill(-1);
  const taken = new Uint8Array(current.length);
  const queues = new Map<string, number[]>();
  for (let j = 0; j < current.length; j++) {
    const q = queues.get(current[j]);
    if (q) q.push(j);
    else queues.set(current[j], [j]);
  }
  const heads = new Map<string, number>();
  for (let i = 0; i < stored.length; i++) {
    const q = queues.get(stored[i]);
    if (!q) continue;
    const at = heads.get(stored[i]) ?? 0;
    if (at >= q.length) continue;
    heads.set(stored[i], at + 1);
    match[i] = q[at];
    taken[q[at]] = 1;
  }
  // Runs of unmatched stored rows between matched neighbours.
  let i = 0;
  while (i < stored.length) {
    if (match[i] >= 0) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < stored.length && match[end + 1] < 0) end++;
    const len = end - i + 1;
    const before = i > 0 ? match[i - 1] : -1;
    const after = end + 1 < stored.length ? match[end + 1] : -2;
    // Where they were (between the neighbours, in order), or between the same neighbours in
    // reverse order (the user sorted the other way round).
    const forward = after === -2 ? before + 1 + len <= current.length : after - before - 1 === len;
    const backward = after >= 0 && before >= 0 && before - after - 1 === len;
    if (forward || backward) {
      const at = (k: number) => (forward ? before + 1 + k : before - 1 - k);
      let free = true;
      for (let k = 0; k < len && free; k++) free = !taken[at(k)];
      if (free) {
        for (let k = 0; k < len; k++) {
          match[i + k] = at(k);
          taken[at(k)] = 1;
        }
      }
    }
    i = end + 1;
  }
  return match;
}

/** Row hashes packed as one text (fixed width), for the undo store. */
export function packHashes(hashes: string[]): string {
  return hashes.map((h) => h.padStart(11, '0')).join('');
}

export function unpackHashes(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 11 <= text.length; i += 11) out.push(text.slice(i, i + 11).replace(/^0+(?=.)/, ''));
  return out;
}
