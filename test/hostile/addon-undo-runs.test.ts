/**
 * The user working while a run works, runs killed mid-write and resumed, several
 * runs undone in order, and undo data that was tampered with. Every case compares
 * whole workbooks cell by cell (sheet-diff.ts): with a twin that never had a run, with an
 * uninterrupted run, or with the workbook just before (nothing changed).
 */
import type { Runtime } from '../gas/helpers';
import {
  FLAG,
  MERGE,
  SHEET,
  call,
  col,
  customerRows,
  customerRuntime,
  expectLikeTwin,
  rowOf,
  runToEnd,
  stepwise,
  twins,
  type UndoResult,
} from './addon-helpers';
import { captureWorkbook, diffWorkbooks, expectNoDifferences } from './sheet-diff';

interface Progress {
  runId: string;
  done: boolean;
  stepIndex: number;
  stepCount: number;
  summary?: { messages: string[] };
  error?: string;
}

/** Starts a one-step-per-execution run and stops just before its final write. */
function toFinalWrite(rt: Runtime, options: object): Progress {
  stepwise(rt);
  let p = call<Progress>(rt, 'startRun', options);
  for (let i = 0; i < 20 && !(p.stepIndex === p.stepCount - 1 && !p.done); i++) p = call<Progress>(rt, 'continueRun', p.runId);
  expect(p.done).toBe(false);
  return p;
}

const cell = (rt: Runtime, ref: string, column: string) => rt.sheet(SHEET).getRange(rowOf(rt, ref), col(column));

describe('the user edits while a run works', () => {
  test('hostile: edit during run: a cell the run will clean is typed over between read and write; it is not written and is reported', () => {
    const [rt, twin] = twins();
    const p = toFinalWrite(rt, FLAG);
    cell(rt, 'R004', 'Phone').setValue('call the office');
    cell(twin, 'R004', 'Phone').setValue('call the office');
    const done = call<Progress>(rt, 'continueRun', p.runId);
    expect(done.done).toBe(true);
    expect(cell(rt, 'R004', 'Phone').getValue()).toBe('call the office');
    expect(done.summary?.messages.join(' ')).toMatch(/CDM left 1 cell alone because it was changed while CDM worked: D5/);
    // The rest of the run was written, and Undo takes it back around the user's cell.
    const typed = String(customerRows()[4][2]);
    expect(typed).not.toBe(typed.trim().toLowerCase());
    expect(cell(rt, 'R005', 'Email').getValue()).toBe(typed.trim().toLowerCase());
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: edit during run: a cell the run leaves alone is edited meanwhile; the user’s value stays', () => {
    const [rt, twin] = twins();
    const p = toFinalWrite(rt, FLAG);
    cell(rt, 'R010', 'Notes').setValue('typed during the run');
    cell(twin, 'R010', 'Notes').setValue('typed during the run');
    call(rt, 'continueRun', p.runId);
    expect(cell(rt, 'R010', 'Notes').getValue()).toBe('typed during the run');
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: insert during run: a customer inserted at row 2 between executions; every row still gets its own results', () => {
    const [rt, twin] = twins();
    const reference = customerRuntime();
    runToEnd(reference, FLAG);
    const insert = (r: Runtime) => {
      r.sheet(SHEET).insertRowsBefore(2, 1);
      r.sheet(SHEET).getRange(2, 1, 1, 3).setValues([['R100', 'walk-in', 'walk@example.org']]);
    };
    const p = toFinalWrite(rt, FLAG);
    insert(rt);
    insert(twin);
    insert(reference);
    expect(call<Progress>(rt, 'continueRun', p.runId).done).toBe(true);
    // Same customer sheet as a run that ended before the row was inserted (audit and review rows are numbered differently).
    const diffs = diffWorkbooks(captureWorkbook(reference), captureWorkbook(rt), [
      { sheet: /^CDM (Audit|Review|Undo)/, why: 'row numbers in CDM’s records and undo data follow the insert' },
    ]);
    expect(diffs.map((d) => d.text)).toEqual([]);
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: merge during run: rows inserted between executions; the merge refuses and nothing is changed', () => {
    const [rt, twin] = twins();
    const p = toFinalWrite(rt, MERGE);
    const insert = (r: Runtime) => r.sheet(SHEET).insertRowsBefore(10, 1);
    insert(rt);
    insert(twin);
    const ex = rt.run('continueRun', [p.runId]);
    expect(ex.error?.message ?? (ex.result as Progress).error).toMatch(/while CDM was merging duplicates, so CDM stopped without changing anything/);
    expectNoDifferences(captureWorkbook(twin), captureWorkbook(rt));
  });
});

