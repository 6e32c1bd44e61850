/**
 * The compact change log must read exactly like the array of Change objects it replaced:
 * every operation below is checked against a plain array fed the same changes (the
 * reference), including logs that extend one another the way pipeline states do.
 */
import { ChangeLog, asChangeLog } from '../../src/core/changes';
import type { Cell, Change, ChangeKind } from '../../src/core/table';
import { seededRandom } from '../../src/core/random';
import { deserialiseState, initialState, planSteps, runPipeline, serialiseState } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';

const KINDS: ChangeKind[] = ['normalise', 'flag', 'impute', 'dedupe', 'merge', 'analysis'];

function randomChange(rnd: () => number, i: number): Change {
  const values: Cell[] = ['', 'x', 0, -0, NaN, 12.5, true, new Date(Date.UTC(2020, 1, 3)), new Date(NaN), `v${i}`];
  const c: Change = {
    row: Math.floor(rnd() * 1e6),
    column: ['Name', 'Phone', 'CDM Flags', '__proto__', 'constructor', ''][Math.floor(rnd() * 6)],
    old: values[Math.floor(rnd() * values.length)],
    new: values[Math.floor(rnd() * values.length)],
    kind: KINDS[Math.floor(rnd() * KINDS.length)],
    reason: rnd() < 0.5 ? 'same reason' : `reason ${i}`,
  };
  if (c.kind === 'impute' && rnd() < 0.7) c.method = rnd() < 0.5 ? 'median' : 'regression on Age';
  return c;
}

/** The same fields, with a Change's own key order (impute's method comes before the reason). */
const plain = (c: Change): Change => (c.method === undefined
  ? { row: c.row, column: c.column, old: c.old, new: c.new, kind: c.kind, reason: c.reason }
  : { row: c.row, column: c.column, old: c.old, new: c.new, kind: c.kind, method: c.method, reason: c.reason });

describe('ChangeLog reads like an array of changes', () => {
  const rnd = seededRandom(42);
  const ref: Change[] = Array.from({ length: 500 }, (_, i) => randomChange(rnd, i));
  const log = new ChangeLog();
  ref.forEach((c) => log.push(c));

  test('length, get, at, iteration, slice and JSON give the same changes', () => {
    expect(log.length).toBe(ref.length);
    ref.forEach((c, i) => expect(log.get(i)).toEqual(plain(c)));
    expect(log.at(-1)).toEqual(plain(ref[ref.length - 1]));
    expect(log.at(ref.length)).toBeUndefined();
    expect([...log]).toEqual(ref.map(plain));
    expect(Array.from(log)).toEqual(ref.map(plain));
    expect(log.slice(10, 20)).toEqual(ref.slice(10, 20).map(plain));
    expect(log.slice(-5)).toEqual(ref.slice(-5).map(plain));
    expect(JSON.stringify(log)).toBe(JSON.stringify(ref.map(plain)));
    // Object.is keeps -0 and NaN apart from 0: values are stored as given.
    ref.forEach((c, i) => { expect(Object.is(log.get(i).old, c.old)).toBe(true); expect(Object.is(log.get(i).new, c.new)).toBe(true); });
  });

  test('filter, map, forEach, some, every, find, findIndex and reduce agree with the array', () => {
    const isImpute = (c: Change) => c.kind === 'impute';
    expect(log.filter(isImpute)).toEqual(ref.filter(isImpute).map(plain));
    expect(log.map((c, i) => `${i}:${c.row}:${c.column}`)).toEqual(ref.map((c, i) => `${i}:${c.row}:${c.column}`));
    const seen: number[] = [];
    log.forEach((c, i) => seen.push(c.row + i));
    expect(seen).toEqual(ref.map((c, i) => c.row + i));
    expect(log.some((c) => c.column === '__proto__')).toBe(ref.some((c) => c.column === '__proto__'));
    expect(log.every((c) => c.row >= 0)).toBe(true);
    expect(log.every(isImpute)).toBe(false);
    const wanted = (c: Change) => c.row === ref[77].row && c.reason === ref[77].reason;
    expect(log.find(wanted)).toEqual(plain(ref.find(wanted)!));
    expect(log.findIndex(wanted)).toBe(ref.findIndex(wanted));
    expect(log.find(() => false)).toBeUndefined();
    expect(log.reduce((s, c) => s + c.row, 0)).toBe(ref.reduce((s, c) => s + c.row, 0));
    expect(log.rowAt(3)).toBe(ref[3].row);
    expect(log.kindAt(3)).toBe(ref[3].kind);
    expect(log.columnAt(3)).toBe(ref[3].column);
  });

  test('a Change read from the log is a copy: editing it leaves the log as it was', () => {
    const c = log.get(0);
    c.reason = 'edited';
    expect(log.get(0).reason).toBe(ref[0].reason);
  });

  test('a kind the log does not know is kept by name', () => {
    const odd = new ChangeLog([{ row: 1, column: 'A', old: '', new: 'x', kind: 'rename' as ChangeKind, reason: 'r' }]);
    expect(odd.get(0).kind).toBe('rename');
  });
});

