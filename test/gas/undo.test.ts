/**
 * Never lose data: Undo last run puts back every cell of the customer sheet (values, formulas,
 * notes, backgrounds, number formats, removed rows, grid size) and the CDM sheets as they were,
 * in both dedupe modes, and after a second run too. Compared with the runtime's full snapshot.
 */
import { CUSTOMERS, FLAG, MERGE, sampleRuntime, snapshotAll, type Runtime } from './helpers';

const ROWS = 200;
const notAudit = (name: string) => name === 'CDM Audit';

function call<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.text);
  return ex.result as T;
}

/** A user sheet with a note, a background, a formula and a number format to bring back. */
function decoratedRuntime(): Runtime {
  const rt = sampleRuntime(ROWS, 11);
  const sheet = rt.sheet(CUSTOMERS);
  sheet.getRange(3, 1).setNote('VIP: call before shipping');
  sheet.getRange(4, 2).setBackground('#d9ead3');
  sheet.getRange(5, 13).setNumberFormat('0.0');
  sheet.getRange(6, 15).setFormula('=J6*2');
  return rt;
}

describe.each([
  ['flag', FLAG],
  ['merge', MERGE],
])('undo after a %s run', (_mode, options) => {
  test('restores 100% of cells and the CDM sheets; the undo is logged', () => {
    const rt = decoratedRuntime();
    const before = snapshotAll(rt);
    const p = call<{ done: boolean }>(rt, 'startRun', options);
    expect(p.done).toBe(true);
    expect(snapshotAll(rt)[CUSTOMERS]).not.toEqual(before[CUSTOMERS]);
    const out = call<{ restored: boolean; message: string }>(rt, 'undoLastRun');
    expect(out.restored).toBe(true);
    expect(out.message).toMatch(/undone/);
    const after = snapshotAll(rt, notAudit);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) expect({ name, ...(after[name] as object) }).toEqual({ name, ...(before[name] as object) });
    const audit = rt.sheetValues('CDM Audit');
    expect(String(audit[audit.length - 1][4])).toMatch(/^Undo/);
    // Nothing left to undo, said in plain words.
    expect(call<{ restored: boolean; message: string }>(rt, 'undoLastRun')).toMatchObject({ restored: false, message: 'There is no CDM run to undo.' });
  });
});

test('undo of a second run brings back the first run’s results exactly', () => {
  const rt = decoratedRuntime();
  call(rt, 'startRun', MERGE);
  const afterFirst = snapshotAll(rt, (n) => notAudit(n) || n.startsWith('CDM Backup '));
  call(rt, 'startRun', FLAG);
  call(rt, 'undoLastRun');
  const after = snapshotAll(rt, (n) => notAudit(n) || n.startsWith('CDM Backup '));
  expect(Object.keys(after).sort()).toEqual(Object.keys(afterFirst).sort());
  for (const name of Object.keys(afterFirst)) {
    const { index: _a, ...x } = after[name] as { index: number };
    const { index: _b, ...y } = afterFirst[name] as { index: number };
    expect({ name, ...x }).toEqual({ name, ...y });
  }
});
