/**
 * Runs that span executions: with a tiny time budget each execution runs one step and
 * checkpoints; resuming through continueRun (the sidebar) or the time-based trigger (sidebar
 * closed) ends with the same customer sheet as an uninterrupted run. Rows appended between
 * executions (a form submission) are left untouched, in flag and merge mode, and by undo.
 * One run at a time: a second start while a run is in progress, or while an execution holds
 * the document lock, gets the busy message.
 */
import { CUSTOMERS, FLAG, MERGE, sampleRuntime, type Runtime } from './helpers';

const ROWS = 150;
// CDM's one time-based trigger fires hourly (add-ons may not use shorter intervals).
const HOUR = 60 * 60 * 1000 + 1000;
const BUSY = 'CDM is already running on this spreadsheet. Try again in a minute.';

interface Progress {
  runId: string;
  done: boolean;
  stepIndex: number;
  stepCount: number;
  fraction: number;
  step: string;
}

function call<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.message);
  return ex.result as T;
}

function stepwise(rt: Runtime): void {
  rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1');
}

const timeBasedTriggers = (rt: Runtime) => rt.triggers.list.filter((t) => t.handler === 'onCdmTimer');

describe.each([
  ['flag', FLAG],
  ['merge', MERGE],
])('%s mode across executions', (_mode, options) => {
  let reference: ReturnType<Runtime['snapshot']>;
  beforeAll(() => {
    const rt = sampleRuntime(ROWS);
    expect(call<Progress>(rt, 'startRun', options).done).toBe(true);
    reference = rt.snapshot(CUSTOMERS);
  });

  test('continued by the sidebar, one step per execution: same sheet as an uninterrupted run', () => {
    const rt = sampleRuntime(ROWS);
    stepwise(rt);
    let p = call<Progress>(rt, 'startRun', options);
    const seen: number[] = [p.fraction];
    let executions = 1;
    while (!p.done) {
      p = call<Progress>(rt, 'continueRun', p.runId);
      seen.push(p.fraction);
      executions++;
    }
    expect(executions).toBe(5); // clean, dedupe, impute, analyze, then the write
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(rt.snapshot(CUSTOMERS)).toEqual(reference);
    expect(rt.spreadsheet.getSheetByName('CDM State')).toBeNull();
  });

  test('continued by the time-based trigger when the sidebar is gone; the trigger is removed at the end', () => {
    const rt = sampleRuntime(ROWS);
    stepwise(rt);
    const p = call<Progress>(rt, 'startRun', options);
    expect(p.done).toBe(false);
    expect(timeBasedTriggers(rt).length).toBe(1);
    // Another start while this run waits for its next execution starts nothing: the unfinished
    // run comes back (the sidebar offers Resume / Cancel); it used to say "busy".
    const again = rt.run('startRun', [options]);
    expect(again.error).toBeUndefined();
    expect(again.result).toMatchObject({ runId: p.runId, existing: true, done: false });
    // A customer arrives (e.g. a form submission) between two executions.
    const newRow = ['Zoë Newcomer', 'zoe@example.org', '+44 20 7946 0321', '1 New Street', 'London', 'N1 9GU', 'UK', '', '', 1, 12.5, 'Mugs', 30, '', '=looks like a formula'];
    rt.sheet(CUSTOMERS).appendRow(newRow.map((v) => (typeof v === 'string' && v.startsWith('=') ? "'" + v : v)));
    for (let i = 0; i < 10 && call<Progress | null>(rt, 'getProgress')?.done !== true; i++) rt.advanceClockAndFire(HOUR);
    const done = call<Progress>(rt, 'getProgress');
    expect(done.done).toBe(true);
    expect(timeBasedTriggers(rt).length).toBe(0);
    const snap = rt.snapshot(CUSTOMERS);
    const n = reference.values.length;
    // The rows the run read equal the uninterrupted run; the appended row follows, untouched.
    expect(snap.values.slice(0, n)).toEqual(reference.values);
    expect(snap.notes.slice(0, n)).toEqual(reference.notes);
    expect(snap.values[n].slice(0, newRow.length)).toEqual(newRow.map((v) => (v === '' ? '' : v)).map((v, j) => (j === 5 ? 'N1 9GU' : v)));
    expect(snap.values.length).toBe(n + 1);
    // Undo keeps it as well, right after the restored rows.
    call(rt, 'undoLastRun');
    const undone = rt.sheetValues(CUSTOMERS);
    expect(undone.length).toBe(ROWS + 2);
    expect(undone[ROWS + 1][0]).toBe('Zoë Newcomer');
  });
});

test('a second start while an execution holds the lock is refused; the first run completes', () => {
  const rt = sampleRuntime(60);
  let second: { error?: { message: string } } | null = null;
  const stop = rt.onServiceCall(({ execution, name }: { execution: { functionName: string }; name: string }) => {
    if (!second && execution.functionName === 'startRun' && name === 'Spreadsheet.insertSheet') second = rt.run('startRun', [FLAG]);
  });
  const first = rt.run('startRun', [FLAG]);
  stop();
  expect(second!.error?.message).toBe(BUSY);
  expect(first.error).toBeUndefined();
  expect((first.result as Progress).done).toBe(true);
});

test('an execution killed by the time limit mid-step is resumed by the trigger and finishes the same', () => {
  const reference = sampleRuntime(ROWS);
  call(reference, 'startRun', FLAG);
  // Apps Script stops an execution at 6 minutes. Here the clock jumps past that while the first
  // step runs (right after the progress record that precedes it), so the execution dies at its
  // next service call: the step's work is lost and no checkpoint exists.
  const rt = sampleRuntime(ROWS);
  let armed = false;
  let records = 0;
  const stop = rt.onServiceCall(({ execution, name }: { execution: { functionName: string }; name: string }) => {
    if (execution.functionName !== 'startRun') return;
    if (name === 'ClockTriggerBuilder.create') armed = true;
    else if (armed && name === 'Properties.setProperties' && ++records === 2) rt.advanceClock(7 * 60 * 1000);
  });
  const killed = rt.run('startRun', [FLAG]);
  stop();
  expect(killed.timedOut).toBe(true);
  expect(rt.spreadsheet.getSheetByName('CDM State')).toBeNull();
  expect(timeBasedTriggers(rt).length).toBe(1);
  for (let i = 0; i < 10 && call<Progress | null>(rt, 'getProgress')?.done !== true; i++) rt.advanceClockAndFire(HOUR);
  const done = call<Progress & { error?: string }>(rt, 'getProgress');
  expect(done.done).toBe(true);
  expect(done.error).toBeUndefined();
  expect(timeBasedTriggers(rt).length).toBe(0);
  expect(rt.sheetValues(CUSTOMERS)).toEqual(reference.sheetValues(CUSTOMERS));
});
