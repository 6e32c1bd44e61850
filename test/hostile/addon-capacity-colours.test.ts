/**
 * Budget first: a run that would pass Google's 10,000,000 cells is refused in
 * plain words before anything is written, and sheets grow in an order that never needs more
 * cells than the end state (README: What CDM changes, Sheets). Duplicate groups coloured: one colour per group,
 * removable, undone with the run. And a form response after a run, then Undo.
 */
import type { Runtime } from '../gas/helpers';
import { sampleRuntime } from '../gas/helpers';
import { FLAG, SHEET, call, customerRuntime, expectLikeTwin, runToEnd, stepwise, twins, type UndoResult } from './addon-helpers';
import { captureWorkbook, diffWorkbooks, expectNoDifferences } from './sheet-diff';

/** A sheet of the user's that takes `cells` cells (columns × rows). */
function filler(rt: Runtime, cells: number): void {
  const s = rt.spreadsheet.insertSheet('Archive 2019');
  const rows = Math.ceil(cells / 26);
  s.insertRowsAfter(s.getMaxRows(), rows - s.getMaxRows());
  s.getRange(1, 1).setValue('old orders');
  rt.spreadsheet.setActiveSheet(rt.sheet(SHEET));
}

const total = (rt: Runtime) => rt.spreadsheet._totalCells();

describe('the cell budget', () => {
  test('hostile: capacity: a workbook near 10 million cells — refused before anything is written, workbook unchanged', () => {
    const rt = customerRuntime();
    filler(rt, 10_000_000 - total(rt) - 20_000);
    const before = captureWorkbook(rt);
    const ex = rt.run('startRun', [FLAG]);
    expect(ex.error?.message).toMatch(/past Google Sheets’ limit of 10,000,000 cells: it has [\d,]+ cells and the run needs about [\d,]+ more.*Nothing was changed\./);
    expectNoDifferences(before, captureWorkbook(rt));
  });

  test('hostile: capacity: the room runs out while the run works (the user added a big sheet); the write is refused before it starts', () => {
    const [rt, twin] = twins();
    stepwise(rt);
    let p = call<{ runId: string; done: boolean; stepIndex: number; stepCount: number }>(rt, 'startRun', FLAG);
    while (!(p.stepIndex === p.stepCount - 1 && !p.done)) p = call(rt, 'continueRun', p.runId);
    const size = 10_000_000 - total(rt) - 30_000;
    filler(rt, size);
    filler(twin, size);
    const ex = rt.run('continueRun', [p.runId]);
    expect(ex.error?.message ?? (ex.result as { error?: string }).error).toMatch(/past Google Sheets’ limit of 10,000,000 cells.*Nothing was changed/);
    expect(diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt)).map((d) => d.text)).toEqual([]);
  });

  test('hostile: capacity: new CDM sheets are cut to size before they grow — the workbook never holds more than its end state plus one new sheet', () => {
    const rt = sampleRuntime(3000);
    let peak = 0;
    const stop = rt.onServiceCall(() => {
      peak = Math.max(peak, total(rt));
    });
    runToEnd(rt, FLAG);
    stop();
    const end = total(rt);
    expect(peak).toBeLessThanOrEqual(end + 26_000);
    // And what the run added is small: its columns, a compact audit, the undo data (no copy of the sheet).
    const customers = rt.sheet(SHEET);
    const added = end - 3001 * 26 - 1000 * 26; // minus the customer sheet before and Sheet1
    expect(added).toBeLessThan(customers.getMaxRows() * (customers.getMaxColumns() - 15) + 3001 * 5 + 3 * 26_000);
  });
});

