/**
 * Shared set-up of the formula hostile cases: the built dist/Code.js in the local runtime, a
 * formula typed into a cell and evaluated as Sheets does (custom-function mode, the calling
 * cell active), and the whole spreadsheet compared before and after — a formula never writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime, type Runtime } from '../../runtime/index';

const code = fs.readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');

export function runtimeWith(sheets: Record<string, unknown[][]>, opts: { locale?: string; now?: number } = {}): Runtime {
  const rt = createRuntime({ code, locale: opts.locale ?? 'en_US', timeZone: 'Etc/UTC', now: opts.now ?? Date.UTC(2025, 5, 30, 9) });
  for (const [name, rows] of Object.entries(sheets)) rt.fillSheet(name, rows, { raw: true });
  return rt;
}

export interface Evaluation { result?: unknown; error?: string; unchanged: boolean }

/**
 * Types `formula` into `cell` (e.g. 'Data!H2') and evaluates it with `args` (what Sheets would
 * pass for the formula's arguments: use rt.rangeArg for references). `unchanged` says whether
 * every sheet (values, formulas, notes, formats) is exactly as before the evaluation.
 */
export function evaluate(rt: Runtime, cell: string, formula: string, ...args: unknown[]): Evaluation {
  const name = /^=\s*([A-Z_]+)\(/i.exec(formula)?.[1];
  if (!name) throw new Error(`not a formula call: ${formula}`);
  const range = rt.spreadsheet.getRange(cell);
  range.setFormula(formula);
  rt.spreadsheet.setActiveRange(range);
  const before = rt.spreadsheet.getSheets().map((s) => rt.snapshot(s.getName()));
  const ex = rt.customFunction(name, ...args);
  const after = rt.spreadsheet.getSheets().map((s) => rt.snapshot(s.getName()));
  return { result: ex.result, error: ex.error?.message, unchanged: JSON.stringify(before) === JSON.stringify(after) };
}
