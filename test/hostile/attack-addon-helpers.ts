/**
 * The attacker's add-on harness: the BUILT dist/Code.js in the local Apps Script runtime (run
 * `npm run build` first), on the project's generated sample (Chinese, French and German names,
 * phones in every format, placeholders, duplicates) dressed the way a real sheet is: a bold
 * header, notes, colours, number formats, a formula column that reads its own row and one that
 * reads another row, and a second sheet of the user's whose formulas point at customer rows.
 *
 * The oracle is a TWIN: the same workbook in a second runtime where CDM never ran, given the
 * same edits by the test. "Undo, with the user's later work kept" must leave the workbook equal
 * to the twin cell by cell (test/hostile/sheet-diff.ts compares every layer), apart from CDM's
 * own records — written here, not taken from the code under test.
 */
import type { Cell } from '../../src/core/table';
import { newRuntime, sampleRows, type Runtime } from '../gas/helpers';
import { captureWorkbook, diffWorkbooks, formatDifferences, type Allowed, type Difference } from './sheet-diff';

export const SHEET = 'Customers';
export const FLAG = { mode: 'flag', region: 'US', inPlace: true, k: 'auto' } as const;
export const MERGE = { mode: 'merge', region: 'US', inPlace: true, k: 'auto' } as const;

export type RuntimeOptions = Parameters<typeof newRuntime>[0];

/** The sample's rows with two columns of the user's formulas after them (see dress()). */
export function attackRows(rows = 40, seed = 7): Cell[][] {
  const [header, ...body] = sampleRows(rows, seed);
  return [[...header, 'Double', 'Next Spend'], ...body.map((r) => [...r, '', ''])];
}

/** Column number (1-based) of a header in attackRows(). */
export function col(name: string, header: Cell[] = attackRows(2)[0]): number {
  const at = header.indexOf(name);
  if (at < 0) throw new Error(`no column ${name}`);
  return at + 1;
}

/** Formats, notes, colours and formulas as a real user's sheet has them. */
export function dress(rt: Runtime, rowCount: number): void {
  const s = rt.sheet(SHEET);
  const width = attackRows(2)[0].length;
  const spend = col('Total Spend');
  const letter = (n: number) => String.fromCharCode(64 + n);
  s.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#cfe2f3');
  s.setFrozenRows(1);
  s.getRange(3, 1).setNote('VIP: call before shipping').setFontColor('#cc0000');
  s.getRange(6, 2, 1, 3).setBackground('#d9ead3');
  s.getRange(2, spend, rowCount, 1).setNumberFormat('#,##0.00');
  s.getRange(5, col('Notes')).setFontWeight('bold');
  for (let r = 2; r <= rowCount + 1; r++) {
    // One formula reads its own row, the other the next customer's row.
    s.getRange(r, col('Double')).setFormula(`=${letter(spend)}${r}*2`);
    if (r % 4 === 0 && r < rowCount + 1) s.getRange(r, col('Next Spend')).setFormula(`=${letter(spend)}${r + 1}`);
  }
  // The user's own dashboard: formulas that point at customer rows from another sheet.
  const d = rt.spreadsheet.insertSheet('Dashboard');
  d.getRange(1, 1, 3, 2).setValues([['Customer 2', ''], ['Customer 5', ''], ['Customer 9', '']]);
  d.getRange(1, 2).setFormula(`=${SHEET}!A3`);
  d.getRange(2, 2).setFormula(`=${SHEET}!A6`);
  d.getRange(3, 2).setFormula(`=${SHEET}!${letter(spend)}10`);
  rt.spreadsheet.setActiveSheet(s);
}

/** A runtime holding the dressed sample sheet. */
export function attackRuntime(opts: RuntimeOptions = {}, rows = 40, seed = 7): Runtime {
  const rt = newRuntime(opts);
  rt.fillSheet(SHEET, attackRows(rows, seed));
  dress(rt, rows);
  return rt;
}

/** Two runtimes holding the same workbook. */
export function twins(opts: RuntimeOptions = {}, rows = 40, seed = 7): [Runtime, Runtime] {
  return [attackRuntime(opts, rows, seed), attackRuntime(opts, rows, seed)];
}

export function call<T = unknown>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(`${fn}: ${ex.error.text}`);
  return ex.result as T;
}

export interface Progress {
  runId: string;
  done: boolean;
  stepIndex: number;
  stepCount: number;
  error?: string;
  summary?: { messages: string[]; rows: number; duplicatesMerged: number };
}

export interface UndoResult {
  restored: boolean;
  message: string;
}

/** Runs CDM to the end, continuing across executions as the sidebar would. */
export function runToEnd(rt: Runtime, options: object): Progress {
  let p = call<Progress>(rt, 'startRun', options);
  for (let i = 0; i < 30 && !p.done; i++) p = call<Progress>(rt, 'continueRun', p.runId);
  if (!p.done) throw new Error('the run did not finish');
  return p;
}

/** One pipeline step per execution (the script property every version of run.ts reads). */
export function stepwise(rt: Runtime): void {
  rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1');
}

/** A one-step-per-execution run, stopped with only its final write left to do. */
export function toFinalWrite(rt: Runtime, options: object): Progress {
  stepwise(rt);
  let p = call<Progress>(rt, 'startRun', options);
  for (let i = 0; i < 30 && !(p.stepIndex === p.stepCount - 1 && !p.done); i++) p = call<Progress>(rt, 'continueRun', p.runId);
  expect(p.done).toBe(false);
  expect(p.stepIndex).toBe(p.stepCount - 1);
  return p;
}

/** CDM's records, which a twin that never had a run does not hold. */
const RECORDS: Allowed[] = [
  { sheet: /^CDM Audit$/, why: 'the audit keeps the run and logs the undo (README: Columns CDM writes)' },
];

/** CDM's hidden working sheets (undo data, run state, backups of its own sheets), in any workbook. */
const WORKING = /^CDM (Undo|State|Backup .+)$/;

/** CDM's hidden working sheets may come and go, as long as they are hidden (README: Columns CDM writes). */
export function hiddenWorkingSheets(...rts: Runtime[]): Allowed[] {
  return rts.flatMap((rt) => rt.spreadsheet.getSheets())
    .filter((s) => s.isSheetHidden() && WORKING.test(s.getName()))
    .map((s) => ({ sheet: s.getName(), why: 'CDM’s hidden working sheet' }));
}

/** Sheet positions of CDM's own sheets move when a hidden working sheet comes or goes. */
export const CDM_SHEET_INDEX: Allowed = { sheet: /^CDM /, layers: ['index'], why: 'positions shift around CDM’s hidden working sheets' };

export function differencesFromTwin(rt: Runtime, twin: Runtime, allow: Allowed[] = []): Difference[] {
  return diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt), [...RECORDS, ...hiddenWorkingSheets(rt), CDM_SHEET_INDEX, ...allow]);
}

export function expectLikeTwin(rt: Runtime, twin: Runtime, allow: Allowed[] = []): void {
  const diffs = differencesFromTwin(rt, twin, allow);
  if (diffs.length) throw new Error(`${diffs.length} differences from the twin that never had a run:\n${formatDifferences(diffs)}`);
}

/** The sheet's customer rows as text, for "no customer twice, none missing" checks. */
export function customerKeys(rt: Runtime): string[] {
  const values = rt.sheetValues(SHEET);
  const header = values[0] as string[];
  const at = ['Name', 'Email'].map((h) => header.indexOf(h));
  return values.slice(1).map((r) => at.map((i) => String(r[i] ?? '')).join(' | '));
}