describe('duplicate groups in colour', () => {
  const groupColumn = (rt: Runtime) => rt.sheetValues(SHEET)[0].indexOf('CDM Duplicate Group');

  test('hostile: colour groups: each duplicate group gets its own colour on its rows’ white cells; the user’s colours stay; Undo takes the colours back', () => {
    const [rt, twin] = twins();
    runToEnd(rt, { ...FLAG, colourGroups: true });
    const snap = rt.snapshot(SHEET);
    const g = groupColumn(rt);
    const byGroup = new Map<string, Set<string>>();
    snap.values.slice(1).forEach((row, i) => {
      if (row[g] === '') return;
      const colours = byGroup.get(String(row[g])) ?? new Set<string>();
      colours.add(snap.backgrounds[i + 1][1]);
      byGroup.set(String(row[g]), colours);
    });
    expect(byGroup.size).toBeGreaterThanOrEqual(3);
    for (const colours of byGroup.values()) expect(colours.size).toBe(1);
    expect(new Set([...byGroup.values()].map((c) => [...c][0])).size).toBe(byGroup.size);
    // The header's own colour and the user's green row are untouched.
    expect(snap.backgrounds[0][0]).toBe('#cfe2f3');
    expect(snap.backgrounds[6].slice(0, 5)).toEqual(new Array(5).fill('#d9ead3'));
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: colour groups: "remove group colours" takes off only CDM’s colours — a cell the user recoloured keeps its colour', () => {
    const rt = customerRuntime();
    runToEnd(rt, { ...FLAG, colourGroups: true });
    const g = groupColumn(rt);
    const row = rt.sheetValues(SHEET).findIndex((r, i) => i > 0 && r[g] !== '') + 1;
    rt.sheet(SHEET).getRange(row, 3).setBackground('#ff00ff');
    const before = rt.snapshot(SHEET);
    const out = call<{ cleared: number; message: string }>(rt, 'clearGroupColours');
    expect(out.cleared).toBeGreaterThan(0);
    expect(out.message).toMatch(/Duplicate-group colours were removed from \d+ cells/);
    const after = rt.snapshot(SHEET);
    expect(after.backgrounds[row - 1][2]).toBe('#ff00ff');
    const left = after.backgrounds.flat().filter((b) => b !== '#ffffff' && b !== '#ff00ff' && b !== '#fff2cc');
    const userColours = before.backgrounds.flat().filter((b) => b === '#cfe2f3' || b === '#d9ead3');
    expect(left.sort()).toEqual(userColours.sort());
    expect(after.values).toEqual(before.values);
  });
});

test('hostile: undo after the form: a customer added by the intake form after the run stays when the run is undone', () => {
  const [rt, twin] = twins();
  runToEnd(rt, FLAG);
  call(rt, 'createIntakeForm');
  const formId = [...rt.forms.keys()][0];
  const runs = rt.submitForm(formId, { Name: 'Zoe Form', Email: 'ZOE@Example.org', Phone: '(415) 555-9999', Consent: ['I agree that my details are stored and used to contact me.'] });
  expect(runs.map((x) => x.error)).toEqual([undefined]);
  const added = rt.sheetValues(SHEET).length;
  const addedRow = rt.sheetValues(SHEET)[added - 1];
  expect(addedRow[1]).toBe('Zoe Form');
  const undo = call<UndoResult>(rt, 'undoLastRun');
  expect(undo.restored).toBe(true);
  // Every customer the run read is as before the run; the form's customer is still there.
  const values = rt.sheetValues(SHEET);
  expect(values[added - 1].slice(0, 4)).toEqual(addedRow.slice(0, 4));
  const consentAt = (values[0] as string[]).indexOf('Consent given') + 1;
  expect(consentAt).toBeGreaterThan(0);
  const diffs = diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt), [
    { sheet: SHEET, a1: `A${added}:Z${added}`, why: 'the form’s customer' },
    { sheet: SHEET, a1: `${String.fromCharCode(64 + consentAt)}1`, layers: ['value'], why: 'the consent column made with the form (sidebar: consent answers with their time)' },
    { sheet: /^(CDM Audit|CDM Review|Form Responses)/, why: 'the form’s records' },
    { sheet: /./, layers: ['index'], why: 'the form’s response sheet is inserted first' },
  ]);
  expect(diffs.map((d) => d.text)).toEqual([]);
});
