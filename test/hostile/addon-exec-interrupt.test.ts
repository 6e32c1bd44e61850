/**
 * Hostile catalogue, how a run survives interruptions. A run is one
 * pipeline step per Apps Script execution here; Apps Script kills an execution at 6 minutes
 * (the runtime moves its clock past the limit at a chosen moment). Whatever happens, the run
 * resumed from the sidebar must end with exactly the workbook the same run left alone ends
 * with (cell by cell: values, formulas, notes, formats), and nothing is written before the
 * final write: an interrupted run leaves every sheet as it was. Run `npm run build` first.
 */
import {
  CUSTOMERS,
  FLAG,
  SAME_RUN,
  activeIsVisible,
  call,
  captureWorkbook,
  drive,
  expectSame,
  fresh,
  killAt,
  reference,
  type Progress,
} from './addon-exec-setup';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../gas/helpers';

const STATE = 'CDM State';
const STEPS = ['clean', 'dedupe', 'impute', 'analyze'];

describe('hostile: kill: an execution killed mid-step, then resumed from the sidebar', () => {
  test.each(STEPS.map((s, i) => [s, i] as const))('hostile: kill: mid-step in %s', (_step, index) => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    // Executions before the one that dies run normally.
    let p: Progress | null = null;
    if (index > 0) {
      let q = call(rt, 'startRun', FLAG);
      for (let i = 1; i < index; i++) q = call(rt, 'continueRun', q.runId);
      p = q;
    }
    const fn = index === 0 ? 'startRun' : 'continueRun';
    // The step is pure computation: it is killed at the first service call after it began
    // (the progress record in the cache comes right before the step).
    const stop = killAt(rt, fn, (name) => name === 'Cache.put');
    const killed = rt.run(fn, index === 0 ? [FLAG] : [(p as Progress).runId]);
    expect(stop()).toBe(true);
    expect(killed.timedOut).toBe(true);
    // Nothing of the user's changed; at most CDM's hidden state sheet exists.
    expectSame(before, captureWorkbook(rt), [{ sheet: STATE, why: 'the checkpoint of the steps done before' }]);
    // Reopened, the sidebar shows the unfinished run; Resume finishes it as if nothing happened.
    const state = call<{ run: Progress | null }>(rt, 'getSidebarState');
    expect(state.run).toMatchObject({ phase: 'steps', done: false });
    const done = drive(rt, state.run as Progress);
    expect(done).toMatchObject({ done: true, phase: 'done' });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
    expect(rt.spreadsheet.getSheetByName(STATE)).toBeNull();
  });

  test('hostile: kill: the same step killed three times ends the run in plain words, nothing changed', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    const p = call(rt, 'startRun', FLAG);
    for (let i = 0; i < 3; i++) {
      const stop = killAt(rt, 'continueRun', (name) => name === 'Cache.put');
      expect(rt.run('continueRun', [p.runId]).timedOut).toBe(true);
      stop();
    }
    const last = rt.run('continueRun', [p.runId]);
    expect(last.error?.message).toMatch(/could not finish .* within Google's time limit/);
    expectSame(before, captureWorkbook(rt));
  });
});

