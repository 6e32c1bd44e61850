/**
 * Merge mode: one survivor per group, field by field.
 * - E-mails and phones: every distinct value is kept, joined with "; " (the survivor's first),
 *   so no way of reaching the customer is lost.
 * - Dates: "last …" / purchase / updated columns take the most recent, signup / first / created
 *   columns the earliest, a birth date the most frequent.
 * - Other identity fields (names, address): the most frequent value among the rows, ties to
 *   the most complete (longest) one.
 * - Everything else: the survivor's value, or when it is blank the value from the most recent
 *   row that has one (most recent by the table's last-activity date column when there is one).
 * Each survivor cell gets a provenance entry: which row it came from and by which rule.
 */
import { Cell, Change, ColumnRole, Roles, Table, isCdmColumn, isEmpty, sameCell } from '../table';
import { contactValueKey, isBirthDate } from './keys';
import { fold } from './text';

export interface Group { survivor: number; rows: number[] }
/**
 * A person's choice from the review (Decision.fields): in a group holding both rows, each
 * listed column keeps row a's or row b's value, whatever the rules below would pick.
 */
export interface FieldChoice { a: number; b: number; fields: Record<string, 'a' | 'b'> }
export interface Provenance { survivorRow: number; column: string; fromRow: number; rule: string }
export interface Removed { row: number; mergedInto: number; values: Cell[] }

const RECENT_RE = /last|latest|recent|updated|modified|purchase|order|visit|activity/i;
const EARLIEST_RE = /signup|sign up|signed|joined|since|created|first|registered|start/i;
const IDENTITY: ColumnRole[] = ['name', 'first_name', 'last_name', 'street', 'city', 'postcode', 'state', 'country', 'id', 'company', 'country_code', 'state_code'];

function timeOf(v: Cell): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v.trim()) { const t = Date.parse(v); return Number.isNaN(t) ? NaN : t; }
  return NaN;
}

/** Rows of the group ordered most recent first (by the last-activity column), survivor first on ties. */
function byRecency(table: Table, group: Group, recencyCol: number): number[] {
  const rows = [group.survivor, ...group.rows.filter((r) => r !== group.survivor)];
  if (recencyCol < 0) return rows;
  return rows
    .map((r, order) => ({ r, order, t: timeOf(table.rows[r][recencyCol]) }))
    .sort((x, y) => (Number.isNaN(y.t) ? -Infinity : y.t) - (Number.isNaN(x.t) ? -Infinity : x.t) || x.order - y.order)
    .map((x) => x.r);
}

function distinctJoined(values: Array<{ row: number; v: Cell }>, keyOf: (s: string) => string): { value: string; rows: number[] } {
  const seen = new Set<string>();
  const kept: string[] = [];
  const rows: number[] = [];
  for (const { row, v } of values) {
    for (const part of String(v).split(';')) {
      const s = part.trim();
      if (!s) continue;
      const k = keyOf(s);
      if (seen.has(k)) continue;
      seen.add(k);
      kept.push(s);
      if (!rows.includes(row)) rows.push(row);
    }
  }
  return { value: kept.join('; '), rows };
}

