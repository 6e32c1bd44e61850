/**
 * Things a user does around a run that the run itself does not expect: a customer fills in the
 * intake form while a run works, the user presses Undo (of the last finished run) while another
 * run is half way, or starts a second run. Through dist/Code.js (`npm run build` first), compared
 * cell by cell with a TWIN that got the same form answers at the same simulated time and never
 * had a run (attack-addon-helpers.ts).
 */
import type { Runtime } from '../gas/helpers';
import { FLAG, MERGE, SHEET, attackRuntime, call, expectLikeTwin, runToEnd, stepwise, toFinalWrite, twins, type Progress, type UndoResult } from './attack-addon-helpers';
import { captureWorkbook, expectNoDifferences } from './sheet-diff';

/** The intake form of `rt` (created through the add-on), and answers a customer gives it. */
function intakeForm(rt: Runtime): string {
  call(rt, 'createIntakeForm');
  const ids = [...rt.forms.keys()];
  expect(ids).toHaveLength(1);
  // 'form then run' below checks that the user stays on their sheet; here it is set outright so the
  // cases attack the run, not the choice of sheet.
  rt.spreadsheet.setActiveSheet(rt.sheet(SHEET));
  return ids[0];
}

function answersFor(rt: Runtime, formId: string): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = { Name: 'Zoë Ångström', Email: 'ZOE@EXAMPLE.ORG', Phone: '+46 70 123 45 67', City: 'Malmö' };
  for (const item of rt.forms.get(formId)!.getItems()) {
    // The consent question has one box to tick; tick it as a customer must.
    if (item.getType() === 'CHECKBOX' && item.isRequired()) answers[item.getTitle()] = [item.getChoices()[0].getValue()];
  }
  return answers;
}

/** The same submission in both workbooks, at the same simulated moment. */
function submitBoth(rt: Runtime, twin: Runtime): void {
  const [a, b] = [rt, twin].map((r) => [...r.forms.keys()][0]);
  twin.advanceClock(rt.now() - twin.now());
  for (const [r, id] of [[rt, a], [twin, b]] as const) {
    const runs = r.submitForm(id, answersFor(r, id));
    for (const ex of runs) expect(ex.error?.text).toBeUndefined();
  }
}

describe('hostile: around a run', () => {
  /**
   * Creating the intake form adds CDM's audit sheet with insertSheet, which makes the new sheet the
   * active one (as in Google Sheets). The sidebar's Clean & analyze names no sheet, so unless the
   * user's sheet is put back the run would take the first other sheet (an empty "Sheet1").
   */
  test('hostile: form then run: after creating the intake form, Clean & analyze still works on the customer sheet the user was looking at', () => {
    const rt = attackRuntime();
    expect(rt.spreadsheet.getActiveSheet().getName()).toBe(SHEET);
    call(rt, 'createIntakeForm');
    const p = runToEnd(rt, FLAG);
    expect(p.done).toBe(true);
    expect((rt.sheetValues(SHEET)[0] as string[])).toContain('CDM Flags');
  });

  test.each([['flag', FLAG], ['merge', MERGE]])('hostile: form during run: a customer answers the intake form while a %s run works; the run finishes, the new customer is kept, Undo keeps it', (_m, options) => {
    const [rt, twin] = twins();
    intakeForm(rt);
    intakeForm(twin);
    const p = toFinalWrite(rt, options);
    submitBoth(rt, twin);
    const done = call<Progress>(rt, 'continueRun', p.runId);
    expect(done.done).toBe(true);
    const last = rt.sheetValues(SHEET).filter((r) => r[0] === 'Zoë Ångström');
    expect(last).toHaveLength(1);
    expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
    expectLikeTwin(rt, twin);
  });

  test.each([['flag', FLAG], ['merge', MERGE]])('hostile: undo during run: Undo of the last run pressed while a %s run is half way; when that run finishes and is undone too, the sheet is as before both', (_m, options) => {
    const [rt, twin] = twins();
    runToEnd(rt, FLAG);
    stepwise(rt);
    let p = call<Progress>(rt, 'startRun', options);
    p = call<Progress>(rt, 'continueRun', p.runId);
    expect(p.done).toBe(false);
    const u = call<UndoResult>(rt, 'undoLastRun');
    // Either Undo waits for the run (refuses, in words) or it undoes the finished run; both are honest.
    expect(u.message).toMatch(/CDM|undone|run/);
    for (let i = 0; i < 10 && !p.done; i++) p = call<Progress>(rt, 'continueRun', p.runId);
    expect(p.done).toBe(true);
    for (let i = 0; i < 3 && call<UndoResult>(rt, 'undoLastRun').restored; i++);
    expectLikeTwin(rt, twin);
  });

  test('hostile: second start: pressing Clean & analyze while a run is half way starts nothing and changes nothing', () => {
    const rt = twins()[0];
    stepwise(rt);
    let p = call<Progress>(rt, 'startRun', FLAG);
    p = call<Progress>(rt, 'continueRun', p.runId);
    const before = captureWorkbook(rt);
    const ex = rt.run('startRun', [MERGE]);
    const second = ex.result as (Progress & { existing?: boolean }) | undefined;
    // Refused in plain words, or answered with the run already going (exec's `existing`).
    if (ex.error) expect(ex.error.message).toMatch(/already running|busy|CDM/);
    else expect(second?.runId).toBe(p.runId);
    expectNoDifferences(before, captureWorkbook(rt), [{ sheet: /^CDM (State|Undo)$/, why: 'CDM’s hidden run state' }]);
    for (let i = 0; i < 10 && !p.done; i++) p = call<Progress>(rt, 'continueRun', p.runId);
    expect(p.done).toBe(true);
    expect(p.summary?.duplicatesMerged ?? 0).toBe(0);
  });

  test('hostile: second run: every cell CDM filled is still marked "estimated" in CDM Flags after a second run (it was forgotten)', () => {
    const rt = attackRuntime();
    const marks = () => {
      const values = rt.sheetValues(SHEET);
      const at = (values[0] as string[]).indexOf('CDM Flags');
      return values.slice(1).map((r, i) => [i + 2, String(r[at]).split('; ').filter((f) => / estimated \(/.test(f)).join('; ')] as const).filter(([, m]) => m);
    };
    runToEnd(rt, FLAG);
    const first = marks();
    expect(first.length).toBeGreaterThan(3);
    runToEnd(rt, FLAG);
    expect(marks()).toEqual(first);
  });
});
