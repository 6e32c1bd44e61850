/**
 * Comparison levels are data (src/core/dedupe/comparisons.ts): the engine, the model and the
 * guards read what a level means, never its position or its field's name. So a level or a
 * comparison added here, in the test, changes nothing else: the relatives guard still finds
 * another first name wherever that level now stands, the new level is explained by its label,
 * and EM trains it like any other.
 */
import { dedupeTable } from '../../../src/core/dedupe';
import { type Comparison, MISSING, comparisonsFor } from '../../../src/core/dedupe/comparisons';
import { sessionsFor } from '../../../src/core/dedupe/model';
import type { FieldPlan } from '../../../src/core/dedupe/features';
import type { Table } from '../../../src/core/table';
import { ROLES, d, sheet } from './fixture';

const col = (t: Table, name: string) => t.rows.map((r) => r[t.header.indexOf(name)]);

/**
 * First name with a level inserted before "different": another first name with the same first
 * letter (Bertha / Beatrix). It differs for one person, but says nothing about relatives.
 */
function withLetterLevel(plan: FieldPlan, header: string[]): Comparison[] {
  return comparisonsFor(plan, header).map((c) => {
    if (c.field !== 'first name') return c;
    const last = c.levels.length - 1;
    return {
      ...c,
      levels: [...c.levels.slice(0, last), { label: 'same first letter', m: 0.02, u: 0.05, person: 'differs' }, c.levels[last]],
      compare(a, b) {
        const l = c.compare(a, b);
        if (l !== last) return l;
        return a.first[0] === b.first[0] ? last : last + 1;
      },
    };
  });
}

/** A comparison the library does not have: the customer's company (exact or not). */
function withCompany(plan: FieldPlan, header: string[]): Comparison[] {
  const company: Comparison = {
    field: 'company',
    label: 'company',
    levels: [
      { label: 'same', m: 0.9, u: 0.05, exact: true },
      { label: 'other', m: 0.1, u: 0.95, differs: true },
    ],
    // The fixture has no company column: the street's first word stands in for one.
    compare: (a, b) => (!a.streetName || !b.streetName ? MISSING : a.streetName === b.streetName ? 0 : 1),
  };
  return [...comparisonsFor(plan, header), company];
}

const HOUSEHOLD = [
  ['Robert Kowalczyk', 'robert.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 2, 2), 10],
  ['Anna Kowalczyk', 'anna.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 3, 3), 20],
  ['Anna Kowalczyk', '', '+15550103003', '48 Goldfinch Cct', 'Lakeside', '92040', d(2024, 5, 3), 30],
];

describe('levels as data', () => {
  it('a level inserted before "different" first name: the relatives guard still holds', () => {
    const table = sheet(HOUSEHOLD);
    const plain = dedupeTable(table, ROLES);
    const more = dedupeTable(table, ROLES, { comparisons: withLetterLevel });
    // The first-name comparison now has 7 levels and "different" is the 7th.
    expect(more.report.model.m['first name']).toHaveLength(7);
    for (const out of [plain.table, more.table]) {
      const group = col(out, 'CDM Duplicate Group');
      expect(group[0]).toBe(''); // Robert is Anna's relative, never her
      expect(group[1]).not.toBe('');
      expect(group[1]).toBe(group[2]); // Anna typed twice is one customer
    }
    expect(more.report.pairs.some((p) => p.a === 0 && p.band === 'auto')).toBe(false);
  });

  it('the new level is explained by its own label, and its meaning (not its place) decides the guard', () => {
    // Same surname, phone and address; first names Bertha / Beatrix. With the library's levels
    // that is "different" first name: relatives, no pair at all. With the new level it is
    // "same first letter", which differs for one person but is no sign of relatives: the pair
    // is asked about (review), never merged on its own.
    const table = sheet([
      ['Bertha Lindqvist', 'bertha@example.org', '+15550104004', '9 Birch Road', 'Riverton', '82501', d(2024, 1, 1), 1],
      ['Beatrix Lindqvist', 'bea@example.org', '+15550104004', '9 Birch Road', 'Riverton', '82501', d(2024, 2, 1), 2],
    ]);
    expect(dedupeTable(table, ROLES).report.pairs.some((p) => p.a === 0 && p.b === 1)).toBe(false);
    const out = dedupeTable(table, ROLES, { comparisons: withLetterLevel });
    const pair = out.report.pairs.find((p) => p.a === 0 && p.b === 1);
    expect(pair?.band).toBe('review');
    expect(pair?.explanation.find((e) => e.field === 'first name')?.level).toBe('same first letter');
    expect(col(out.table, 'CDM Duplicate Group').slice(0, 2)).toEqual(['', '']);
  });

  it('a comparison the library lacks joins the score, the explanation and EM without other changes', () => {
    const table = sheet(HOUSEHOLD);
    const out = dedupeTable(table, ROLES, { comparisons: withCompany });
    expect(out.report.model.m.company).toHaveLength(2);
    expect(out.report.pairs.every((p) => p.explanation.some((e) => e.field === 'company'))).toBe(true);
    const group = col(out.table, 'CDM Duplicate Group');
    expect(group[0]).toBe('');
    expect(group[1]).toBe(group[2]);
  });

  it('training sessions come from the comparisons\' own training data, not field names', () => {
    const plan: FieldPlan = {
      firstColumns: [0], lastColumns: [1], nameColumns: [], emailColumns: [2], phoneColumns: [], streetColumns: [3],
      cityColumns: [4], postcodeColumns: [5], stateColumns: [], dobColumns: [], idColumns: [], skipped: [],
    };
    const comparisons = comparisonsFor(plan, ['First', 'Last', 'Email', 'Street', 'City', 'Zip']);
    const sessions = sessionsFor(comparisons).map((s) => [s.name, [...s.excluded].map((k) => comparisons[k].field).sort()]);
    // A name is first AND last name; an address is the street (sharpened by the postcode),
    // and the place fields are learnt outside it.
    expect(sessions).toEqual([
      ['same name', ['first name', 'last name']],
      ['same e-mail', ['e-mail']],
      ['same address', ['city', 'postcode', 'street']],
    ]);
    // Only a first name: no name session (one part of two).
    expect(sessionsFor(comparisons.filter((c) => c.field !== 'last name')).map((s) => s.name)).toEqual(['same e-mail', 'same address']);
  });
});
