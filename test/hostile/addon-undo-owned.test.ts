/**
 * Only CDM's own things (README: What CDM changes, Sheets, columns and Undo): sheets and columns with CDM-like names that the USER made
 * survive runs and Undo untouched; a customer sheet called "CDM Customers" works; CDM finds its
 * own sheets by its mark, not their name. And merges that keep meaning: formulas
 * keep pointing at the same customer, formats move with their rows, a form merge never turns a
 * formula into a value. Whole workbooks compared cell by cell (sheet-diff.ts).
 */
import type { Runtime } from '../gas/helpers';
import {
  FLAG,
  HEADER,
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

/** A user's own sheet with a CDM-like name, with content and a format to keep. */
function userSheet(rt: Runtime, name: string): void {
  rt.fillSheet(name, [['mine', 'do not touch'], ['2023', 42]], { activate: false });
  rt.sheet(name).getRange('A1').setNote('the user’s own notes');
}

const names = (rt: Runtime) => rt.spreadsheet.getSheets().map((s) => s.getName());

describe('sheets and columns with CDM-like names are the user’s', () => {
  test.each(['CDM State', 'CDM Backup 2023 archive', 'CDM Undo', 'CDM Review'])(
    'hostile: CDM-like sheet name: a user’s “%s” survives a run across executions and its Undo',
    (name) => {
      const [rt, twin] = twins();
      userSheet(rt, name);
      userSheet(twin, name);
      rt.spreadsheet.setActiveSheet(rt.sheet(SHEET));
      stepwise(rt);
      runToEnd(rt, FLAG);
      // CDM used sheets of its own beside the user's.
      expect(names(rt).filter((n) => n.startsWith(name)).length).toBeGreaterThanOrEqual(1);
      expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
      expectLikeTwin(rt, twin);
    },
  );

  test('hostile: CDM-like sheet name: a user’s “CDM Audit” is left alone; CDM keeps its audit in “CDM Audit (2)”', () => {
    const [rt, twin] = twins();
    userSheet(rt, 'CDM Audit');
    userSheet(twin, 'CDM Audit');
    rt.spreadsheet.setActiveSheet(rt.sheet(SHEET));
    runToEnd(rt, FLAG);
    expect(rt.sheetValues('CDM Audit (2)')[0]).toEqual(['Run', 'Time', 'Sheet', 'Row', 'Changes']);
    const links = call<{ lastRun: { links: Array<{ label: string; sheet: string }> } }>(rt, 'getSidebarState').lastRun.links;
    expect(links.find((l) => (l as { kind?: string }).kind === 'audit')?.sheet).toBe('CDM Audit (2)');
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: CDM-like sheet name: a customer sheet called “CDM Customers” is cleaned, named in messages, and undone', () => {
    const rt = customerRuntime();
    const twin = customerRuntime();
    for (const r of [rt, twin]) r.sheet(SHEET).setName('CDM Customers');
    const p = call<{ done: boolean; summary: { links: Array<{ sheet: string }> } }>(rt, 'startRun', { ...FLAG, sheet: 'CDM Customers' });
    expect(p.done).toBe(true);
    expect(p.summary.links[0].sheet).toBe('CDM Customers');
    expect(rt.sheet('CDM Customers').getRange(rowOf2(rt, 'CDM Customers', 'R005'), col('Email')).getValue()).not.toBe(String(customerRows()[4][2]));
    // Asked for a sheet that does not exist, the message names the one asked for.
    expect(rt.run('startRun', [{ ...FLAG, sheet: 'CDM Customer' }]).error?.message).toMatch(/There is no sheet called “CDM Customer”/);
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: CDM-like column name: a user’s “CDM Notes” column survives a run and its Undo, values and formats', () => {
    const rows = customerRows().map((r, i) => [...r, i % 3 === 0 ? `note ${i}` : '']);
    const mk = () => {
      const r = customerRuntime({}, rows.map((x) => x.slice(0, HEADER.length)));
      r.sheet(SHEET).getRange(1, HEADER.length + 1, rows.length + 1, 1).setValues([['CDM Notes'], ...rows.map((x) => [x[HEADER.length]])]);
      r.sheet(SHEET).getRange(3, HEADER.length + 1).setBackground('#ffe599');
      return r;
    };
    const rt = mk();
    const twin = mk();
    runToEnd(rt, FLAG);
    const header = rt.sheetValues(SHEET)[0];
    expect(header[HEADER.length]).toBe('CDM Notes');
    expect(rt.sheetValues(SHEET).slice(1).map((r) => r[HEADER.length])).toEqual(rows.map((x) => x[HEADER.length]));
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: CDM-like column name: a user’s own “CDM Segment” column would be replaced, so the run is refused; nothing changes', () => {
    const rt = customerRuntime();
    rt.sheet(SHEET).getRange(1, HEADER.length + 1, 3, 1).setValues([['CDM Segment'], ['my own'], ['labels']]);
    const before = captureWorkbook(rt);
    const ex = rt.run('startRun', [FLAG]);
    expect(ex.error?.message).toMatch(/The column “CDM Segment” in “Customers” has a name CDM uses for its own results, but CDM didn’t make it\. .*Nothing was changed/);
    expectNoDifferences(before, captureWorkbook(rt));
  });

  test('hostile: renamed CDM sheet: the user renames CDM Audit; the next run keeps writing to it (found by its mark), no second audit', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    rt.sheet('CDM Audit').setName('Change log');
    runToEnd(rt, FLAG);
    expect(names(rt)).not.toContain('CDM Audit');
    const log = rt.sheetValues('Change log');
    expect(new Set(log.slice(1).map((r) => r[0])).size).toBe(2);
  });

  test('hostile: copied CDM sheet: a copy the user made of CDM Review is the user’s; CDM’s own review is rewritten, the copy never', () => {
    const rt = customerRuntime();
    runToEnd(rt, FLAG);
    const copy = rt.sheet('CDM Review').copyTo(rt.spreadsheet);
    copy.setName('My review notes');
    copy.getRange('A1').setValue('kept by me');
    const mine = rt.snapshot('My review notes');
    runToEnd(rt, FLAG);
    call(rt, 'undoLastRun');
    call(rt, 'undoLastRun');
    const { index: _i, ...now } = rt.snapshot('My review notes');
    const { index: _j, ...was } = mine;
    expect(now).toEqual(was);
    expect(names(rt)).not.toContain('CDM Review');
  });
});

