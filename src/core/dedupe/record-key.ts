/**
 * A record's stable identity across runs, for review decisions: a hash of the values that say
 * who the customer is, so a decision made on one run still finds its pair on the next.
 */
import { type Cell, type Roles, type Table, isCdmColumn } from '../table';
import { prepare } from './engine';
import { type FieldPlan, type PersonRecord, extractRecord } from './features';
import { fnv1a } from './text';

/**
 * A record's stable id across runs: a hash of its folded first and last name, e-mail match
 * keys, phone digits and birth date — the values that say who the customer is. It does not
 * change when CDM columns are added or other columns (spend, notes) are edited, and it is
 * the same before and after re-normalising an already clean sheet. Rows with none of these
 * fall back to a hash of all their non-CDM cells. Two identical rows share a key, which is
 * right for decisions: a decision about one applies to its exact copy.
 */
export function recordKey(table: Table, roles: Roles, row: number): string {
  return keysFor(table, roles, [row])[0];
}

function keyOfRecord(r: PersonRecord, cells: Cell[], header: string[]): string {
  let text = [r.first, r.last, r.emails.slice().sort().join(','), r.phones.slice().sort().join(','), r.dob].join('|');
  if (text === '||||') {
    text = cells.filter((_, i) => !isCdmColumn(header[i])).map((c) => (c instanceof Date ? c.toISOString() : String(c))).join('|');
  }
  return fnv1a(text) + fnv1a(text, 0x9747b28c);
}

function keysFor(table: Table, roles: Roles, rows: number[]): string[] {
  // The key ignores the role of identifier columns (a new CDM id column must not change keys).
  const base = prepare({ header: table.header, rows: [] }, roles);
  return rows.map((i) => keyOfRecord(extractRecord(table.rows[i], base.plan), table.rows[i], table.header));
}

/**
 * Keys of a table's rows, made when first asked (only decisions and reported pairs need them).
 * They must not depend on options: with ignored columns the rows are read again with every
 * column, so a key is the same whatever was ignored.
 */
export function lazyRecordKeys(table: Table, roles: Roles, records: PersonRecord[], ignoring: boolean): (row: number) => string {
  const cache: string[] = [];
  const plan: FieldPlan | null = ignoring ? prepare({ header: table.header, rows: [] }, roles).plan : null;
  return (i) => (cache[i] ??= keyOfRecord(plan ? extractRecord(table.rows[i], plan) : records[i], table.rows[i], table.header));
}