describe('hostile: kill: at a step boundary', () => {
  test.each(STEPS.slice(0, 3))('hostile: kill: after the checkpoint of %s was saved, before the run recorded it', (step) => {
    const rt = fresh();
    const index = STEPS.indexOf(step);
    let p = call(rt, 'startRun', FLAG);
    for (let i = 0; i < index; i++) p = call(rt, 'continueRun', p.runId);
    // The next execution runs its step, saves the checkpoint (one setValues), and dies there.
    const fn = 'continueRun';
    let saved = false;
    const stop = killAt(rt, fn, (name) => (saved ||= name === 'Range.setValues'));
    const ex = rt.run(fn, [p.runId]);
    stop();
    expect(ex.timedOut).toBe(true);
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test('hostile: kill: while writing, after the undo data and before the customer sheet, the next execution writes it once', () => {
    const rt = fresh();
    let p = call(rt, 'startRun', FLAG);
    while (p.stepKey !== 'write' && !p.done) p = call(rt, 'continueRun', p.runId);
    // Killed right after the undo data is saved (its packed text, then its index in the
    // document properties), before anything of the customer sheet is written.
    let saved = false;
    const stop = killAt(rt, 'continueRun', (name) => {
      if (name === 'Range.setValues') saved = true;
      return saved && name === 'Properties.setProperties';
    });
    expect(rt.run('continueRun', [p.runId]).timedOut).toBe(true);
    stop();
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });
});

describe('hostile: checkpoint: lost or damaged between executions', () => {
  test('hostile: checkpoint: cut short (one part from another save): the steps start again from the sheet', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    const cell = rt.sheet(STATE).getRange(2, 1);
    const text = String(cell.getValue());
    cell.setValue(text.replace(/^~[0-9a-z]+:/, '~other:')); // another generation's part
    const done = drive(rt, p);
    expect(done).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test('hostile: checkpoint: the user deleted the hidden CDM State sheet: the steps start again', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    const q = call(rt, 'continueRun', p.runId);
    rt.spreadsheet.deleteSheet(rt.sheet(STATE));
    const done = drive(rt, q);
    expect(done).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  // The user may work while a run works (README, "What CDM changes, and what it never changes"):
  // the run goes on from the rows it read (kept with its checkpoint), and its final write leaves
  // a cell changed since alone and says so.
  test('hostile: checkpoint: someone edits a cell the run read between executions: the edit stays, everything else as the run left alone', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    rt.sheet(CUSTOMERS).getRange(5, 1).setValue('Edited By Hand');
    const done = drive(rt, p);
    expect(done).toMatchObject({ done: true, phase: 'done' });
    expect(rt.sheet(CUSTOMERS).getRange(5, 1).getValue()).toBe('Edited By Hand');
    // The run had cleaned that name: the cell is reported (summary and audit), not written.
    expect((done as { summary?: { messages: string[] } }).summary?.messages.join(' ')).toMatch(/CDM left 1 cell alone because it was changed while CDM worked: A5/);
    const audit = rt.sheetValues('CDM Audit');
    expect(audit.map((r) => String(r[4]))).toContain('Not written: 1 cells were changed while CDM worked (A5).');
    expect(String(audit.find((r) => r[3] === 5)?.[4] ?? '')).not.toMatch(/^Name:/m);
    expectSame(reference(), captureWorkbook(rt), [
      ...SAME_RUN,
      { sheet: CUSTOMERS, a1: 'A5', layers: ['value'], why: 'the edit itself' },
      { sheet: 'CDM Audit', why: 'the name not cleaned is not audited; the cell left alone is (checked above)' },
    ]);
  });
});

describe('hostile: sidebar: closed, reloaded, or two of them', () => {
  test('hostile: sidebar: closed mid-run then reopened: the card shows the run; Resume finishes it', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    call(rt, 'continueRun', p.runId); // the sidebar is closed after two executions
    const reopened = call<{ run: Progress | null }>(rt, 'getSidebarState');
    expect(reopened.run).toMatchObject({ runId: p.runId, phase: 'steps', done: false, stepKey: 'impute' });
    expect(drive(rt, reopened.run as Progress)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
    expect(call<{ run: Progress | null }>(rt, 'getSidebarState').run).toBeNull();
  });

  test('hostile: reload: the menu sidebar reloaded never starts a run (its launch token is good once)', () => {
    const rt = fresh({ files: { Sidebar: readFileSync(path.join(ROOT, 'dist/Sidebar.html'), 'utf8') } });
    call(rt, 'menuCleanAndAnalyze');
    const html = rt.ui.sidebars[0].content;
    const token = /data-launch="([0-9a-f-]+)"/.exec(html)?.[1] as string;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(call<boolean>(rt, 'claimLaunch', token)).toBe(true); // the click starts its run
    const done = drive(rt, call(rt, 'startRun', FLAG));
    expect(done.done).toBe(true);
    const after = captureWorkbook(rt);
    // The same page reloaded (twice), even an hour later: the token is used, no run starts.
    expect(call<boolean>(rt, 'claimLaunch', token)).toBe(false);
    rt.advanceClock(HOUR_MS);
    expect(call<boolean>(rt, 'claimLaunch', token)).toBe(false);
    expect(call<boolean>(rt, 'claimLaunch', 'a-token-nobody-issued')).toBe(false);
    expectSame(after, captureWorkbook(rt));
  });

  test('hostile: concurrency: a second start between executions starts nothing and gives the run back', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    const mid = captureWorkbook(rt);
    const second = call(rt, 'startRun', { ...FLAG, mode: 'merge' });
    expect(second).toMatchObject({ runId: p.runId, existing: true, done: false });
    expectSame(mid, captureWorkbook(rt));
    expect(drive(rt, second)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN); // still the first run's flag mode
  });

  test('hostile: concurrency: a second start while an execution works is refused as busy; the first run is unharmed', () => {
    const rt = fresh();
    let second: { error?: { message: string } } | null = null;
    const off = rt.onServiceCall(({ execution, name }) => {
      if (!second && execution.functionName === 'continueRun' && name === 'Cache.put') second = rt.run('startRun', [FLAG]);
    });
    const p = call(rt, 'startRun', FLAG);
    call(rt, 'continueRun', p.runId);
    off();
    expect(second!.error?.message).toMatch(/CDM is working on this spreadsheet right now|already running/);
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test('hostile: concurrency: a second window continuing while the first works gets the run\'s progress marked busy, not an error', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    let other: { error?: unknown; result?: unknown } | null = null;
    const off = rt.onServiceCall(({ execution, name }) => {
      if (!other && execution.functionName === 'continueRun' && name === 'Cache.put') other = rt.run('continueRun', [p.runId]);
    });
    call(rt, 'continueRun', p.runId);
    off();
    expect(other!.error).toBeUndefined();
    expect(other!.result).toMatchObject({ runId: p.runId, busy: true, done: false });
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test('hostile: hidden sheet: no execution of a run ever leaves the user on a hidden sheet', () => {
    const rt = fresh();
    const seen: boolean[] = [];
    let p = call(rt, 'startRun', FLAG);
    seen.push(activeIsVisible(rt));
    while (!p.done) {
      p = call(rt, 'continueRun', p.runId);
      seen.push(activeIsVisible(rt));
    }
    expect(seen.every(Boolean)).toBe(true);
    expect(rt.spreadsheet.getActiveSheet().getName()).toBe(CUSTOMERS);
  });
});

const HOUR_MS = 60 * 60 * 1000;