/** The sheet row of a Ref on a named sheet. */
function rowOf2(rt: Runtime, sheet: string, ref: string): number {
  return rt.sheetValues(sheet).findIndex((r) => r[0] === ref) + 1;
}

describe('merges that keep meaning', () => {
  /**
   * The duplicates typed near the top (after R001), so a merge moves every row below them up.
   * R002 and R042 are one customer; R002 survives, R042 goes. Formulas point at both.
   */
  function mergeSheet(): Runtime {
    const rows = customerRows();
    const rt = customerRuntime({}, [rows[0], ...rows.slice(40), ...rows.slice(1, 40)]);
    const s = rt.sheet(SHEET);
    const r42 = rowOf(rt, 'R042');
    const r40 = rowOf(rt, 'R040');
    const r10 = rowOf(rt, 'R010');
    s.getRange(r40, col('Notes')).setFormula(`=F${r40}+F${r42}`); // own row + the removed duplicate
    s.getRange(r10, col('Notes')).setFormula(`=SUM(F2:F${r40})`); // a range across the block
    s.getRange(r42, col('Name')).setFontWeight('bold').setNote('typed twice');
    s.getRange(r40, 2, 1, 3).setBackground('#fce5cd').setFontColor('#1155cc');
    s.getRange(rowOf(rt, 'R039'), col('Spend')).setNumberFormat('0.0%');
    return rt;
  }

  test('hostile: merge formulas: a formula reading its own row and a removed duplicate’s row now reads the survivor it merged into', () => {
    const rt = mergeSheet();
    runToEnd(rt, MERGE);
    const s = rt.sheet(SHEET);
    const r40 = rowOf(rt, 'R040');
    // R002 and R042 are one customer: whichever of the two rows survived holds them both now.
    const refs = rt.sheetValues(SHEET).map((r) => r[0]);
    expect(refs.includes('R002') !== refs.includes('R042')).toBe(true);
    const survivor = rowOf(rt, refs.includes('R042') ? 'R042' : 'R002');
    expect(s.getRange(r40, col('Notes')).getFormula()).toBe(`=F${r40}+F${survivor}`);
    const r10 = rowOf(rt, 'R010');
    expect(s.getRange(r10, col('Notes')).getFormula()).toBe(`=SUM(F2:F${r40})`);
  });

  test('hostile: merge formats: bold, notes, colours, font colours and number formats move with their rows', () => {
    const rt = mergeSheet();
    const before = rt.snapshot(SHEET);
    const find = (snap: ReturnType<Runtime['snapshot']>, ref: string) => snap.values.findIndex((r) => r[0] === ref);
    runToEnd(rt, MERGE);
    const after = rt.snapshot(SHEET);
    for (const ref of ['R039', 'R040', 'R003']) {
      const b = find(before, ref);
      const a = find(after, ref);
      expect(a).toBeLessThan(b); // moved up: duplicates above were removed
      const width = HEADER.length;
      expect(after.backgrounds[a].slice(0, width)).toEqual(before.backgrounds[b].slice(0, width));
      expect(after.fontColors[a].slice(0, width)).toEqual(before.fontColors[b].slice(0, width));
      expect(after.numberFormats[a].slice(0, width)).toEqual(before.numberFormats[b].slice(0, width));
      expect(after.notes[a].slice(0, width)).toEqual(before.notes[b].slice(0, width));
    }
    // The removed row, with its bold name and note, is kept in CDM Removed and comes back on Undo.
    const twin = mergeSheet();
    call(rt, 'undoLastRun');
    expectLikeTwin(rt, twin);
  });

  test('hostile: form merge: a customer whose row holds a formula is merged with a form response; the formula stays a formula', () => {
    const rt = customerRuntime();
    runToEnd(rt, MERGE);
    const created = call<{ formUrl: string }>(rt, 'createIntakeForm');
    expect(created.formUrl).toBeTruthy();
    const formId = [...rt.forms.keys()][0];
    const s = rt.sheet(SHEET);
    const r = rowOf(rt, 'R003');
    s.getRange(r, col('City')).setFormula('="Ogden"&"ville"');
    const beforeRow = s.getRange(r, 1, 1, s.getLastColumn()).getFormulas()[0];
    const form = rt.forms.get(formId);
    const titles = form ? form.getItems().map((i) => i.getTitle()) : [];
    const answers: Record<string, string | number | Date | string[]> = { Consent: ['I agree that my details are stored and used to contact me.'] };
    const values = rt.sheetValues(SHEET)[r - 1];
    for (const t of titles) {
      const j = rt.sheetValues(SHEET)[0].indexOf(t);
      if (['Name', 'Email', 'Phone'].includes(t) && j >= 0) answers[t] = values[j] as string;
    }
    expect(rt.submitForm(formId, answers).map((x) => x.error)).toEqual([undefined]);
    const afterRow = s.getRange(rowOf(rt, 'R003'), 1, 1, s.getLastColumn()).getFormulas()[0];
    expect(afterRow[col('City') - 1]).toBe('="Ogden"&"ville"');
    expect(afterRow.filter((f) => f !== '')).toEqual(beforeRow.filter((f) => f !== ''));
    void diffWorkbooks;
  });
});
