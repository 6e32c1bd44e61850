/**
 * The trust catalogue's first cases (what went wrong when CDM was first tried as a hostile user):
 * the examples that went through the add-on, replayed through the
 * BUILT dist/Code.js in the local Apps Script runtime (`npm run build` first) on the dressed
 * sample sheet of attack-addon-helpers.ts (formulas reading their own and other rows, a user's
 * dashboard pointing at customer rows, notes, colours, bold, number formats, a frozen header).
 * Every case compares whole workbooks cell by cell (sheet-diff.ts): with a TWIN that never had a
 * run but got the same edits, or with an uninterrupted run.
 *
 * Examples covered exactly elsewhere (referenced, not repeated):
 * - a protected zip '02135 → 2135; 16+ digit ids: addon-values-readwrite.test.ts
 *   'hostile: addon values: a protected zip '02135 stays the text 02135 through a run',
 *   'hostile: addon values: 16+ digit account ids typed as text stay distinct text'
 * - surnames Na/Null/Nil, first name Nan, company None in form answers: addon-values-forms.test.ts
 *   'hostile: addon values: a form answer with real "placeholder" words keeps them; …'
 * - a customer sheet named CDM Customers: addon-undo-owned.test.ts (undo engineer)
 *   'hostile: CDM-like sheet name: a customer sheet called “CDM Customers” is cleaned, named in messages, and undone'
 * - selectRange('Customers','!!'): addon-sidebar-rpc.test.ts (sidebar engineer)
 *   'hostile: bad RPC arguments: selectRange("Customers", "!!") names the sheet and the range'
 * - a form merge turning a formula into a value: addon-undo-owned.test.ts
 *   'hostile: form merge: a customer whose row holds a formula is merged with a form response; the formula stays a formula'
 * The cases below are the remaining examples, and variants of the covered ones on other data.
 */
import type { Runtime } from '../gas/helpers';
import { isWrite } from '../../runtime';
import {
  CDM_SHEET_INDEX, FLAG, MERGE, SHEET, attackRuntime, call, col, customerKeys, expectLikeTwin, hiddenWorkingSheets, runToEnd, toFinalWrite, twins,
  type Progress, type UndoResult,
} from './attack-addon-helpers';
import { captureWorkbook, diffWorkbooks, expectNoDifferences, formatDifferences } from './sheet-diff';

const undo = (rt: Runtime): UndoResult => call<UndoResult>(rt, 'undoLastRun');

/** Cases that failed on main until the undo engineer's change-log Undo landed; normal tests since. */
const untilUndoLands = test;

/** A new customer typed into a new row 2 (as a user inserting at the top does). */
function insertAtTop(rt: Runtime): void {
  const s = rt.sheet(SHEET);
  s.insertRowsBefore(2, 1);
  s.getRange(2, 1, 1, 3).setValues([['Walk In', 'walk.in@example.org', '+1 415 555 0199']]);
}

describe('hostile: undo and concurrency (issue 9 examples)', () => {
  untilUndoLands.each([['flag', FLAG], ['merge', MERGE]])('hostile: insert after run: a customer inserted at row 2 after a %s run, then Undo — kept, nobody lost or twice', (_m, options) => {
    const [rt, twin] = twins();
    runToEnd(rt, options);
    insertAtTop(rt);
    insertAtTop(twin);
    expect(undo(rt).restored).toBe(true);
    expectLikeTwin(rt, twin);
    // The symptom first reported, said directly: the new row was overwritten and the last customer appeared twice.
    expect(customerKeys(rt)).toEqual(customerKeys(twin));
  });

  untilUndoLands('hostile: edit after run: cells the user types after the run survive Undo, and Undo says it kept them', () => {
    const [rt, twin] = twins();
    runToEnd(rt, FLAG);
    const edit = (r: Runtime) => {
      const s = r.sheet(SHEET);
      s.getRange(4, col('Phone')).setValue('ask for the shop number'); // a cell CDM cleaned
      s.getRange(8, col('Email')).setValue('new.address@example.org'); // another cell CDM may have cleaned
      s.getRange(12, col('Notes')).setValue('moved to Lyon'); // a cell CDM left alone
      s.getRange(20, col('City')).setValue('上海'); // and one more, in Chinese
    };
    edit(rt);
    edit(twin);
    const out = undo(rt);
    expect(out.restored).toBe(true);
    expectLikeTwin(rt, twin);
    expect(out.message).toMatch(/kept|保留/);
  });

  untilUndoLands('hostile: edit during run: a cell CDM will clean is typed over between its read and its write — not overwritten, and reported', () => {
    const [rt, twin] = twins();
    const p = toFinalWrite(rt, FLAG);
    const edit = (r: Runtime) => r.sheet(SHEET).getRange(4, col('Phone')).setValue('changed while CDM worked');
    edit(rt);
    edit(twin);
    const done = call<Progress>(rt, 'continueRun', p.runId);
    expect(done.done).toBe(true);
    expect(rt.sheet(SHEET).getRange(4, col('Phone')).getValue()).toBe('changed while CDM worked');
    expect((done.summary?.messages ?? []).join(' ')).toMatch(/D4|changed while CDM/);
    expect(undo(rt).restored).toBe(true);
    expectLikeTwin(rt, twin);
  });
});