export function mergeGroups(table: Table, roles: Roles, groups: Group[], choices: FieldChoice[] = []): {
  table: Table; changes: Change[]; removed: Removed[]; provenance: Provenance[];
} {
  const header = table.header;
  const recencyCol = header.findIndex((h) => roles[h] === 'date' && RECENT_RE.test(h) && !isBirthDate(h, roles[h]));
  const rows = table.rows.map((r) => r.slice());
  const changes: Change[] = [];
  const provenance: Provenance[] = [];
  const removed: Removed[] = [];
  const drop = new Set<number>();

  for (const g of groups) {
    const order = byRecency(table, g, recencyCol);
    const s = g.survivor;
    const chosen = choices.filter((c) => g.rows.includes(c.a) && g.rows.includes(c.b));
    header.forEach((column, col) => {
      if (isCdmColumn(column)) return;
      const role = roles[column];
      const present = order.map((r) => ({ row: r, v: table.rows[r][col] })).filter((x) => !isEmpty(x.v) && !(typeof x.v === 'string' && !x.v.trim()));
      const old = table.rows[s][col];
      let value: Cell = old;
      let fromRow = s;
      let rule = 'kept from the main record';
      if (present.length === 0) {
        rule = 'empty in every row';
      } else if (role === 'email' || role === 'phone') {
        const survivorFirst = present.slice().sort((x, y) => (x.row === s ? -1 : y.row === s ? 1 : 0));
        const joined = distinctJoined(survivorFirst, (t) => contactValueKey(role, t));
        value = joined.value;
        fromRow = joined.rows.length === 1 ? joined.rows[0] : s;
        rule = joined.rows.length > 1 ? `distinct values kept from rows ${joined.rows.map((r) => r + 2).join(', ')}` : 'kept from the main record';
      } else if (role === 'date' && !isBirthDate(column, role)) {
        const dated = present.filter((x) => !Number.isNaN(timeOf(x.v)));
        if (dated.length) {
          const earliest = EARLIEST_RE.test(column) && !RECENT_RE.test(column);
          const best = dated.reduce((acc, x) => ((earliest ? timeOf(x.v) < timeOf(acc.v) : timeOf(x.v) > timeOf(acc.v)) ? x : acc));
          value = best.v; fromRow = best.row; rule = earliest ? 'earliest date' : 'most recent date';
        }
      } else if (IDENTITY.includes(role) || isBirthDate(column, role)) {
        const tally = new Map<string, { n: number; first: { row: number; v: Cell }; len: number }>();
        for (const x of present) {
          const k = fold(x.v instanceof Date ? x.v.toISOString() : x.v);
          const t = tally.get(k);
          if (t) t.n++; else tally.set(k, { n: 1, first: x, len: String(x.v).length });
        }
        const best = [...tally.values()].sort((x, y) => y.n - x.n || y.len - x.len || (x.first.row === s ? -1 : y.first.row === s ? 1 : 0))[0];
        // Prefer the survivor's own spelling when it is one of the winners.
        const own = present.find((x) => x.row === s && fold(x.v instanceof Date ? x.v.toISOString() : x.v) === fold(best.first.v instanceof Date ? best.first.v.toISOString() : best.first.v));
        const pick = own ?? best.first;
        value = pick.v; fromRow = pick.row;
        rule = best.n > 1 ? 'most frequent value' : tally.size > 1 ? 'most complete value' : 'kept from the main record';
      } else if (isEmpty(old) || (typeof old === 'string' && !old.trim())) {
        value = present[0].v; fromRow = present[0].row; rule = recencyCol >= 0 ? 'filled from the most recent row' : 'filled from another row';
      }
      // The user's word wins: a value chosen in the review for this column.
      const pick = chosen.find((c) => column in c.fields);
      if (pick) {
        fromRow = pick.fields[column] === 'a' ? pick.a : pick.b;
        value = table.rows[fromRow][col];
        rule = 'chosen in the review';
      }
      if (!sameCell(value, old)) {
        rows[s][col] = value;
        changes.push({ row: s, column, old, new: value, kind: 'merge', reason: `merged duplicate rows: ${rule}` });
      }
      provenance.push({ survivorRow: s, column, fromRow, rule });
    });
    for (const r of g.rows) {
      if (r === s) continue;
      drop.add(r);
      removed.push({ row: r, mergedInto: s, values: table.rows[r].slice() });
    }
  }
  return { table: { header: header.slice(), rows: rows.filter((_, i) => !drop.has(i)) }, changes, removed, provenance };
}

/** What merging an incoming row into an existing customer did to one cell. */
export interface IncomingMergeChange { column: number; old: Cell; new: Cell; why: 'filled' | 'another contact' }

const blankCell = (c: Cell | undefined): boolean => c === undefined || isEmpty(c) || String(c).trim() === '';

/**
 * An incoming row (a form response) that is an existing customer: its values fill the
 * customer's empty cells and never overwrite one; a new e-mail or phone is kept beside the
 * old ones, as a batch merge keeps every distinct one. `incoming(column)` gives the new value
 * under the customer's column (undefined where the response has none).
 */
export function mergeIncoming(existing: Cell[], header: string[], roles: Roles, incoming: (column: number) => Cell | undefined): { values: Cell[]; changes: IncomingMergeChange[] } {
  const changes: IncomingMergeChange[] = [];
  const values = existing.map((old, i) => {
    const value = incoming(i);
    if (value === undefined || blankCell(value)) return old;
    if (blankCell(old)) {
      changes.push({ column: i, old, new: value, why: 'filled' });
      return value;
    }
    const role = roles[header[i]];
    if (role !== 'email' && role !== 'phone') return old;
    const kept = String(old).split(';').map((x) => x.trim()).filter(Boolean);
    const key = contactValueKey(role, String(value));
    if (kept.some((x) => contactValueKey(role, x) === key)) return old;
    const joined = [...kept, String(value)].join('; ');
    changes.push({ column: i, old, new: joined, why: 'another contact' });
    return joined;
  });
  return { values, changes };
}