describe('logs that extend one another (one per pipeline state) never disturb each other', () => {
  test('random pushes and concats on any earlier log match arrays', () => {
    const rnd = seededRandom(7);
    const logs: ChangeLog[] = [new ChangeLog()];
    const refs: Change[][] = [[]];
    let made = 0;
    for (let step = 0; step < 200; step++) {
      const k = Math.floor(rnd() * logs.length);
      const batch = Array.from({ length: Math.floor(rnd() * 40) }, () => randomChange(rnd, made++));
      if (rnd() < 0.5) {
        logs.push(logs[k].concat(batch));
        refs.push(refs[k].concat(batch));
      } else {
        logs[k].push(...batch);
        refs[k].push(...batch);
      }
      // Every log still holds exactly its own changes.
      if (step % 50 === 0 || step === 199) logs.forEach((l, i) => expect([...l]).toEqual(refs[i].map(plain)));
    }
  });

  test('concat takes logs as well as arrays, and from/asChangeLog copy arrays', () => {
    const a = new ChangeLog([{ row: 0, column: 'A', old: 'a', new: 'A', kind: 'normalise', reason: 'r' }]);
    const b = ChangeLog.from([{ row: 1, column: 'B', old: '', new: 3, kind: 'impute', method: 'median', reason: 'm' }]);
    const c = a.concat(b, [{ row: 2, column: 'C', old: '', new: 'x', kind: 'analysis', reason: 'q' }]);
    expect(c.map((x) => x.column)).toEqual(['A', 'B', 'C']);
    expect(c.get(1).method).toBe('median');
    expect(a.length).toBe(1);
    expect(asChangeLog(c)).toBe(c);
    expect([...asChangeLog(c.toArray())]).toEqual([...c]);
    expect(asChangeLog(undefined).length).toBe(0);
  });
});

describe('the pipeline keeps its change log compact and complete', () => {
  const sample = generateSample({ rows: 300, seed: 3 });
  const options = { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, region: 'US' };

  test('each step appends exactly its changes: earlier states keep theirs', () => {
    let state = initialState(sample.table, options);
    const history = [state];
    for (const step of planSteps(options)) { state = step.run(state, options); history.push(state); }
    for (let i = 1; i < history.length; i++) {
      const before = history[i - 1].changes;
      const after = history[i].changes;
      expect(after.length).toBeGreaterThanOrEqual(before.length);
      expect(after.slice(0, before.length)).toEqual([...before]);
    }
    expect(history[0].changes.length).toBe(0);
  });

  test('a checkpoint round trip gives back a ChangeLog with the same changes', () => {
    const state = runPipeline(sample.table, options);
    const back = deserialiseState(serialiseState(state));
    expect(back.changes).toBeInstanceOf(ChangeLog);
    expect([...back.changes]).toEqual([...state.changes]);
  });
});

describe('a log that only counts (the command line keeps no audit)', () => {
  const sample = generateSample({ rows: 300, seed: 5 });
  const options = { asOf: new Date(Date.UTC(2025, 5, 30)), seed: 1, region: 'US' };

  test('counts what it is given, keeps none of it, and says so when read', () => {
    const log = ChangeLog.countOnly();
    const rnd = seededRandom(9);
    for (let i = 0; i < 50; i++) log.push(randomChange(rnd, i));
    log.add(1, 'Name', 'a', 'b', 'normalise', 'r');
    const longer = log.concat();
    longer.add(2, 'Phone', 'x', 'y', 'flag', 'r');
    expect([log.length, longer.length]).toEqual([51, 52]);
    expect(longer.countsOnly).toBe(true);
    expect(() => log.get(0)).toThrow(/keeps none/);
    expect(() => [...longer]).toThrow(/keeps none/);
    expect(() => log.rowAt(0)).toThrow(/keeps none/);
    expect(() => longer.forEachRaw(() => undefined)).toThrow(/keeps none/);
  });

  test('a run that keeps no changes gives the same table and reports, and counts the same changes', () => {
    // In place and with the cleaned values in new columns (the CLI's --new-columns), flag and merge.
    for (const [mode, inPlace] of [['flag', true], ['merge', true], ['flag', false]] as const) {
      const kept = runPipeline(sample.table, { ...options, mode, inPlace });
      const counted = runPipeline(sample.table, { ...options, mode, inPlace, keepChanges: false });
      expect(counted.changes.countsOnly).toBe(true);
      expect(counted.changes.length).toBe(kept.changes.length);
      expect(counted.table).toEqual(kept.table);
      expect(counted.rowOrigin).toEqual(kept.rowOrigin);
      expect(JSON.stringify(counted.reports, (k, v) => (k === 'timingMs' ? undefined : v))).toBe(JSON.stringify(kept.reports, (k, v) => (k === 'timingMs' ? undefined : v)));
    }
  });
});
