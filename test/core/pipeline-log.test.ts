/**
 * The clean and analyse steps write their changes straight into the run's log (no list of
 * Change objects in between). The reference here is the engines' own listed results
 * (normaliseTable, analyseTable without onChange): the log must hold exactly those changes,
 * in the same order, and the tables must be the same.
 */
import { parseCsv } from '../../src/core/csv';
import { FlagTexts, flagsByRow, normaliseTable } from '../../src/core/normalize/index';
import { analyseTable } from '../../src/core/analysis/index';
import { initialState, planSteps, type PipelineOptions } from '../../src/core/pipeline';
import { sampleCsv } from '../../src/core/sample';
import type { Change } from '../../src/core/table';

const asOf = new Date(Date.UTC(2025, 5, 30));
const options: PipelineOptions = { asOf, seed: 3, region: 'US', k: 4 };
// The sample as a CSV file reads it: text cells, so normalise has plenty to change and flag.
const table = parseCsv(sampleCsv({ rows: 600, seed: 5 }));

describe('changes written straight into the run log', () => {
  const start = initialState(table, options);
  const [clean] = planSteps({ ...options, steps: ['clean'] });
  const cleaned = clean.run(start, options);

  test('clean step: the log holds normaliseTable\'s changes, in order, and CDM Flags joins their flags', () => {
    const listed = normaliseTable(start.table, start.roles, { region: 'US', asOf, details: start.roleDetails });
    expect(listed.changes.length).toBeGreaterThan(1000);
    expect(listed.changes.some((c) => c.kind === 'flag')).toBe(true);
    expect([...cleaned.changes]).toEqual(listed.changes);
    const at = cleaned.table.header.indexOf('CDM Flags');
    expect(at).toBe(listed.table.header.length);
    expect(cleaned.table.rows.map((r) => r.slice(0, at))).toEqual(listed.table.rows);
    expect(cleaned.table.rows.map((r) => r[at])).toEqual(flagsByRow(listed.changes, listed.table.rows.length));
  });

  test('analyseTable hands each written cell to onChange exactly as it would list it', () => {
    const roles = cleaned.roles;
    const o = { asOf, seed: 3, k: 4 as const };
    const listed = analyseTable(cleaned.table, roles, o);
    const handed: Change[] = [];
    const direct = analyseTable(cleaned.table, roles, { ...o, onChange: (row, column, old, next, reason) => handed.push({ row, column, old, new: next, kind: 'analysis', reason }) });
    expect(listed.changes.length).toBeGreaterThan(1000);
    expect(handed).toEqual(listed.changes);
    expect(direct.changes).toEqual([]);
    expect(direct.table).toEqual(listed.table);
  });

  test('the analyse step logs the same changes in place as a listed run would, rows mapped to the original', () => {
    const [analyse] = planSteps({ ...options, steps: ['analyze'] });
    const before = cleaned.changes.length;
    const after = analyse.run(cleaned, options);
    const listed = analyseTable(cleaned.table, cleaned.roles, { asOf, seed: 3, k: 4, lang: undefined });
    expect([...after.changes].slice(before)).toEqual(listed.changes.map((c) => ({ ...c, row: cleaned.rowOrigin[c.row] })));
    // The earlier state's log is untouched.
    expect(cleaned.changes.length).toBe(before);
  });
});

describe('FlagTexts', () => {
  test('joins a row\'s reasons once each, in the order given; rows without one stay empty', () => {
    const f = new FlagTexts(3);
    f.add(0, 'a');
    f.add(2, 'b');
    f.add(0, 'c');
    f.add(0, 'a');
    f.add(5, 'out of range');
    f.add(-1, 'out of range');
    expect(f.texts()).toEqual(['a; c', '', 'b']);
  });
});
