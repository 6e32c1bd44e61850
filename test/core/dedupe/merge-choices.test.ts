/**
 * A merge honours the value the user chose per field in the review. Without a
 * choice the rules pick (here: two spellings once each, so the longer one — the misspelt
 * "Katherrine"); with the choice the right spelling survives, and the log says why.
 */
import { dedupeTable, recordKey, type Decision } from '../../../src/core/dedupe/index';
import { detectRoles } from '../../../src/core/roles';
import type { Table } from '../../../src/core/table';

const table: Table = {
  header: ['Name', 'Email', 'Phone', 'City'],
  rows: [
    ['Katherine Lee', 'kate.lee@example.com', '+14155550132', 'Springfield'],
    ['Bob Stone', 'bob@example.com', '+14155550100', 'Riverton'],
    ['Katherrine Lee', 'kate.lee@example.com', '+14155550132', 'Springfield'],
  ],
};
const roles = detectRoles(table).roles;
const nameAfter = (decisions?: Decision[]) => {
  const out = dedupeTable(table, roles, { mode: 'merge', decisions });
  const at = out.table.header.indexOf('Name');
  return { names: out.table.rows.map((r) => r[at]), changes: out.changes.filter((c) => c.kind === 'merge' && c.column === 'Name'), removed: out.report.removed ?? [] };
};

test('the rules alone keep the longer spelling of two (the misspelt one here)', () => {
  const { names, removed } = nameAfter();
  expect(removed).toHaveLength(1);
  expect(names).toEqual(['Katherrine Lee', 'Bob Stone']);
});

test('the user chose record A’s name: "Katherine" survives, logged as chosen in the review', () => {
  const [a, b] = [recordKey(table, roles, 0), recordKey(table, roles, 2)];
  const { names, changes } = nameAfter([{ a, b, decision: 'accept', fields: { Name: 'a' } }]);
  expect(names).toEqual(['Katherine Lee', 'Bob Stone']);
  expect(changes).toEqual([]); // the survivor already held it: nothing to change
});

test('the choice follows the records, not their order: b = the second record of the decision', () => {
  const [a, b] = [recordKey(table, roles, 2), recordKey(table, roles, 0)];
  expect(nameAfter([{ a, b, decision: 'accept', fields: { Name: 'b' } }]).names).toEqual(['Katherine Lee', 'Bob Stone']);
  const misspelt = nameAfter([{ a, b, decision: 'accept', fields: { Name: 'a' } }]);
  expect(misspelt.names).toEqual(['Katherrine Lee', 'Bob Stone']);
  expect(misspelt.changes.map((c) => c.reason)).toEqual(['merged duplicate rows: chosen in the review']);
});

test('a rejected pair with choices never merges, and choices on another column leave Name to the rules', () => {
  const [a, b] = [recordKey(table, roles, 0), recordKey(table, roles, 2)];
  expect(nameAfter([{ a, b, decision: 'reject', fields: { Name: 'a' } }]).removed).toEqual([]);
  expect(nameAfter([{ a, b, decision: 'accept', fields: { City: 'b' } }]).names).toEqual(['Katherrine Lee', 'Bob Stone']);
});
