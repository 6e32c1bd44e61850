/**
 * Hostile catalogue, Cancel and preview: Cancel at any phase leaves every
 * sheet exactly as it was before the run (every cell, every layer, the sheet list, the active
 * sheet), and a cancelled run is gone (a new start is a new run). A preview run writes nothing
 * until confirmed; confirmed with all kinds it ends as the plain run; with a kind declined,
 * exactly that kind is missing. Run `npm run build` first.
 */
import {
  CUSTOMERS,
  FLAG,
  SAME_RUN,
  call,
  captureWorkbook,
  drive,
  expectSame,
  fresh,
  reference,
  type Progress,
} from './addon-exec-setup';

function cancelledExactly(rt: ReturnType<typeof fresh>, before: ReturnType<typeof captureWorkbook>, runId: string): void {
  const p = call(rt, 'cancelRun', runId);
  expect(p).toMatchObject({ runId, phase: 'cancelled', done: true });
  expectSame(before, captureWorkbook(rt));
  expect(rt.spreadsheet.getActiveSheet().getName()).toBe(CUSTOMERS);
  expect(call<{ run: Progress | null }>(rt, 'getSidebarState').run).toBeNull();
  expect(rt.triggers.list).toEqual([]);
}

describe('hostile: cancel: every sheet exactly as before the run', () => {
  test.each([0, 1, 2, 3])('hostile: cancel: after %i continuation(s) of the steps', (continuations) => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    let p = call(rt, 'startRun', FLAG);
    for (let i = 0; i < continuations; i++) p = call(rt, 'continueRun', p.runId);
    expect(p.done).toBe(false);
    cancelledExactly(rt, before, p.runId);
  });

  test('hostile: cancel: right before the final write (all steps done)', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    let p = call(rt, 'startRun', FLAG);
    while (p.stepKey !== 'write') p = call(rt, 'continueRun', p.runId);
    cancelledExactly(rt, before, p.runId);
  });

  test('hostile: cancel: in the preview, before confirming', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    const p = drive(rt, call(rt, 'startRun', { ...FLAG, preview: true }));
    expect(p).toMatchObject({ phase: 'preview', done: false });
    cancelledExactly(rt, before, p.runId);
  });

  test('hostile: cancel: an unfinished run left for a day', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    const p = call(rt, 'startRun', FLAG);
    rt.advanceClock(24 * 60 * 60 * 1000);
    cancelledExactly(rt, before, p.runId);
  });

  test('hostile: cancel: while an execution works on the run it stops after its current step, and nothing is written', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    const p = call(rt, 'startRun', FLAG);
    let asked: Progress | null = null;
    const off = rt.onServiceCall(({ execution, name }) => {
      if (!asked && execution.functionName === 'continueRun' && name === 'Cache.put') asked = call(rt, 'cancelRun', p.runId);
    });
    const q = call(rt, 'continueRun', p.runId);
    off();
    expect(asked).toMatchObject({ runId: p.runId, done: false });
    expect(asked!.note).toMatch(/stops this run as soon as its current step ends/);
    // The working execution finished its step, then saw the cancel instead of going on.
    expect(q).toMatchObject({ phase: 'cancelled', done: true });
    expectSame(before, captureWorkbook(rt));
  });

  test('hostile: cancel: a finished run cannot be cancelled (Undo takes it back); an unknown run is refused', () => {
    const rt = fresh();
    const done = drive(rt, call(rt, 'startRun', FLAG));
    const after = captureWorkbook(rt);
    expect(rt.run('cancelRun', [done.runId]).error?.message).toMatch(/already finished.*Undo/);
    expect(rt.run('cancelRun', ['no-such-run']).error?.message).toMatch(/no longer active/);
    expectSame(after, captureWorkbook(rt));
  });

  test('hostile: cancel: after a cancel, Clean & analyze starts a new run (not the cancelled one)', () => {
    const rt = fresh();
    const p = call(rt, 'startRun', FLAG);
    call(rt, 'cancelRun', p.runId);
    const q = call(rt, 'startRun', FLAG);
    expect(q.existing).toBeUndefined();
    expect(q.runId).not.toBe(p.runId);
    expect(drive(rt, q)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });
});

