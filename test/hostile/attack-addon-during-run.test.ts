/**
 * The user keeps working while a run works (beyond the first catalogue's one example of a typed cell):
 * between the run's read and its final write they sort the sheet, delete a column, rename a
 * header, insert a column at A, clear the customers, rename or delete the sheet. A run may then
 * do one of three honest things, and nothing else:
 *   (a) finish as if it had run before the edit: the workbook equals a REFERENCE that ran
 *       uninterrupted and then got the same edit;
 *   (b) finish, leaving alone every row the user changed meanwhile and saying so: every user cell
 *       and sheet equals a TWIN that never had a run and got the same edit (only CDM's own
 *       columns and sheets added); or
 *   (c) refuse in plain words and change nothing: the workbook equals the TWIN.
 * Either way Undo then gives back the twin. (Through dist/Code.js; `npm run build` first.)
 */
import type { Runtime } from '../gas/helpers';
import {
  CDM_SHEET_INDEX, FLAG, MERGE, SHEET, attackRuntime, call, col, differencesFromTwin, expectLikeTwin, hiddenWorkingSheets, runToEnd, toFinalWrite, twins,
  type Progress, type UndoResult,
} from './attack-addon-helpers';
import { captureWorkbook, diffWorkbooks, formatDifferences } from './sheet-diff';

const ROWS = 40;
const WIDTH = 17;

/** Runs to the final write, lets `edit` happen, finishes; returns which honest outcome it was. */
function duringRun(options: object, edit: (rt: Runtime) => void): { outcome: 'finished' | 'left alone' | 'refused'; message: string } {
  const [rt, twin] = twins();
  const reference = attackRuntime();
  runToEnd(reference, options);
  const p = toFinalWrite(rt, options);
  for (const r of [rt, twin, reference]) edit(r);
  const ex = rt.run('continueRun', [p.runId]);
  const progress = ex.result as Progress | undefined;
  const message = ex.error?.message ?? progress?.error ?? '';
  let outcome: 'finished' | 'left alone' | 'refused';
  if (!ex.error && progress?.done && !progress.error) {
    const diffs = diffWorkbooks(captureWorkbook(reference), captureWorkbook(rt), [
      { sheet: /^CDM (Audit|Undo|State|Removed|Review|Analysis)$/, why: 'CDM’s records name rows and columns as the run saw them' },
      ...hiddenWorkingSheets(reference, rt),
      CDM_SHEET_INDEX,
    ]);
    if (diffs.length === 0) outcome = 'finished';
    else {
      outcome = 'left alone';
      const user = differencesFromTwin(rt, twin, [
        { sheet: /^CDM /, why: 'CDM’s own sheets' },
        { sheet: /^(Customers|Clients)$/, a1: `${String.fromCharCode(64 + WIDTH + 1)}:AZ`, why: 'CDM’s own columns, right of the user’s (A:Q)' },
        { sheet: /^(Customers|Clients)$/, layers: ['grid'], why: 'room for CDM’s columns' },
      ]);
      const said = (progress.summary?.messages ?? []).join(' ');
      if (user.length || !/did not write|left .* alone|changed while CDM/.test(said)) {
        throw new Error(`the run finished, but neither as a run before the edit would have (${diffs.length} differences):\n${formatDifferences(diffs, 10)}\n`
          + `nor leaving the user's changes alone and saying so (${user.length} differences from the twin; summary: ${said}):\n${formatDifferences(user, 10)}`);
      }
    }
  } else {
    outcome = 'refused';
    expect(message).toMatch(/CDM/);
    expect(message).not.toMatch(/Exception|TypeError|undefined|\bat\b.*\.js/);
    const diffs = differencesFromTwin(rt, twin);
    if (diffs.length) throw new Error(`the run refused (“${message}”) but changed the workbook:\n${formatDifferences(diffs, 12)}`);
  }
  const u = call<UndoResult>(rt, 'undoLastRun');
  if (outcome !== 'refused') expect(u.restored).toBe(true);
  expectLikeTwin(rt, twin);
  return { outcome, message };
}

const sheetOf = (r: Runtime) => r.sheet(SHEET) ?? r.sheet('Clients');

const EDITS: Array<[string, (r: Runtime) => void]> = [
  // Whole rows under the frozen header, as the menu's Sort sheet Z→A does (CDM's columns move too).
  ['the sheet sorted by name, Z to A', (r) => r.sheet(SHEET).sort(1, false)],
  ['a column at A inserted', (r) => r.sheet(SHEET).insertColumnBefore(1)],
  ['every customer cell cleared', (r) => r.sheet(SHEET).getRange(2, 1, ROWS, WIDTH).clearContent()],
  ['the sheet renamed to Clients', (r) => r.sheet(SHEET).setName('Clients')],
  ['the sheet deleted', (r) => { r.spreadsheet.setActiveSheet(r.sheet('Dashboard')); r.spreadsheet.deleteSheet(sheetOf(r)); }],
];

// A deleted column is never re-created; a renamed one is written under its new name.
const COLUMNS: Array<[string, (r: Runtime) => void]> = [
  ['the Notes column deleted', (r) => r.sheet(SHEET).deleteColumn(col('Notes'))],
  ['the Phone header renamed to Mobile', (r) => r.sheet(SHEET).getRange(1, col('Phone')).setValue('Mobile')],
];

describe('hostile: edits during a run', () => {
  for (const [mode, options] of [['flag', FLAG], ['merge', MERGE]] as const) {
    test.each(EDITS)(`hostile: during run: %s between the read and the final write of a ${mode} run — as before the edit, the user's rows left alone, or refused`, (_what, edit) => {
      duringRun(options, edit);
    });
    test.each(COLUMNS)(`hostile: during run: %s between the read and the final write of a ${mode} run — as before the edit, the user's rows left alone, or refused`, (_what, edit) => {
      duringRun(options, edit);
    });
  }
});

describe('hostile: two column edits at once during a run', () => {
  for (const [mode, options] of [['flag', FLAG], ['merge', MERGE]] as const) {
    test(`hostile: during run: Notes deleted AND Phone renamed to Mobile during a ${mode} run — neither comes back, the renamed column is left as typed, the summary names both, Undo gives back the twin`, () => {
      const [rt, twin] = twins();
      const phone = col('Phone');
      const notes = col('Notes');
      const edit = (r: Runtime) => {
        r.sheet(SHEET).getRange(1, phone).setValue('Mobile');
        r.sheet(SHEET).deleteColumn(notes);
      };
      const p = toFinalWrite(rt, options);
      edit(rt);
      edit(twin);
      const done = call<Progress>(rt, 'continueRun', p.runId);
      expect(done.done).toBe(true);
      const header = rt.sheetValues(SHEET)[0] as string[];
      expect(header).not.toContain('Notes');
      expect(header).not.toContain('Phone');
      // The sheet is one column narrower now, so the renamed column is not found by position: it
      // is left exactly as the user has it (as in the twin), and said.
      const mobile = (r: Runtime) => r.sheetValues(SHEET).map((row) => row[phone - 1]);
      if (mode === 'flag') expect(mobile(rt)).toEqual(mobile(twin));
      // Merge removes duplicate rows: every phone left is one the user typed, none rewritten.
      else for (const v of mobile(rt)) expect(mobile(twin)).toContainEqual(v);
      const said = (done.summary?.messages ?? []).join(' ');
      expect(said).toMatch(/did not write to .*Phone/);
      expect(said).toMatch(/Notes/);
      expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
      expectLikeTwin(rt, twin);
    });
  }
});