describe('hostile: a run killed during its final write (issue 9 example, at every write)', () => {
  /** The writes the final write makes on this workbook, counted on a twin. */
  function finalWrites(options: object): number {
    const rt = attackRuntime();
    const p = toFinalWrite(rt, options);
    let writes = 0;
    const stop = rt.onServiceCall(({ name }: { name: string }) => { if (isWrite(name)) writes++; });
    call(rt, 'continueRun', p.runId);
    stop();
    return writes;
  }

  /** Kills the final write right after its k-th write (Apps Script's 6 minutes run out). */
  function killAfter(rt: Runtime, runId: string, k: number): void {
    let writes = 0;
    const stop = rt.onServiceCall(({ execution, name }: { execution: { functionName: string }; name: string }) => {
      if (execution.functionName === 'continueRun' && isWrite(name) && ++writes === k) rt.advanceClock(7 * 60 * 1000);
    });
    const killed = rt.run('continueRun', [runId]);
    stop();
    expect(killed.timedOut).toBe(true);
  }

  /** Resume as the sidebar's Resume button does, then as the trigger would. */
  function resume(rt: Runtime, runId: string): Progress | null {
    for (let i = 0; i < 4; i++) {
      const p = call<Progress | null>(rt, 'getProgress');
      if (p?.done) return p;
      const ex = rt.run('continueRun', [runId]);
      if (ex.error) rt.advanceClockAndFire(61 * 60 * 1000);
    }
    return call<Progress | null>(rt, 'getProgress');
  }

  const RUN_RECORDS = [
    { sheet: /^CDM (Audit|Undo|State)$/, why: 'run ids, times and undo data differ between two runs' },
    { sheet: 'CDM Removed', layers: ['value' as const], a1: 'A:B', why: 'run id and time of the removal' },
    CDM_SHEET_INDEX,
  ];

  test.each([['flag', FLAG], ['merge', MERGE]])('hostile: kill mid final write: %s run killed after each of its writes, resumed: the uninterrupted result, then Undo gives the sheet back', (_m, options) => {
    const total = finalWrites(options);
    expect(total).toBeGreaterThan(3);
    const reference = attackRuntime();
    runToEnd(reference, options);
    const failures: string[] = [];
    for (let k = 1; k < total; k++) {
      const [rt, twin] = twins();
      const p = toFinalWrite(rt, options);
      killAfter(rt, p.runId, k);
      const done = resume(rt, p.runId);
      if (!done?.done || done.error) {
        failures.push(`killed after write ${k}/${total}: resumed run ${done?.done ? `failed: ${done.error}` : 'never finished'}`);
        continue;
      }
      const diffs = diffWorkbooks(captureWorkbook(reference), captureWorkbook(rt), [...RUN_RECORDS, ...hiddenWorkingSheets(reference, rt)]);
      if (diffs.length) failures.push(`killed after write ${k}/${total}, resumed: differs from an uninterrupted run:\n${formatDifferences(diffs, 8)}`);
      const u = undo(rt);
      if (!u.restored) failures.push(`killed after write ${k}/${total}: Undo refused: ${u.message}`);
      try {
        expectLikeTwin(rt, twin);
      } catch (e) {
        failures.push(`killed after write ${k}/${total}, resumed, undone: ${(e as Error).message.split('\n').slice(0, 6).join('\n')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('hostile: only CDM\'s own things (issue 9 examples)', () => {
  untilUndoLands('hostile: CDM-like sheet names: the user\'s "CDM State" and "CDM Backup 2023 archive" survive four runs and three undos untouched', () => {
    const [rt, twin] = twins();
    for (const r of [rt, twin]) {
      r.spreadsheet.insertSheet('CDM State').getRange(1, 1, 2, 2).setValues([['my', 'state'], ['do not', 'delete']]);
      r.spreadsheet.insertSheet('CDM Backup 2023 archive').getRange(1, 1, 2, 2).setValues([['Name', 'Spend'], ['Old Customer', 12]]);
      r.spreadsheet.setActiveSheet(r.sheet(SHEET));
    }
    for (const options of [FLAG, MERGE, FLAG, FLAG]) runToEnd(rt, options);
    for (const name of ['CDM State', 'CDM Backup 2023 archive']) {
      expect(diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt)).filter((d) => d.sheet === name).map((d) => d.text)).toEqual([]);
    }
    for (let i = 0; i < 3; i++) expect(undo(rt).restored).toBe(true);
    // Three undos take back the last three runs: the first run's results stay, nothing of the user's moves.
    const left = diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt)).filter((d) => d.sheet === 'CDM State' || d.sheet === 'CDM Backup 2023 archive' || d.sheet === 'Dashboard');
    expect(left.map((d) => d.text)).toEqual([]);
  });

  test('hostile: CDM-like column name: the user\'s "CDM Notes" column keeps every value through a run and its Undo', () => {
    const [rt, twin] = twins();
    for (const r of [rt, twin]) {
      const s = r.sheet(SHEET);
      const last = s.getLastColumn();
      s.getRange(1, last + 1).setValue('CDM Notes');
      s.getRange(2, last + 1, 3, 1).setValues([['call back'], ['VIP'], ['代购']]);
      s.getRange(3, last + 1).setNote('the user’s own note');
    }
    runToEnd(rt, FLAG);
    const header = rt.sheetValues(SHEET)[0] as string[];
    const at = header.indexOf('CDM Notes');
    expect(at).toBeGreaterThan(-1);
    expect(rt.sheetValues(SHEET).slice(1, 4).map((r) => r[at])).toEqual(['call back', 'VIP', '代购']);
    expect(undo(rt).restored).toBe(true);
    expectLikeTwin(rt, twin);
  });
});

describe('hostile: merges that keep meaning (issue 9 examples)', () => {
  /** Name + e-mail of the customer on each sheet row, as read before a run. */
  const who = (rt: Runtime): Map<number, string> => new Map(customerKeys(rt).map((k, i) => [i + 2, k]));

  untilUndoLands('hostile: merge formulas: every formula — its own row, the next customer\'s row, the user\'s dashboard — still reads the same customer after a merge', () => {
    const rt = attackRuntime();
    const before = who(rt);
    const formulasBefore = rt.snapshot(SHEET).formulas;
    const dashBefore = rt.snapshot('Dashboard').formulas;
    const p = runToEnd(rt, MERGE);
    expect(p.summary?.duplicatesMerged ?? 0).toBeGreaterThan(0);
    // Where each original row's customer is now: its own row, or (merged away) the row it merged into.
    const removed = rt.sheetValues('CDM Removed');
    const rh = removed[0] as string[];
    const wasAt = rh.indexOf('Was row');
    const intoAt = rh.indexOf('Merged into row');
    const afterRows = rt.sheetValues(SHEET);
    const header = afterRows[0] as string[];
    const rowOf = (origRow: number): number => {
      const gone = removed.slice(1).find((r) => Number(r[wasAt]) === origRow);
      if (gone) return Number(gone[intoAt]);
      // A survivor: found by its name (cleaning may re-case it; compared case-free), which the sample keeps unique.
      const [name] = before.get(origRow)!.split(' | ');
      const hits = afterRows.map((r, i) => [String(r[header.indexOf('Name')]).toLowerCase(), i + 1] as const).filter(([n]) => n === name.toLowerCase());
      if (hits.length !== 1) throw new Error(`cannot tell where row ${origRow} (${name}) went: ${hits.length} rows with that name`);
      return hits[0][1];
    };
    const problems: string[] = [];
    const refRow = (f: string) => Number(/![A-Z]+(\d+)$|^=[A-Z]+(\d+)/.exec(f)?.slice(1).find(Boolean));
    // Customer-sheet formulas: wherever a formula now is, it reads where its referenced customer now is.
    const formulasAfter = rt.snapshot(SHEET).formulas;
    formulasBefore.forEach((row, r) => row.forEach((f, c) => {
      if (!f || r === 0) return;
      const origRow = r + 1;
      const removedRow = removed.slice(1).some((x) => Number(x[wasAt]) === origRow);
      if (removedRow) return; // its row went to CDM Removed with it
      const at = rowOf(origRow);
      const g = formulasAfter[at - 1]?.[c] ?? '';
      const want = rowOf(refRow(f));
      if (refRow(g) !== want) problems.push(`row ${origRow} ${f} is now row ${at} ${g || '(no formula)'}; should read row ${want}`);
    }));
    const dashAfter = rt.snapshot('Dashboard').formulas;
    dashBefore.forEach((row, r) => row.forEach((f, c) => {
      if (!f) return;
      const want = rowOf(refRow(f));
      const g = dashAfter[r][c];
      if (refRow(g) !== want) problems.push(`Dashboard ${f} is now ${g}; should read row ${want}`);
    }));
    expect(problems).toEqual([]);
  });

  test('hostile: merge formats: the note, red text, bold cell and colours move with their customers; number formats stay on the column', () => {
    const rt = attackRuntime();
    const before = rt.snapshot(SHEET);
    const keys = customerKeys(rt);
    runToEnd(rt, MERGE);
    const after = rt.snapshot(SHEET);
    const removed = rt.sheetValues('CDM Removed').slice(1).map((r) => r.map(String));
    const afterKeys = customerKeys(rt).map((k) => k.toLowerCase());
    const problems: string[] = [];
    const check = (r: number, c: number, what: 'notes' | 'fontColors' | 'fontWeights' | 'backgrounds') => {
      const name = keys[r - 2].split(' | ')[0].toLowerCase();
      if (removed.some((x) => x.some((v) => v.toLowerCase() === name))) return;
      const at = afterKeys.findIndex((k) => k.split(' | ')[0] === name);
      if (at < 0) { problems.push(`row ${r} (${name}) vanished`); return; }
      const was = before[what][r - 1][c - 1];
      const is = after[what][at + 1]?.[c - 1];
      if (was !== is) problems.push(`${what} of row ${r} (${name}) col ${c}: ${was} → ${is} at row ${at + 2}`);
    };
    check(3, 1, 'notes');
    check(3, 1, 'fontColors');
    check(5, col('Notes'), 'fontWeights');
    check(6, 2, 'backgrounds');
    const spend = col('Total Spend');
    for (let r = 2; r <= customerKeys(rt).length + 1; r++) if (after.numberFormats[r - 1][spend - 1] !== '#,##0.00') problems.push(`Total Spend number format of row ${r}: ${after.numberFormats[r - 1][spend - 1]}`);
    expect(problems).toEqual([]);
  });
});

test('hostile: second run: a second flag run right after the first changes no user cell', () => {
  const rt = attackRuntime();
  runToEnd(rt, FLAG);
  const once = captureWorkbook(rt);
  runToEnd(rt, FLAG);
  expectNoDifferences(once, captureWorkbook(rt), [
    ...hiddenWorkingSheets(rt),
    CDM_SHEET_INDEX,
    { sheet: /^CDM (Audit|Undo|State|Analysis|Review)$/, why: 'CDM’s records of the second run' },
    { sheet: SHEET, a1: 'R:AZ', why: 'CDM’s own columns are rewritten by each run (replaced, not stacked)' },
  ]);
  expect((rt.sheetValues(SHEET)[0] as string[]).filter((h) => h === 'CDM Flags')).toHaveLength(1);
});
