/**
 * The compact checkpoint: decoding gives back exactly the state that was encoded
 * (every value with its type, Dates by time, NaN, -0, ±Infinity), after every step, in flag and
 * merge mode, cleaning in place or into copies — and it is a fraction of the old JSON
 * checkpoint (serialiseState, which stored the whole change log as JSON).
 */
import { isDeepStrictEqual } from 'node:util';
import { decodeState, encodeState, identical, packInts, unpackInts } from '../../src/core/checkpoint';
import { initialState, planSteps, serialiseState, type PipelineOptions, type PipelineState } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import type { Cell, Table } from '../../src/core/table';
import { ChangeLog } from '../../src/core/changes';

const AS_OF = new Date(Date.UTC(2025, 5, 30));

/** Deep equality with types (-0 is not 0), where two invalid Dates are the same (util's isDeepStrictEqual says not). */
function same(a: unknown, b: unknown): boolean {
  // A ChangeLog keeps its entries off its enumerable properties: compare the changes it holds.
  if (a instanceof ChangeLog || b instanceof ChangeLog) return a instanceof ChangeLog && b instanceof ChangeLog && same(a.toArray(), b.toArray());
  if (a instanceof Date && b instanceof Date && Number.isNaN(a.getTime()) && Number.isNaN(b.getTime())) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date)) {
    if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return isDeepStrictEqual(a, b);
}

function statesAfterEachStep(rows: number, options: PipelineOptions): { base: Table; states: PipelineState[] } {
  const sample = generateSample({ rows, seed: 7 });
  const base: Table = { header: sample.table.header.slice(), rows: sample.table.rows.map((r) => r.slice()) };
  let state = initialState(sample.table, options);
  const states = [state];
  for (const step of planSteps(options)) {
    state = step.run(state, options);
    states.push(state);
  }
  return { base, states };
}

describe.each([
  ['flag, in place', { mode: 'flag', inPlace: true }],
  ['merge, in place', { mode: 'merge', inPlace: true }],
  ['flag, cleaned into new columns', { mode: 'flag', inPlace: false }],
  ['merge, cleaned into new columns', { mode: 'merge', inPlace: false }],
] as const)('%s', (_name, o) => {
  const options: PipelineOptions = { ...o, asOf: AS_OF, seed: 1, region: 'US' };
  const { base, states } = statesAfterEachStep(1500, options);

  test('every state decodes to exactly itself', () => {
    for (const state of states) {
      const back = decodeState(encodeState(state, base), base);
      expect(same(back, state)).toBe(true);
    }
  });

  test('the finished state takes well under a fifth of the old JSON checkpoint', () => {
    const last = states[states.length - 1];
    const compact = encodeState(last, base).length;
    const old = serialiseState(last).length;
    console.log(`checkpoint at 1500 rows (${_name}): ${compact} characters, was ${old}`);
    expect(compact * 5).toBeLessThan(old);
  });
});

