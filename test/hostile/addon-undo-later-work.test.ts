/**
 * Undo respects what the user did after the run: rows inserted, deleted or sorted
 * are followed, cells the user edited are kept (and listed), everything else goes back. Each
 * case compares the sheet after Undo, cell by cell, with its twin that never had a run but got
 * the same edits (addon-helpers.ts) — all layers: values, formulas, notes, colours, number
 * formats, bold, font colours, grid size.
 */
import { FLAG, MERGE, SHEET, call, col, expectLikeTwin, rowOf, runToEnd, twins, type UndoResult } from './addon-helpers';
import type { Runtime } from '../gas/helpers';

type Action = (rt: Runtime) => void;

/** Run on the first, the same action on both, Undo on the first: both equal. */
function afterRunThenUndo(options: object, action: Action): { undo: UndoResult; rt: Runtime; twin: Runtime } {
  const [rt, twin] = twins();
  runToEnd(rt, options);
  action(rt);
  action(twin);
  const undo = call<UndoResult>(rt, 'undoLastRun');
  expect(undo.restored).toBe(true);
  expectLikeTwin(rt, twin);
  return { undo, rt, twin };
}

const insertBefore = (ref: string, n = 1, values?: unknown[][]): Action => (rt) => {
  const r = rowOf(rt, ref);
  const s = rt.sheet(SHEET);
  s.insertRowsBefore(r, n);
  if (values) s.getRange(r, 1, values.length, values[0].length).setValues(values);
};
const sortByRef = (ascending: boolean): Action => (rt) => {
  const s = rt.sheet(SHEET);
  s.getRange(2, 1, s.getLastRow() - 1, s.getMaxColumns()).sort({ column: 1, ascending });
};
const deleteRef = (...refs: string[]): Action => (rt) => {
  for (const ref of refs) rt.sheet(SHEET).deleteRow(rowOf(rt, ref));
};
const type = (ref: string, column: string, value: unknown): Action => (rt) => {
  rt.sheet(SHEET).getRange(rowOf(rt, ref), col(column)).setValue(value);
};
const both = (...actions: Action[]): Action => (rt) => actions.forEach((a) => a(rt));

describe('flag mode', () => {
  test('hostile: insert after run: a new customer at row 2, then Undo', () => {
    const { undo } = afterRunThenUndo(FLAG, insertBefore('R001', 1, [['R100', 'new customer', 'new@example.org', '555 0100', 'Springfield', 12]]));
    expect(undo.keptCount).toBe(0);
  });

  test('hostile: insert after run: three blank rows in the middle, then Undo', () => {
    afterRunThenUndo(FLAG, insertBefore('R020', 3));
  });

  test('hostile: sort after run: the whole sheet by Ref, descending, then Undo', () => {
    afterRunThenUndo(FLAG, sortByRef(false));
  });

  test('hostile: sort after run: sorted, then a row inserted at the top, then Undo', () => {
    afterRunThenUndo(FLAG, both(sortByRef(false), insertBefore('R043', 1, [['R200', 'top row']])));
  });

  test('hostile: delete after run: two customers deleted, then Undo (their changes go with them)', () => {
    afterRunThenUndo(FLAG, deleteRef('R004', 'R017'));
  });

  test('hostile: edit after run: cells CDM changed are edited; Undo keeps and lists them', () => {
    // R004's phone and R005's e-mail were cleaned by the run; the user types over them.
    const { undo } = afterRunThenUndo(FLAG, both(type('R004', 'Phone', 'ask at the shop'), type('R005', 'Email', 'new.address@example.org')));
    expect(undo.keptCount).toBe(2);
    expect(undo.kept.map((k) => k.column).sort()).toEqual(['Email', 'Phone']);
    expect(undo.message).toMatch(/2 cells you changed after the run were kept: [A-Z]+\d+, [A-Z]+\d+/);
    expect(undo.kept.find((k) => k.column === 'Phone')?.now).toBe('ask at the shop');
  });

  test('hostile: edit after run: a cell CDM filled (imputed) is typed over; the value stays, CDM’s note and colour go', () => {
    const { undo } = afterRunThenUndo(FLAG, type('R006', 'Spend', 321));
    expect(undo.keptCount).toBe(1);
  });

  test('hostile: edit after run: cells CDM did not touch are edited; Undo leaves them', () => {
    const { undo } = afterRunThenUndo(FLAG, both(type('R010', 'Notes', 'moved to Ogdenville'), type('R011', 'Ref', 'R011-B')));
    expect(undo.keptCount).toBe(0);
  });

  test('hostile: edit and sort after run: edited rows are still found after the sort', () => {
    const { undo } = afterRunThenUndo(FLAG, both(type('R008', 'Phone', '555 0000'), type('R009', 'City', 'Moved'), sortByRef(false)));
    expect(undo.keptCount).toBe(1);
    expect(undo.missingRows).toBe(0);
  });

  test('hostile: column after run: the user inserts a column at A; Undo finds every column by its header', () => {
    afterRunThenUndo(FLAG, (rt) => {
      const s = rt.sheet(SHEET);
      s.insertColumnsBefore(1, 1);
      s.getRange(1, 1).setValue('Tier');
      s.getRange(2, 1, 3, 1).setValues([['gold'], ['silver'], ['gold']]);
    });
  });

  test('hostile: column after run: the user deletes a column of theirs and one of CDM’s; Undo keeps the grid as wide as it should be', () => {
    const [rt, twin] = twins();
    runToEnd(rt, FLAG);
    const header = rt.sheetValues(SHEET)[0];
    rt.sheet(SHEET).deleteColumn(header.indexOf('CDM Segment') + 1);
    for (const r of [rt, twin]) r.sheet(SHEET).deleteColumn(col('Notes'));
    expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
    expectLikeTwin(rt, twin);
  });

  test('hostile: form after run: customers appended below are kept by Undo', () => {
    afterRunThenUndo(FLAG, (rt) => {
      const s = rt.sheet(SHEET);
      s.appendRow(['R300', 'Form Person', 'FORM@Example.org', '(415) 555-3000', 'Springfield', 10]);
      s.appendRow(['R301', 'Another One', 'another@example.org', '', 'Ogdenville', '']);
    });
  });

  test('hostile: formula after run: the user adds formulas that read CDM’s cleaned cells; Undo keeps them', () => {
    afterRunThenUndo(FLAG, (rt) => {
      const s = rt.sheet(SHEET);
      s.getRange(rowOf(rt, 'R012'), col('Notes')).setFormula(`=D${rowOf(rt, 'R012')}&" (mobile)"`);
    });
  });
});

describe('merge mode', () => {
  test('hostile: merge undo after insert: a row inserted at the top; removed rows come back between their neighbours', () => {
    const { undo } = afterRunThenUndo(MERGE, insertBefore('R001', 1, [['R100', 'walk-in']]));
    expect(undo.message).toMatch(/merged rows were put back/);
  });

  test('hostile: merge undo after sort: survivors sorted by Ref descending, then Undo', () => {
    afterRunThenUndo(MERGE, sortByRef(false));
  });

  test('hostile: merge undo after delete: a survivor deleted, then Undo (the rows merged into it still come back)', () => {
    afterRunThenUndo(MERGE, deleteRef('R030'));
  });

  test('hostile: merge undo after edit: a survivor’s cleaned cell edited; kept and listed', () => {
    const { undo } = afterRunThenUndo(MERGE, type('R004', 'Phone', 'landline only'));
    expect(undo.keptCount).toBe(1);
  });
});
