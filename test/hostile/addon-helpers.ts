/**
 * Set-up for the add-on's hostile undo cases: a small, messy customer sheet (every row has an
 * id the user typed, `Ref`, that CDM leaves alone), decorated like a real one (bold, notes,
 * colours, number formats, a formula column), and its TWIN: the same sheet in a second runtime
 * where no run ever happened. A case does something to both (insert, sort, edit…) — to the
 * first after a run — then undoes the run; the two must then be equal cell by cell. The twin is
 * an oracle that does not depend on how Undo works: "as if the run never happened, with what
 * the user did since".
 */
import type { Cell } from '../../src/core/table';
import { newRuntime, type Runtime } from '../gas/helpers';
import { captureWorkbook, diffWorkbooks, formatDifferences, type Allowed } from './sheet-diff';

export const SHEET = 'Customers';
export const HEADER = ['Ref', 'Name', 'Email', 'Phone', 'City', 'Spend', 'Joined', 'Notes', 'Double'];

/** 40 customers: untidy names and e-mails, phones in every format, gaps, duplicates. */
export function customerRows(): Cell[][] {
  const first = ['ann', 'BOB', 'Cy', 'dana', 'Eve', 'FRANK', 'gus', 'Hana', 'ivan', 'JO'];
  const last = ['lee', 'STONE', 'Young', 'ross', 'Wu', 'TAN', 'park', 'Diaz', 'kim', 'NG', 'Okafor', 'PATEL', 'quinn', 'Reyes', 'SATO', 'tran', 'Ueda', 'VEGA', 'walsh', 'Xu'];
  const cities = ['Springfield', 'Shelbyville', 'Ogdenville', 'N/A', 'Capital City'];
  const rows: Cell[][] = [];
  for (let i = 1; i <= 40; i++) {
    // Different people: 40 distinct names (the duplicates are added below, on purpose).
    const f = first[i % 10];
    const l = last[(i * 3 + Math.floor(i / 10)) % 20];
    const ref = `R${String(i).padStart(3, '0')}`;
    const phone = i % 4 === 0 ? `(415) 555-${String(1000 + i)}` : i % 4 === 1 ? `+1 415 555 ${1000 + i}` : i % 4 === 2 ? `415.555.${1000 + i}` : '';
    const email = i % 5 === 0 ? `  ${f}.${l}@Example.COM ` : `${f.toLowerCase()}.${l.toLowerCase()}${i}@example.com`;
    const spend = i % 6 === 0 ? '' : i % 7 === 0 ? `$${(i * 37).toLocaleString('en-US')}.50` : i * 11;
    rows.push([ref, `${f} ${l}`, email, phone, cities[i % 5], spend, `2024-0${1 + (i % 9)}-1${i % 9}`, i % 8 === 0 ? 'call back' : '', '']);
  }
  // Duplicates: the same person typed again (another case, phone format, a nickname).
  const copy = (ref: string, of: number, name: string, email: (e: string) => string, phone: string): Cell[] => {
    const r = rows[of - 1];
    return [ref, name, email(String(r[2])), phone || r[3], r[4], '', r[6], `same as R${String(of).padStart(3, '0')}?`, ''];
  };
  rows.push(copy('R041', 11, String(rows[10][1]).toUpperCase(), (e) => e.trim().toUpperCase(), ''));
  rows.push(copy('R042', 2, String(rows[1][1]).toLowerCase(), (e) => e, '415 555 1002'));
  rows.push(copy('R043', 23, String(rows[22][1]).toUpperCase(), (e) => e.toUpperCase(), String(rows[22][3]).replace(/\D/g, '')));
  return rows;
}

/** The sheet as a user would have it: typed values, a formula column, bold, notes, colours, formats. */
export function decorate(rt: Runtime): void {
  const s = rt.sheet(SHEET);
  const n = customerRows().length;
  for (let r = 2; r <= n + 1; r += 3) s.getRange(r, 9).setFormula(`=F${r}*2`);
  s.getRange(1, 1, 1, HEADER.length).setFontWeight('bold').setBackground('#cfe2f3');
  s.getRange(3, 2).setFontWeight('bold').setFontColor('#cc0000');
  s.getRange(5, 8).setNote('VIP: call before shipping');
  s.getRange(7, 1, 1, 5).setBackground('#d9ead3');
  s.getRange(2, 6, n, 1).setNumberFormat('#,##0.00');
  s.getRange(9, 3).setNote('asked for no newsletter');
}

export function customerRuntime(opts: Parameters<typeof newRuntime>[0] = {}, rows: Cell[][] = customerRows()): Runtime {
  const rt = newRuntime(opts);
  rt.fillSheet(SHEET, [HEADER, ...rows]);
  decorate(rt);
  return rt;
}

export const FLAG = { mode: 'flag', region: 'US', inPlace: true, k: 'auto' } as const;
export const MERGE = { mode: 'merge', region: 'US', inPlace: true, k: 'auto' } as const;

export function call<T = unknown>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(`${fn}: ${ex.error.text}`);
  return ex.result as T;
}

/** Runs CDM to the end (continuing across executions if it checkpoints). */
export function runToEnd(rt: Runtime, options: object): { runId: string; done: boolean; summary: { messages: string[]; duplicatesMerged: number; cellsImputed: number } } {
  let p = call<{ runId: string; done: boolean; summary: never }>(rt, 'startRun', options);
  for (let i = 0; i < 20 && !p.done; i++) p = call(rt, 'continueRun', p.runId);
  if (!p.done) throw new Error('the run did not finish');
  return p;
}

export interface UndoResult {
  restored: boolean;
  message: string;
  keptCount: number;
  kept: Array<{ a1: string; column: string; cdm: string; now: string }>;
  restoredCells: number;
  missingRows: number;
}

/** The sheet row holding a Ref (host side, as the user sees it). */
export function rowOf(rt: Runtime, ref: string): number {
  const values = rt.sheetValues(SHEET);
  const i = values.findIndex((r) => r[0] === ref);
  if (i < 0) throw new Error(`${ref} is not in the sheet`);
  return i + 1;
}

export const col = (name: string): number => HEADER.indexOf(name) + 1;

/** The differences between the twin and the sheet after undo, beyond CDM's own records. */
export function differencesFromTwin(rt: Runtime, twin: Runtime, allow: Allowed[] = []): string[] {
  const records: Allowed[] = [{ sheet: /^CDM Audit/, why: 'the audit keeps the run and logs the undo' }, ...allow];
  return diffWorkbooks(captureWorkbook(twin), captureWorkbook(rt), records).map((d) => d.text);
}

export function expectLikeTwin(rt: Runtime, twin: Runtime, allow: Allowed[] = []): void {
  const diffs = differencesFromTwin(rt, twin, allow);
  if (diffs.length) throw new Error(`${diffs.length} differences from the twin:\n${formatDifferences(diffs.map((text) => ({ text }) as never))}`);
}

/** Both runtimes, the same sheet. */
export function twins(opts: Parameters<typeof newRuntime>[0] = {}, rows?: Cell[][]): [Runtime, Runtime] {
  return [customerRuntime(opts, rows), customerRuntime(opts, rows)];
}

/** One time-budget'd step per execution (the run spans executions and checkpoints). */
export function stepwise(rt: Runtime): void {
  rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1');
}