describe('a run killed during its final write', () => {
  /** Apps Script's 6-minute limit strikes right after the customer sheet's values were written. */
  function killAfterValues(rt: Runtime, runId: string): void {
    let setValues = 0;
    const stop = rt.onServiceCall(({ execution, name }: { execution: { functionName: string }; name: string }) => {
      if (execution.functionName !== 'continueRun' || name !== 'Range.setValues') return;
      // The 1st setValues stores the undo data, the 2nd writes the customer sheet.
      if (++setValues === 2) rt.advanceClock(7 * 60 * 1000);
    });
    const killed = rt.run('continueRun', [runId]);
    stop();
    expect(killed.timedOut).toBe(true);
  }

  test.each([
    ['flag', FLAG],
    ['merge', MERGE],
  ])('hostile: kill mid final write: %s mode, resumed by the trigger: same sheet as an uninterrupted run, no stale rows, and Undo undoes THIS run', (_m, options) => {
    const [rt, twin] = twins();
    const reference = customerRuntime();
    runToEnd(reference, options);
    const p = toFinalWrite(rt, options);
    killAfterValues(rt, p.runId);
    for (let i = 0; i < 5 && call<Progress | null>(rt, 'getProgress')?.done !== true; i++) rt.advanceClockAndFire(61 * 60 * 1000);
    const done = call<Progress>(rt, 'getProgress');
    expect(done.done).toBe(true);
    expect(done.error).toBeUndefined();
    expectNoDifferences(captureWorkbook(reference), captureWorkbook(rt), [
      { sheet: /^CDM (Audit|Undo)/, why: 'run ids and times differ' },
      { sheet: 'CDM Removed', layers: ['value'], a1: 'A:B', why: 'run id and time of the removal' },
    ]);
    const undo = call<UndoResult>(rt, 'undoLastRun');
    expect(undo.restored).toBe(true);
    expectLikeTwin(rt, twin);
  });

  test('hostile: kill mid final write: left as it was (never resumed), Undo still takes back what it wrote', () => {
    const [rt, twin] = twins();
    const p = toFinalWrite(rt, MERGE);
    killAfterValues(rt, p.runId);
    const undo = call<UndoResult>(rt, 'undoLastRun');
    expect(undo.restored).toBe(true);
    expectLikeTwin(rt, twin, [{ sheet: 'CDM State', why: 'the interrupted run’s checkpoint (CDM’s, hidden) waits for Resume or Cancel' }]);
  });
});

describe('several runs', () => {
  test('hostile: three runs undone in order: flag, merge, flag with coloured groups — every cell back as before the first', () => {
    const [rt, twin] = twins();
    runToEnd(rt, FLAG);
    runToEnd(rt, MERGE);
    runToEnd(rt, { ...FLAG, colourGroups: true });
    const runs = call<Array<{ canUndo: boolean }>>(rt, 'listUndoableRuns');
    expect(runs.map((r) => r.canUndo)).toEqual([true, false, false]);
    for (let i = 0; i < 3; i++) expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
    expect(call<UndoResult>(rt, 'undoLastRun')).toMatchObject({ restored: false, message: 'There is no CDM run to undo.' });
    expectLikeTwin(rt, twin);
  });

  test('hostile: four runs: only the last three can be undone; the oldest is gone from the list', () => {
    const rt = customerRuntime();
    for (let i = 0; i < 4; i++) runToEnd(rt, FLAG);
    expect(call<unknown[]>(rt, 'listUndoableRuns').length).toBe(3);
  });

  test('hostile: undo order: asking to undo an older run first is refused in plain words; nothing changes', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    runToEnd(rt, MERGE);
    const [, older] = call<Array<{ runId: string; time: string }>>(rt, 'listUndoableRuns');
    const before = captureWorkbook(rt);
    const out = call<UndoResult>(rt, 'undoRun', older.runId);
    expect(out.restored).toBe(false);
    expect(out.message).toMatch(/^Undo the newer run of \d{4}-\d\d-\d\d \d\d:\d\d first/);
    expectNoDifferences(before, captureWorkbook(rt));
  });
});

describe('undo data no one may quietly change', () => {
  const tampered = /was changed outside CDM, so CDM will not use it.*Nothing was changed/;

  test('hostile: tampered undo data: one character of the stored data edited; Undo refuses, nothing changes', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    const data = rt.sheet('CDM Undo');
    const rows = data.getRange(1, 1, data.getLastRow(), 4).getValues();
    const r = rows.findIndex((x) => x[1] === 'plan') + 1;
    const text = String(rows[r - 1][3]);
    data.getRange(r, 4).setValue(text.replace('+14155551', '+14155559'));
    const before = captureWorkbook(rt);
    const out = call<UndoResult>(rt, 'undoLastRun');
    expect(out.restored).toBe(false);
    expect(out.message).toMatch(tampered);
    expectNoDifferences(before, captureWorkbook(rt));
  });

  test('hostile: tampered undo data: a row of it deleted; Undo refuses, nothing changes', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    rt.sheet('CDM Undo').deleteRow(1);
    const before = captureWorkbook(rt);
    const out = call<UndoResult>(rt, 'undoLastRun');
    expect(out.restored).toBe(false);
    expect(out.message).toMatch(/undo data for the run of .* (is missing|was changed outside CDM)/);
    expectNoDifferences(before, captureWorkbook(rt));
  });

  test('hostile: tampered undo data: the hidden undo sheet deleted; Undo says so, nothing changes', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    rt.spreadsheet.deleteSheet(rt.sheet('CDM Undo'));
    const before = captureWorkbook(rt);
    const out = call<UndoResult>(rt, 'undoLastRun');
    expect(out).toMatchObject({ restored: false });
    expect(out.message).toMatch(/is missing \(its hidden sheet was deleted or cleared\)/);
    expectNoDifferences(before, captureWorkbook(rt));
  });

  test('hostile: protected records: another editor of the spreadsheet cannot change CDM Audit or the undo data', () => {
    const rt = customerRuntime({ editors: ['helper@example.com'] });
    runToEnd(rt, FLAG);
    for (const name of ['CDM Audit', 'CDM Undo']) {
      const p = rt.sheet(name).getProtections('SHEET');
      expect(p.length).toBe(1);
      expect(p[0].isWarningOnly()).toBe(false);
      expect(p[0].getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
    }
    // The helper's edits are refused the way Sheets refuses them; the owner working alone gets a warning instead.
    const alone = customerRuntime();
    runToEnd(alone, FLAG);
    expect(alone.sheet('CDM Audit').getProtections('SHEET')[0].isWarningOnly()).toBe(true);
  });
});