describe('hostile: preview: nothing is written before confirming', () => {
  test('hostile: preview: counts and examples, and the sheet untouched while waiting', () => {
    const rt = fresh();
    const before = captureWorkbook(rt);
    const p = drive(rt, call(rt, 'startRun', { ...FLAG, preview: true }));
    expect(p.phase).toBe('preview');
    const kinds = Object.fromEntries((p.preview?.kinds ?? []).map((k) => [k.kind, k]));
    expect(Object.keys(kinds).sort()).toEqual(['cleaned', 'columns', 'duplicates', 'filled', 'flagged']);
    expect(kinds.cleaned.count).toBeGreaterThan(0);
    expect(kinds.cleaned.sample.length).toBeGreaterThan(0);
    expect(kinds.columns.count).toBeGreaterThan(0);
    expectSame(before, captureWorkbook(rt), [{ sheet: 'CDM State', why: 'the run waits in its checkpoint' }]);
    // Asking again (a reopened sidebar) changes nothing and keeps the preview.
    expect(call(rt, 'continueRun', p.runId)).toMatchObject({ phase: 'preview' });
    expect(call<{ run: Progress }>(rt, 'getSidebarState').run).toMatchObject({ phase: 'preview' });
  });

  test('hostile: preview: confirmed with every kind, the run ends as the plain run does', () => {
    const rt = fresh();
    const p = drive(rt, call(rt, 'startRun', { ...FLAG, preview: true }));
    const done = drive(rt, call(rt, 'confirmRun', p.runId, { duplicates: 'flag', cleaned: true, filled: true }));
    expect(done).toMatchObject({ done: true, phase: 'done' });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test("hostile: preview: confirmed with 'don't fill gaps': exactly the filled cells stay as read, everything else as the plain run", () => {
    const rt = fresh();
    const before = rt.snapshot(CUSTOMERS);
    const p = drive(rt, call(rt, 'startRun', { ...FLAG, preview: true }));
    const filledCount = p.preview?.kinds.find((k) => k.kind === 'filled')?.count ?? 0;
    expect(filledCount).toBeGreaterThan(0);
    const done = drive(rt, call(rt, 'confirmRun', p.runId, { duplicates: 'flag', cleaned: true, filled: false }));
    expect(done.done).toBe(true);
    // The cells the plain run filled (its "Filled by CDM" notes) stay gaps (a placeholder such as
    // N/A is still cleaned to a blank: cleaning was kept), unmarked.
    const plain = reference().sheets.find((x) => x.name === CUSTOMERS)!;
    const filled: Array<[number, number]> = [];
    plain.notes.forEach((row, r) => row.forEach((n, c) => { if (/^Filled by CDM/.test(n)) filled.push([r, c]); }));
    expect(filled.length).toBe(filledCount);
    const now = rt.snapshot(CUSTOMERS);
    for (const [r, c] of filled) {
      expect(now.values[r][c]).toBe('');
      expect(['', 'N/A', 'n/a', '-', 'NA', 'null', 'unknown', '?']).toContain(String(before.values[r]?.[c] ?? ''));
      expect(now.notes[r][c]).toBe('');
      expect(now.backgrounds[r][c]).toBe('#ffffff');
    }
    // Nothing else differs from the plain run but those cells and CDM Flags (no "estimated" note).
    const flags = plain.values[0].indexOf('CDM Flags');
    const letter = String.fromCharCode(65 + flags);
    const allow = [
      ...SAME_RUN,
      ...filled.map(([r, c]) => ({ sheet: CUSTOMERS, a1: `${String.fromCharCode(65 + c)}${r + 1}`, why: 'a gap left as read' })),
      { sheet: CUSTOMERS, a1: `${letter}:${letter}`, layers: ['value' as const], why: "no 'estimated' note in CDM Flags" },
      { sheet: 'CDM Audit', why: 'no audit rows for gaps not filled (checked below)' },
      { sheet: 'CDM Analysis', why: 'fewer gaps filled: the analysis counts them' },
    ];
    expectSame(reference(), captureWorkbook(rt), allow);
    const header = plain.values[0].map(String);
    const audited = new Set(rt.sheetValues('CDM Audit').slice(1).map((r) => `${r[3]}|${r[4]}`));
    for (const [r, c] of filled) expect(audited.has(`${r + 1}|${header[c]}`)).toBe(false);
  });

  test('hostile: preview: confirming twice, or confirming a run that is not waiting, is refused in plain words', () => {
    const rt = fresh();
    const p = drive(rt, call(rt, 'startRun', { ...FLAG, preview: true }));
    drive(rt, call(rt, 'confirmRun', p.runId, { duplicates: 'flag', cleaned: true, filled: true }));
    const after = captureWorkbook(rt);
    expect(rt.run('confirmRun', [p.runId, { duplicates: 'flag', cleaned: true, filled: true }]).error?.message).toMatch(/already finished/);
    const q = call(rt, 'startRun', FLAG);
    expect(rt.run('confirmRun', [q.runId, { duplicates: 'flag', cleaned: true, filled: true }]).error?.message).toMatch(/not waiting for your confirmation/);
    call(rt, 'cancelRun', q.runId);
    expectSame(after, captureWorkbook(rt));
  });
});