describe('values keep their type', () => {
  const odd: Cell[] = ['', 'text', '0123', 0, -0, 1.5, NaN, Infinity, -Infinity, true, false, new Date(Date.UTC(2024, 2, 5)), new Date(NaN), 'x'.repeat(60000), 'línea\n"quoted"\t\\'];

  test('a column of odd values, changed and unchanged, with changes whose old value is not the one read', () => {
    const base: Table = { header: ['A', 'CDM Segment'], rows: odd.map((v, i) => [v, i % 2 ? 'old segment' : '']) };
    const table: Table = {
      header: ['A', 'CDM Segment', 'CDM A', 'CDM Flags'],
      rows: odd.map((v, i) => [i % 3 === 0 ? odd[(i + 1) % odd.length] : v, `seg ${i % 2}`, odd[(i + 5) % odd.length], i % 4 ? '' : 'flagged']),
    };
    const state: PipelineState = {
      table,
      rowOrigin: odd.map((_, i) => i),
      roles: { A: 'text' },
      roleDetails: [],
      changes: ChangeLog.from([
        { row: 0, column: 'A', old: odd[0], new: odd[1], kind: 'normalise', reason: 'r1' },
        { row: 3, column: 'A', old: 'not what was read', new: 'neither in the table', kind: 'normalise', reason: 'r2', method: 'm' },
        { row: 4, column: 'CDM Segment', old: '', new: 'seg 0', kind: 'analysis', reason: 'segment' },
        { row: 5, column: 'CDM Segment', old: 'old segment', new: 'seg 1', kind: 'analysis', reason: 'segment' },
        { row: 6, column: 'Gone', old: -0, new: NaN, kind: 'impute', reason: 'r3', method: 'median' },
        { row: 99, column: 'A', old: new Date(1), new: Infinity, kind: 'merge', reason: 'r4' },
      ]),
      reports: { impute: { columns: [] } } as unknown as PipelineState['reports'],
      done: ['clean'],
      timingMs: { clean: 1 },
    };
    const back = decodeState(encodeState(state, base), base);
    expect(same(back, state)).toBe(true);
    expect(Object.is(back.table.rows[4][0], -0)).toBe(true);
    expect(Object.is(back.changes.get(4).old, -0)).toBe(true);
    expect(back.table.rows[11][0]).toBeInstanceOf(Date);
    // The comparison itself can fail: a -0 made 0 is caught.
    const altered = { ...back, changes: ChangeLog.from(back.changes.map((c, i) => (i === 4 ? { ...c, old: 0 } : c))) };
    expect(same(altered, state)).toBe(false);
  });

  test('rows removed by a merge (rowOrigin with gaps) and rows moved', () => {
    const base: Table = { header: ['A', 'B'], rows: [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']] };
    const state: PipelineState = {
      table: { header: ['A', 'B', 'CDM Duplicate Of'], rows: [[3, 'c', ''], [1, 'a+b', 3]] },
      rowOrigin: [2, 0],
      roles: {},
      roleDetails: [],
      changes: ChangeLog.from([{ row: 0, column: 'B', old: 'a', new: 'a+b', kind: 'merge', reason: 'merged' }, { row: 1, column: 'B', old: 'b', new: '', kind: 'merge', reason: 'removed' }]),
      reports: {},
      done: ['dedupe'],
      timingMs: {},
    };
    expect(same(decodeState(encodeState(state, base), base), state)).toBe(true);
  });

  test('decoding against other rows than the ones encoded against gives another state (the run re-checks the sheet first)', () => {
    const base: Table = { header: ['A'], rows: [['x'], ['y']] };
    const state: PipelineState = { table: { header: ['A'], rows: [['x'], ['Y']] }, rowOrigin: [0, 1], roles: {}, roleDetails: [], changes: new ChangeLog(), reports: {}, done: [], timingMs: {} };
    const text = encodeState(state, base);
    const other: Table = { header: ['A'], rows: [['changed'], ['y']] };
    expect(decodeState(text, other).table.rows[0][0]).toBe('changed');
    expect(decodeState(text, base)).toEqual(state);
  });
});

describe('integer columns', () => {
  test('runs, negatives and big numbers pack and unpack', () => {
    const values = [0, 0, 0, 1, 1, -5, 100000, 100000, 100000, 100000, 7, -1, 2 ** 40];
    const text = packInts(values);
    expect(text).toBe('0*3,1,1,-5,255s*4,7,-1,e13wu1og'); // 100000 = 255s and 2^40 = e13wu1og in base 36
    expect(Array.from(unpackInts(text, values.length))).toEqual(values);
    expect(() => unpackInts(text, values.length + 1)).toThrow(/integers/);
  });

  test('identical: type and value', () => {
    expect(identical(1, 1)).toBe(true);
    expect(identical(1, '1' as unknown as number)).toBe(false);
    expect(identical(NaN, NaN)).toBe(true);
    expect(identical(0, -0)).toBe(false);
    expect(identical(new Date(5), new Date(5))).toBe(true);
    expect(identical(new Date(NaN), new Date(NaN))).toBe(true);
    expect(identical(new Date(5), 5)).toBe(false);
  });
});
